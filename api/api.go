// Package api serves a store over HTTP: read endpoints under /api/ with
// filtering, paging and sorting, a coding endpoint, a token-protected
// ingest endpoint, the OpenAPI description at /openapi.json, and the
// dashboard's files at /. docs/api.md describes the endpoints.
//
// Every error is JSON, {"error": {"status": N, "message": "..."}}, with its
// HTTP status: 400 for a bad parameter, 401/403 for ingest without the
// token, 404, 405, 408 for a request body that did not arrive in time, 413
// for a body over the limit, 415, 500 and 503 (the request ran out of time).
package api

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"sitrep"
	"sitrep/ingest"
)

// Coder codes one article; *pipeline.Pipeline is one.
type Coder interface {
	Code(a sitrep.Article) sitrep.Record
}

// Options configure a Server.
type Options struct {
	Store sitrep.Store
	// Coder codes articles posted to /api/code and /api/ingest; nil
	// disables both (503).
	Coder Coder
	// Token is the bearer token /api/ingest requires; empty disables
	// ingest (403).
	Token string
	// Web holds the dashboard, served at /; nil serves none.
	Web fs.FS
	// MaxBody caps a request body; 0 means 1 MiB.
	MaxBody int64
	// Timeout bounds each request's work; 0 means 30 s.
	Timeout time.Duration
	// QueryTimeout bounds each read request's database work, within
	// Timeout; 0 means 10 s. A request that runs out of it has its query
	// cancelled in the database and is answered 503 with Retry-After.
	QueryTimeout time.Duration
	// CodeRate and CodeBurst bound how often one client (by IP address)
	// may POST /api/code: CodeRate a second on average, CodeBurst at once;
	// 0 means 1 a second with bursts of 5, negative CodeRate no limit.
	// Requests with the ingest token are not limited. Coding runs at most
	// GOMAXPROCS articles at once; a request that finds twice that many
	// waiting is answered 503 at once.
	CodeRate  float64
	CodeBurst int
	// Log receives one line per failed request; nil means slog's default.
	Log *slog.Logger
	// CacheTTL keeps read answers this long (see cache); 0 means 10 s,
	// negative turns the cache off. CacheEntries bounds it (default 2000).
	CacheTTL     time.Duration
	CacheEntries int
	// CountCap bounds list totals (see page); 0 means DefaultCountCap.
	CountCap int
}

// Server is the HTTP handler.
type Server struct {
	o       Options
	mux     *http.ServeMux
	reader  *ingest.Reader
	coding  chan struct{} // bounds articles coded at once
	waiting chan struct{} // bounds requests waiting to code
	limits  *limiters     // per-client rate of /api/code; nil for none
	cache   *cache        // nil when off
}

//go:embed openapi.json
var openAPI []byte

// New returns the server for o.
func New(o Options) *Server {
	if o.MaxBody <= 0 {
		o.MaxBody = 1 << 20
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.CacheTTL == 0 {
		o.CacheTTL = 10 * time.Second
	}
	if o.CountCap <= 0 {
		o.CountCap = DefaultCountCap
	}
	if o.CacheEntries <= 0 {
		o.CacheEntries = 2000
	}
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = min(10*time.Second, o.Timeout)
	}
	if o.CodeRate == 0 {
		o.CodeRate = 1
	}
	if o.CodeBurst <= 0 {
		o.CodeBurst = 5
	}
	n := runtime.GOMAXPROCS(0)
	s := &Server{
		o:       o,
		mux:     http.NewServeMux(),
		reader:  ingest.NewReader(ingest.Options{MaxBytes: o.MaxBody, NoFetch: true}),
		coding:  make(chan struct{}, n),
		waiting: make(chan struct{}, 2*n),
	}
	if o.CodeRate > 0 {
		s.limits = newLimiters(o.CodeRate, o.CodeBurst)
	}
	if o.CacheTTL > 0 {
		s.cache = newCache(o.CacheEntries, o.CacheTTL)
	}
	s.route()
	return s
}

