package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"sitrep"
	"sitrep/api"
	"sitrep/engine"
	"sitrep/pipeline"
	"sitrep/postgres"
	"sitrep/postgres/pgtest"
	"sitrep/sqlite"
	"sitrep/storetest"
)

var (
	coderOnce sync.Once
	coder     *pipeline.Pipeline
	coderErr  error
)

func testCoder(t *testing.T) *pipeline.Pipeline {
	coderOnce.Do(func() { coder, coderErr = engine.New(engine.Options{Workers: 1}) })
	if coderErr != nil {
		t.Fatal(coderErr)
	}
	return coder
}

const token = "test-token-0123456789"

// stores runs f against a SQLite store and, when configured, a PostgreSQL
// one, each holding storetest's fixture.
func stores(t *testing.T, f func(t *testing.T, srv *httptest.Server, st sitrep.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		st := storetest.Fixture(t, func(t testing.TB) func() (sitrep.Store, error) {
			path := filepath.Join(t.TempDir(), "api.db")
			return func() (sitrep.Store, error) {
				s, err := sqlite.Open(context.Background(), path)
				if err == nil {
					t.Cleanup(func() { s.Close() })
				}
				return s, err
			}
		})
		f(t, server(t, st), st)
	})
	t.Run("postgres", func(t *testing.T) {
		st := storetest.Fixture(t, func(t testing.TB) func() (sitrep.Store, error) {
			dsn := pgtest.Schema(t)
			return func() (sitrep.Store, error) {
				s, err := postgres.Open(context.Background(), dsn)
				if err == nil {
					t.Cleanup(func() { s.Close() })
				}
				return s, err
			}
		})
		f(t, server(t, st), st)
	})
}

func server(t *testing.T, st sitrep.Store) *httptest.Server {
	web := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>sitrep</title>")}}
	srv := httptest.NewServer(api.New(api.Options{Store: st, Coder: testCoder(t), Token: token, Web: web, MaxBody: 64 << 10}))
	t.Cleanup(srv.Close)
	return srv
}

// call makes a request and decodes the JSON answer into out (when not nil),
// checking the status.
func call(t *testing.T, method, url, ctype, auth string, body []byte, want int, out any) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d: %s", method, url, resp.StatusCode, want, data)
	}
	if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(url[strings.Index(url[8:], "/")+8:], "/api/") && !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s %s: Content-Type %q", method, url, ct)
	}
	if want >= 400 {
		var e struct {
			Error struct {
				Status  int    `json:"status"`
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal(data, &e); err != nil || e.Error.Status != want || e.Error.Message == "" {
			t.Fatalf("%s %s: error body %s is not {\"error\": {\"status\": %d, \"message\": ...}}", method, url, data, want)
		}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, url, err, data)
		}
	}
}

func get(t *testing.T, url string, out any) { t.Helper(); call(t, "GET", url, "", "", nil, 200, out) }

type eventPage struct {
	Total, Limit, Offset int
	Items                []sitrep.StoredEvent
}

func ids(es []sitrep.StoredEvent) string {
	var s []string
	for _, e := range es {
		s = append(s, e.ID)
	}
	return strings.Join(s, " ")
}

