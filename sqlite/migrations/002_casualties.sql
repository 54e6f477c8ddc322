-- One row per casualty count, for fatality series by place and period.
CREATE TABLE casualties (
	article    INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
	idx        INTEGER NOT NULL,
	kind       TEXT NOT NULL,
	best       INTEGER NOT NULL,
	low        INTEGER NOT NULL,
	high       INTEGER,
	day        TEXT,
	country    TEXT,
	place      TEXT,
	lat        REAL,
	lon        REAL,
	background INTEGER NOT NULL DEFAULT 0,
	part_of    INTEGER,
	PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE INDEX casualties_day ON casualties(kind, day);

-- Articles stored before this migration keep their casualties in the
-- record JSON; copy them out.
INSERT INTO casualties (article, idx, kind, best, low, high, day, country, place, lat, lon, background, part_of)
SELECT a.rowid, CAST(c.key AS INTEGER),
	json_extract(c.value, '$.kind'), json_extract(c.value, '$.count.best'), json_extract(c.value, '$.count.low'),
	json_extract(c.value, '$.count.high'),
	coalesce(json_extract(c.value, '$.date.start_date'), a.published),
	json_extract(c.value, '$.place.country'), json_extract(c.value, '$.place.name'),
	json_extract(c.value, '$.place.lat'), json_extract(c.value, '$.place.lon'),
	coalesce(json_extract(c.value, '$.background'), 0), json_extract(c.value, '$.part_of')
FROM articles a, json_each(a.record, '$.casualties') c;