func (s *Server) route() {
	get := func(path string, h func(w http.ResponseWriter, r *http.Request) error) {
		var hh http.Handler = s.wrap(s.queryDeadline(h))
		if s.cache != nil {
			hh = s.cache.wrap(hh)
		}
		s.mux.Handle("GET "+path, hh)
	}
	get("/api/stats", s.stats)
	get("/api/events", s.events)
	get("/api/clusters", s.clusters)
	get("/api/clusters/{id}", s.cluster)
	get("/api/articles", s.articles)
	get("/api/articles/{id}", s.article)
	get("/api/series", s.series)
	get("/api/places", s.places)
	get("/api/incidents", s.incidents)
	get("/api/actors", s.actors)
	get("/api/facets/{field}", s.facet)
	s.mux.Handle("POST /api/code", s.wrap(s.code))
	s.mux.Handle("POST /api/ingest", s.wrap(s.ingest))
	s.mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	// Anything else under /api/ is a JSON 405 for a known path with
	// another method, or a JSON 404.
	s.mux.Handle("/api/", s.wrap(func(w http.ResponseWriter, r *http.Request) error {
		probe := r.Clone(r.Context())
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			probe.Method = m
			if _, p := s.mux.Handler(probe); p != "/api/" {
				w.Header().Set("Allow", m)
				return &httpError{http.StatusMethodNotAllowed, r.Method + " is not allowed on " + r.URL.Path + "; use " + m}
			}
		}
		return &httpError{http.StatusNotFound, "no such endpoint: " + r.URL.Path}
	}))
	s.mux.Handle("/openapi.json", s.wrap(func(w http.ResponseWriter, r *http.Request) error {
		return &httpError{http.StatusMethodNotAllowed, r.Method + " is not allowed on /openapi.json; use GET"}
	}))
	if s.o.Web != nil {
		files := securityHeaders(http.FileServerFS(s.o.Web))
		s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				w.Header().Set("Allow", "GET, HEAD")
				http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
				return
			}
			files.ServeHTTP(w, r)
		})
	}
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// securityHeaders keeps the dashboard's page from loading anything from
// elsewhere or running inline script.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// wrap gives a handler its deadline, JSON errors, and no caching.
func (s *Server) wrap(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.o.Timeout)
		defer cancel()
		r = r.WithContext(ctx)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store")
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// queryDeadline gives a read handler the query deadline.
func (s *Server) queryDeadline(h func(w http.ResponseWriter, r *http.Request) error) func(w http.ResponseWriter, r *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, cancel := context.WithTimeout(r.Context(), s.o.QueryTimeout)
		defer cancel()
		return h(w, r.WithContext(ctx))
	}
}

// RetryAfter is the Retry-After, in seconds, of a 503 for a request
// that ran out of time or found the server too busy.
const RetryAfter = "5"

