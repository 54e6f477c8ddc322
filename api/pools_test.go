package api_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"sitrep"
	"sitrep/api"
	"sitrep/postgres"
	"sitrep/sqlite"
)

// heavyPool is the pool a store reads aggregates and lists through.
func heavyPool(t *testing.T, st sitrep.Store) *sql.DB {
	switch s := st.(type) {
	case *sqlite.Store:
		return s.Heavy
	case *postgres.Store:
		return s.Heavy
	}
	t.Fatalf("store %T has no heavy pool", st)
	return nil
}

// holdPool takes every connection of db until the test releases them, so
// that whatever else wants one waits: a heavy pool at full load.
func holdPool(t *testing.T, db *sql.DB) (release func()) {
	t.Helper()
	var conns []*sql.Conn
	for range db.Stats().MaxOpenConnections {
		c, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	return func() {
		for _, c := range conns {
			c.Close()
		}
		conns = nil
	}
}

// waitFor polls until cond holds (the test's own timeout bounds it).
func waitFor(cond func() bool) {
	for !cond() {
		time.Sleep(time.Millisecond)
	}
}

// TestHeavyRequestsDoNotStarveLookups: with the heavy pool's every
// connection busy and eight heavy requests (facets, series, the map,
// deep offset lists, search, incidents) in flight waiting for one, an
// article lookup, a merged event lookup, stats and an aggregate a small
// rollup answers still answer, before any heavy request does; then the
// heavy ones finish too.
func TestHeavyRequestsDoNotStarveLookups(t *testing.T) {
	stores(t, func(t *testing.T, _ *httptest.Server, st sitrep.Store) {
		srv := httptest.NewServer(api.New(api.Options{Store: st, CacheTTL: -1}))
		defer srv.Close()
		pool := heavyPool(t, st)
		release := holdPool(t, pool)
		defer release()
		// Requests that read the detail tables or a large rollup (the
		// small rollups are read on the cheap pool, as lookups are).
		heavy := []string{
			"/api/facets/actor?country=SYR", "/api/series?by=week&country=SYR", "/api/places?country=SYR",
			"/api/facets/source", "/api/events?offset=2&limit=1", "/api/articles?q=Aleppo",
			"/api/incidents", "/api/clusters?offset=1",
		}
		waits := pool.Stats().WaitCount
		done := make(chan string, len(heavy))
		for _, u := range heavy {
			go func() {
				resp, err := http.Get(srv.URL + u)
				if err != nil {
					done <- fmt.Sprintf("%s: %v", u, err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					done <- fmt.Sprintf("%s: status %d", u, resp.StatusCode)
					return
				}
				done <- ""
			}()
		}
		// Every heavy request is in flight, waiting for a connection.
		waitFor(func() bool { return pool.Stats().WaitCount >= waits+int64(len(heavy)) })

		var rec sitrep.Record
		get(t, srv.URL+"/api/articles/a1", &rec)
		if rec.Article.ID != "a1" {
			t.Fatalf("lookup answered article %q", rec.Article.ID)
		}
		var ks struct {
			Cluster api.Cluster `json:"cluster"`
		}
		get(t, srv.URL+"/api/clusters/1", &ks)
		get(t, srv.URL+"/api/stats", nil)
		get(t, srv.URL+"/api/facets/root", nil)
		if n := len(done); n > 0 {
			t.Fatalf("%d heavy requests finished while the pool was held", n)
		}
		release()
		for range heavy {
			if msg := <-done; msg != "" {
				t.Error(msg)
			}
		}
	})
}

// TestQueryDeadline503: a read that runs out of its query deadline (here
// waiting for a connection of a pool held busy) is answered 503 with
// Retry-After, and the server goes on answering.
func TestQueryDeadline503(t *testing.T) {
	stores(t, func(t *testing.T, _ *httptest.Server, st sitrep.Store) {
		srv := httptest.NewServer(api.New(api.Options{Store: st, CacheTTL: -1, QueryTimeout: 20 * time.Millisecond}))
		defer srv.Close()
		release := holdPool(t, heavyPool(t, st))
		resp, err := http.Get(srv.URL + "/api/facets/actor?country=SYR")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("status %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		release()
		get(t, srv.URL+"/api/facets/actor?country=SYR", nil)
	})
}
