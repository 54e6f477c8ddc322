// Package watch follows RSS/Atom feeds and sites: it polls each on an
// interval with conditional GETs (ETag, Last-Modified) through a polite
// client (package fetch: robots.txt, per-host rate, retries), fetches the
// pages of items not yet stored, codes them and stores them. Items already
// stored are recognised by URL before fetching, and by text hash when
// stored (the store's own deduplication), so an item in several feeds is
// stored once. Cancelling the context stops it gracefully: what was
// fetched is coded and stored before Run returns.
package watch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"sitrep"
	"sitrep/ingest"
)

// Coder codes one article; *pipeline.Pipeline is one.
type Coder interface {
	Code(a sitrep.Article) sitrep.Record
}

// Options configure a Watcher.
type Options struct {
	Feeds    []string      // feed or page URLs
	Interval time.Duration // between polls of a feed; default 5 minutes
	Store    sitrep.Store
	Coder    Coder
	Client   *http.Client  // default: http.DefaultClient (use fetch.New)
	MaxBytes int64         // largest feed or page; default ingest's
	Timeout  time.Duration // one try of a feed or page
	// Retries is how many more times Client tries a feed or page after a
	// timeout, a refused connection, 429 or 5xx (fetch.Options.Retries);
	// the time allowed for one fetch covers them.
	Retries int
	Workers int // feeds polled at once; default 4
	Metrics *Metrics
	Log     *slog.Logger
	// Once polls every feed one time and returns.
	Once bool
}

// Watcher follows feeds.
type Watcher struct {
	o      Options
	reader *ingest.Reader
	mu     sync.Mutex
	cache  map[string]validators // per feed URL
	seen   map[string]bool       // URLs known to be stored
	// claimed are the URLs taken for fetching in this round, so that feeds
	// polled at once do not fetch one page twice.
	claimed map[string]bool
}

type validators struct{ etag, lastModified string }

// New returns a watcher for o.
func New(o Options) *Watcher {
	if o.Interval <= 0 {
		o.Interval = 5 * time.Minute
	}
	if o.Client == nil {
		o.Client = http.DefaultClient
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = ingest.DefaultMaxBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = ingest.DefaultTimeout
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics(prometheus.NewRegistry())
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	w := &Watcher{o: o, cache: map[string]validators{}, seen: map[string]bool{}, claimed: map[string]bool{}}
	w.reader = ingest.NewReader(ingest.Options{Client: o.Client, MaxBytes: o.MaxBytes, Timeout: o.Timeout,
		Retries: o.Retries, Skip: w.known})
	return w
}

// ReadList reads feed URLs from args: each a URL, or a file of URLs one a
// line (blank lines and # comments skipped).
func ReadList(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			out = append(out, a)
			continue
		}
		f, err := os.Open(a)
		if err != nil {
			return nil, fmt.Errorf("feed list %s: %w", a, err)
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if !strings.HasPrefix(line, "http://") && !strings.HasPrefix(line, "https://") {
				f.Close()
				return nil, fmt.Errorf("%s:%d: %q is not an http(s) URL", a, n, line)
			}
			out = append(out, line)
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("feed list %s: %w", a, err)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no feeds to watch")
	}
	return out, nil
}

// Run polls every feed each interval until ctx ends (or once, with Once).
func (w *Watcher) Run(ctx context.Context) error {
	for {
		w.pollAll(ctx)
		if w.o.Once || ctx.Err() != nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(w.o.Interval):
		}
	}
}

func (w *Watcher) pollAll(ctx context.Context) {
	w.mu.Lock()
	clear(w.claimed) // what failed last round is tried again
	w.mu.Unlock()
	feeds := make(chan string)
	var wg sync.WaitGroup
	for range min(w.o.Workers, len(w.o.Feeds)) {
		wg.Go(func() {
			for f := range feeds {
				if err := w.Poll(ctx, f); err != nil && ctx.Err() == nil {
					w.o.Log.Warn("feed failed", "feed", f, "err", err)
				}
			}
		})
	}
	for _, f := range w.o.Feeds {
		if ctx.Err() != nil {
			break
		}
		w.o.Metrics.Queue.Inc()
		feeds <- f
		w.o.Metrics.Queue.Dec()
	}
	close(feeds)
	wg.Wait()
}

