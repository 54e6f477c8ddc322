-- Each event's JSON moves to a table of its own, so that the events table
-- holds only the short columns that filters, sorts and aggregates read:
-- scanning it for a series or the map no longer reads every event whole.
-- Indexes that cover the map's and the series' columns replace two
-- narrower ones.
CREATE TABLE event_docs (
	article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
	idx     INTEGER NOT NULL,
	json    TEXT NOT NULL,
	PRIMARY KEY (article, idx)
) WITHOUT ROWID;
INSERT INTO event_docs (article, idx, json) SELECT article, idx, json FROM events;
ALTER TABLE events DROP COLUMN json;
DROP INDEX events_day;
CREATE INDEX events_day ON events(day, article, idx, goldstein);
DROP INDEX events_place;
CREATE INDEX events_place ON events(place_name, place_country, lat, lon, precision);
