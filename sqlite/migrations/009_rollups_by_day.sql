-- Per-day rollups by country, actor code and place, so that the country
-- and actors facets, series by country and the map answer a day range that
-- is not whole months from aggregates too. Built on the next open.
CREATE TABLE roll_day_country (
	day TEXT NOT NULL,
	country TEXT NOT NULL,
	n INTEGER NOT NULL,
	goldstein REAL NOT NULL,
	PRIMARY KEY (day, country)
) WITHOUT ROWID;
CREATE TABLE roll_day_actor (
	day TEXT NOT NULL,
	code TEXT NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (day, code)
) WITHOUT ROWID;
CREATE TABLE roll_day_place (
	day TEXT NOT NULL,
	place_name TEXT NOT NULL,
	place_country TEXT NOT NULL,
	n INTEGER NOT NULL,
	lat_sum REAL NOT NULL,
	lon_sum REAL NOT NULL,
	precision TEXT NOT NULL,
	PRIMARY KEY (day, place_name, place_country)
) WITHOUT ROWID;
UPDATE roll_state SET built = 0;