// known reports whether u belongs to a stored article or was already
// taken for fetching in this round; otherwise it takes u.
func (w *Watcher) known(u string) bool {
	if u == "" {
		return false
	}
	w.mu.Lock()
	if w.seen[u] || w.claimed[u] {
		w.mu.Unlock()
		return true
	}
	w.claimed[u] = true
	w.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	k, err := w.o.Store.Known(ctx, []string{u})
	if err != nil || !k[u] {
		return false
	}
	w.remember(u)
	return true
}

func (w *Watcher) remember(u string) {
	if u == "" {
		return
	}
	w.mu.Lock()
	w.seen[u] = true
	w.mu.Unlock()
}

// Poll fetches one feed (conditionally), and codes and stores its new
// items. Items that fail are counted and logged; the others go on.
func (w *Watcher) Poll(ctx context.Context, feed string) error {
	m := w.o.Metrics
	t0 := time.Now()
	data, err := w.get(ctx, feed)
	m.FetchSeconds.Observe(time.Since(t0).Seconds())
	if errors.Is(err, errNotModified) {
		m.NotModified.Inc()
		return nil
	}
	if err != nil {
		m.Failed.WithLabelValues("feed").Inc()
		return err
	}
	var recs []*sitrep.Record
	var firstErr error
	for a, err := range w.reader.Bytes(ctx, feed, data) {
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			m.Failed.WithLabelValues("item").Inc()
			w.o.Log.Warn("item failed", "feed", feed, "err", err)
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		m.Fetched.Inc()
		t1 := time.Now()
		rec, err := w.code(a)
		m.CodeSeconds.Observe(time.Since(t1).Seconds())
		if err != nil {
			m.Failed.WithLabelValues("code").Inc()
			w.o.Log.Warn("coding failed", "feed", feed, "url", a.URL, "err", err)
			continue
		}
		m.Coded.Inc()
		recs = append(recs, &rec)
	}
	if len(recs) > 0 {
		// Store what was fetched even when stopping: nothing is lost.
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		t2 := time.Now()
		res, err := w.o.Store.Put(sctx, recs)
		m.StoreSeconds.Observe(time.Since(t2).Seconds())
		if err != nil {
			m.Failed.WithLabelValues("store").Inc()
			return fmt.Errorf("%s: storing %d articles: %w", feed, len(recs), err)
		}
		for i, r := range res {
			if r == sitrep.Stored {
				m.Stored.Inc()
			} else {
				m.Unchanged.Inc()
			}
			w.remember(recs[i].Article.URL)
		}
	}
	if len(recs) == 0 && firstErr != nil {
		return firstErr
	}
	return nil
}

func (w *Watcher) code(a sitrep.Article) (rec sitrep.Record, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("coding panicked: %v", v)
		}
	}()
	return w.o.Coder.Code(a), nil
}

var errNotModified = errors.New("not modified")

// get fetches a feed with the validators of its last answer.
func (w *Watcher) get(ctx context.Context, feed string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, ingest.FetchDeadline(w.o.Timeout, w.o.Retries))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feed, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: bad URL: %v", feed, err)
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
	w.mu.Lock()
	v := w.cache[feed]
	w.mu.Unlock()
	if v.etag != "" {
		req.Header.Set("If-None-Match", v.etag)
	}
	if v.lastModified != "" {
		req.Header.Set("If-Modified-Since", v.lastModified)
	}
	resp, err := w.o.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", feed, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, errNotModified
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("%s: HTTP %s", feed, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, w.o.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: reading: %w", feed, err)
	}
	if int64(len(data)) > w.o.MaxBytes {
		return nil, fmt.Errorf("%s: over the %d-byte limit", feed, w.o.MaxBytes)
	}
	w.mu.Lock()
	w.cache[feed] = validators{resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")}
	w.mu.Unlock()
	return data, nil
}
