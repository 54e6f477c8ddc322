package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sitrep"
	"sitrep/api"
	"sitrep/sqlite"
	"sitrep/storetest"
)

// countingStore counts Series calls and makes each take a while.
type countingStore struct {
	sitrep.Store
	calls atomic.Int32
}

func (c *countingStore) Series(ctx context.Context, q sitrep.SeriesQuery) ([]sitrep.SeriesPoint, error) {
	c.calls.Add(1)
	time.Sleep(50 * time.Millisecond)
	return c.Store.Series(ctx, q)
}

func TestCacheCollapsesAndRefreshes(t *testing.T) {
	st := storetest.Fixture(t, func(t testing.TB) func() (sitrep.Store, error) {
		path := filepath.Join(t.TempDir(), "cache.db")
		return func() (sitrep.Store, error) {
			s, err := sqlite.Open(context.Background(), path)
			if err == nil {
				t.Cleanup(func() { s.Close() })
			}
			return s, err
		}
	})
	cs := &countingStore{Store: st}
	srv := httptest.NewServer(api.New(api.Options{Store: cs, CacheTTL: 300 * time.Millisecond}))
	defer srv.Close()
	fetch := func() string {
		resp, err := http.Get(srv.URL + "/api/series?by=month")
		if err != nil {
			t.Error(err)
			return ""
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("status %d", resp.StatusCode)
		}
		return resp.Header.Get("X-Sitrep-Cache")
	}
	// Twenty clients at once: one computation.
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { fetch() })
	}
	wg.Wait()
	if n := cs.calls.Load(); n != 1 {
		t.Fatalf("20 identical requests at once ran the query %d times, want 1", n)
	}
	if s := fetch(); s != "hit" {
		t.Errorf("a repeat within the TTL was %q, want hit", s)
	}
	// After the TTL the old answer is served at once and refreshed behind.
	time.Sleep(350 * time.Millisecond)
	if s := fetch(); s != "stale" {
		t.Errorf("a request after the TTL was %q, want stale", s)
	}
	deadline := time.Now().Add(5 * time.Second)
	for cs.calls.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := cs.calls.Load(); n != 2 {
		t.Errorf("the stale answer was refreshed %d times, want once", n-1)
	}
	// Errors are not kept.
	for range 2 {
		resp, _ := http.Get(srv.URL + "/api/series?by=fortnight")
		if resp.StatusCode != 400 || resp.Header.Get("X-Sitrep-Cache") == "hit" {
			t.Errorf("bad request: %d, cache %q", resp.StatusCode, resp.Header.Get("X-Sitrep-Cache"))
		}
		resp.Body.Close()
	}
}
