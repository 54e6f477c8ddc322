package postgres

import (
	"context"
	"database/sql"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep"
	"sitrep/postgres/pgtest"
	"sitrep/storetest"
)

func fresh(t testing.TB) func() (sitrep.Store, error) {
	dsn := pgtest.Schema(t)
	var mu sync.Mutex
	return func() (sitrep.Store, error) {
		s, err := Open(context.Background(), dsn)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		t.Cleanup(func() { s.Close() })
		mu.Unlock()
		return s, nil
	}
}

func TestConformance(t *testing.T) { storetest.Run(t, fresh) }

func BenchmarkPut(b *testing.B) { storetest.BenchmarkPut(b, fresh) }

func BenchmarkDeepPage(b *testing.B) { storetest.BenchmarkDeepPage(b, fresh) }

func TestOpenBadURL(t *testing.T) {
	ctx := context.Background()
	_, err := Open(ctx, "postgres://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
	if err == nil {
		t.Fatal("Open of a closed port succeeded")
	}
	if msg := err.Error(); !contains(msg, "127.0.0.1:1") || contains(msg, "secret") {
		t.Errorf("error %q: want it to name the server and hide the password", msg)
	}
}

func TestMigrateTwiceAndConcurrently(t *testing.T) {
	dsn := pgtest.Schema(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			s, err := Open(ctx, dsn)
			if err != nil {
				errs <- err
				return
			}
			s.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Open: %v", err)
	}
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.SchemaVersion(ctx)
	names, _ := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil || v != len(names) {
		t.Fatalf("SchemaVersion = %d, %v; want %d (the number of migrations)", v, err, len(names))
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// TestQueryCancelled: a query whose context ends is cancelled on the
// server, on either pool.
func TestQueryCancelled(t *testing.T) {
	dsn := pgtest.Schema(t)
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, db := range []*sql.DB{s.DB, s.Heavy} {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		_, err := db.ExecContext(ctx, `SELECT pg_sleep(3600)`)
		cancel()
		if err == nil {
			t.Fatal("pg_sleep(3600) returned")
		}
		// The server stops the query (were it left running, this would
		// wait for the test's timeout).
		for {
			var n int
			if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM pg_stat_activity
				WHERE query = 'SELECT pg_sleep(3600)' AND state = 'active'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}
