package api

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"
)

// cache keeps the answers of read endpoints, so that many analysts looking
// at the same views (the dashboard's first view, a shared link) cost one
// query: identical requests arriving together wait for one computation
// (singleflight); later ones get the kept answer. An answer older than the
// TTL is still served while a fresh one is computed in the background
// (stale-while-revalidate), so a slow aggregate never stalls every client
// at once; one older than ten TTLs is recomputed before answering. An
// ingest through this server empties the cache; writes by other processes
// show within about one TTL. Only successful answers are kept.
type cache struct {
	lru   *lru.Cache[string, *cached]
	ttl   time.Duration
	group singleflight.Group
	gen   atomic.Int64 // bumped by writes; part of every key
}

type cached struct {
	status int
	ctype  string
	body   []byte
	at     time.Time
}

func newCache(entries int, ttl time.Duration) *cache {
	l, _ := lru.New[string, *cached](entries)
	return &cache{lru: l, ttl: ttl}
}

// invalidate forgets every answer (after a write through this server).
func (c *cache) invalidate() {
	c.gen.Add(1)
	c.lru.Purge()
}

// recorder captures an answer.
type recorder struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.buf.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }

// wrap serves GET requests through the cache.
func (c *cache) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			h.ServeHTTP(w, r)
			return
		}
		key := strconv.FormatInt(c.gen.Load(), 10) + " " + r.URL.Path + "?" + r.URL.RawQuery
		// The computation outlives the request that started it: others may
		// be waiting for it. It keeps the handler's own time limit.
		detached := r.Clone(context.WithoutCancel(r.Context()))
		compute := func() (any, error) {
			rec := &recorder{header: http.Header{}, status: http.StatusOK}
			h.ServeHTTP(rec, detached)
			e := &cached{status: rec.status, ctype: rec.header.Get("Content-Type"), body: rec.buf.Bytes(), at: time.Now()}
			if e.status == http.StatusOK {
				c.lru.Add(key, e)
			}
			return e, nil
		}
		if e, ok := c.lru.Get(key); ok {
			age := time.Since(e.at)
			if age <= c.ttl {
				write(w, e, "hit")
				return
			}
			if age <= 10*c.ttl {
				c.group.DoChan(key, compute) // refresh in the background
				write(w, e, "stale")
				return
			}
		}
		v, _, shared := c.group.Do(key, compute)
		state := "miss"
		if shared {
			state = "shared"
		}
		write(w, v.(*cached), state)
	})
}

func write(w http.ResponseWriter, e *cached, state string) {
	w.Header().Set("Content-Type", e.ctype)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Sitrep-Cache", state)
	w.WriteHeader(e.status)
	w.Write(e.body)
}
