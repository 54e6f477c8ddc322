package loadgen_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"sitrep"
	"sitrep/api"
	"sitrep/loadgen"
	"sitrep/sqlite"
)

// A generated store answers every measured query, and a server over it
// answers 50 concurrent clients without an error.
func TestStoreQueriesAndLoad(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var batch []*sitrep.Record
	events := 0
	for r := range loadgen.Records(1500, 8, 3) {
		batch = append(batch, r)
		events += len(r.Events)
		if len(batch) == 100 {
			if _, err := st.Put(ctx, batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != 1500 || stats.Events != events || stats.Clusters == 0 || stats.Clusters > events {
		t.Fatalf("generated store: %+v (generated %d events)", stats, events)
	}
	for _, tm := range loadgen.TimeStore(ctx, st, 1) {
		if tm.Err != nil {
			t.Errorf("%s: %v", tm.Name, tm.Err)
		}
	}
	srv := httptest.NewServer(api.New(api.Options{Store: st}))
	defer srv.Close()
	res := loadgen.Load(ctx, srv.URL, 50, 3*time.Second)
	if res.Errors > 0 || res.Requests == 0 {
		t.Fatalf("load: %d requests, %d errors (first: %s)", res.Requests, res.Errors, res.FirstErr)
	}
	if len(res.PerQuery) != len(loadgen.Queries) {
		t.Errorf("load reached %d of %d kinds of request", len(res.PerQuery), len(loadgen.Queries))
	}
	t.Logf("50 clients, 3 s: %d requests, p50 %s, p99 %s", res.Requests, res.P50, res.P99)

	// Varied requests, with values drawn from the store, are all answered.
	v, err := loadgen.FetchValues(ctx, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Countries) == 0 || len(v.Actors) == 0 || len(v.Places) == 0 || len(v.Articles) == 0 {
		t.Fatalf("store values: %+v", v)
	}
	res = loadgen.LoadVaried(ctx, srv.URL, 8, 3*time.Second, v, 1)
	if res.Errors > 0 || res.Requests == 0 {
		t.Fatalf("varied load: %d requests, %d errors %v (first: %s)", res.Requests, res.Errors, res.Statuses, res.FirstErr)
	}
	if len(res.PerQuery) < 10 {
		t.Errorf("varied load reached %d kinds of request", len(res.PerQuery))
	}
}

func TestRecordsAreDeterministic(t *testing.T) {
	var a, b []string
	for r := range loadgen.Records(20, 5, 9) {
		a = append(a, r.Article.SHA256)
	}
	for r := range loadgen.Records(20, 5, 9) {
		b = append(b, r.Article.SHA256)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("record %d differs between runs with one seed", i)
		}
	}
	seen := map[string]bool{}
	for _, h := range a {
		if seen[h] {
			t.Fatal("two generated articles share a text hash")
		}
		seen[h] = true
	}
}
