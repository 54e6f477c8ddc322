package sqlstore

import (
	"context"
	"encoding/json"
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
	period, err := s.periodExpr(q.By, "d")
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
	if g, ok := rollGroups[q.Group]; ok && q.Metric != "clusters" {
		grain := "month"
		if q.By == "day" || q.By == "week" || q.By == "" {
			grain = "day"
		}
		var group []string
		if q.Group != "" {
			group = []string{q.Group}
		}
		if d, rc := s.rollFor(q.Filter, group, false, grain); d != nil {
			col := "r." + d.period
			rc.add(col + " != ''")
			period, _ := s.periodExpr(q.By, col)
			query := `SELECT ` + period + `, ` + g + `, CAST(sum(r.n) AS BIGINT), sum(r.goldstein) / sum(r.n)
			FROM ` + d.name + ` r` + rc.sql() + ` GROUP BY 1, 2 ORDER BY 1, 2`
			return s.scanSeries(ctx, s.pool(d), query, rc.args, q.Metric)
		}
	}
	c.add("e.day IS NOT NULL")
	query := `SELECT ` + period + `, g, count(*), avg(gs) FROM (
		SELECT e.day AS d, ` + group + ` AS g, e.goldstein AS gs FROM events e` + c.sql() + `) t GROUP BY 1, 2 ORDER BY 1, 2`
	f := q.Filter
	switch {
	case q.Metric == "clusters":
		query = `SELECT ` + period + `, g, count(DISTINCT cl), avg(gs) FROM (
			SELECT e.day AS d, ` + group + ` AS g, e.cluster AS cl, e.goldstein AS gs
			FROM events e` + c.sql() + `) t GROUP BY 1, 2 ORDER BY 1, 2`
	case q.Group == "" && f.Actor == "" && f.Country == "" && f.Cameo == "" && f.Quad == 0 && f.Modality == "" &&
		f.Outlet == "" && f.Place == "" && f.Query == "":
		// Over days alone, count per day along the day index first (no
		// sorting, no table reads), then per period: ten times faster on a
		// large store. With other conditions the table must be read anyway.
		query = `SELECT ` + period + `, '', CAST(sum(n) AS BIGINT), sum(gs) / sum(n) FROM (
			SELECT e.day AS d, count(*) AS n, sum(e.goldstein) AS gs
			FROM events e` + c.sql() + ` GROUP BY e.day) t GROUP BY 1, 2 ORDER BY 1, 2`
	}
	return s.scanSeries(ctx, s.h(), query, c.args, q.Metric)
}

// rollGroups are the eventGroups a rollup can give (actor codes are
// counted on both sides in the rollups; the series groups by source).
var rollGroups = map[string]string{
	"":        "''",
	"country": "r.country",
	"root":    "r.root",
	"quad":    "CAST(r.quad AS TEXT)",
}

