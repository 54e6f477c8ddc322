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
// the map and stats read a few summed rows instead of every event:
//
//   - rollup_events: events per day, CAMEO root, QuadClass, modality,
//     source and target code and country, place country and place name,
//     with their count, Goldstein sum, and the coordinates summed over
//     those with a place on the map (geo_n of them, the highest precision);
//   - rollup_days: the same without actor codes and place names, far fewer
//     rows, for views that need neither;
//   - rollup_deaths: fatal incidents per day, country and place, with the
//     figures kept across reports as Incidents keeps them (highest best,
//     lowest low, highest high; never a sum).
//
// Missing values are stored as '' (the key columns are NOT NULL, so that
// an upsert finds its row). Queries read a rollup whenever the filter and
// grouping allow: not with full-text search, an outlet, or a CAMEO code
// finer than its root, nor for merged-event counts; then the detail
// tables. RebuildRollups recomputes them from the detail tables (for
// stores older than them, and as a repair); a test checks that both
// roads give the same answers.

// rollupsOn says whether queries read the rollups. Tests turn it off to
// compare answers with the detail tables'.
func (s *Store) rollupsOn() bool { return !s.noRollups }

// SetRollups turns reading the rollups on or off (they are kept up to
// date either way); off, every query reads the detail tables.
func (s *Store) SetRollups(on bool) { s.noRollups = !on }

type rollEventKey struct {
	day, root          string
	quad               int
	modality           string
	srcCode, srcCC     string
	tgtCode, tgtCC     string
	placeCC, placeName string
}

type rollEventVal struct {
	n, geoN        int
	gold           float64
	latSum, lonSum float64
	precision      string
}

type rollDeathKey struct{ day, country, place string }

type rollDeathVal struct {
	best, low, high int
	latSum, lonSum  float64
	latN            int
}

// rollup gathers one Put's additions to the rollups.
type rollup struct {
	events map[rollEventKey]*rollEventVal
	deaths map[rollDeathKey]*rollDeathVal
}

func newRollup() *rollup {
	return &rollup{events: map[rollEventKey]*rollEventVal{}, deaths: map[rollDeathKey]*rollDeathVal{}}
}

func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

// addEvent counts one stored event; lat is nil for events off the map.
func (r *rollup) addEvent(e *sitrep.Event, day string, placeCC, placeName, lat, lon, prec any) {
	k := rollEventKey{day: day, root: e.Root, quad: e.Quad, modality: e.Modality,
		srcCode: str(actorCode(e.Source)), srcCC: str(actorCountry(e.Source)),
		tgtCode: str(actorCode(e.Target)), tgtCC: str(actorCountry(e.Target)),
		placeCC: str(placeCC), placeName: str(placeName)}
	v := r.events[k]
	if v == nil {
		v = &rollEventVal{}
		r.events[k] = v
	}
	v.n++
	v.gold += e.Goldstein
	if la, ok := lat.(float64); ok {
		v.geoN++
		v.latSum += la
		v.lonSum += lon.(float64)
		v.precision = max(v.precision, str(prec))
	}
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

var rollEventCols = []string{"day", "root", "quad", "modality", "source_code", "source_country",
	"target_code", "target_country", "place_country", "place_name"}
var rollDayCols = []string{"day", "root", "quad", "modality", "source_country", "target_country", "place_country"}

// write upserts the gathered additions, in key order (so that concurrent
// writers lock rows in one order).
func (r *rollup) write(ctx context.Context, tx *sql.Tx, d *Dialect) error {
	g := d.greatest()
	ek := make([]rollEventKey, 0, len(r.events))
	for k := range r.events {
		ek = append(ek, k)
	}
	slices.SortFunc(ek, func(a, b rollEventKey) int { return cmpEventKey(a, b) })
	w := newRowWriter(tx, d, "rollup_events", append(rollEventCols, "n", "goldstein", "geo_n", "lat_sum", "lon_sum", "precision")...)
	w.tail = ` ON CONFLICT (` + strings.Join(rollEventCols, ", ") + `) DO UPDATE SET
		n = rollup_events.n + excluded.n, goldstein = rollup_events.goldstein + excluded.goldstein,
		geo_n = rollup_events.geo_n + excluded.geo_n, lat_sum = rollup_events.lat_sum + excluded.lat_sum,
		lon_sum = rollup_events.lon_sum + excluded.lon_sum, precision = ` + g + `(rollup_events.precision, excluded.precision)`
	type dayKey struct {
		day, root      string
		quad           int
		modality       string
		src, tgt, plac string
	}
	days := map[dayKey]*rollEventVal{}
	var dk []dayKey
	for _, k := range ek {
		v := r.events[k]
		if err := w.add(ctx, k.day, k.root, k.quad, k.modality, k.srcCode, k.srcCC, k.tgtCode, k.tgtCC, k.placeCC, k.placeName,
			v.n, v.gold, v.geoN, v.latSum, v.lonSum, v.precision); err != nil {
			return err
		}
		d := dayKey{k.day, k.root, k.quad, k.modality, k.srcCC, k.tgtCC, k.placeCC}
		if days[d] == nil {
			days[d] = &rollEventVal{}
			dk = append(dk, d)
		}
		days[d].n += v.n
		days[d].gold += v.gold
	}
	if err := w.flush(ctx); err != nil {
		return fmt.Errorf("rollup_events: %w", err)
	}
	slices.SortFunc(dk, func(a, b dayKey) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.root, b.root), cmp.Compare(a.quad, b.quad),
			cmp.Compare(a.modality, b.modality), cmp.Compare(a.src, b.src), cmp.Compare(a.tgt, b.tgt), cmp.Compare(a.plac, b.plac))
	})
	w = newRowWriter(tx, d, "rollup_days", append(rollDayCols, "n", "goldstein")...)
	w.tail = ` ON CONFLICT (` + strings.Join(rollDayCols, ", ") + `) DO UPDATE SET
		n = rollup_days.n + excluded.n, goldstein = rollup_days.goldstein + excluded.goldstein`
	for _, k := range dk {
		if err := w.add(ctx, k.day, k.root, k.quad, k.modality, k.src, k.tgt, k.plac, days[k].n, days[k].gold); err != nil {
			return err
		}
	}
	if err := w.flush(ctx); err != nil {
		return fmt.Errorf("rollup_days: %w", err)
	}
	xk := make([]rollDeathKey, 0, len(r.deaths))
	for k := range r.deaths {
		xk = append(xk, k)
	}
	slices.SortFunc(xk, func(a, b rollDeathKey) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.country, b.country), cmp.Compare(a.place, b.place))
	})
	w = newRowWriter(tx, d, "rollup_deaths", "day", "country", "place", "best", "low", "high", "lat_sum", "lon_sum", "lat_n")
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

