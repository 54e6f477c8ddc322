package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"sitrep"
	"sitrep/api"
	"sitrep/sqlite"
	"sitrep/storetest"
)

// FuzzQueryParams sends arbitrary query strings and paths to every read
// endpoint: the answer is always JSON, a 200 or a clear 4xx, never a 500
// or a panic, and the store is unchanged.
func FuzzQueryParams(f *testing.F) {
	for _, seed := range []string{
		"", "limit=10&offset=5&sort=-day", "from=2016-10-01&to=2016-10-31&country=SYR&root=19",
		"q=Aleppo%20killed", "q=%22%22", "q=NEAR(a%20b)", "actor=RUS%25", "cameo=1_0", "sort=day;DROP",
		"limit=99999999999999999999", "offset=-1", "quad=0", "from=2016-02-30", "by=week&group=root&metric=fatalities",
		"%zz", "a=1&a=2", "source=%00", "country=%C3%A9%C3%A9%C3%A9", "modality=claimed&quad=4",
	} {
		f.Add("/api/events", seed)
		f.Add("/api/series", seed)
	}
	f.Add("/api/clusters/1", "")
	f.Add("/api/articles/a1", "")
	f.Add("/api/facets/root", "limit=3")
	st := storetest.Fixture(&testing.T{}, func(t testing.TB) func() (sitrep.Store, error) {
		path := filepath.Join(f.TempDir(), "fuzz.db")
		return func() (sitrep.Store, error) { return sqlite.Open(context.Background(), path) }
	})
	f.Cleanup(func() { st.Close() })
	h := api.New(api.Options{Store: st})
	paths := []string{"/api/events", "/api/clusters", "/api/articles", "/api/series", "/api/places", "/api/actors",
		"/api/facets/root", "/api/facets/source", "/api/stats", "/api/clusters/1", "/api/articles/a1"}
	f.Fuzz(func(t *testing.T, path, query string) {
		if !strings.HasPrefix(path, "/api/") {
			path = paths[len(path)%len(paths)]
		}
		req := httptest.NewRequest(http.MethodGet, "http://sitrep.test/", nil)
		req.URL.Path, req.URL.RawQuery = path, query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s?%s: status %d: %s", path, query, rec.Code, rec.Body)
		}
		if rec.Code >= 300 && rec.Code < 400 {
			return // the mux redirects unclean paths ("/api/./x") to clean ones
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("GET %s?%s: body is not JSON: %q", path, query, rec.Body)
		}
		if rec.Code >= 400 && !strings.Contains(rec.Body.String(), `"message"`) {
			t.Fatalf("GET %s?%s: error without a message: %s", path, query, rec.Body)
		}
	})
}