// fail writes err as a JSON error with the status it calls for.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "internal error"
	var he *httpError
	var mbe *http.MaxBytesError
	// A database driver reports a query cancelled at the deadline in its
	// own words (SQLite: "interrupted"); the request's context says why.
	if ctxErr := r.Context().Err(); ctxErr != nil && !errors.As(err, &he) && !errors.As(err, &mbe) {
		err = fmt.Errorf("%w (%v)", ctxErr, err)
	}
	switch {
	case errors.As(err, &he):
		status, msg = he.status, he.msg
	case errors.As(err, &mbe):
		status, msg = http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is over the %d-byte limit", mbe.Limit)
	case errors.Is(err, sitrep.ErrBadQuery):
		status, msg = http.StatusBadRequest, strings.TrimPrefix(err.Error(), sitrep.ErrBadQuery.Error()+": ")
	case errors.Is(err, sitrep.ErrNotFound):
		status, msg = http.StatusNotFound, err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		status, msg = http.StatusServiceUnavailable, "the request took too long and was stopped"
	case errors.Is(err, context.Canceled):
		return // the client went away
	}
	if status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", RetryAfter)
	}
	if status >= 500 {
		s.o.Log.Error("api", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{"status": status, "message": msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	return enc.Encode(v)
}

// page is a list response. Total is exact up to the count cap; past it,
// More is true: there are more than Total.
type page[T any] struct {
	Total  int  `json:"total"`
	More   bool `json:"more,omitempty"`
	Limit  int  `json:"limit"`
	Offset int  `json:"offset"`
	Items  []T  `json:"items"`
	// Next, in lists that page by keyset, is the cursor to pass as after=
	// for the next page; absent on the last page.
	Next string `json:"next,omitempty"`
}

// MaxOffset bounds offset paging in lists that page by keyset: offset and
// limit reach at most this far into the list. Deeper pages are read with
// after=, which costs the same at any depth, while an offset makes the
// database read and drop every row before the page.
const MaxOffset = 10000

// DefaultCountCap bounds the counting a list page does for its total:
// counting every match of a broad filter over millions of events costs
// seconds, while "10,000+" is all a pager needs.
const DefaultCountCap = 10000

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// ---- read endpoints ----------------------------------------------------------

func (s *Server) stats(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r); err != nil {
		return err
	}
	st, err := s.o.Store.Stats(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) error {
	f, err := listFilter(r, 50, "after")
	if err != nil {
		return err
	}
	if f.Sort == "" {
		f.Sort = "-day"
	}
	q := r.URL.Query()
	if q.Has("after") {
		if q.Has("offset") {
			return badRequest("give \"after\" or \"offset\", not both")
		}
		if f.After = q.Get("after"); f.After == "" || len(f.After) > 500 {
			return badRequest("parameter \"after\": want the \"next\" cursor of the page before")
		}
	} else if f.Offset+f.Limit > MaxOffset {
		return badRequest("offset %d with limit %d reaches past row %d: offset paging stops there; page on with after=, the \"next\" cursor each page gives", f.Offset, f.Limit, MaxOffset)
	}
	return keysetList(s, w, r, f)
}

// keysetList answers a page of events, with the cursor of the next page
// when more follow: one event past the page is read to know.
func keysetList(s *Server, w http.ResponseWriter, r *http.Request, f sitrep.Filter) error {
	want := f.Limit
	f.Limit++
	items, err := s.o.Store.Events(r.Context(), f)
	if err != nil {
		return err
	}
	f.Limit = want
	next := ""
	if len(items) > want {
		items = items[:want]
		next = items[want-1].Cursor
	}
	total, more := f.Offset+len(items), false
	if next != "" || f.After != "" || (len(items) == 0 && f.Offset > 0) {
		most := max(s.o.CountCap, f.Offset+f.Limit) + 1
		n, err := s.o.Store.CountAtMost(r.Context(), "events", f, most)
		if err != nil {
			return err
		}
		if n == most {
			total, more = max(most-1, total), true
		} else {
			total = n
		}
	}
	return writeJSON(w, http.StatusOK, page[sitrep.StoredEvent]{Total: total, More: more, Limit: f.Limit, Offset: f.Offset, Items: nonNil(items), Next: next})
}

func (s *Server) clusters(w http.ResponseWriter, r *http.Request) error {
	f, err := listFilter(r, 50)
	if err != nil {
		return err
	}
	return list(s, w, r, "clusters", f, func(ctx context.Context, f sitrep.Filter) ([]Cluster, error) {
		ks, err := s.o.Store.Clusters(ctx, f)
		out := make([]Cluster, len(ks))
		for i, k := range ks {
			out[i] = ClusterJSON(k)
		}
		return out, err
	})
}

// Cluster is a merged event as the API (and the command line's JSON
// Lines) writes it: its source, target and country are null when it has
// none, as an event's source, target and place are, never "". Other
// fields are sitrep.Cluster's own.
type Cluster struct {
	sitrep.Cluster
	Source  *string `json:"source"`
	Target  *string `json:"target"`
	Country *string `json:"country"`
}

// ClusterJSON returns k in its JSON form.
func ClusterJSON(k sitrep.Cluster) Cluster {
	orNull := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	return Cluster{Cluster: k, Source: orNull(k.Source), Target: orNull(k.Target), Country: orNull(k.Country)}
}

func (s *Server) articles(w http.ResponseWriter, r *http.Request) error {
	f, err := listFilter(r, 50)
	if err != nil {
		return err
	}
	if f.Sort == "" {
		f.Sort = "-published"
	}
	return list(s, w, r, "articles", f, s.o.Store.Articles)
}

// list answers one page of a list with the total it is a page of.
func list[T any](s *Server, w http.ResponseWriter, r *http.Request, what string, f sitrep.Filter,
	fetch func(context.Context, sitrep.Filter) ([]T, error)) error {
	st := s.o.Store
	items, err := fetch(r.Context(), f)
	if err != nil {
		return err
	}
	total, more := f.Offset+len(items), false
	if len(items) == f.Limit || (len(items) == 0 && f.Offset > 0) {
		most := max(s.o.CountCap, f.Offset+f.Limit) + 1
		n, err := st.CountAtMost(r.Context(), what, f, most)
		if err != nil {
			return err
		}
		if n == most {
			total, more = max(most-1, total), true
		} else {
			total = n
		}
	}
	return writeJSON(w, http.StatusOK, page[T]{Total: total, More: more, Limit: f.Limit, Offset: f.Offset, Items: nonNil(items)})
}

func (s *Server) cluster(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r); err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return err
	}
	k, mentions, err := s.o.Store.Cluster(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"cluster": ClusterJSON(*k), "mentions": nonNil(mentions)})
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r); err != nil {
		return err
	}
	rec, err := s.o.Store.Record(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}