func cmpEventKey(a, b rollEventKey) int {
	return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.root, b.root), cmp.Compare(a.quad, b.quad),
		cmp.Compare(a.modality, b.modality), cmp.Compare(a.srcCode, b.srcCode), cmp.Compare(a.srcCC, b.srcCC),
		cmp.Compare(a.tgtCode, b.tgtCode), cmp.Compare(a.tgtCC, b.tgtCC), cmp.Compare(a.placeCC, b.placeCC),
		cmp.Compare(a.placeName, b.placeName))
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
	`DELETE FROM rollup_events`,
	`DELETE FROM rollup_days`,
	`DELETE FROM rollup_deaths`,
	`INSERT INTO rollup_events (day, root, quad, modality, source_code, source_country, target_code, target_country,
		place_country, place_name, n, goldstein, geo_n, lat_sum, lon_sum, precision)
	SELECT coalesce(day, ''), root, quad, modality, coalesce(source_code, ''), coalesce(source_country, ''),
		coalesce(target_code, ''), coalesce(target_country, ''), coalesce(place_country, ''), coalesce(place_name, ''),
		count(*), sum(goldstein), count(lat), coalesce(sum(lat), 0), coalesce(sum(CASE WHEN lat IS NOT NULL THEN lon END), 0),
		coalesce(max(CASE WHEN lat IS NOT NULL THEN coalesce(precision, '') END), '')
	FROM events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
	`INSERT INTO rollup_days (day, root, quad, modality, source_country, target_country, place_country, n, goldstein)
	SELECT day, root, quad, modality, source_country, target_country, place_country, sum(n), sum(goldstein)
	FROM rollup_events GROUP BY 1, 2, 3, 4, 5, 6, 7`,
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

// buildRollupsIfNew builds the rollups of a store that had none (one
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

// rollClause is f as conditions on a rollup (alias r), for filters a
// rollup can answer (see rollable); byActor says the rollup has actor
// codes and place names.
func rollClause(f sitrep.Filter) *clause {
	c := &clause{}
	if f.From != "" || f.To != "" {
		c.add("r.day != ''")
		dayRange(c, f, "r.day")
	}
	if f.Actor != "" {
		p := likePrefix(strings.ToUpper(f.Actor))
		c.add(`(r.source_code LIKE ? ESCAPE '\' OR r.target_code LIKE ? ESCAPE '\')`, p, p)
	}
	if f.Country != "" {
		cc := strings.ToUpper(f.Country)
		c.add("(r.source_country = ? OR r.target_country = ? OR r.place_country = ?)", cc, cc, cc)
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
	if f.Place != "" {
		c.add("r.place_name = ?", f.Place)
	}
	return c
}

// rollTable names the rollup that answers f when what it groups by needs
// actor codes or place names (detail) or not, or "" when f needs the
// detail tables.
func (s *Store) rollTable(f sitrep.Filter, detail bool) string {
	if !s.rollupsOn() || f.Query != "" || f.Outlet != "" || len(f.Cameo) > 2 {
		return ""
	}
	if detail || f.Actor != "" || f.Place != "" {
		return "rollup_events"
	}
	return "rollup_days"
}

// deathsRollable says whether rollup_deaths answers fatal incidents
// under f (which reads only its days, country and place).
func (s *Store) deathsRollable(f sitrep.Filter) bool {
	return s.rollupsOn() && f.Query == "" && f.Outlet == ""
}

// countryExpr is a rollup's country of an event: its place's, else its
// source's (as the detail facet reads it).
const rollCountry = "coalesce(nullif(r.place_country, ''), nullif(r.source_country, ''), '')"

// RollupSizes counts the rows of the events table and of each rollup.
func (s *Store) RollupSizes(ctx context.Context) (events, rollEvents, rollDays, rollDeaths int, err error) {
	err = s.h().row(ctx, `SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM rollup_events),
		(SELECT count(*) FROM rollup_days), (SELECT count(*) FROM rollup_deaths)`).Scan(&events, &rollEvents, &rollDays, &rollDeaths)
	return
}
