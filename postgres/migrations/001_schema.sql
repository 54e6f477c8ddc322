-- sitrep's schema on PostgreSQL: the same tables and columns as the SQLite
-- store after its migrations, so that one set of queries serves both.

-- Articles, one row each, identified by id, URL and text hash: a second
-- article matching any of the three is the same article and is not stored.
CREATE TABLE articles (
	rowid        BIGSERIAL PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	url          TEXT UNIQUE,
	sha256       TEXT NOT NULL UNIQUE,
	title        TEXT NOT NULL DEFAULT '',
	source       TEXT NOT NULL DEFAULT '',
	published    TEXT,
	lang         TEXT NOT NULL DEFAULT '',
	origin       TEXT NOT NULL DEFAULT '',
	text         TEXT NOT NULL,
	ingested     TEXT NOT NULL,
	n_events     INTEGER NOT NULL DEFAULT 0,
	n_casualties INTEGER NOT NULL DEFAULT 0,
	n_quotes     INTEGER NOT NULL DEFAULT 0,
	record       TEXT NOT NULL,
	-- Full-text search over title and text, words as they are written.
	tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || text)) STORED
);
CREATE INDEX articles_published ON articles(published NULLS FIRST);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

-- Merged events: the mentions of one real-world event across reports.
CREATE TABLE clusters (
	id          BIGSERIAL PRIMARY KEY,
	source_code TEXT NOT NULL DEFAULT '',
	target_code TEXT NOT NULL DEFAULT '',
	root        TEXT NOT NULL,
	country     TEXT NOT NULL DEFAULT '',
	day_start   TEXT NOT NULL,
	day_end     TEXT NOT NULL,
	mentions    INTEGER NOT NULL DEFAULT 0,
	articles    INTEGER NOT NULL DEFAULT 0,
	sources     INTEGER NOT NULL DEFAULT 0,
	goldstein   DOUBLE PRECISION NOT NULL DEFAULT 0
);
CREATE INDEX clusters_key ON clusters(source_code, target_code, root, country, day_start);
CREATE INDEX clusters_mentions ON clusters(mentions DESC);

-- One row per coded event, for filtering; the event itself is kept whole
-- in the json column.
CREATE TABLE events (
	article        BIGINT NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
	idx            INTEGER NOT NULL,
	id             TEXT NOT NULL,
	day            TEXT,
	source_code    TEXT,
	source_country TEXT,
	target_code    TEXT,
	target_country TEXT,
	cameo          TEXT NOT NULL,
	root           TEXT NOT NULL,
	quad           INTEGER NOT NULL,
	goldstein      DOUBLE PRECISION NOT NULL,
	modality       TEXT NOT NULL,
	place_country  TEXT,
	json           TEXT NOT NULL,
	cluster        BIGINT REFERENCES clusters(id),
	place_name     TEXT,
	lat            DOUBLE PRECISION,
	lon            DOUBLE PRECISION,
	precision      TEXT,
	outlet         TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (article, idx)
);
CREATE INDEX events_day ON events(day NULLS FIRST);
CREATE INDEX events_root ON events(root, day NULLS FIRST);
CREATE INDEX events_cameo ON events(cameo text_pattern_ops);
CREATE INDEX events_source ON events(source_code text_pattern_ops);
CREATE INDEX events_target ON events(target_code text_pattern_ops);
CREATE INDEX events_cluster ON events(cluster);
CREATE INDEX events_unmerged ON events(day) WHERE cluster IS NULL;
CREATE INDEX events_place ON events(place_name, place_country);
CREATE INDEX events_outlet ON events(outlet);

-- One row per casualty count, for fatality series by place and period.
CREATE TABLE casualties (
	article    BIGINT NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
	idx        INTEGER NOT NULL,
	kind       TEXT NOT NULL,
	best       INTEGER NOT NULL,
	low        INTEGER NOT NULL,
	high       INTEGER,
	day        TEXT,
	country    TEXT,
	place      TEXT,
	lat        DOUBLE PRECISION,
	lon        DOUBLE PRECISION,
	background INTEGER NOT NULL DEFAULT 0,
	part_of    INTEGER,
	PRIMARY KEY (article, idx)
);
CREATE INDEX casualties_day ON casualties(kind, day);
