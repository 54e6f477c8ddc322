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
// the map and stats read a few summed rows instead of every event.
//
// Each rollup (rollDefs) counts events by a few columns at one grain: per
// day, per month, or over all time. Summing a rollup's rows gives the
// same answer as counting the events, for any filter on its columns. A
// query reads the first (smallest) rollup that has every column its
// grouping and filter need at a grain fine enough for its day range
// (rollFor): the dashboard's first view reads a few thousand rows; a
// country's series by week reads that country's rows per day. Columns:
// day or month; CAMEO root, QuadClass and modality; country (the place's,
// else the source's: what the country facet and series group by); cc (a
// country the event involves, as source, target or place, each once: what
// the country filter selects); code (an actor code, each event counting
// once for its source and once for its target, as the actors facet
// counts); place_name and place_country (events on the map only, with
// their coordinates summed and highest precision). roll_state counts the
// articles and merged events (for stats). roll_deaths keeps fatal
// incidents per day, country and place with the figures kept across
// reports as Incidents keeps them (highest best, lowest low, highest high;
// never a sum).
//
// Missing values are stored as '' (key columns are NOT NULL, so that an
// upsert finds its row). Full-text search, an outlet, an actor filter, a
// CAMEO code finer than its root, a place filter off the map, merged-event
// counts and series by actor read the detail tables. RebuildRollups
// recomputes every rollup from the detail tables (for stores older than
// them, and as a repair). A conformance test checks that rollups kept on
// ingest, rebuilt ones and the detail tables give the same answers.

// rollDef is one rollup: its table, its period column ("day", "month" or
// "" for all time), its key columns (the period first, when any) and its
// summed values (of n, goldstein, lat_sum, lon_sum, precision).
type rollDef struct {
	name, period string
	keys, vals   []string
	geo          bool // counts only events on the map
	// small says the rollup stays a few thousand rows (all time, or per
	// month by one dimension): reading it is a lookup, done on the
	// cheap pool so that it never waits behind slow reads of the detail
	// tables on the heavy one.
	small bool
}

// pool is where a query answered by rollup d (nil: the detail tables)
// runs: see rollDef.small.
func (s *Store) pool(d *rollDef) dq {
	if d != nil && d.small {
		return s.x()
	}
	return s.h()
}

var (
	valsN   = []string{"n"}
	valsNG  = []string{"n", "goldstein"}
	valsGeo = []string{"n", "lat_sum", "lon_sum", "precision"}
)

// rollDefs are the rollups, smallest first, as rollFor tries them.
var rollDefs = []*rollDef{
	{name: "roll_all_place", small: true, keys: []string{"place_name", "place_country"}, vals: valsGeo, geo: true},
	{name: "roll_all_actor", small: true, keys: []string{"code"}, vals: valsN},
	{name: "roll_day", small: true, period: "day", keys: []string{"day"}, vals: valsNG},
	{name: "roll_month_root", small: true, period: "month", keys: []string{"month", "root", "quad", "modality"}, vals: valsNG},
	{name: "roll_month_country", small: true, period: "month", keys: []string{"month", "country"}, vals: valsNG},
	{name: "roll_month_actor", small: true, period: "month", keys: []string{"month", "code"}, vals: valsN},
	{name: "roll_month_place", small: true, period: "month", keys: []string{"month", "place_name", "place_country"}, vals: valsGeo, geo: true},
	{name: "roll_day_country", period: "day", keys: []string{"day", "country"}, vals: valsNG},
	{name: "roll_day_actor", period: "day", keys: []string{"day", "code"}, vals: valsN},
	{name: "roll_day_place", period: "day", keys: []string{"day", "place_name", "place_country"}, vals: valsGeo, geo: true},
	{name: "roll_day_root", period: "day", keys: []string{"day", "root", "quad", "modality"}, vals: valsNG},
	{name: "roll_month_root_country", period: "month", keys: []string{"month", "root", "quad", "modality", "country"}, vals: valsNG},
	{name: "roll_month_root_actor", period: "month", keys: []string{"month", "code", "root", "quad", "modality"}, vals: valsN},
	{name: "roll_month_root_place", period: "month", keys: []string{"month", "place_name", "place_country", "root", "quad", "modality"}, vals: valsGeo, geo: true},
	{name: "roll_day_cc", period: "day", keys: []string{"cc", "day", "root", "quad", "modality"}, vals: valsNG},
}

func (d *rollDef) has(col string) bool {
	for _, k := range d.keys {
		if k == col {
			return true
		}
	}
	return false
}

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
	tabs   []*rollTab // one a rollDef
	deaths map[rollDeathKey]*rollDeathVal
	vals   map[string][]any // addEvent's scratch: each column's values
}

