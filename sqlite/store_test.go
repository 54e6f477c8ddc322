package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep"
	"sitrep/storetest"
)

// fresh makes a new SQLite file for each conformance test.
func fresh(t testing.TB) func() (sitrep.Store, error) {
	path := filepath.Join(t.TempDir(), "conformance.db")
	var mu sync.Mutex
	return func() (sitrep.Store, error) {
		s, err := Open(context.Background(), path)
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

func open(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func counts(t testing.TB, s *Store) (int, int) {
	t.Helper()
	a, e, err := s.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	return a, e
}

func migrationCount(t testing.TB) int {
	t.Helper()
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded migrations (%v)", err)
	}
	return len(names)
}

// ---- open and migrations ---------------------------------------------------

func TestOpenCreatesAndMigrates(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sitrep.db")
	s := open(t, path)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("Open did not create the file: %v", err)
	}
	want := migrationCount(t)
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != want {
		t.Fatalf("SchemaVersion = %d, want %d (the number of migrations)", v, want)
	}
	if a, e := counts(t, s); a != 0 || e != 0 {
		t.Fatalf("new store holds %d articles, %d events", a, e)
	}
	text := "Shelling was reported near Aleppo."
	r := sitrep.NewRecord(sitrep.Article{ID: "a1", URL: "https://x.invalid/1", Published: "2016-10-01",
		SHA256: storetest.Hash(text), Text: text})
	r.Events = []sitrep.Event{{ID: "a1-0", Source: &sitrep.Actor{Code: "SYRMIL"}, Cameo: "190", Root: "19", Quad: 4, Goldstein: -10}}
	if _, err := s.Put(ctx, []*sitrep.Record{&r}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopening applies nothing and keeps the data.
	s2 := open(t, path)
	v2, err := s2.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v2 != want {
		t.Fatalf("SchemaVersion after reopen = %d, want %d", v2, want)
	}
	var applied int
	if err := s2.DB.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&applied); err != nil {
		t.Fatal(err)
	}
	if applied != want {
		t.Fatalf("schema_migrations has %d rows after reopen, want %d", applied, want)
	}
	if a, e := counts(t, s2); a != 1 || e != 1 {
		t.Fatalf("after reopen: %d articles, %d events; want 1, 1", a, e)
	}
	arts, err := s2.Articles(ctx, sitrep.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || arts[0].ID != "a1" || arts[0].SHA256 != storetest.Hash(text) {
		t.Fatalf("after reopen Articles = %+v", arts)
	}
	if err := s2.Check(ctx); err != nil {
		t.Fatalf("Check after reopen: %v", err)
	}
}

func TestOpenEmptyPath(t *testing.T) {
	if s, err := Open(context.Background(), ""); err == nil {
		s.Close()
		t.Fatal("Open(\"\") succeeded")
	}
}

func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	var b bytes.Buffer
	rng := rand.New(rand.NewPCG(1, 2))
	for b.Len() < 8192 {
		fmt.Fprintf(&b, "line %d of some notes that are not a database: %x\n", rng.IntN(1e6), rng.Uint64())
	}
	content := b.Bytes()
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err == nil {
		s.Close()
		t.Fatal("Open of a text file succeeded")
	}
	if !strings.Contains(err.Error(), "not a SQLite database") {
		t.Errorf("error = %q, want it to say the file is not a SQLite database", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error = %q, want it to name the file", err)
	}
	got, rerr := os.ReadFile(path)
	if rerr != nil {
		t.Fatal(rerr)
	}
	if !bytes.Equal(got, content) {
		t.Fatalf("Open changed the file's content (%d bytes, was %d)", len(got), len(content))
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("Open left %s behind", filepath.Base(path+suffix))
		}
	}
}

func TestCheckHealthy(t *testing.T) {
	ctx := context.Background()
	s := storetest.Fixture(t, fresh).(*Store)
	if err := s.Check(ctx); err != nil {
		t.Fatalf("Check on a healthy store: %v", err)
	}
	empty := open(t, filepath.Join(t.TempDir(), "empty.db"))
	if err := empty.Check(ctx); err != nil {
		t.Fatalf("Check on an empty store: %v", err)
	}
	// And it notices a record whose events went missing.
	if _, err := s.DB.ExecContext(ctx, `DELETE FROM events WHERE id = 'a1-1'`); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(ctx); err == nil {
		t.Fatal("Check passed with an event missing")
	}
}

// TestQueryCancelled: a query whose context ends is interrupted inside
// SQLite, on either pool: a query that would never end returns.
func TestQueryCancelled(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "cancel.db"))
	for _, db := range []*sql.DB{s.DB, s.Heavy} {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		var n int
		err := db.QueryRowContext(ctx, `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c`).Scan(&n)
		cancel()
		if err == nil {
			t.Fatalf("endless query returned %d", n)
		}
	}
	if _, err := s.Heavy.ExecContext(context.Background(), `DELETE FROM articles`); err == nil {
		t.Error("the heavy pool wrote; want it read-only")
	}
}
