// Package sqlite is sitrep's embedded store: one SQLite file, written with
// modernc.org/sqlite (pure Go, no cgo) in WAL mode, with versioned schema
// migrations and full-text search (FTS5).
//
// Each Put is one transaction, so a record is stored whole or not at all;
// the unique keys on article id, URL and text hash make a second Put of the
// same article a no-op. Together they give exactly-once storage across
// crashes and re-runs.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"sitrep"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is a sitrep.Store in one SQLite file.
type Store struct {
	db     *sql.DB
	path   string
	window int // merge window in days
}

var _ sitrep.Store = (*Store)(nil)

// Open opens (creating if needed) the store at path and brings its schema
// up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	if err := ping(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, window: DefaultMergeWindow}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := s.clusterPending(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// ping opens the first connection, which applies the pragmas. A file that
// is not a database is reported as such. Two processes creating the same new
// file at once race to switch it to WAL, and the loser gets SQLITE_BUSY
// without SQLite waiting on busy_timeout, so that is retried for as long as
// the busy timeout.
func ping(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := db.PingContext(ctx)
		var se *msqlite.Error
		if !errors.As(err, &se) {
			return err
		}
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return errors.New("not a SQLite database")
		case sqlite3.SQLITE_BUSY:
			if time.Now().After(deadline) {
				return err
			}
			select {
			case <-ctx.Done():
				return err
			case <-time.After(20 * time.Millisecond):
			}
		default:
			return err
		}
	}
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// migrate applies, in order and each in its own transaction, every embedded
// migration not yet recorded in schema_migrations.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`); err != nil {
		if strings.Contains(err.Error(), "file is not a database") {
			return errors.New("not a SQLite database")
		}
		return fmt.Errorf("migrate: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", base)
		}
		if err := s.applyMigration(ctx, v, base, name); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) applyMigration(ctx context.Context, v int, base, name string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, v).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrationFS.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migration %s: %w", base, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied) VALUES (?, ?, ?)`,
		v, base, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// SchemaVersion returns the newest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// Put stores records in one transaction.