func newRollup() *rollup {
	r := &rollup{deaths: map[rollDeathKey]*rollDeathVal{}, vals: map[string][]any{}}
	for _, d := range rollDefs {
		r.tabs = append(r.tabs, &rollTab{name: d.name, keys: d.keys, vals: d.vals, rows: map[rollKey]*rollVal{}})
	}
	return r
}

func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

// month is the YYYY-MM of a YYYY-MM-DD day, as substr(day, 1, 7) is.
func month(day string) string { return day[:min(len(day), 7)] }

// addEvent counts one stored event in every rollup; lat is nil for events
// off the map.
func (r *rollup) addEvent(e *sitrep.Event, day string, placeCC, placeName, lat, lon, prec any) {
	src, tgt, pcc := str(actorCountry(e.Source)), str(actorCountry(e.Target)), str(placeCC)
	v := r.vals
	one := func(col string, x any) { v[col] = append(v[col][:0], x) }
	one("day", day)
	one("month", month(day))
	one("root", e.Root)
	one("quad", e.Quad)
	one("modality", e.Modality)
	one("country", cmp.Or(pcc, src))
	one("place_name", str(placeName))
	one("place_country", pcc)
	v["code"] = v["code"][:0]
	for _, c := range []string{str(actorCode(e.Source)), str(actorCode(e.Target))} {
		if c != "" {
			v["code"] = append(v["code"], c)
		}
	}
	v["cc"] = v["cc"][:0]
	for i, cc := range []string{src, tgt, pcc} {
		if cc != "" && (i < 1 || cc != src) && (i < 2 || cc != tgt) {
			v["cc"] = append(v["cc"], cc)
		}
	}
	la, geo := lat.(float64)
	var lo float64
	if geo {
		lo = lon.(float64)
	}
	for i, d := range rollDefs {
		if d.geo && !geo {
			continue
		}
		t := r.tabs[i]
		// Every combination of the key columns' values: one column at
		// most (code or cc) has several.
		var k rollKey
		var fill func(j int)
		fill = func(j int) {
			if j == len(d.keys) {
				t.add(k, 1, e.Goldstein, la, lo, str(prec))
				return
			}
			for _, x := range v[d.keys[j]] {
				k[j] = x
				fill(j + 1)
			}
		}
		fill(0)
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
	for _, t := range r.tabs {
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
	w := newRowWriter(tx, d, "roll_deaths", "day", "country", "place", "best", "low", "high", "lat_sum", "lon_sum", "lat_n")
	w.tail = ` ON CONFLICT (day, country, place) DO UPDATE SET
		best = ` + g + `(roll_deaths.best, excluded.best), low = ` + d.least() + `(roll_deaths.low, excluded.low),
		high = ` + g + `(roll_deaths.high, excluded.high), lat_sum = roll_deaths.lat_sum + excluded.lat_sum,
		lon_sum = roll_deaths.lon_sum + excluded.lon_sum, lat_n = roll_deaths.lat_n + excluded.lat_n`
	for _, k := range xk {
		v := r.deaths[k]
		if err := w.add(ctx, k.day, k.country, k.place, v.best, v.low, v.high, v.latSum, v.lonSum, v.latN); err != nil {
			return err
		}
	}
	if err := w.flush(ctx); err != nil {
		return fmt.Errorf("roll_deaths: %w", err)
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

// evCols are the rollups' columns of an event, as the derived table ev of
// rebuildSQL gives them.
const evCols = `coalesce(day, '') AS day, substr(coalesce(day, ''), 1, 7) AS month, root, quad, modality,
	goldstein, lat, lon, coalesce(precision, '') AS precision, coalesce(place_name, '') AS place_name,
	coalesce(place_country, '') AS place_country, coalesce(place_country, source_country, '') AS country`

// rebuildSQL recomputes every rollup from the detail tables.
func rebuildSQL() []string {
	var out []string
	for _, d := range rollDefs {
		out = append(out, `DELETE FROM `+d.name)
		src := `SELECT ` + evCols + ` FROM events`
		switch {
		case d.has("code"):
			src = `SELECT ` + evCols + `, source_code AS code FROM events WHERE source_code IS NOT NULL
				UNION ALL SELECT ` + evCols + `, target_code FROM events WHERE target_code IS NOT NULL`
		case d.has("cc"):
			src = `SELECT ` + evCols + `, source_country AS cc FROM events WHERE source_country IS NOT NULL
				UNION ALL SELECT ` + evCols + `, target_country FROM events
					WHERE target_country IS NOT NULL AND target_country != coalesce(source_country, '')
				UNION ALL SELECT ` + evCols + `, place_country FROM events
					WHERE place_country IS NOT NULL AND place_country != coalesce(source_country, '')
						AND place_country != coalesce(target_country, '')`
		}
		var aggs []string
		for _, v := range d.vals {
			aggs = append(aggs, map[string]string{"n": "count(*)", "goldstein": "sum(goldstein)",
				"lat_sum": "sum(lat)", "lon_sum": "sum(lon)", "precision": "max(precision)"}[v])
		}
		where := ""
		if d.geo {
			where = " WHERE lat IS NOT NULL"
		}
		keys := strings.Join(d.keys, ", ")
		out = append(out, `INSERT INTO `+d.name+` (`+keys+`, `+strings.Join(d.vals, ", ")+`)
			SELECT `+keys+`, `+strings.Join(aggs, ", ")+` FROM (`+src+`) ev`+where+` GROUP BY `+keys)
	}
	return append(out, `DELETE FROM roll_deaths`,
		`INSERT INTO roll_deaths (day, country, place, best, low, high, lat_sum, lon_sum, lat_n)
		SELECT day, country, place, max(b), min(l), max(h), coalesce(sum(lat), 0), coalesce(sum(lon), 0), count(lat)
		FROM (`+perReport+` WHERE c.kind = 'killed' AND c.part_of IS NULL AND c.background = 0 AND c.day IS NOT NULL
			GROUP BY c.article, c.kind, c.day, 4, 5) per
		GROUP BY day, country, place`,
		`UPDATE roll_state SET built = 1, articles = (SELECT count(*) FROM articles), clusters = (SELECT count(*) FROM clusters)`)
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
	for _, q := range rebuildSQL() {
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
	if err := s.x().row(ctx, `SELECT built FROM roll_state`).Scan(&built); err != nil {
		return err
	}
	if built == 1 {
		return nil
	}
	return s.RebuildRollups(ctx)
}

// rollFor returns the first rollup (alias r) that answers a view of the
// events f selects, with f as conditions on it, or nil when the detail
// tables must. group are the columns the view groups by; geo says the
// view is the map (events with coordinates); series says it needs a
// period column, "day" (series by day or week) or "month".
func (s *Store) rollFor(f sitrep.Filter, group []string, geo bool, series string) (*rollDef, *clause) {
	if !s.rollupsOn() || f.Query != "" || f.Outlet != "" || f.Actor != "" || len(f.Cameo) > 2 {
		return nil, nil
	}
	need := append([]string(nil), group...)
	if f.Cameo != "" {
		need = append(need, "root")
	}
	if f.Quad != 0 {
		need = append(need, "quad")
	}
	if f.Modality != "" {
		need = append(need, "modality")
	}
	if f.Country != "" {
		need = append(need, "cc")
	}
	if f.Place != "" {
		need = append(need, "place_name")
	}
	grain := series
	if f.From != "" || f.To != "" {
		if !wholeMonths(f) {
			grain = "day"
		} else if grain == "" {
			grain = "month"
		}
	}
	var def *rollDef
	for _, d := range rollDefs {
		if d.geo != geo || (grain == "day" && d.period != "day") || (grain == "month" && d.period == "") {
			continue
		}
		ok := true
		for _, col := range need {
			ok = ok && d.has(col)
		}
		if ok {
			def = d
			break
		}
	}
	if def == nil {
		return nil, nil
	}
	c := &clause{}
	switch {
	case f.From == "" && f.To == "":
	case def.period == "day":
		c.add("r.day != ''")
		dayRange(c, f, "r.day")
	default:
		c.add("r.month != ''")
		if f.From != "" {
			c.add("r.month >= ?", month(string(f.From)))
		}
		if f.To != "" {
			c.add("r.month <= ?", month(string(f.To)))
		}
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
	if f.Country != "" {
		c.add("r.cc = ?", strings.ToUpper(f.Country))
	}
	if f.Place != "" {
		c.add("r.place_name = ?", f.Place)
	}
	return def, c
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

// deathsRollable says whether roll_deaths answers fatal incidents
// under f (which reads only its days, country and place).
func (s *Store) deathsRollable(f sitrep.Filter) bool {
	return s.rollupsOn() && f.Query == "" && f.Outlet == ""
}

// RollupTables are the rollups.
func RollupTables() []string {
	var out []string
	for _, d := range rollDefs {
		out = append(out, d.name)
	}
	return append(out, "roll_deaths")
}

// RollupSizes counts the rows of the events table and of each rollup
// (in the order of RollupTables).
func (s *Store) RollupSizes(ctx context.Context) (events int, rollups []int, err error) {
	if err := s.h().row(ctx, `SELECT count(*) FROM events`).Scan(&events); err != nil {
		return 0, nil, err
	}
	for _, t := range RollupTables() {
		var n int
		if err := s.h().row(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return 0, nil, err
		}
		rollups = append(rollups, n)
	}
	return events, rollups, nil
}
