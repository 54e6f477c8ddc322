-- Articles, one row each, identified by id, URL and text hash: a second
-- article matching any of the three is the same article and is not stored.
-- record holds the full coded record as JSON, without the article text,
-- which lives in the text column once.
CREATE TABLE articles (
	rowid      INTEGER PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE,
	url        TEXT UNIQUE,
	sha256     TEXT NOT NULL UNIQUE,
	title      TEXT NOT NULL DEFAULT '',
	source     TEXT NOT NULL DEFAULT '',
	published  TEXT,
	lang       TEXT NOT NULL DEFAULT '',
	origin     TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	ingested   TEXT NOT NULL,
	n_events     INTEGER NOT NULL DEFAULT 0,
	n_casualties INTEGER NOT NULL DEFAULT 0,
	n_quotes     INTEGER NOT NULL DEFAULT 0,
	record     TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);

-- One row per coded event, for filtering; the event itself is kept whole in
-- the json column.
CREATE TABLE events (
	article        INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
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
	goldstein      REAL NOT NULL,
	modality       TEXT NOT NULL,
	place_country  TEXT,
	json           TEXT NOT NULL,
	PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE INDEX events_day ON events(day);
CREATE INDEX events_root ON events(root, day);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_source ON events(source_code);
CREATE INDEX events_target ON events(target_code);

-- Full-text search over titles and texts.
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
