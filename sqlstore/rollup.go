package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"sitrep"
)

// Rollups are aggregates of the detail tables kept up to date by Put, in
// the transaction that stores the records, so that series, facets, actors,
// the map and stats read a few summed rows instead of every event. Each
// holds only the columns its views need, so that it stays small however
// many distinct actors and places the events name:
//
//   - rollup_day: events per day, CAMEO root, QuadClass and modality, with
//     their Goldstein sum (stats; series over days, weeks, months, years,
//     in one series or by root or QuadClass; facets of root, QuadClass,
//     modality);
//   - rollup_country_day: the same per country an event involves (its
//     source's, its target's or its place's, each once), for the same
//     views under a country filter;
//   - rollup_month: events per month, root, QuadClass, modality and country
//     (the place's, else the source's), for the country facet and series
//     by country;
//   - rollup_actor_month: actor codes per month, root, QuadClass and
//     modality, each event counting once for its source and once for its
//     target, for the actors facet;
//   - rollup_place_month: events on the map per month, place, root,
//     QuadClass and modality, with their coordinates summed and highest
//     precision, for the map;
//   - rollup_deaths: fatal incidents per day, country and place, with the
//     figures kept across reports as Incidents keeps them (highest best,
//     lowest low, highest high; never a sum), for fatality series and the
//     map's deaths.
//
// Missing values are stored as '' (key columns are NOT NULL, so that an
// upsert finds its row). A query reads a rollup when its filter and
// grouping allow (rollFor): never with full-text search, an outlet, an
// actor, or a CAMEO code finer than its root; the monthly ones only for
// day ranges of whole months. Otherwise it reads the detail tables.
// RebuildRollups recomputes every rollup from the detail tables (for
// stores older than them, and as a repair). A conformance test checks
// that rollups kept on ingest, rebuilt ones and the detail tables give the
// same answers.

// rollupsOn says whether queries read the rollups.
func (s *Store) rollupsOn() bool { return !s.noRollups }

// SetRollups turns reading the rollups on or off (they are kept up to
// date either way); off, every query reads the detail tables.
func (s *Store) SetRollups(on bool) { s.noRollups = !on }

// rollKey is a rollup row's key columns, in the table's order.
type rollKey [6]any

// rollVal is a rollup row's summed values.
type rollVal struct {
	n              int
	gold           float64
	latSum, lonSum float64
	precision      string
}

// rollTab gathers one Put's additions to one rollup.
type rollTab struct {
	name string
	keys []string
	vals []string // of n, goldstein, lat_sum, lon_sum, precision
	rows map[rollKey]*rollVal
}

func (t *rollTab) add(k rollKey, n int, gold, lat, lon float64, prec string) {
	v := t.rows[k]
	if v == nil {
		v = &rollVal{}
		t.rows[k] = v
	}
	v.n += n
	v.gold += gold
	v.latSum += lat
	v.lonSum += lon
	v.precision = max(v.precision, prec)
}

