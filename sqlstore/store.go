package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"sitrep"
)

// DefaultMergeWindow is how many days apart two reports of one event may
// date it and still be merged.
const DefaultMergeWindow = 1

// Store is a sitrep.Store over a database whose schema is up to date.
//
// It reads through two connection pools. DB stores records and answers
// the cheap reads (one article's record, one merged event, known URLs);
// Heavy answers what may read much of the store (lists, counts, series,
// facets, the map, stats, search). A burst of heavy requests then waits
// for Heavy's few connections while record lookups go on using DB's.
// Every query runs under its caller's context: when that ends, the
// database work is cancelled (SQLite is interrupted, PostgreSQL sent a
// cancel request), not left running.
type Store struct {
	DB     *sql.DB
	Heavy  *sql.DB // nil: DB serves heavy reads too
	d      *Dialect
	window int // merge window in days
	// noRollups makes queries read the detail tables only (see rollup.go).
	noRollups bool
}

// New returns the store over db, which must hold sitrep's schema. heavy,
// when not nil, is a second pool over the same database for heavy reads.
func New(db, heavy *sql.DB, d *Dialect) *Store {
	return &Store{DB: db, Heavy: heavy, d: d, window: DefaultMergeWindow}
}

// x runs cheap queries and writes; h runs heavy reads.
func (s *Store) x() dq { return dq{s.DB, s.d} }
func (s *Store) h() dq { return dq{s.heavyDB(), s.d} }

func (s *Store) heavyDB() *sql.DB {
	if s.Heavy != nil {
		return s.Heavy
	}
	return s.DB
}

// Close closes both pools.
func (s *Store) Close() error {
	var err error
	if s.Heavy != nil {
		err = s.Heavy.Close()
	}
	return errors.Join(s.DB.Close(), err)
}

// Analyze refreshes the query planner's statistics (ANALYZE), as a store
// needs after a large load; PostgreSQL's autovacuum also does it in time.
func (s *Store) Analyze(ctx context.Context) error {
	_, err := s.DB.ExecContext(ctx, "ANALYZE")
	return err
}

// SetMergeWindow sets the merge window in days; 0 merges only events of
// the same day (PETRARCH's one-a-day rule).
func (s *Store) SetMergeWindow(days int) { s.window = max(days, 0) }