func (s *Server) series(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r, append(filterParams, "by", "group", "metric")...); err != nil {
		return err
	}
	f, err := filter(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	sq := sitrep.SeriesQuery{By: q.Get("by"), Group: q.Get("group"), Metric: q.Get("metric"), Filter: f}
	if sq.By == "" {
		sq.By = "day"
	}
	pts, err := s.o.Store.Series(r.Context(), sq)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(pts)})
}

func (s *Server) places(w http.ResponseWriter, r *http.Request) error {
	f, err := aggFilter(r, 500)
	if err != nil {
		return err
	}
	ps, err := s.o.Store.Places(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(ps)})
}

func (s *Server) incidents(w http.ResponseWriter, r *http.Request) error {
	f, err := listFilter(r, 50)
	if err != nil {
		return err
	}
	in, err := s.o.Store.Incidents(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"limit": f.Limit, "offset": f.Offset, "items": nonNil(in)})
}

func (s *Server) actors(w http.ResponseWriter, r *http.Request) error {
	return s.facetOf(w, r, "actor")
}

func (s *Server) facet(w http.ResponseWriter, r *http.Request) error {
	field := r.PathValue("field")
	if field == "source" {
		field = "outlet"
	}
	return s.facetOf(w, r, field)
}

func (s *Server) facetOf(w http.ResponseWriter, r *http.Request, field string) error {
	f, err := aggFilter(r, 100)
	if err != nil {
		return err
	}
	fs, err := s.o.Store.Facet(r.Context(), field, f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(fs)})
}

// ---- coding and ingest ---------------------------------------------------------

// hasToken reports whether r carries the server's token: "Authorization:
// Bearer TOKEN", the scheme's name in any case (RFC 9110).
func (s *Server) hasToken(r *http.Request) bool {
	if s.o.Token == "" {
		return false
	}
	scheme, got, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.o.Token)) == 1
}