// write upserts the gathered rows in key order, so that concurrent
// writers lock rows in one order.
func (t *rollTab) write(ctx context.Context, tx *sql.Tx, d *Dialect) error {
	keys := make([]rollKey, 0, len(t.rows))
	for k := range t.rows {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmpKey)
	w := newRowWriter(tx, d, t.name, append(append([]string(nil), t.keys...), t.vals...)...)
	var set []string
	for _, v := range t.vals {
		if v == "precision" {
			set = append(set, fmt.Sprintf("precision = %s(%s.precision, excluded.precision)", d.greatest(), t.name))
		} else {
			set = append(set, fmt.Sprintf("%s = %s.%s + excluded.%s", v, t.name, v, v))
		}
	}
	w.tail = " ON CONFLICT (" + strings.Join(t.keys, ", ") + ") DO UPDATE SET " + strings.Join(set, ", ")
	row := make([]any, 0, len(t.keys)+len(t.vals))
	for _, k := range keys {
		v := t.rows[k]
		row = append(row[:0], k[:len(t.keys)]...)
		for _, c := range t.vals {
			switch c {
			case "n":
				row = append(row, v.n)
			case "goldstein":
				row = append(row, v.gold)
			case "lat_sum":
				row = append(row, v.latSum)
			case "lon_sum":
				row = append(row, v.lonSum)
			case "precision":
				row = append(row, v.precision)
			}
		}
		if err := w.add(ctx, row...); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	if err := w.flush(ctx); err != nil {
		return fmt.Errorf("%s: %w", t.name, err)
	}
	return nil
}

func cmpKey(a, b rollKey) int {
	for i := range a {
		var c int
		switch x := a[i].(type) {
		case string:
			c = cmp.Compare(x, b[i].(string))
		case int:
			c = cmp.Compare(x, b[i].(int))
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// rollup gathers one Put's additions to the rollups.
type rollup struct {
	day, countryDay, month, actorMonth, placeMonth *rollTab
	deaths                                         map[rollDeathKey]*rollDeathVal
}

func newRollup() *rollup {
	tab := func(name string, keys []string, vals ...string) *rollTab {
		return &rollTab{name: name, keys: keys, vals: vals, rows: map[rollKey]*rollVal{}}
	}
	return &rollup{
		day:        tab("rollup_day", []string{"day", "root", "quad", "modality"}, "n", "goldstein"),
		countryDay: tab("rollup_country_day", []string{"country", "day", "root", "quad", "modality"}, "n", "goldstein"),
		month:      tab("rollup_month", []string{"month", "root", "quad", "modality", "country"}, "n", "goldstein"),
		actorMonth: tab("rollup_actor_month", []string{"month", "code", "root", "quad", "modality"}, "n"),
		placeMonth: tab("rollup_place_month", []string{"month", "place_name", "place_country", "root", "quad", "modality"},
			"n", "lat_sum", "lon_sum", "precision"),
		deaths: map[rollDeathKey]*rollDeathVal{},
	}
}

func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

// month is the YYYY-MM of a YYYY-MM-DD day, as substr(day, 1, 7) is.
func month(day string) string { return day[:min(len(day), 7)] }

// addEvent counts one stored event; lat is nil for events off the map.
func (r *rollup) addEvent(e *sitrep.Event, day string, placeCC, placeName, lat, lon, prec any) {
	g := e.Goldstein
	src, tgt, pcc := str(actorCountry(e.Source)), str(actorCountry(e.Target)), str(placeCC)
	r.day.add(rollKey{day, e.Root, e.Quad, e.Modality}, 1, g, 0, 0, "")
	for i, cc := range []string{src, tgt, pcc} {
		if cc != "" && (i < 1 || cc != src) && (i < 2 || cc != tgt) {
			r.countryDay.add(rollKey{cc, day, e.Root, e.Quad, e.Modality}, 1, g, 0, 0, "")
		}
	}
	m := month(day)
	r.month.add(rollKey{m, e.Root, e.Quad, e.Modality, cmp.Or(pcc, src)}, 1, g, 0, 0, "")
	for _, code := range []string{str(actorCode(e.Source)), str(actorCode(e.Target))} {
		if code != "" {
			r.actorMonth.add(rollKey{m, code, e.Root, e.Quad, e.Modality}, 1, 0, 0, 0, "")
		}
	}
	if la, ok := lat.(float64); ok {
		r.placeMonth.add(rollKey{m, str(placeName), pcc, e.Root, e.Quad, e.Modality}, 1, 0, la, lon.(float64), str(prec))
	}
}

type rollDeathKey struct{ day, country, place string }

type rollDeathVal struct {
	best, low, high int
	latSum, lonSum  float64
	latN            int
}

// deathRow is one stored casualty count as the fatal incidents read it.
type deathRow struct {
	day, country, place string
	best, low, high     int
	lat, lon            any
}

// addReport adds one article's fatal counts: figures add up within the
// article per day, country and place (as perReport does), then join the
// incident's kept figures.
func (r *rollup) addReport(rows []deathRow) {
	type acc struct {
		b, l, h, nLat  int
		latSum, lonSum float64
	}
	per := map[rollDeathKey]*acc{}
	var keys []rollDeathKey
	for _, c := range rows {
		k := rollDeathKey{c.day, c.country, c.place}
		a := per[k]
		if a == nil {
			a = &acc{}
			per[k] = a
			keys = append(keys, k)
		}
		a.b += c.best
		a.l += c.low
		a.h += c.high
		if la, ok := c.lat.(float64); ok {
			a.nLat++
			a.latSum += la
			a.lonSum += c.lon.(float64)
		}
	}
	for _, k := range keys {
		a := per[k]
		v := r.deaths[k]
		if v == nil {
			v = &rollDeathVal{best: a.b, low: a.l, high: a.h}
			r.deaths[k] = v
		} else {
			v.best, v.low, v.high = max(v.best, a.b), min(v.low, a.l), max(v.high, a.h)
		}
		if a.nLat > 0 {
			v.latN++
			v.latSum += a.latSum / float64(a.nLat)
			v.lonSum += a.lonSum / float64(a.nLat)
		}
	}
}

// write upserts the gathered additions.
func (r *rollup) write(ctx context.Context, tx *sql.Tx, d *Dialect) error {
	for _, t := range []*rollTab{r.day, r.countryDay, r.month, r.actorMonth, r.placeMonth} {
		if err := t.write(ctx, tx, d); err != nil {
			return err
		}
	}
	xk := make([]rollDeathKey, 0, len(r.deaths))
	for k := range r.deaths {
		xk = append(xk, k)
	}
	slices.SortFunc(xk, func(a, b rollDeathKey) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.country, b.country), cmp.Compare(a.place, b.place))
	})
	g := d.greatest()
	w := newRowWriter(tx, d, "rollup_deaths", "day", "country", "place", "best", "low", "high", "lat_sum", "lon_sum", "lat_n")
	w.tail = ` ON CONFLICT (day, country, place) DO UPDATE SET
		best = ` + g + `(rollup_deaths.best, excluded.best), low = ` + d.least() + `(rollup_deaths.low, excluded.low),
		high = ` + g + `(rollup_deaths.high, excluded.high), lat_sum = rollup_deaths.lat_sum + excluded.lat_sum,
		lon_sum = rollup_deaths.lon_sum + excluded.lon_sum, lat_n = rollup_deaths.lat_n + excluded.lat_n`
	for _, k := range xk {
		v := r.deaths[k]
		if err := w.add(ctx, k.day, k.country, k.place, v.best, v.low, v.high, v.latSum, v.lonSum, v.latN); err != nil {
			return err
		}
	}
	if err := w.flush(ctx); err != nil {
		return fmt.Errorf("rollup_deaths: %w", err)
	}
	return nil
}

func (d *Dialect) greatest() string {
	if d.Dollar {
		return "greatest"
	}
	return "max"
}

func (d *Dialect) least() string {
	if d.Dollar {
		return "least"
	}
	return "min"
}

// rebuildSQL recomputes every rollup from the detail tables.
var rebuildSQL = []string{
	`DELETE FROM rollup_day`,
	`DELETE FROM rollup_country_day`,
	`DELETE FROM rollup_month`,
	`DELETE FROM rollup_actor_month`,
	`DELETE FROM rollup_place_month`,
	`DELETE FROM rollup_deaths`,
	`INSERT INTO rollup_day (day, root, quad, modality, n, goldstein)
	SELECT coalesce(day, ''), root, quad, modality, count(*), sum(goldstein) FROM events GROUP BY 1, 2, 3, 4`,
	`INSERT INTO rollup_country_day (country, day, root, quad, modality, n, goldstein)
	SELECT cc, coalesce(day, ''), root, quad, modality, count(*), sum(goldstein) FROM (
		SELECT source_country AS cc, day, root, quad, modality, goldstein FROM events WHERE source_country IS NOT NULL
		UNION ALL SELECT target_country, day, root, quad, modality, goldstein FROM events
			WHERE target_country IS NOT NULL AND target_country != coalesce(source_country, '')
		UNION ALL SELECT place_country, day, root, quad, modality, goldstein FROM events
			WHERE place_country IS NOT NULL AND place_country != coalesce(source_country, '')
				AND place_country != coalesce(target_country, '')) t
	GROUP BY 1, 2, 3, 4, 5`,
	`INSERT INTO rollup_month (month, root, quad, modality, country, n, goldstein)
	SELECT substr(coalesce(day, ''), 1, 7), root, quad, modality, coalesce(place_country, source_country, ''), count(*), sum(goldstein)
	FROM events GROUP BY 1, 2, 3, 4, 5`,
	`INSERT INTO rollup_actor_month (month, code, root, quad, modality, n)
	SELECT m, code, root, quad, modality, count(*) FROM (
		SELECT substr(coalesce(day, ''), 1, 7) AS m, source_code AS code, root, quad, modality FROM events WHERE source_code IS NOT NULL
		UNION ALL SELECT substr(coalesce(day, ''), 1, 7), target_code, root, quad, modality FROM events WHERE target_code IS NOT NULL) t
	GROUP BY 1, 2, 3, 4, 5`,
	`INSERT INTO rollup_place_month (month, place_name, place_country, root, quad, modality, n, lat_sum, lon_sum, precision)
	SELECT substr(coalesce(day, ''), 1, 7), coalesce(place_name, ''), coalesce(place_country, ''), root, quad, modality,
		count(*), sum(lat), sum(lon), max(coalesce(precision, ''))
	FROM events WHERE lat IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`,
	`INSERT INTO rollup_deaths (day, country, place, best, low, high, lat_sum, lon_sum, lat_n)
	SELECT day, country, place, max(b), min(l), max(h), coalesce(sum(lat), 0), coalesce(sum(lon), 0), count(lat)
	FROM (` + perReport + ` WHERE c.kind = 'killed' AND c.part_of IS NULL AND c.background = 0 AND c.day IS NOT NULL
		GROUP BY c.article, c.kind, c.day, 4, 5) per
	GROUP BY day, country, place`,
	`UPDATE rollup_state SET built = 1`,
}

// RebuildRollups recomputes the rollups from the detail tables in one
// transaction, holding off writers meanwhile.
func (s *Store) RebuildRollups(ctx context.Context) error {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.d.LockRollups != "" {
		if _, err := tx.ExecContext(ctx, s.d.LockRollups); err != nil {
			return err
		}
	}
	for _, q := range rebuildSQL {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuilding rollups: %w", err)
		}
	}
	return tx.Commit()
}

