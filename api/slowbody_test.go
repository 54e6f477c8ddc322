package api_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"sitrep/api"
)

// stalledPart is all of a 4,000-byte body that a stalled client sends.
const stalledPart = "Title: A slow upload\n\nThe first sentence arrives and the rest never does."

// stalledPost sends a POST to /api/code over a real connection: headers
// announcing a 4,000-byte body, the first part of it, and then nothing. It
// returns the answer the server gives while the client still holds the
// connection open.
func stalledPost(t *testing.T, srv *httptest.Server) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, err = io.WriteString(conn, "POST /api/code HTTP/1.1\r\nHost: sitrep.test\r\nContent-Type: text/plain\r\n"+
		"Content-Length: 4000\r\n\r\n"+stalledPart)
	if err != nil {
		t.Fatal(err)
	}
	// A safety net against a hung test only: the server's answer comes
	// when its configured timeout runs out, long before this.
	conn.SetReadDeadline(time.Now().Add(time.Minute))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a stalled body: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func want408(t *testing.T, resp *http.Response, body []byte) {
	t.Helper()
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Fatalf("status %d, want 408: %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	var e struct {
		Error struct {
			Status  int    `json:"status"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body %q: %v", body, err)
	}
	if e.Error.Status != 408 || !strings.Contains(e.Error.Message, "request body not received in time") ||
		!strings.Contains(e.Error.Message, fmt.Sprintf("%d bytes arrived", len(stalledPart))) {
		t.Errorf("error = %+v", e.Error)
	}
	if !resp.Close {
		t.Errorf("the connection is kept open after a body that was not read to its end")
	}
}

// A body that stops arriving is a 408 with the API's JSON error, not a 500,
// when the server's read timeout ends it ...
func TestSlowBodyServerReadTimeout(t *testing.T) {
	srv := httptest.NewUnstartedServer(api.New(api.Options{}))
	srv.Config.ReadTimeout = 200 * time.Millisecond
	srv.Start()
	defer srv.Close()
	resp, body := stalledPost(t, srv)
	want408(t, resp, body)
}

// ... and when the request's own deadline ends it, on a server with no
// read timeout at all.
func TestSlowBodyRequestDeadline(t *testing.T) {
	srv := httptest.NewServer(api.New(api.Options{Timeout: 200 * time.Millisecond}))
	defer srv.Close()
	resp, body := stalledPost(t, srv)
	want408(t, resp, body)
}