// readArticle reads the request body as one article: JSON {"title",
// "source", "published", "url", "text"}, an HTML page, or plain text with
// the optional header block.
func (s *Server) readArticle(w http.ResponseWriter, r *http.Request) (sitrep.Article, error) {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" {
		mt, err = "text/plain", nil
	}
	if err != nil {
		return sitrep.Article{}, &httpError{http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: %v", ct, err)}
	}
	var name string
	switch mt {
	case "application/json":
		name = "request.json"
	case "text/html":
		name = "request.html"
	case "text/plain", "application/x-www-form-urlencoded", "multipart/form-data":
		name = "request.txt"
		if mt != "text/plain" {
			return sitrep.Article{}, &httpError{http.StatusUnsupportedMediaType, "send the article as text/plain, text/html or application/json, not " + mt}
		}
	default:
		return sitrep.Article{}, &httpError{http.StatusUnsupportedMediaType, "send the article as text/plain, text/html or application/json, not " + mt}
	}
	// The body must arrive within the request's deadline, as the rest of
	// the work must. The server's ReadTimeout, counted from the start of
	// the request, ends it sooner when it is certainly the earlier of the
	// two; setting a deadline here would replace it.
	if dl, ok := r.Context().Deadline(); ok {
		hs, _ := r.Context().Value(http.ServerContextKey).(*http.Server)
		if hs == nil || hs.ReadTimeout <= 0 || dl.Before(time.Now().Add(hs.ReadTimeout)) {
			_ = http.NewResponseController(w).SetReadDeadline(dl) // not every ResponseWriter can
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.o.MaxBody))
	if err != nil {
		if isTimeout(err) {
			// The connection cannot be read any further: close it after
			// the answer.
			w.Header().Set("Connection", "close")
			return sitrep.Article{}, &httpError{http.StatusRequestTimeout, fmt.Sprintf("request body not received in time (%d bytes arrived, then the read timed out); send the whole body without pausing", len(body))}
		}
		return sitrep.Article{}, err
	}
	if mt == "application/json" && !json.Valid(body) {
		return sitrep.Article{}, badRequest("request body is not valid JSON")
	}
	var arts []sitrep.Article
	for a, err := range s.reader.Bytes(r.Context(), name, body) {
		if err != nil {
			return sitrep.Article{}, badRequest("%v", err)
		}
		arts = append(arts, a)
		if len(arts) > 1 {
			return sitrep.Article{}, badRequest("request body holds more than one article; send one at a time")
		}
	}
	if len(arts) == 0 {
		return sitrep.Article{}, badRequest("request body holds no article text")
	}
	a := arts[0]
	if a.Published == "" {
		a.Published = sitrep.DateOf(time.Now().UTC())
	}
	return a, nil
}

// isTimeout reports whether err is a read that ran past its deadline.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// codeOne codes an article, waiting for a free coder within the request's
// deadline.
func (s *Server) codeOne(ctx context.Context, a sitrep.Article) (rec sitrep.Record, err error) {
	if s.o.Coder == nil {
		return rec, &httpError{http.StatusServiceUnavailable, "this server does not code articles"}
	}
	select {
	case s.coding <- struct{}{}:
	default:
		// Wait for a coder only while few others wait.
		select {
		case s.waiting <- struct{}{}:
		default:
			return rec, &httpError{http.StatusServiceUnavailable, "every coder is busy and others are waiting; try again shortly"}
		}
		select {
		case s.coding <- struct{}{}:
			<-s.waiting
		case <-ctx.Done():
			<-s.waiting
			return rec, ctx.Err()
		}
	}
	defer func() { <-s.coding }()
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("coding failed: %v", v)
		}
	}()
	return s.o.Coder.Code(a), nil
}

func (s *Server) code(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r); err != nil {
		return err
	}
	a, err := s.readArticle(w, r)
	if err != nil {
		return err
	}
	// Only articles that would be coded count against the client's rate.
	if s.limits != nil && !s.hasToken(r) && !s.limits.allow(clientOf(r)) {
		return &httpError{http.StatusTooManyRequests, fmt.Sprintf("too many articles coded for this client: at most %g a second (bursts of %d); requests with the token are not limited", s.o.CodeRate, s.o.CodeBurst)}
	}
	rec, err := s.codeOne(r.Context(), a)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}

func (s *Server) ingest(w http.ResponseWriter, r *http.Request) error {
	if s.o.Token == "" {
		return &httpError{http.StatusForbidden, "ingest is disabled: start sitrep serve with --token (or SITREP_TOKEN)"}
	}
	if !s.hasToken(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
		return &httpError{http.StatusUnauthorized, "ingest needs the header Authorization: Bearer TOKEN with the server's token"}
	}
	if err := onlyParams(r); err != nil {
		return err
	}
	a, err := s.readArticle(w, r)
	if err != nil {
		return err
	}
	rec, err := s.codeOne(r.Context(), a)
	if err != nil {
		return err
	}
	res, err := s.o.Store.Put(r.Context(), []*sitrep.Record{&rec})
	if err != nil {
		return err
	}
	if s.cache != nil && res[0] == sitrep.Stored {
		s.cache.invalidate()
	}
	status := http.StatusOK
	if res[0] == sitrep.Stored {
		status = http.StatusCreated
	}
	return writeJSON(w, status, map[string]any{"status": res[0].String(), "record": rec})
}