// BuildRollupsIfNew builds the rollups of a store that had none (one
// older than them): the migration that made the tables left them unbuilt.
func (s *Store) BuildRollupsIfNew(ctx context.Context) error {
	var built int
	if err := s.x().row(ctx, `SELECT built FROM rollup_state`).Scan(&built); err != nil {
		return err
	}
	if built == 1 {
		return nil
	}
	return s.RebuildRollups(ctx)
}

// rollFor returns the rollup (alias r) that answers a view of events
// under f, with f as conditions on it, or "" when the detail tables must.
// view is "day" (stats; series in one, by root or by QuadClass; facets of
// root, QuadClass, modality), "country" (country facet and series),
// "actor" (actors facet) or "place" (the map); byDay says a series is by
// day or week, which the monthly rollups cannot give.
func (s *Store) rollFor(f sitrep.Filter, view string, byDay bool) (string, *clause) {
	if !s.rollupsOn() || f.Query != "" || f.Outlet != "" || f.Actor != "" || len(f.Cameo) > 2 ||
		(f.Place != "" && view != "place") {
		return "", nil
	}
	c := &clause{}
	var table string
	switch view {
	case "day":
		table = "rollup_day"
		if f.Country != "" {
			table = "rollup_country_day"
			c.add("r.country = ?", strings.ToUpper(f.Country))
		}
		if f.From != "" || f.To != "" {
			c.add("r.day != ''")
			dayRange(c, f, "r.day")
		}
	case "country", "actor", "place":
		if f.Country != "" || byDay || !wholeMonths(f) {
			return "", nil
		}
		table = map[string]string{"country": "rollup_month", "actor": "rollup_actor_month", "place": "rollup_place_month"}[view]
		if f.From != "" || f.To != "" {
			c.add("r.month != ''")
		}
		if f.From != "" {
			c.add("r.month >= ?", month(string(f.From)))
		}
		if f.To != "" {
			c.add("r.month <= ?", month(string(f.To)))
		}
		if f.Place != "" {
			c.add("r.place_name = ?", f.Place)
		}
	default:
		return "", nil
	}
	if f.Cameo != "" {
		c.add("r.root = ?", fmt.Sprintf("%02s", f.Cameo))
	}
	if f.Quad != 0 {
		c.add("r.quad = ?", f.Quad)
	}
	if f.Modality != "" {
		c.add("r.modality = ?", f.Modality)
	}
	return table, c
}

