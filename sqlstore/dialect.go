// Package sqlstore is the sitrep.Store shared by the SQL databases: one
// schema, one set of queries and one merge rule over database/sql, with a
// Dialect for what differs between SQLite and PostgreSQL (placeholders,
// full-text search, week numbers, locking). Packages sqlite and postgres
// open their database, bring its schema up to date and hand it here, so
// both pass the same conformance suite (package storetest).
package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// Dialect says how one database spells what the store needs.
type Dialect struct {
	Name string
	// Dollar numbers placeholders $1, $2, ... (PostgreSQL); otherwise ?.
	Dollar bool
	// Week is an expression for the ISO week ("2016-W40") of the
	// YYYY-MM-DD text column %s.
	Week string
	// TextMatch is a condition that the article whose row id is the column
	// %s contains all the words of the one argument that TextArg makes of
	// the user's search text.
	TextMatch string
	TextArg   func(q string) (any, error)
	// IndexText, when not empty, is run after an article is inserted with
	// its row id, title and text (SQLite's FTS5 table).
	IndexText string
	// LockMerge, when not empty, is run in the storing transaction before
	// events are merged, so that concurrent writers merge one at a time.
	LockMerge string
	// NullsLast says the database sorts NULL after every value (PostgreSQL)
	// rather than before (SQLite).
	NullsLast bool
	// NextClusterIDs returns its one argument's number of unused cluster
	// ids, one a row, inside the storing transaction.
	NextClusterIDs string
	// LockRollups, when not empty, is run before the rollups are rebuilt,
	// to hold off writers (SQLite's immediate transactions already do).
	LockRollups string
	// NoLimit is the LIMIT clause for "all rows" before an OFFSET.
	NoLimit string
}

// rebind turns ? placeholders into $n for dialects that number them,
// leaving ? inside quoted literals alone.
func (d *Dialect) rebind(q string) string {
	if !d.Dollar || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	quoted := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// dq runs queries on q with the dialect's placeholders.
type dq struct {
	q querier
	d *Dialect
}

func (x dq) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return x.q.ExecContext(ctx, x.d.rebind(query), args...)
}

func (x dq) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return x.q.QueryContext(ctx, x.d.rebind(query), args...)
}

func (x dq) row(ctx context.Context, query string, args ...any) *sql.Row {
	return x.q.QueryRowContext(ctx, x.d.rebind(query), args...)
}
