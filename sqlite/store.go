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
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"time"
	"unicode"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"sitrep"
	"sitrep/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is a sitrep.Store in one SQLite file.
type Store struct {
	*sqlstore.Store
	path string
}

var _ sitrep.Store = (*Store)(nil)

// DefaultMergeWindow is how many days apart two reports of one event may
// date it and still be merged.
const DefaultMergeWindow = sqlstore.DefaultMergeWindow

// dialect is how SQLite spells what the shared store needs.
var dialect = &sqlstore.Dialect{
	Name:      "sqlite",
	Week:      "strftime('%%G-W%%V', %s)",
	TextMatch: "%s IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
	TextArg:   func(q string) (any, error) { return ftsQuery(q) },
	IndexText: "INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
	NoLimit:   "LIMIT -1",
	// The storing transaction holds SQLite's write lock, so ids above the
	// highest are free.
	NextClusterIDs: `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
		SELECT (SELECT coalesce(max(id), 0) FROM clusters) + i FROM seq`,
}

// Open opens (creating if needed) the store at path and brings its schema
// up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(CheapConns)
	if err := ping(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := sqlstore.Migrate(ctx, db, dialect, migrationFS, "migrations", ""); err != nil {
		db.Close()
		if strings.Contains(err.Error(), "file is not a database") {
			err = errors.New("not a SQLite database")
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// Heavy reads get a pool of their own, read-only (query_only), so
	// that they can never take every connection the cheap reads and the
	// writers use. The file exists by now, in WAL mode.
	heavy, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	heavy.SetMaxOpenConns(HeavyConns)
	s := &Store{Store: sqlstore.New(db, heavy, dialect), path: path}
	if err := s.MergePending(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := s.BuildRollupsIfNew(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Connections in each pool (see sqlstore.Store): cheap reads and writes,
// and heavy reads. SQLite runs each query on one core, so more heavy
// connections than cores only share the cores more thinly.
var (
	CheapConns = 4
	HeavyConns = max(2, runtime.GOMAXPROCS(0))
)

// dsn is the driver's name for the file at path, read-only or not. Each
// connection waits up to 10 s for a writer's lock; a query whose context
// ends is interrupted (the driver calls sqlite3_interrupt).
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	// The first 256 MB of the file are read through a memory map rather
	// than a read system call a page: storing into a store of millions of
	// events touches index pages all over the file, and at a million
	// events pread and pwrite took 40% of storing's CPU time (with the
	// whole file mapped, pread fell from 10.5 s to 1.6 s of 35 s). Mapped
	// pages count in the process's resident memory, so the map is capped
	// to keep within the memory budget. The writer also keeps a larger
	// page cache than SQLite's 2 MB.
	q.Add("_pragma", "mmap_size(268435456)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
		q.Add("_pragma", "cache_size(-65536)")
	}
	return "file:" + path + "?" + q.Encode()
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
	if len(terms) == 0 || !strings.ContainsFunc(q, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
		return "", errors.New("search text has no words")
	}
	return strings.Join(terms, " "), nil
}

// Check runs SQLite's integrity check and the store's own consistency
// checks (every article indexed for search exactly once).
func (s *Store) Check(ctx context.Context) error {
	var res string
	if err := s.DB.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	if err := s.CheckConsistent(ctx); err != nil {
		return err
	}
	if _, err := s.DB.ExecContext(ctx, `INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}