// wholeMonths reports whether f's day range is made of whole months: it
// starts on a first and ends on a last day of a month, or is open.
func wholeMonths(f sitrep.Filter) bool {
	if f.From != "" {
		t, ok := f.From.Time()
		if !ok || t.Day() != 1 {
			return false
		}
	}
	if f.To != "" {
		t, ok := f.To.Time()
		if !ok || t.AddDate(0, 0, 1).Day() != 1 {
			return false
		}
	}
	return true
}

// deathsRollable says whether rollup_deaths answers fatal incidents
// under f (which reads only its days, country and place).
func (s *Store) deathsRollable(f sitrep.Filter) bool {
	return s.rollupsOn() && f.Query == "" && f.Outlet == ""
}

// RollupTables are the rollups.
var RollupTables = []string{"rollup_day", "rollup_country_day", "rollup_month", "rollup_actor_month", "rollup_place_month", "rollup_deaths"}

// RollupSizes counts the rows of the events table and of each rollup
// (in the order of RollupTables).
func (s *Store) RollupSizes(ctx context.Context) (events int, rollups []int, err error) {
	if err := s.h().row(ctx, `SELECT count(*) FROM events`).Scan(&events); err != nil {
		return 0, nil, err
	}
	for _, t := range RollupTables {
		var n int
		if err := s.h().row(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return 0, nil, err
		}
		rollups = append(rollups, n)
	}
	return events, rollups, nil
}
