// Package pgtest gives tests a PostgreSQL schema of their own on the server
// that SITREP_TEST_POSTGRES names (.ci/run starts one and sets it); without
// it, the tests skip with a message.
package pgtest

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// EnvVar names the database the PostgreSQL tests use.
const EnvVar = "SITREP_TEST_POSTGRES"

// Server returns the configured database URL, or skips the test.
func Server(t testing.TB) string {
	dsn := os.Getenv(EnvVar)
	if dsn == "" {
		t.Skipf("no PostgreSQL server configured: set %s to a postgres:// URL (as .ci/run does) to run the PostgreSQL tests", EnvVar)
	}
	return dsn
}

// Schema makes a new schema, dropped when the test ends, and returns the
// server's URL with search_path set to it.
func Schema(t testing.TB) string {
	dsn := Server(t)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("sitrep_test_%x", rand.Uint64())
	if _, err := admin.Exec(`CREATE SCHEMA ` + name); err != nil {
		admin.Close()
		t.Fatalf("create schema %s on the server of %s: %v", name, EnvVar, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP SCHEMA ` + name + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s: %v", EnvVar, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}