func TestReadEndpoints(t *testing.T) {
	stores(t, func(t *testing.T, srv *httptest.Server, st sitrep.Store) {
		u := srv.URL
		var stats sitrep.Stats
		get(t, u+"/api/stats", &stats)
		if stats.Articles != 4 || stats.Events != 5 {
			t.Errorf("stats = %+v", stats)
		}
		for _, tc := range []struct {
			q     string
			total int
			ids   string
		}{
			{"", 5, "a3-0 a2-0 a2-1 a1-0 a1-1"},
			{"?sort=day&limit=2", 5, "a1-1 a1-0"},
			{"?sort=day&limit=2&offset=4", 5, "a3-0"},
			{"?root=19", 2, "a1-0 a1-1"},
			{"?cameo=183", 1, "a2-1"},
			{"?country=ukr&sort=day", 2, "a2-1 a2-0"},
			{"?actor=rus&quad=4&sort=day", 2, "a1-1 a2-1"},
			{"?from=2016-10-04&to=2016-10-05&sort=day", 2, "a2-1 a2-0"},
			{"?q=Aleppo&sort=day", 3, "a1-1 a1-0 a3-0"},
			{"?modality=asserted&source=Test%20Wire&limit=1", 5, "a3-0"},
			{"?source=Nobody", 0, ""},
			{"?offset=10", 5, ""},
		} {
			var p eventPage
			get(t, u+"/api/events"+tc.q, &p)
			if p.Total != tc.total || ids(p.Items) != tc.ids {
				t.Errorf("events%s: total %d items [%s]; want %d [%s]", tc.q, p.Total, ids(p.Items), tc.total, tc.ids)
			}
		}
		var ks struct {
			Total int
			Items []sitrep.Cluster
		}
		get(t, u+"/api/clusters?sort=day", &ks)
		if ks.Total != 5 || len(ks.Items) != 5 {
			t.Fatalf("clusters: %+v", ks)
		}
		var detail struct {
			Cluster  sitrep.Cluster
			Mentions []sitrep.StoredEvent
		}
		get(t, fmt.Sprintf("%s/api/clusters/%d", u, ks.Items[0].ID), &detail)
		if detail.Cluster.ID != ks.Items[0].ID || len(detail.Mentions) != 1 || detail.Mentions[0].ArticleID == "" {
			t.Errorf("cluster detail: %+v", detail)
		}
		var arts struct {
			Total int
			Items []sitrep.StoredArticle
		}
		get(t, u+"/api/articles?limit=2", &arts)
		if arts.Total != 4 || len(arts.Items) != 2 || arts.Items[0].ID != "a4" {
			t.Errorf("articles (newest first): %+v", arts)
		}
		var rec sitrep.Record
		get(t, u+"/api/articles/a2", &rec)
		if rec.Article.ID != "a2" || !strings.Contains(rec.Article.Text, "Kharkiv") || len(rec.Events) != 2 {
			t.Errorf("article a2: %+v", rec)
		}
		var series struct{ Items []sitrep.SeriesPoint }
		get(t, u+"/api/series?by=month&group=root&actor=RUS", &series)
		if len(series.Items) != 3 {
			t.Errorf("series: %+v", series.Items)
		}
		get(t, u+"/api/series?metric=fatalities&by=week", &series)
		var facets struct{ Items []sitrep.Facet }
		get(t, u+"/api/actors?limit=2", &facets)
		if len(facets.Items) != 2 || facets.Items[0].Value != "RUSMIL" || facets.Items[0].Count != 2 {
			t.Errorf("actors: %+v", facets.Items)
		}
		get(t, u+"/api/facets/source", &facets)
		if len(facets.Items) != 1 || facets.Items[0].Value != "Test Wire" {
			t.Errorf("sources: %+v", facets.Items)
		}
		var incidents struct{ Items []sitrep.Incident }
		get(t, u+"/api/incidents?sort=-best&limit=5", &incidents)
		if incidents.Items == nil {
			t.Errorf("incidents: null items")
		}
		var places struct{ Items []sitrep.PlaceCount }
		get(t, u+"/api/places", &places)
		if places.Items == nil {
			t.Errorf("places: null items")
		}
	})
}

func TestBadRequests(t *testing.T) {
	stores(t, func(t *testing.T, srv *httptest.Server, st sitrep.Store) {
		u := srv.URL
		for _, tc := range []struct {
			path   string
			status int
		}{
			{"/api/events?from=2016-13-01", 400},
			{"/api/events?from=yesterday", 400},
			{"/api/events?from=2016-10-05&to=2016-10-01", 400},
			{"/api/events?quad=5", 400},
			{"/api/events?quad=x", 400},
			{"/api/events?root=33", 400},
			{"/api/events?root=19&cameo=190", 400},
			{"/api/events?cameo=19x", 400},
			{"/api/events?country=SYRIA", 400},
			{"/api/events?actor=RUS%27%3B%20DROP%20TABLE%20events", 400},
			{"/api/events?modality=maybe", 400},
			{"/api/events?limit=0", 400},
			{"/api/events?limit=5000", 400},
			{"/api/events?offset=-1", 400},
			{"/api/events?sort=colour", 400},
			{"/api/events?sort=day;DROP%20TABLE%20events", 400},
			{"/api/events?colour=red", 400},
			{"/api/events?root=19&root=18", 400},
			{"/api/events?q=%22%22", 400},
			{"/api/clusters?q=Aleppo", 400},
			{"/api/series?by=fortnight", 400},
			{"/api/series?group=colour", 400},
			{"/api/series?metric=wounded", 400},
			{"/api/facets/colour", 400},
			{"/api/incidents?sort=size", 400},
			{"/api/stats?x=1", 400},
			{"/api/clusters/abc", 400},
			{"/api/clusters/0", 400},
			{"/api/clusters/999999", 404},
			{"/api/articles/nope", 404},
			{"/api/nothing", 404},
		} {
			call(t, "GET", u+tc.path, "", "", nil, tc.status, nil)
		}
		call(t, "DELETE", u+"/api/events", "", "", nil, 405, nil)
		call(t, "GET", u+"/api/code", "", "", nil, 405, nil)
		var stats sitrep.Stats
		get(t, u+"/api/stats", &stats)
		if stats.Articles != 4 || stats.Events != 5 {
			t.Errorf("after bad requests: %+v", stats)
		}
	})
}

const story = `Title: Troops shell border town
Source: Test Wire
Published: 2024-05-16

KHARKIV, Ukraine - Russian forces shelled the town of Vovchansk on Wednesday, killing three civilians, regional officials said.`

