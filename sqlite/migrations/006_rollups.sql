-- Rollups: aggregates of the events and casualties that storing keeps up
-- to date, for series, facets, actors, the map and stats (see package
-- sqlstore, rollup.go). Missing values are ''. A store older than them
-- has them built when it is first opened (rollup_state.built = 0 until
-- then); `sitrep store rollup --rebuild` rebuilds them.
CREATE TABLE rollup_events (
	day            TEXT NOT NULL,
	root           TEXT NOT NULL,
	quad           INTEGER NOT NULL,
	modality       TEXT NOT NULL,
	source_code    TEXT NOT NULL,
	source_country TEXT NOT NULL,
	target_code    TEXT NOT NULL,
	target_country TEXT NOT NULL,
	place_country  TEXT NOT NULL,
	place_name     TEXT NOT NULL,
	n              INTEGER NOT NULL,
	goldstein      REAL NOT NULL,
	geo_n          INTEGER NOT NULL,
	lat_sum        REAL NOT NULL,
	lon_sum        REAL NOT NULL,
	precision      TEXT NOT NULL,
	PRIMARY KEY (day, root, quad, modality, source_code, source_country, target_code, target_country, place_country, place_name)
) WITHOUT ROWID;
CREATE TABLE rollup_days (
	day            TEXT NOT NULL,
	root           TEXT NOT NULL,
	quad           INTEGER NOT NULL,
	modality       TEXT NOT NULL,
	source_country TEXT NOT NULL,
	target_country TEXT NOT NULL,
	place_country  TEXT NOT NULL,
	n              INTEGER NOT NULL,
	goldstein      REAL NOT NULL,
	PRIMARY KEY (day, root, quad, modality, source_country, target_country, place_country)
) WITHOUT ROWID;
CREATE TABLE rollup_deaths (
	day     TEXT NOT NULL,
	country TEXT NOT NULL,
	place   TEXT NOT NULL,
	best    INTEGER NOT NULL,
	low     INTEGER NOT NULL,
	high    INTEGER NOT NULL,
	lat_sum REAL NOT NULL,
	lon_sum REAL NOT NULL,
	lat_n   INTEGER NOT NULL,
	PRIMARY KEY (day, country, place)
) WITHOUT ROWID;
CREATE TABLE rollup_state (built INTEGER NOT NULL);
INSERT INTO rollup_state (built) VALUES (0);
