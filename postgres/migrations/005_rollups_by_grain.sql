-- Rollups, reshaped: each counts events by a few columns at one grain
-- (per day, per month or over all time), so that a query reads the
-- smallest one that has the columns it needs (see package sqlstore,
-- rollup.go). They replace the rollups of the migration before, which are
-- dropped; a store that had those has these built when it is next opened
-- (roll_state.built is 0 until then), as one older than both does.
-- `sitrep store rollup --rebuild` rebuilds them. Missing values are ''.

DROP TABLE IF EXISTS rollup_events;
DROP TABLE IF EXISTS rollup_days;
DROP TABLE IF EXISTS rollup_day;
DROP TABLE IF EXISTS rollup_country_day;
DROP TABLE IF EXISTS rollup_month;
DROP TABLE IF EXISTS rollup_actor_month;
DROP TABLE IF EXISTS rollup_place_month;
DROP TABLE IF EXISTS rollup_deaths;
DROP TABLE IF EXISTS rollup_state;
CREATE TABLE roll_all_place (
	place_name TEXT NOT NULL,
	place_country TEXT NOT NULL,
	n BIGINT NOT NULL,
	lat_sum DOUBLE PRECISION NOT NULL,
	lon_sum DOUBLE PRECISION NOT NULL,
	precision TEXT NOT NULL,
	PRIMARY KEY (place_name, place_country)
);
CREATE TABLE roll_all_actor (
	code TEXT NOT NULL,
	n BIGINT NOT NULL,
	PRIMARY KEY (code)
);
CREATE TABLE roll_day (
	day TEXT NOT NULL,
	n BIGINT NOT NULL,
	goldstein DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (day)
);
CREATE TABLE roll_month_root (
	month TEXT NOT NULL,
	root TEXT NOT NULL,
	quad INTEGER NOT NULL,
	modality TEXT NOT NULL,
	n BIGINT NOT NULL,
	goldstein DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (month, root, quad, modality)
);
CREATE TABLE roll_month_country (
	month TEXT NOT NULL,
	country TEXT NOT NULL,
	n BIGINT NOT NULL,
	goldstein DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (month, country)
);
CREATE TABLE roll_month_actor (
	month TEXT NOT NULL,
	code TEXT NOT NULL,
	n BIGINT NOT NULL,
	PRIMARY KEY (month, code)
);
CREATE TABLE roll_month_place (
	month TEXT NOT NULL,
	place_name TEXT NOT NULL,
	place_country TEXT NOT NULL,
	n BIGINT NOT NULL,
	lat_sum DOUBLE PRECISION NOT NULL,
	lon_sum DOUBLE PRECISION NOT NULL,
	precision TEXT NOT NULL,
	PRIMARY KEY (month, place_name, place_country)
);
CREATE TABLE roll_day_root (
	day TEXT NOT NULL,
	root TEXT NOT NULL,
	quad INTEGER NOT NULL,
	modality TEXT NOT NULL,
	n BIGINT NOT NULL,
	goldstein DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (day, root, quad, modality)
);
CREATE TABLE roll_month_root_country (
	month TEXT NOT NULL,
	root TEXT NOT NULL,
	quad INTEGER NOT NULL,
	modality TEXT NOT NULL,
	country TEXT NOT NULL,
	n BIGINT NOT NULL,
	goldstein DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (month, root, quad, modality, country)
);
CREATE TABLE roll_month_root_actor (
	month TEXT NOT NULL,
	code TEXT NOT NULL,
	root TEXT NOT NULL,
	quad INTEGER NOT NULL,
	modality TEXT NOT NULL,
	n BIGINT NOT NULL,
	PRIMARY KEY (month, code, root, quad, modality)
);
CREATE TABLE roll_month_root_place (
	month TEXT NOT NULL,
	place_name TEXT NOT NULL,
	place_country TEXT NOT NULL,
	root TEXT NOT NULL,
	quad INTEGER NOT NULL,
	modality TEXT NOT NULL,
	n BIGINT NOT NULL,
	lat_sum DOUBLE PRECISION NOT NULL,
	lon_sum DOUBLE PRECISION NOT NULL,
	precision TEXT NOT NULL,
	PRIMARY KEY (month, place_name, place_country, root, quad, modality)
);
CREATE TABLE roll_day_cc (
	cc TEXT NOT NULL,
	day TEXT NOT NULL,
	root TEXT NOT NULL,
	quad INTEGER NOT NULL,
	modality TEXT NOT NULL,
	n BIGINT NOT NULL,
	goldstein DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (cc, day, root, quad, modality)
);
-- Fatal incidents per day, country and place: the highest best, the
-- lowest low and the highest high figure across reports (each report's
-- figures added up first), and the mean of the reports' coordinates.
CREATE TABLE roll_deaths (
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
CREATE TABLE roll_state (built INTEGER NOT NULL);
INSERT INTO roll_state (built) VALUES (0);
