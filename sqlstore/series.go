package sqlstore

import (
	"context"
	"fmt"

	"sitrep"
)

// periodExpr returns SQL for the period of a YYYY-MM-DD text column.
func (s *Store) periodExpr(by, col string) (string, error) {
	switch by {
	case "day", "":
		return col, nil
	case "week":
		return fmt.Sprintf(s.d.Week, col), nil
	case "month":
		return "substr(" + col + ", 1, 7)", nil
	case "year":
		return "substr(" + col + ", 1, 4)", nil
	}
	return "", badQuery("series: by %q: want day, week, month or year", by)
}

// Series counts events (and their mean Goldstein value) or fatalities per
// period and group. Fatalities add up the best, low and high figures of
// counts of people killed that are neither background nor part of a larger
// count; several reports of one place and day count once (see incidents).
func (s *Store) Series(ctx context.Context, q sitrep.SeriesQuery) ([]sitrep.SeriesPoint, error) {
	switch q.Metric {
	case "", "events", "clusters":
		return s.eventSeries(ctx, q)
	case "fatalities":
		return s.fatalitySeries(ctx, q)
	}
	return nil, badQuery("series: metric %q: want events, clusters or fatalities", q.Metric)
}

var eventGroups = map[string]string{
	"":        "''",
	"country": "coalesce(e.place_country, e.source_country, '')",
	"actor":   "coalesce(e.source_code, '')",
	"root":    "e.root",
	"quad":    "CAST(e.quad AS TEXT)",
}

func (s *Store) eventSeries(ctx context.Context, q sitrep.SeriesQuery) ([]sitrep.SeriesPoint, error) {
	period, err := s.periodExpr(q.By, "e.day")
	if err != nil {
		return nil, err
	}
	group, ok := eventGroups[q.Group]
	if !ok {
		return nil, badQuery("series: group %q: want country, actor, root, quad or none", q.Group)
	}
	c, err := s.eventClause(q.Filter)
	if err != nil {
		return nil, err
	}
	c.add("e.day IS NOT NULL")
	count := "count(*)"
	if q.Metric == "clusters" {
		count = "count(DISTINCT e.cluster)"
	}
	rows, err := s.x().query(ctx, `SELECT `+period+`, `+group+`, `+count+`, avg(e.goldstein)
		FROM events e`+c.sql()+` GROUP BY 1, 2 ORDER BY 1, 2`, c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.SeriesPoint
	for rows.Next() {
		var p sitrep.SeriesPoint
		if err := rows.Scan(&p.Period, &p.Group, &p.Events, &p.Goldstein); err != nil {
			return nil, err
		}
		if q.Metric == "clusters" {
			p.Clusters, p.Events = p.Events, 0
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// incidents returns a WITH clause defining the table inc (day, country,
// place, lat, lon, b, l, h) of fatal incidents that f selects. Reports of
// deaths at one place on one day are one incident: figures add up within
// an article, but across articles the incident keeps the highest best
// figure, the lowest low and the highest high; they are never summed.
func (s *Store) incidents(f sitrep.Filter) (string, []any, error) {
	cl := &clause{}
	cl.add("c.kind = 'killed'")
	cl.add("c.part_of IS NULL")
	cl.add("c.background = 0")
	cl.add("c.day IS NOT NULL")
	dayRange(cl, f, "c.day")
	if f.Country != "" {
		cl.add("c.country = ?", f.Country)
	}
	if f.Outlet != "" {
		cl.add("c.article IN (SELECT rowid FROM articles WHERE source = ?)", f.Outlet)
	}
	if f.Place != "" {
		cl.add("c.place = ?", f.Place)
	}
	if err := s.textCond(cl, f, "c.article"); err != nil {
		return "", nil, err
	}
	return `WITH per AS (
			SELECT c.article, c.day, coalesce(c.country, '') AS country, coalesce(c.place, '') AS place,
				avg(c.lat) AS lat, avg(c.lon) AS lon,
				sum(c.best) AS b, sum(c.low) AS l, sum(coalesce(c.high, c.best)) AS h
			FROM casualties c` + cl.sql() + ` GROUP BY c.article, c.day, 3, 4),
		inc AS (SELECT day, country, place, avg(lat) AS lat, avg(lon) AS lon, max(b) AS b, min(l) AS l, max(h) AS h
			FROM per GROUP BY day, country, place) `, cl.args, nil
}

func (s *Store) fatalitySeries(ctx context.Context, q sitrep.SeriesQuery) ([]sitrep.SeriesPoint, error) {
	period, err := s.periodExpr(q.By, "day")
	if err != nil {
		return nil, err
	}
	var group string
	switch q.Group {
	case "":
		group = "''"
	case "country", "place":
		group = q.Group
	default:
		return nil, badQuery("series: fatalities group %q: want country, place or none", q.Group)
	}
	with, args, err := s.incidents(q.Filter)
	if err != nil {
		return nil, err
	}
	rows, err := s.x().query(ctx, with+`SELECT `+period+`, `+group+`,
		CAST(sum(b) AS BIGINT), CAST(sum(l) AS BIGINT), CAST(sum(h) AS BIGINT)
		FROM inc GROUP BY 1, 2 ORDER BY 1, 2`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.SeriesPoint
	for rows.Next() {
		var p sitrep.SeriesPoint
		if err := rows.Scan(&p.Period, &p.Group, &p.Killed, &p.KilledLow, &p.KilledHigh); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// placeFatalities sums the fatal incidents f selects per place.
func (s *Store) placeFatalities(ctx context.Context, f sitrep.Filter) ([]sitrep.PlaceCount, error) {
	with, args, err := s.incidents(f)
	if err != nil {
		return nil, err
	}
	rows, err := s.x().query(ctx, with+`SELECT place, country, avg(lat), avg(lon), CAST(sum(b) AS BIGINT)
		FROM inc WHERE place != '' AND lat IS NOT NULL GROUP BY place, country`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.PlaceCount
	for rows.Next() {
		var p sitrep.PlaceCount
		if err := rows.Scan(&p.Name, &p.Country, &p.Lat, &p.Lon, &p.Killed); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