// scanSeries reads a series of events or clusters.
func (s *Store) scanSeries(ctx context.Context, x dq, query string, args []any, metric string) ([]sitrep.SeriesPoint, error) {
	rows, err := x.query(ctx, query, args...)
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
		if metric == "clusters" {
			p.Clusters, p.Events = p.Events, 0
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// casualtyClause selects counts (alias c) of kind ("" for every kind) that
// are neither background nor part of a larger count, by f's day range,
// country, outlet, place and text.
func (s *Store) casualtyClause(f sitrep.Filter, kind string) (*clause, error) {
	cl := &clause{}
	if kind != "" {
		cl.add("c.kind = ?", kind)
	}
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
		return nil, err
	}
	return cl, nil
}

// perReport is the SQL of a table (article, kind, day, country, place,
// lat, lon, b, l, h): each report's figures for one kind, place and day,
// added up within the report.
const perReport = `SELECT c.article, c.kind, c.day, coalesce(c.country, '') AS country, coalesce(c.place, '') AS place,
		avg(c.lat) AS lat, avg(c.lon) AS lon,
		sum(c.best) AS b, sum(c.low) AS l, sum(coalesce(c.high, c.best)) AS h
	FROM casualties c`

// incidents returns a WITH clause defining the table inc (day, country,
// place, lat, lon, b, l, h) of fatal incidents that f selects. Reports of
// deaths at one place on one day are one incident: figures add up within
// an article, but across articles the incident keeps the highest best
// figure, the lowest low and the highest high; they are never summed.
func (s *Store) incidents(f sitrep.Filter) (string, []any, error) {
	cl, err := s.casualtyClause(f, "killed")
	if err != nil {
		return "", nil, err
	}
	return `WITH per AS (` + perReport + cl.sql() + ` GROUP BY c.article, c.kind, c.day, 4, 5),
		inc AS (SELECT day, country, place, avg(lat) AS lat, avg(lon) AS lon, max(b) AS b, min(l) AS l, max(h) AS h
			FROM per GROUP BY day, country, place) `, cl.args, nil
}

// Incidents lists counted human outcomes by incident (one kind, place and
// day), newest first: the figures kept across reports (highest best,
// lowest low, highest high; never a sum) and each report's own figures with
// who gave them.
func (s *Store) Incidents(ctx context.Context, f sitrep.Filter) ([]sitrep.Incident, error) {
	cl, err := s.casualtyClause(f, "")
	if err != nil {
		return nil, err
	}
	order, err := s.orderBy(f.Sort, "-day", map[string]string{
		"-day": "day DESC, b DESC, kind, place", "day": "day, b DESC, kind, place",
		"-best": "b DESC, day DESC, kind, place", "-reports": "n DESC, day DESC, kind, place",
	})
	if err != nil {
		return nil, err
	}
	with := `WITH per AS (` + perReport + cl.sql() + ` GROUP BY c.article, c.kind, c.day, 4, 5) `
	rows, err := s.h().query(ctx, with+`SELECT kind, day, country, place, CAST(max(b) AS BIGINT) AS b, CAST(min(l) AS BIGINT),
		CAST(max(h) AS BIGINT), count(*) AS n FROM per GROUP BY kind, day, country, place`+order+s.limitSQL(f), cl.args...)
	if err != nil {
		return nil, err
	}
	var out []sitrep.Incident
	for rows.Next() {
		var in sitrep.Incident
		var day string
		var n int
		if err := rows.Scan(&in.Kind, &day, &in.Country, &in.Place, &in.Best, &in.Low, &in.High, &n); err != nil {
			rows.Close()
			return nil, err
		}
		in.Day = sitrep.Date(day)
		out = append(out, in)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Each incident's reports, with who gave the figures (read from the
	// stored records).
	get, err := s.heavyDB().PrepareContext(ctx, s.d.rebind(`SELECT a.id, a.title, a.source, a.record, p.b, p.l, p.h
		FROM (`+perReport+` WHERE c.kind = ? AND c.day = ? AND coalesce(c.country, '') = ? AND coalesce(c.place, '') = ?
			AND c.part_of IS NULL AND c.background = 0 GROUP BY c.article, c.kind, c.day, 4, 5) p
		JOIN articles a ON a.rowid = p.article ORDER BY p.b DESC, a.rowid`))
	if err != nil {
		return nil, err
	}
	defer get.Close()
	for i := range out {
		in := &out[i]
		rows, err := get.QueryContext(ctx, in.Kind, string(in.Day), in.Country, in.Place)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var r sitrep.IncidentReport
			var blob []byte
			if err := rows.Scan(&r.ArticleID, &r.Title, &r.Outlet, &blob, &r.Best, &r.Low, &r.High); err != nil {
				rows.Close()
				return nil, err
			}
			r.ReportedBy = reporter(blob, in)
			in.Reports = append(in.Reports, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// reporter finds, in a stored record, who reported the incident's figure.
func reporter(blob []byte, in *sitrep.Incident) *sitrep.Actor {
	var r struct {
		Article    sitrep.Article    `json:"article"`
		Casualties []sitrep.Casualty `json:"casualties"`
	}
	if json.Unmarshal(blob, &r) != nil {
		return nil
	}
	for _, c := range r.Casualties {
		day := r.Article.Published
		if c.Date != nil && c.Date.StartDate != "" {
			day = c.Date.StartDate
		}
		place := ""
		if c.Place != nil {
			place = c.Place.Name
		}
		if c.Kind == in.Kind && day == in.Day && place == in.Place && c.ReportedBy != nil {
			return c.ReportedBy
		}
	}
	return nil
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
	query := with + `SELECT ` + period + `, ` + group + `,
		CAST(sum(b) AS BIGINT), CAST(sum(l) AS BIGINT), CAST(sum(h) AS BIGINT)
		FROM inc GROUP BY 1, 2 ORDER BY 1, 2`
	if s.deathsRollable(q.Filter) {
		c := deathsClause(q.Filter)
		period, _ = s.periodExpr(q.By, "r.day")
		if group != "''" {
			group = "r." + group
		}
		query = `SELECT ` + period + `, ` + group + `,
			CAST(sum(r.best) AS BIGINT), CAST(sum(r.low) AS BIGINT), CAST(sum(r.high) AS BIGINT)
			FROM roll_deaths r` + c.sql() + ` GROUP BY 1, 2 ORDER BY 1, 2`
		args = c.args
	}
	rows, err := s.h().query(ctx, query, args...)
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

// deathsClause is f as conditions on roll_deaths (alias r): its days,
// country and place, as casualtyClause reads them.
func deathsClause(f sitrep.Filter) *clause {
	c := &clause{}
	dayRange(c, f, "r.day")
	if f.Country != "" {
		c.add("r.country = ?", f.Country)
	}
	if f.Place != "" {
		c.add("r.place = ?", f.Place)
	}
	return c
}

// placeFatalities sums the fatal incidents f selects per place.
func (s *Store) placeFatalities(ctx context.Context, f sitrep.Filter) ([]sitrep.PlaceCount, error) {
	with, args, err := s.incidents(f)
	if err != nil {
		return nil, err
	}
	query := with + `SELECT place, country, avg(lat), avg(lon), CAST(sum(b) AS BIGINT)
		FROM inc WHERE place != '' AND lat IS NOT NULL GROUP BY place, country`
	if s.deathsRollable(f) {
		c := deathsClause(f)
		c.add("r.place != ''")
		c.add("r.lat_n > 0")
		query = `SELECT r.place, r.country, avg(r.lat_sum / r.lat_n), avg(r.lon_sum / r.lat_n), CAST(sum(r.best) AS BIGINT)
			FROM roll_deaths r` + c.sql() + ` GROUP BY r.place, r.country`
		args = c.args
	}
	rows, err := s.h().query(ctx, query, args...)
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
