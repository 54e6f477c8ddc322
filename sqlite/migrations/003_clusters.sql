-- Clusters: the mentions of one real-world event across reports. An event
-- joins the cluster with the same source, target, CAMEO root and country
-- whose days it falls within (give or take the merge window); counts of
-- mentions, articles and sources follow GDELT's.
CREATE TABLE clusters (
	id          INTEGER PRIMARY KEY,
	source_code TEXT NOT NULL DEFAULT '',
	target_code TEXT NOT NULL DEFAULT '',
	root        TEXT NOT NULL,
	country     TEXT NOT NULL DEFAULT '',
	day_start   TEXT NOT NULL,
	day_end     TEXT NOT NULL,
	mentions    INTEGER NOT NULL DEFAULT 0,
	articles    INTEGER NOT NULL DEFAULT 0,
	sources     INTEGER NOT NULL DEFAULT 0,
	goldstein   REAL NOT NULL DEFAULT 0
);
CREATE INDEX clusters_key ON clusters(source_code, target_code, root, country, day_start);
ALTER TABLE events ADD COLUMN cluster INTEGER REFERENCES clusters(id);
CREATE INDEX events_cluster ON events(cluster);
