// Package postgres is sitrep's store on PostgreSQL, for teams and for
// several ingest processes, on one machine or several, writing one store at
// once. It uses pgx (through database/sql) and shares its queries with the
// SQLite store (package sqlstore); the schema is its own migrations.
//
// Concurrent writers are safe: an article's unique id, URL and text hash
// make a second copy a no-op (INSERT ... ON CONFLICT DO NOTHING waits for
// the first writer's transaction and then skips), merging events into
// clusters takes a transaction-scoped advisory lock, and a transaction
// that PostgreSQL aborts as a deadlock or serialization failure is retried.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/stdlib"

	"sitrep"
	"sitrep/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Advisory lock keys: one for migrations, one for merging events.
const (
	migrateLock = `SELECT pg_advisory_xact_lock(7432001)`
	mergeLock   = `SELECT pg_advisory_xact_lock(7432002)`
)

var dialect = &sqlstore.Dialect{
	Name:           "postgres",
	Dollar:         true,
	Week:           `to_char(CAST(%s AS date), 'IYYY-"W"IW')`,
	TextMatch:      "%s IN (SELECT rowid FROM articles WHERE tsv @@ plainto_tsquery('simple', ?))",
	TextArg:        textArg,
	LockMerge:      mergeLock,
	NullsLast:      true,
	NextClusterIDs: `SELECT nextval(pg_get_serial_sequence('clusters', 'id')) FROM generate_series(1, ?)`,
	NoLimit:        "",
	LockRollups:    `LOCK TABLE roll_all_place, roll_all_actor, roll_day, roll_day_country, roll_day_actor, roll_day_place, roll_month_root, roll_month_country, roll_month_actor, roll_month_place, roll_day_root, roll_month_root_country, roll_month_root_actor, roll_month_root_place, roll_day_cc, roll_deaths IN EXCLUSIVE MODE`,
}

// textArg keeps the words of a search (letters and digits), so that no
// input is read as query syntax; a search without words is refused.
func textArg(q string) (any, error) {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	if len(words) == 0 {
		return nil, errors.New("search text has no words")
	}
	return strings.Join(words, " "), nil
}

// Store is a sitrep.Store in a PostgreSQL database.
type Store struct {
	*sqlstore.Store
}

var _ sitrep.Store = (*Store)(nil)

// IsURL reports whether a --db value names a PostgreSQL database.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database at dsn (a postgres:// URL), and brings its
// schema up to date. The URL may set search_path to keep sitrep's tables
// in a schema of their own.
func Open(ctx context.Context, dsn string) (*Store, error) {
	name := redact(dsn)
	db, err := openDB(dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	db.SetMaxOpenConns(CheapConns)
	db.SetMaxIdleConns(CheapConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	if err := sqlstore.Migrate(ctx, db, dialect, migrationFS, "migrations", migrateLock); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// Heavy reads (lists, aggregates, search) get a pool of their own, so
	// that a burst of them never holds every connection the writers and
	// record lookups need. A query whose context ends is cancelled on the
	// server: pgx sends PostgreSQL a cancel request.
	heavy, err := openDB(dsn)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	heavy.SetMaxOpenConns(HeavyConns)
	heavy.SetMaxIdleConns(HeavyConns)
	heavy.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{Store: sqlstore.New(db, heavy, dialect)}
	if err := s.BuildRollupsIfNew(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}

// openDB opens a pool on dsn whose queries are cancelled on the server
// when their context ends: pgx's default only drops the connection, and
// PostgreSQL would go on running the query until it next wrote to it.
func openDB(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: 2 * time.Second}
	}
	return stdlib.OpenDB(*cfg), nil
}

// Connections in each pool (see sqlstore.Store): writes and cheap reads,
// and heavy reads.
var (
	CheapConns = 8
	HeavyConns = 4
)

// Put stores records in one transaction, retrying a transaction that
// PostgreSQL aborted because of a concurrent writer.
func (s *Store) Put(ctx context.Context, recs []*sitrep.Record) ([]sitrep.PutResult, error) {
	for attempt := 1; ; attempt++ {
		res, err := s.Store.Put(ctx, recs)
		if err == nil || attempt == 5 || !retryable(err) {
			return res, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(time.Duration(attempt*attempt) * 20 * time.Millisecond):
		}
	}
}

// retryable reports deadlocks, serialization failures and unique
// violations raced past ON CONFLICT (which a retry turns into skips).
func retryable(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "40P01", "40001", "23505":
		return true
	}
	return false
}

// Check verifies the store's own consistency.
func (s *Store) Check(ctx context.Context) error { return s.CheckConsistent(ctx) }

// redact hides a password in a database URL for messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "the PostgreSQL database"
	}
	return u.Redacted()
}
