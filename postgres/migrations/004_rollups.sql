-- Rollups: aggregates of the events and casualties that storing keeps up
-- to date, each with only the columns its views need (see package
-- sqlstore, rollup.go). Missing values are ''. A store older than them has
-- them built when it is first opened (rollup_state.built is 0 until then);
-- `sitrep store rollup --rebuild` rebuilds them.
CREATE TABLE rollup_day (
	day       TEXT NOT NULL,
	root      TEXT NOT NULL,
	quad      INTEGER NOT NULL,
	modality  TEXT NOT NULL,
	n         BIGINT NOT NULL,
	goldstein DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (day, root, quad, modality)
);
CREATE TABLE rollup_country_day (
	country   TEXT NOT NULL,
	day       TEXT NOT NULL,
	root      TEXT NOT NULL,
	quad      INTEGER NOT NULL,
	modality  TEXT NOT NULL,
	n         BIGINT NOT NULL,
	goldstein DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (country, day, root, quad, modality)
);
CREATE TABLE rollup_month (
	month     TEXT NOT NULL,
	root      TEXT NOT NULL,
	quad      INTEGER NOT NULL,
	modality  TEXT NOT NULL,
	country   TEXT NOT NULL,
	n         BIGINT NOT NULL,
	goldstein DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (month, root, quad, modality, country)
);
CREATE TABLE rollup_actor_month (
	month    TEXT NOT NULL,
	code     TEXT NOT NULL,
	root     TEXT NOT NULL,
	quad     INTEGER NOT NULL,
	modality TEXT NOT NULL,
	n        BIGINT NOT NULL,
	PRIMARY KEY (month, code, root, quad, modality)
);
CREATE TABLE rollup_place_month (
	month         TEXT NOT NULL,
	place_name    TEXT NOT NULL,
	place_country TEXT NOT NULL,
	root          TEXT NOT NULL,
	quad          INTEGER NOT NULL,
	modality      TEXT NOT NULL,
	n             BIGINT NOT NULL,
	lat_sum       DOUBLE PRECISION NOT NULL,
	lon_sum       DOUBLE PRECISION NOT NULL,
	precision     TEXT NOT NULL,
	PRIMARY KEY (month, place_name, place_country, root, quad, modality)
);
CREATE TABLE rollup_deaths (
	day     TEXT NOT NULL,
	country TEXT NOT NULL,
	place   TEXT NOT NULL,
	best    BIGINT NOT NULL,
	low     BIGINT NOT NULL,
	high    BIGINT NOT NULL,
	lat_sum DOUBLE PRECISION NOT NULL,
	lon_sum DOUBLE PRECISION NOT NULL,
	lat_n   BIGINT NOT NULL,
	PRIMARY KEY (day, country, place)
);
CREATE TABLE rollup_state (built INTEGER NOT NULL);
INSERT INTO rollup_state (built) VALUES (0);
