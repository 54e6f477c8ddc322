package watch_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"sitrep"
	"sitrep/engine"
	"sitrep/fetch"
	"sitrep/sqlite"
	"sitrep/watch"
)

func page(title, body string) string {
	return `<!doctype html><html><head><title>` + title + `</title></head><body><nav>Home | World</nav><article><h1>` + title +
		`</h1><p>` + body + `</p><p>` + body + `</p></article><footer>Copyright</footer></body></html>`
}

const story1 = "Government forces shelled the northern town of Idlib on Monday, killing at least seven civilians, a monitoring group said. Rescue workers searched the rubble of two houses through the night, and local officials appealed for medical supplies."
const story2 = "Police in Nairobi fired tear gas at thousands of protesters who marched on parliament on Tuesday against a finance bill, and detained at least 40 people, a rights group said. The interior minister defended the officers."

func rss(base string, links ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Test Feed</title><link>` + base + `</link><description>t</description>`)
	for i, l := range links {
		fmt.Fprintf(&b, `<item><title>Item %d</title><link>%s%s</link><description>Short summary %d.</description><pubDate>Tue, 25 Jun 2024 10:00:00 GMT</pubDate></item>`, i, base, l, i)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// misbehaving serves a feed whose items' pages fail in every way a site
// can fail, beside two good pages and one that fails once.
func misbehaving(t *testing.T) (*httptest.Server, *sync.Map) {
	hits := &sync.Map{}
	var flaky atomic.Int32
	mux := http.NewServeMux()
	count := func(r *http.Request) {
		v, _ := hits.LoadOrStore(r.URL.Path, new(atomic.Int32))
		v.(*atomic.Int32).Add(1)
	}
	var srv *httptest.Server
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		count(r)
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/feed.xml":
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, rss(srv.URL, "/news/1", "/news/2", "/private/3", "/slow", "/truncated", "/huge", "/png", "/loop", "/flaky", "/gone"))
		case "/feed2.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, rss(srv.URL, "/news/1", "/copy"))
		case "/news/1":
			fmt.Fprint(w, page("Shelling in Idlib", story1))
		case "/news/2", "/copy":
			fmt.Fprint(w, page("Protest in Nairobi", story2))
		case "/private/3":
			fmt.Fprint(w, page("Private", story1))
		case "/slow":
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		case "/truncated":
			w.Header().Set("Content-Length", "100000")
			w.Write([]byte(page("Cut", story1)[:200]))
			if hj, ok := w.(http.Hijacker); ok {
				c, _, _ := hj.Hijack()
				c.Close()
			}
		case "/huge":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body><p>"))
			w.Write(bytes.Repeat([]byte("word "), 300<<10))
		case "/png":
			w.Header().Set("Content-Type", "text/html")
			w.Write(append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 255}, 500)...))
		case "/loop":
			http.Redirect(w, r, "/loop2", http.StatusFound)
		case "/loop2":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/flaky":
			if flaky.Add(1) == 1 {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			fmt.Fprint(w, page("Talks resume", "Russian and Ukrainian negotiators met in Istanbul on Wednesday and agreed to exchange prisoners of war, the Turkish foreign ministry said, in the first direct talks for months."))
		case "/gone":
			http.NotFound(w, r)
		default:
			http.NotFound(w, r)
		}
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, hits
}

func hitCount(hits *sync.Map, path string) int {
	v, ok := hits.Load(path)
	if !ok {
		return 0
	}
	return int(v.(*atomic.Int32).Load())
}

type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }
func (l *logBuf) String() string              { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func setup(t *testing.T, feeds ...string) (*watch.Watcher, *watch.Metrics, *sqlite.Store, *logBuf) {
	t.Helper()
	p, err := engine.New(engine.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "watch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m := watch.NewMetrics(prometheus.NewRegistry())
	client := fetch.New(fetch.Options{PerHost: 200, Burst: 20, Retries: 2, MaxWait: 50 * time.Millisecond, Timeout: time.Second, OnAttempt: m.Attempt})
	logs := &logBuf{}
	w := watch.New(watch.Options{Feeds: feeds, Store: st, Coder: p, Client: client, MaxBytes: 1 << 20,
		Timeout: time.Second, Metrics: m, Once: true, Log: slog.New(slog.NewTextHandler(logs, nil))})
	return w, m, st, logs
}

func TestWatchMisbehavingSites(t *testing.T) {
	srv, hits := misbehaving(t)
	w, m, st, logs := setup(t, srv.URL+"/feed.xml", srv.URL+"/feed2.xml")
	ctx := context.Background()
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	arts, err := st.Articles(ctx, sitrep.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, a := range arts {
		urls = append(urls, strings.TrimPrefix(a.URL, srv.URL))
	}
	// /copy has /news/2's text under another URL: whichever of the two
	// is read first is stored, the other recognised by its text hash.
	stored := map[string]bool{}
	for _, u := range urls {
		stored[u] = true
	}
	if len(arts) != 3 || !stored["/news/1"] || !stored["/flaky"] || stored["/news/2"] == stored["/copy"] {
		t.Fatalf("stored %v; want /news/1, /flaky and one of /news/2 and /copy", urls)
	}
	if got := testutil.ToFloat64(m.Stored); got != 3 {
		t.Errorf("stored metric %v, want 3", got)
	}
	if got := testutil.ToFloat64(m.Unchanged); got != 1 {
		t.Errorf("unchanged metric %v, want 1 (the copy)", got)
	}
	if got := testutil.ToFloat64(m.Failed.WithLabelValues("item")); got != 7 {
		t.Errorf("failed items %v, want 7 (private, slow, truncated, huge, png, loop, gone)\n%s", got, logs)
	}
	log := logs.String()
	for _, want := range []string{"robots.txt", "redirects", "limit", "binary", "timed out", "404"} {
		if !strings.Contains(log, want) {
			t.Errorf("log does not mention %q:\n%s", want, log)
		}
	}
	if n := hitCount(hits, "/private/3"); n != 0 {
		t.Errorf("/private/3 fetched %d times despite robots.txt", n)
	}
	if n := hitCount(hits, "/news/1"); n != 1 {
		t.Errorf("/news/1 fetched %d times; the second feed's copy should be recognised by URL", n)
	}
	if n := hitCount(hits, "/flaky"); n != 2 {
		t.Errorf("/flaky fetched %d times, want 2 (a 503, then a retry)", n)
	}
	if n := hitCount(hits, "/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}

	// A second round: the first feed answers 304; the second is fetched but
	// its items are known, so no page is fetched again.
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if got := testutil.ToFloat64(m.NotModified); got != 1 {
		t.Errorf("not-modified polls %v, want 1", got)
	}
	if n := hitCount(hits, "/news/1"); n != 1 {
		t.Errorf("/news/1 fetched %d times after the second round", n)
	}
	if got := testutil.ToFloat64(m.Stored); got != 3 {
		t.Errorf("stored metric after the second round %v, want 3", got)
	}
}

// Stopping mid-poll stores what was fetched before the stop.
func TestWatchStopsGracefully(t *testing.T) {
	release := make(chan struct{})
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/feed.xml":
			fmt.Fprint(w, rss(srv.URL, "/a", "/b", "/stuck"))
		case "/a":
			fmt.Fprint(w, page("A", story1))
		case "/b":
			fmt.Fprint(w, page("B", story2))
		case "/stuck":
			close(release)
			<-r.Context().Done()
		}
	}))
	defer srv.Close()
	w, _, st, _ := setup(t, srv.URL+"/feed.xml")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	<-release
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	arts, err := st.Articles(context.Background(), sitrep.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 {
		t.Fatalf("after stopping, %d articles stored; want the 2 fetched before the stop", len(arts))
	}
}

func TestReadList(t *testing.T) {
	if _, err := watch.ReadList([]string{filepath.Join(t.TempDir(), "missing.txt")}); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing list: %v", err)
	}
	if got, err := watch.ReadList([]string{"https://example.org/rss"}); err != nil || len(got) != 1 {
		t.Errorf("URL argument: %v %v", got, err)
	}
}

// A page whose first try times out is tried again, as --retries says, and
// stored; so is a feed whose first try times out.
func TestWatchRetriesTimeouts(t *testing.T) {
	var feedTries, pageTries atomic.Int32
	var srv *httptest.Server
	hang := func(r *http.Request) { <-r.Context().Done() } // until the client gives up
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			if feedTries.Add(1) == 1 {
				hang(r)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, rss(srv.URL, "/news/1"))
		case "/news/1":
			if pageTries.Add(1) == 1 {
				hang(r)
				return
			}
			fmt.Fprint(w, page("Shelling in Idlib", story1))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	p, err := engine.New(engine.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "watch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	timeout := 200 * time.Millisecond
	client := fetch.New(fetch.Options{PerHost: 200, Burst: 20, Retries: 2, MaxWait: 10 * time.Millisecond, Timeout: timeout, IgnoreRobots: true})
	w := watch.New(watch.Options{Feeds: []string{srv.URL + "/feed.xml"}, Store: st, Coder: p, Client: client,
		Timeout: timeout, Retries: 2, Once: true})
	if err := w.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	arts, err := st.Articles(context.Background(), sitrep.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || feedTries.Load() != 2 || pageTries.Load() != 2 {
		t.Fatalf("stored %d articles after %d feed and %d page tries; want 1 after 2 and 2", len(arts), feedTries.Load(), pageTries.Load())
	}
}
