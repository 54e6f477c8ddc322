// Package stores opens the store a --db value names: a postgres:// URL is
// a PostgreSQL database, anything else a SQLite file.
package stores

import (
	"context"
	"fmt"
	"os"

	"sitrep"
	"sitrep/postgres"
	"sitrep/sqlite"
)

// Open opens the store db names, creating a SQLite file if needed.
func Open(ctx context.Context, db string) (sitrep.Store, error) {
	if postgres.IsURL(db) {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db)
}

// OpenExisting opens a store that must already exist, so that a mistyped
// SQLite path is an error rather than a new empty database.
func OpenExisting(ctx context.Context, db string) (sitrep.Store, error) {
	if !postgres.IsURL(db) {
		if _, err := os.Stat(db); err != nil {
			return nil, fmt.Errorf("database %s: %w (run 'sitrep ingest --db %s SOURCE...' first)", db, os.ErrNotExist, db)
		}
	}
	return Open(ctx, db)
}