func TestCodeAndIngest(t *testing.T) {
	stores(t, func(t *testing.T, srv *httptest.Server, st sitrep.Store) {
		u := srv.URL
		var rec sitrep.Record
		call(t, "POST", u+"/api/code", "text/plain; charset=utf-8", "", []byte(story), 200, &rec)
		if rec.Article.Title != "Troops shell border town" || len(rec.Events) == 0 || len(rec.Casualties) == 0 {
			t.Errorf("coded record: %d events, %d casualties, title %q", len(rec.Events), len(rec.Casualties), rec.Article.Title)
		}
		js, _ := json.Marshal(map[string]string{"title": "JSON story", "text": "Police detained 40 protesters in Minsk on Sunday, the interior ministry said."})
		call(t, "POST", u+"/api/code", "application/json", "", js, 200, &rec)
		if rec.Article.Title != "JSON story" || rec.Article.Published == "" {
			t.Errorf("coded JSON article: %+v", rec.Article)
		}
		call(t, "POST", u+"/api/code", "application/json", "", []byte(`{"title": "x", "text": `), 400, nil)
		call(t, "POST", u+"/api/code", "text/plain", "", []byte("   \n"), 400, nil)
		call(t, "POST", u+"/api/code", "text/plain", "", []byte("\x00\x01\x02binary\x00\x00\xff\xfe"), 400, nil)
		call(t, "POST", u+"/api/code", "image/png", "", []byte("PNG"), 415, nil)
		call(t, "POST", u+"/api/code", "text/plain", "", bytes.Repeat([]byte("word "), 20<<10), 413, nil)

		// Ingest needs the token.
		call(t, "POST", u+"/api/ingest", "text/plain", "", []byte(story), 401, nil)
		call(t, "POST", u+"/api/ingest", "text/plain", "Bearer wrong-token-000000", []byte(story), 401, nil)
		var res struct {
			Status string
			Record sitrep.Record
		}
		call(t, "POST", u+"/api/ingest", "text/plain", "Bearer "+token, []byte(story), 201, &res)
		if res.Status != "stored" || res.Record.Article.ID == "" {
			t.Fatalf("ingest: %+v", res)
		}
		call(t, "POST", u+"/api/ingest", "text/plain", "Bearer "+token, []byte(story), 200, &res)
		if res.Status != "unchanged" {
			t.Errorf("second ingest: %s", res.Status)
		}
		var stats sitrep.Stats
		get(t, u+"/api/stats", &stats)
		if stats.Articles != 5 {
			t.Errorf("after ingest: %d articles, want 5", stats.Articles)
		}
		get(t, u+"/api/articles/"+res.Record.Article.ID, &rec)
		if !strings.Contains(rec.Article.Text, "Vovchansk") {
			t.Errorf("ingested article not readable: %+v", rec.Article)
		}
	})
}

func TestIngestDisabledWithoutToken(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(api.New(api.Options{Store: st, Coder: testCoder(t)}))
	defer srv.Close()
	call(t, "POST", srv.URL+"/api/ingest", "text/plain", "Bearer ", []byte(story), 403, nil)
	if resp, err := http.Get(srv.URL + "/"); err != nil || resp.StatusCode != 404 {
		t.Errorf("dashboard without web files: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
}

func TestOpenAPIAndDashboard(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := server(t, st)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	get(t, srv.URL+"/openapi.json", &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	for path, method := range map[string]string{
		"/api/stats": "get", "/api/events": "get", "/api/clusters": "get", "/api/clusters/{id}": "get",
		"/api/articles": "get", "/api/articles/{id}": "get", "/api/series": "get", "/api/places": "get",
		"/api/actors": "get", "/api/facets/{field}": "get", "/api/code": "post", "/api/ingest": "post", "/api/incidents": "get",
	} {
		if doc.Paths[path][method] == nil {
			t.Errorf("openapi.json does not describe %s %s", method, path)
		}
	}
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("dashboard: %d, CSP %q", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
}

// Past the count cap a page says there are more rather than counting all.
func TestCountCap(t *testing.T) {
	st := storetest.Fixture(t, func(t testing.TB) func() (sitrep.Store, error) {
		path := filepath.Join(t.TempDir(), "cap.db")
		return func() (sitrep.Store, error) {
			s, err := sqlite.Open(context.Background(), path)
			if err == nil {
				t.Cleanup(func() { s.Close() })
			}
			return s, err
		}
	})
	srv := httptest.NewServer(api.New(api.Options{Store: st, CountCap: 3, CacheTTL: -1}))
	defer srv.Close()
	for _, tc := range []struct {
		q     string
		total int
		more  bool
	}{
		{"?limit=2", 3, true},          // 5 events, counted to 3
		{"?limit=2&offset=2", 4, true}, // the page's end counts
		{"?limit=2&offset=4", 5, false},
		{"?limit=2&root=19", 2, false},
		{"?limit=1&root=19", 2, false},
	} {
		var p struct {
			Total int
			More  bool
			Items []sitrep.StoredEvent
		}
		get(t, srv.URL+"/api/events"+tc.q, &p)
		if p.Total != tc.total || p.More != tc.more {
			t.Errorf("events%s: total %d more %v; want %d %v", tc.q, p.Total, p.More, tc.total, tc.more)
		}
	}
}