func (s *Store) Put(ctx context.Context, recs []*sitrep.Record) ([]sitrep.PutResult, error) {
	out := make([]sitrep.PutResult, len(recs))
	if len(recs) == 0 {
		return out, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	insArt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO articles
		(id, url, sha256, title, source, published, lang, origin, text, ingested, n_events, n_casualties, n_quotes, record)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	defer insArt.Close()
	insEv, err := tx.PrepareContext(ctx, `INSERT INTO events
		(article, idx, id, day, source_code, source_country, target_code, target_country, cameo, root, quad, goldstein, modality, place_country, json)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	defer insEv.Close()
	insFTS, err := tx.PrepareContext(ctx, `INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	defer insFTS.Close()
	insCas, err := tx.PrepareContext(ctx, `INSERT INTO casualties
		(article, idx, kind, best, low, high, day, country, place, lat, lon, background, part_of)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	defer insCas.Close()
	now := time.Now().UTC().Format(time.RFC3339)
	for i, r := range recs {
		a := r.Article
		rec := *r
		rec.Article.Text = ""
		rec.Tokens = nil
		blob, err := json.Marshal(&rec)
		if err != nil {
			return nil, fmt.Errorf("%s: encode record: %w", a.ID, err)
		}
		res, err := insArt.ExecContext(ctx, a.ID, nullable(a.URL), a.SHA256, a.Title, a.Source,
			nullable(string(a.Published)), a.Lang, a.Origin, a.Text, now,
			len(r.Events), len(r.Casualties), len(r.Quotes), blob)
		if err != nil {
			return nil, fmt.Errorf("%s: store article: %w", a.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			out[i] = sitrep.Unchanged
			continue
		}
		row, err := res.LastInsertId()
		if err != nil {
			return nil, err
		}
		if _, err := insFTS.ExecContext(ctx, row, a.Title, a.Text); err != nil {
			return nil, fmt.Errorf("%s: index text: %w", a.ID, err)
		}
		for k := range r.Events {
			e := &r.Events[k]
			ej, err := json.Marshal(e)
			if err != nil {
				return nil, err
			}
			day := string(a.Published)
			if e.Date != nil && e.Date.StartDate != "" {
				day = string(e.Date.StartDate)
			}
			var pc any
			if e.Place != nil && e.Place.Country != "" {
				pc = e.Place.Country
			}
			if _, err := insEv.ExecContext(ctx, row, k, e.ID, nullable(day),
				actorCode(e.Source), actorCountry(e.Source), actorCode(e.Target), actorCountry(e.Target),
				e.Cameo, e.Root, e.Quad, e.Goldstein, e.Modality, pc, ej); err != nil {
				return nil, fmt.Errorf("%s: store event %d: %w", a.ID, k, err)
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
				country, place, lat, lon = c.Place.Country, c.Place.Name, c.Place.Lat, c.Place.Lon
			}
			if c.Count.High != nil {
				high = *c.Count.High
			}
			if c.PartOf != nil {
				partOf = *c.PartOf
			}
			if _, err := insCas.ExecContext(ctx, row, k, c.Kind, c.Count.Best, c.Count.Low, high, nullable(day),
				country, place, lat, lon, c.Background, partOf); err != nil {
				return nil, fmt.Errorf("%s: store casualty %d: %w", a.ID, k, err)
			}
		}
		out[i] = sitrep.Stored
	}
	if err := s.cluster(ctx, tx); err != nil {
		return nil, fmt.Errorf("merging events: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return out, nil
}

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

func actorCountry(a *sitrep.Actor) any {
	if a == nil || a.Country == nil {
		return nil
	}
	return *a.Country
}

// ftsQuery turns a user's search words into an FTS5 query that matches all
// of them, quoting each so that no input can be read as query syntax.
func ftsQuery(q string) (string, error) {
	var terms []string
	for _, w := range strings.Fields(q) {
		w = strings.ReplaceAll(w, `"`, ``)
		if w == "" {
			continue
		}
		terms = append(terms, `"`+w+`"`)
	}
	if len(terms) == 0 {
		return "", errors.New("search text has no words")
	}
	return strings.Join(terms, " "), nil
}

// where builds the conditions on articles (alias a) that f selects; events
// conditions refer to alias e.
type clause struct {
	conds []string
	args  []any
}

func (c *clause) add(cond string, args ...any) {
	c.conds = append(c.conds, cond)
	c.args = append(c.args, args...)
}

func (c *clause) sql() string {
	if len(c.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.conds, " AND ")
}

// dayRange adds the Filter's day range on column col.
func dayRange(c *clause, f sitrep.Filter, col string) {
	if f.From != "" {
		c.add(col+" >= ?", string(f.From))
	}
	if f.To != "" {
		c.add(col+" <= ?", string(f.To))
	}
}

// eventConds are the Filter's conditions on events (alias e).
func eventConds(c *clause, f sitrep.Filter) {
	if f.Actor != "" {
		p := likePrefix(strings.ToUpper(f.Actor))
		c.add(`(e.source_code LIKE ? ESCAPE '\' OR e.target_code LIKE ? ESCAPE '\')`, p, p)
	}
	if f.Country != "" {
		cc := strings.ToUpper(f.Country)
		c.add("(e.source_country = ? OR e.target_country = ? OR e.place_country = ?)", cc, cc, cc)
	}
	if f.Cameo != "" {
		if len(f.Cameo) <= 2 {
			c.add("e.root = ?", fmt.Sprintf("%02s", f.Cameo))
		} else {
			c.add(`e.cameo LIKE ? ESCAPE '\'`, likePrefix(f.Cameo))
		}
	}
}

// likePrefix is a LIKE pattern matching values that start with p, with
// LIKE's own wildcards in p taken literally.
func likePrefix(p string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(p) + "%"
}

func (s *Store) textCond(c *clause, f sitrep.Filter, rowid string) error {
	if f.Query == "" {
		return nil
	}
	q, err := ftsQuery(f.Query)
	if err != nil {
		return err
	}
	c.add(rowid+" IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", q)
	return nil
}

func limitSQL(f sitrep.Filter) string {
	if f.Limit <= 0 && f.Offset <= 0 {
		return ""
	}
	l := f.Limit
	if l <= 0 {
		l = -1
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", l, max(f.Offset, 0))
}

// articleClause selects articles by f: publication range, text, and the
// event conditions through EXISTS.
func (s *Store) articleClause(f sitrep.Filter) (*clause, error) {
	c := &clause{}
	dayRange(c, f, "a.published")
	if err := s.textCond(c, f, "a.rowid"); err != nil {
		return nil, err
	}
	ec := &clause{}
	eventConds(ec, f)
	if len(ec.conds) > 0 {
		c.add("EXISTS (SELECT 1 FROM events e WHERE e.article = a.rowid AND "+strings.Join(ec.conds, " AND ")+")", ec.args...)
	}
	return c, nil
}

// Articles lists the selected articles, oldest stored first.
func (s *Store) Articles(ctx context.Context, f sitrep.Filter) ([]sitrep.StoredArticle, error) {
	c, err := s.articleClause(f)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, coalesce(a.url, ''), a.sha256, a.title, a.source,
		coalesce(a.published, ''), a.lang, a.origin, a.ingested, a.n_events, a.n_casualties, a.n_quotes
		FROM articles a`+c.sql()+` ORDER BY a.rowid`+limitSQL(f), c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.StoredArticle
	for rows.Next() {
		var a sitrep.StoredArticle
		var pub, ing string
		if err := rows.Scan(&a.ID, &a.URL, &a.SHA256, &a.Title, &a.Source, &pub, &a.Lang, &a.Origin,
			&ing, &a.Events, &a.Casualties, &a.Quotes); err != nil {
			return nil, err
		}
		a.Published = sitrep.Date(pub)
		a.Ingested, _ = time.Parse(time.RFC3339, ing)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Events lists the selected events in article order.
func (s *Store) Events(ctx context.Context, f sitrep.Filter) ([]sitrep.StoredEvent, error) {
	c := &clause{}
	dayRange(c, f, "e.day")
	eventConds(c, f)
	if err := s.textCond(c, f, "e.article"); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT e.json, a.id, coalesce(a.url, ''), coalesce(a.published, '')
		FROM events e JOIN articles a ON a.rowid = e.article`+c.sql()+` ORDER BY e.article, e.idx`+limitSQL(f), c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.StoredEvent
	for rows.Next() {
		var ej []byte
		var e sitrep.StoredEvent
		var pub string
		if err := rows.Scan(&ej, &e.ArticleID, &e.URL, &pub); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(ej, &e.Event); err != nil {
			return nil, fmt.Errorf("event of %s: %w", e.ArticleID, err)
		}
		e.Published = sitrep.Date(pub)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Records calls each with the full record of every selected article.
func (s *Store) Records(ctx context.Context, f sitrep.Filter, each func(*sitrep.Record) error) error {
	c, err := s.articleClause(f)
	if err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.record, a.text FROM articles a`+c.sql()+` ORDER BY a.rowid`+limitSQL(f), c.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var blob []byte
		var text string
		if err := rows.Scan(&blob, &text); err != nil {
			return err
		}
		var r sitrep.Record
		if err := json.Unmarshal(blob, &r); err != nil {
			return fmt.Errorf("stored record: %w", err)
		}
		r.Article.Text = text
		if err := each(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Counts returns how many articles and events the store holds.
func (s *Store) Counts(ctx context.Context) (articles, events int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)`).Scan(&articles, &events)
	return
}

// Check runs SQLite's integrity check and the store's own consistency
// checks (every article indexed for search exactly once).
func (s *Store) Check(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	var missing int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles a WHERE a.n_events != (SELECT count(*) FROM events e WHERE e.article = a.rowid)`).Scan(&missing); err != nil {
		return err
	}
	if missing > 0 {
		return fmt.Errorf("%d articles whose events are not all stored", missing)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}
