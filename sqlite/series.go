package sqlite

import (
	"context"
	"fmt"

	"sitrep"
)

// periodExpr returns SQL for the period of a day column.
func periodExpr(by, col string) (string, error) {
	switch by {
	case "day", "":
		return col, nil
	case "week":
		return "strftime('%Y-W%W', " + col + ")", nil
	case "month":
		return "substr(" + col + ", 1, 7)", nil
	case "year":
		return "substr(" + col + ", 1, 4)", nil
	}
	return "", fmt.Errorf("series: by %q: want day, week, month or year", by)
}

// Series counts events (and their mean Goldstein value) or fatalities per
// period and group. Fatalities add up the best, low and high figures of
// counts of people killed that are neither background nor part of a larger
// count; several reports of one place and day count once (see
// fatalitySeries).
func (s *Store) Series(ctx context.Context, q sitrep.SeriesQuery) ([]sitrep.SeriesPoint, error) {
	switch q.Metric {
	case "", "events":
		return s.eventSeries(ctx, q)
	case "fatalities":
		return s.fatalitySeries(ctx, q)
	}
	return nil, fmt.Errorf("series: metric %q: want events or fatalities", q.Metric)
}

func (s *Store) eventSeries(ctx context.Context, q sitrep.SeriesQuery) ([]sitrep.SeriesPoint, error) {
	period, err := periodExpr(q.By, "e.day")
	if err != nil {
		return nil, err
	}
	var group string
	switch q.Group {
	case "":
		group = "''"
	case "country":
		group = "coalesce(e.place_country, e.source_country, '')"
	case "actor":
		group = "coalesce(e.source_code, '')"
	case "root":
		group = "e.root"
	case "quad":
		group = "CAST(e.quad AS TEXT)"
	default:
		return nil, fmt.Errorf("series: group %q: want country, actor, root, quad or none", q.Group)
	}
	c := &clause{}
	c.add("e.day IS NOT NULL")
	dayRange(c, q.Filter, "e.day")
	eventConds(c, q.Filter)
	if err := s.textCond(c, q.Filter, "e.article"); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+period+`, `+group+`, count(*), avg(e.goldstein)
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
		out = append(out, p)
	}
	return out, rows.Err()
}

func (s *Store) fatalitySeries(ctx context.Context, q sitrep.SeriesQuery) ([]sitrep.SeriesPoint, error) {
	// The outer query reads the incident table below: columns day,
	// country and place.
	period, err := periodExpr(q.By, "day")
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
		return nil, fmt.Errorf("series: fatalities group %q: want country, place or none", q.Group)
	}
	cl := &clause{}
	cl.add("c.kind = 'killed'")
	cl.add("c.part_of IS NULL")
	cl.add("c.background = 0")
	cl.add("c.day IS NOT NULL")
	dayRange(cl, q.Filter, "c.day")
	if q.Filter.Country != "" {
		cl.add("c.country = ?", q.Filter.Country)
	}
	if err := s.textCond(cl, q.Filter, "c.article"); err != nil {
		return nil, err
	}
	// Reports of deaths at one place on one day are one incident: figures
	// add up within an article, but across articles the incident keeps the
	// highest best figure, the lowest low and the highest high; they are
	// never summed.
	rows, err := s.db.QueryContext(ctx, `WITH per AS (
			SELECT c.article, c.day, coalesce(c.country, '') AS country, coalesce(c.place, '') AS place,
				sum(c.best) AS b, sum(c.low) AS l, sum(coalesce(c.high, c.best)) AS h
			FROM casualties c`+cl.sql()+` GROUP BY c.article, c.day, 3, 4),
		inc AS (SELECT day, country, place, max(b) AS b, min(l) AS l, max(h) AS h FROM per GROUP BY day, country, place)
		SELECT `+period+`, `+group+`, sum(b), sum(l), sum(h)
		FROM inc GROUP BY 1, 2 ORDER BY 1, 2`, cl.args...)
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
