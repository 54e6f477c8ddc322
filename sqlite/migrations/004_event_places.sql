-- Events carry their place (name, coordinates, precision) and the news
-- source of their article, for the map, the outlet filter and merged
-- events' source counts without reading the JSON.
ALTER TABLE events ADD COLUMN place_name TEXT;
ALTER TABLE events ADD COLUMN lat REAL;
ALTER TABLE events ADD COLUMN lon REAL;
ALTER TABLE events ADD COLUMN precision TEXT;
ALTER TABLE events ADD COLUMN outlet TEXT NOT NULL DEFAULT '';
UPDATE events SET
	place_name = json_extract(json, '$.place.name'),
	lat = CASE WHEN json_extract(json, '$.place.lat') != 0 OR json_extract(json, '$.place.lon') != 0 THEN json_extract(json, '$.place.lat') END,
	lon = CASE WHEN json_extract(json, '$.place.lat') != 0 OR json_extract(json, '$.place.lon') != 0 THEN json_extract(json, '$.place.lon') END,
	precision = json_extract(json, '$.place.precision'),
	outlet = (SELECT source FROM articles a WHERE a.rowid = events.article);
CREATE INDEX events_place ON events(place_name, place_country);
CREATE INDEX events_outlet ON events(outlet);