// Put stores records in one transaction: each article not already stored
// (same id, URL or text hash) with its events and casualties, then merges
// the new events into clusters.
func (s *Store) Put(ctx context.Context, recs []*sitrep.Record) ([]sitrep.PutResult, error) {
	out := make([]sitrep.PutResult, len(recs))
	if len(recs) == 0 {
		return out, nil
	}
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	x := dq{tx, s.d}
	prep := func(q string) (*sql.Stmt, error) { return tx.PrepareContext(ctx, s.d.rebind(q)) }
	insArt, err := prep(`INSERT INTO articles
		(id, url, sha256, title, source, published, lang, origin, text, ingested, n_events, n_casualties, n_quotes, record)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING rowid`)
	if err != nil {
		return nil, err
	}
	defer insArt.Close()
	insEv := newRowWriter(tx, s.d, "events", "article", "idx", "id", "day", "source_code", "source_country",
		"target_code", "target_country", "cameo", "root", "quad", "goldstein", "modality", "place_country", "place_name",
		"lat", "lon", "precision", "outlet", "cluster")
	insDoc := newRowWriter(tx, s.d, "event_docs", "article", "idx", "json")
	insCas := newRowWriter(tx, s.d, "casualties", "article", "idx", "kind", "best", "low", "high", "day", "country",
		"place", "lat", "lon", "background", "part_of")
	now := time.Now().UTC().Format(time.RFC3339)
	type pendingEvent struct {
		e      *sitrep.Event
		m      *mention
		outlet string
	}
	var newEvents []pendingEvent
	var mentions []*mention
	roll := newRollup()
	var deaths []deathRow
	for i, r := range recs {
		a := r.Article
		rec := *r
		rec.Article.Text = ""
		rec.Tokens = nil
		blob, err := json.Marshal(&rec)
		if err != nil {
			return nil, fmt.Errorf("%s: encode record: %w", a.ID, err)
		}
		var row int64
		err = insArt.QueryRowContext(ctx, a.ID, nullable(a.URL), a.SHA256, a.Title, a.Source,
			nullable(string(a.Published)), a.Lang, a.Origin, a.Text, now,
			len(r.Events), len(r.Casualties), len(r.Quotes), string(blob)).Scan(&row)
		if errors.Is(err, sql.ErrNoRows) {
			out[i] = sitrep.Unchanged
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: store article: %w", a.ID, err)
		}
		if s.d.IndexText != "" {
			if _, err := x.exec(ctx, s.d.IndexText, row, a.Title, a.Text); err != nil {
				return nil, fmt.Errorf("%s: index text: %w", a.ID, err)
			}
		}
		for k := range r.Events {
			e := &r.Events[k]
			day := string(a.Published)
			if e.Date != nil && e.Date.StartDate != "" {
				day = string(e.Date.StartDate)
			}
			m := &mention{article: row, idx: k, day: day, gold: e.Goldstein, outlet: a.Source,
				key: clusterKey{src: codeOf(e.Source), tgt: codeOf(e.Target), root: e.Root}}
			if e.Place != nil {
				m.key.country = e.Place.Country
			}
			newEvents = append(newEvents, pendingEvent{e, m, a.Source})
			if _, err := time.Parse(time.DateOnly, day); err == nil {
				mentions = append(mentions, m)
			}
		}
		for k := range r.Casualties {
			c := &r.Casualties[k]
			day := string(a.Published)
			if c.Date != nil && c.Date.StartDate != "" {
				day = string(c.Date.StartDate)
			}
			var country, place, lat, lon, high, partOf any
			if c.Place != nil {
				country, place = nullable(c.Place.Country), nullable(c.Place.Name)
				if finite(c.Place.Lat) && finite(c.Place.Lon) {
					lat, lon = c.Place.Lat, c.Place.Lon
				}
			}
			if c.Count.High != nil {
				high = *c.Count.High
			}
			if c.PartOf != nil {
				partOf = *c.PartOf
			}
			bg := 0
			if c.Background {
				bg = 1
			}
			if err := insCas.add(ctx, row, k, c.Kind, c.Count.Best, c.Count.Low, high, nullable(day),
				country, place, lat, lon, bg, partOf); err != nil {
				return nil, fmt.Errorf("%s: store casualty %d: %w", a.ID, k, err)
			}
			if c.Kind == "killed" && c.PartOf == nil && !c.Background && day != "" {
				h := c.Count.Best
				if c.Count.High != nil {
					h = *c.Count.High
				}
				deaths = append(deaths, deathRow{day: day, country: str(country), place: str(place),
					best: c.Count.Best, low: c.Count.Low, high: h, lat: lat, lon: lon})
			}
		}
		if len(deaths) > 0 {
			roll.addReport(deaths)
			deaths = deaths[:0]
		}
		out[i] = sitrep.Stored
	}
	// Merge the new events into clusters, then store them with theirs.
	refresh, created, err := s.assign(ctx, tx, mentions)
	if err != nil {
		return nil, fmt.Errorf("merging events: %w", err)
	}
	for _, pe := range newEvents {
		e, m := pe.e, pe.m
		ej, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		var pc, pn, lat, lon, prec, cl any
		if p := e.Place; p != nil {
			pc, pn, prec = nullable(p.Country), nullable(p.Name), nullable(p.Precision)
			if finite(p.Lat) && finite(p.Lon) && (p.Lat != 0 || p.Lon != 0) {
				lat, lon = p.Lat, p.Lon
			}
		}
		if m.cluster != 0 {
			cl = m.cluster
		}
		if err := insEv.add(ctx, m.article, m.idx, e.ID, nullable(m.day),
			actorCode(e.Source), actorCountry(e.Source), actorCode(e.Target), actorCountry(e.Target),
			e.Cameo, e.Root, e.Quad, e.Goldstein, e.Modality, pc, pn, lat, lon, prec, pe.outlet, cl); err != nil {
			return nil, fmt.Errorf("store event %s: %w", e.ID, err)
		}
		if err := insDoc.add(ctx, m.article, m.idx, string(ej)); err != nil {
			return nil, fmt.Errorf("store event %s: %w", e.ID, err)
		}
		roll.addEvent(e, m.day, pc, pn, lat, lon, prec)
	}
	for _, w := range []*rowWriter{insEv, insDoc, insCas} {
		if err := w.flush(ctx); err != nil {
			return nil, fmt.Errorf("store events: %w", err)
		}
	}
	if err := s.refreshCounts(ctx, tx, refresh); err != nil {
		return nil, fmt.Errorf("merging events: %w", err)
	}
	if err := roll.write(ctx, tx, s.d); err != nil {
		return nil, fmt.Errorf("updating rollups: %w", err)
	}
	stored := 0
	for _, r := range out {
		if r == sitrep.Stored {
			stored++
		}
	}
	if stored > 0 || created > 0 {
		if _, err := x.exec(ctx, `UPDATE roll_state SET articles = articles + ?, clusters = clusters + ?`, stored, created); err != nil {
			return nil, fmt.Errorf("updating rollups: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return out, nil
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func actorCode(a *sitrep.Actor) any {
	if a == nil || a.Code == "" {
		return nil
	}
	return a.Code
}

// codeOf is an actor's code for merging, "" for none.
func codeOf(a *sitrep.Actor) string {
	if a == nil {
		return ""
	}
	return a.Code
}

func actorCountry(a *sitrep.Actor) any {
	if a == nil || a.Country == nil || *a.Country == "" {
		return nil
	}
	return *a.Country
}

// Counts returns how many articles and events the store holds.
func (s *Store) Counts(ctx context.Context) (articles, events int, err error) {
	err = s.x().row(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)`).Scan(&articles, &events)
	return
}

// Stats sums up the store.
func (s *Store) Stats(ctx context.Context) (sitrep.Stats, error) {
	var st sitrep.Stats
	var first, last sql.NullString
	q := `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),
		(SELECT count(*) FROM clusters), (SELECT min(day) FROM events), (SELECT max(day) FROM events)`
	if s.rollupsOn() {
		q = `SELECT r.articles, (SELECT CAST(coalesce(sum(n), 0) AS BIGINT) FROM roll_day), r.clusters,
		(SELECT min(day) FROM roll_day WHERE day != ''), (SELECT nullif(max(day), '') FROM roll_day)
		FROM roll_state r`
	}
	x := s.h()
	if s.rollupsOn() {
		x = s.x() // a few rows
	}
	err := x.row(ctx, q).Scan(&st.Articles, &st.Events, &st.Clusters, &first, &last)
	st.FirstDay, st.LastDay = sitrep.Date(first.String), sitrep.Date(last.String)
	return st, err
}

// CheckConsistent verifies what the store itself promises: every article's
// events all stored, and every event with a day in a cluster.
func (s *Store) CheckConsistent(ctx context.Context) error {
	var missing, unmerged int
	if err := s.x().row(ctx, `SELECT count(*) FROM articles a WHERE a.n_events != (SELECT count(*) FROM events e WHERE e.article = a.rowid)`).Scan(&missing); err != nil {
		return err
	}
	if missing > 0 {
		return fmt.Errorf("%d articles whose events are not all stored", missing)
	}
	if err := s.x().row(ctx, `SELECT count(*) FROM events WHERE cluster IS NULL AND day IS NOT NULL`).Scan(&unmerged); err != nil {
		return err
	}
	if unmerged > 0 {
		return fmt.Errorf("%d events not merged into clusters", unmerged)
	}
	return nil
}
