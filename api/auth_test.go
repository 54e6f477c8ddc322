package api_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"sitrep"
	"sitrep/api"
	"sitrep/sqlite"
)

// TestBearerAnyCase: the scheme's name is case-insensitive (RFC 9110), so
// "bearer" and "BEARER" carry the token as "Bearer" does.
func TestBearerAnyCase(t *testing.T) {
	stores(t, func(t *testing.T, srv *httptest.Server, st sitrep.Store) {
		body := []byte("Title: Talks\nPublished: 2016-10-05\n\nTurkey proposed a ceasefire in Aleppo on Tuesday.")
		call(t, "POST", srv.URL+"/api/ingest", "text/plain", "bearer "+token, body, 201, nil)
		call(t, "POST", srv.URL+"/api/ingest", "text/plain", "BEARER "+token, body, 200, nil)
		call(t, "POST", srv.URL+"/api/ingest", "text/plain", "bearer wrong-token-0123456", body, 401, nil)
		call(t, "POST", srv.URL+"/api/ingest", "text/plain", "Basic "+token, body, 401, nil)
	})
}

// TestCodeRateLimit: one client may code a burst of articles, then gets
// 429 with Retry-After; the token lifts the limit.
func TestCodeRateLimit(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "limit.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(api.New(api.Options{Store: st, Coder: testCoder(t), Token: token,
		CodeRate: 1e-6, CodeBurst: 2}))
	defer srv.Close()
	body := []byte("Rebels shelled Aleppo.")
	call(t, "POST", srv.URL+"/api/code", "text/plain", "", body, 200, nil)
	call(t, "POST", srv.URL+"/api/code", "text/plain", "", body, 200, nil)
	call(t, "POST", srv.URL+"/api/code", "text/plain", "", body, 429, nil)
	call(t, "POST", srv.URL+"/api/code", "text/plain", "bearer "+token, body, 200, nil)
}
