package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startServer runs a sitrep command that prints "http://ADDR/" on stderr
// when it listens, and returns the address and a function that stops it
// with SIGTERM and returns its exit error and output.
func startServer(t *testing.T, args ...string) (string, func() (error, string)) {
	t.Helper()
	cmd := sitrepCmd(t, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	addr := make(chan string, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		re := regexp.MustCompile(`http://([0-9.:]+)/`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			out.WriteString(sc.Text() + "\n")
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
		}
	}()
	select {
	case a := <-addr:
		return a, func() (error, string) {
			cmd.Process.Signal(syscall.SIGTERM)
			err := cmd.Wait()
			<-done
			return err, out.String()
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%v did not start listening:\n%s", args, out.String())
	}
	return "", nil
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return string(b)
}

// sitrep serve answers the API, the dashboard and /metrics, and stops
// cleanly on SIGTERM.
func TestServeMetricsAndGracefulStop(t *testing.T) {
	if testing.Short() {
		t.Skip("process test skipped in -short mode")
	}
	db := filepath.Join(t.TempDir(), "serve.db")
	addr, stop := startServer(t, "serve", "--demo", "--db", db, "--addr", "127.0.0.1:0")
	if body := get(t, "http://"+addr+"/api/stats"); !strings.Contains(body, `"articles":24`) {
		t.Errorf("stats: %s", body)
	}
	if body := get(t, "http://"+addr+"/"); !strings.Contains(body, "<html") {
		t.Errorf("dashboard: %.200s", body)
	}
	metrics := get(t, "http://"+addr+"/metrics")
	for _, want := range []string{"# TYPE sitrep_api_request_seconds histogram", `sitrep_api_request_seconds_count{code="200",method="get"}`, "go_goroutines"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	err, out := stop()
	if err != nil {
		t.Fatalf("serve after SIGTERM: %v\n%s", err, out)
	}
	if !strings.Contains(out, "stopping") {
		t.Errorf("serve did not report a graceful stop:\n%s", out)
	}
}

// sitrep watch follows a feed, serves its metrics, and stops cleanly on
// SIGTERM with what it fetched stored.
func TestWatchProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("process test skipped in -short mode")
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title><link>%[1]s</link><description>d</description>
<item><title>Clashes in Goma</title><link>%[1]s/a</link><description>Rebels and soldiers clashed in Goma on Monday, killing five people, officials said. The fighting spread to two districts in the afternoon and thousands of residents fled towards the border with Rwanda, aid agencies said. The army said it had retaken a hill overlooking the town, and the rebels denied losing it. Hospitals in the city asked for blood donations as dozens of wounded people arrived during the evening and overnight.</description></item>
</channel></rss>`, srv.URL)
		case "/a":
			fmt.Fprint(w, `<html><head><title>Clashes in Goma</title></head><body><article><h1>Clashes in Goma</h1>
<p>Rebels and soldiers clashed in Goma on Monday, killing five people, officials said. The fighting spread to two districts in the afternoon and thousands of residents fled towards the border with Rwanda, aid agencies said.</p>
<p>The army said it had retaken a hill overlooking the town, and the rebels denied losing it.</p></article></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "watch.db")
	addr, stop := startServer(t, "watch", "--db", db, "--interval", "1h", "--metrics-addr", "127.0.0.1:0", srv.URL+"/feed.xml")
	deadline := time.Now().Add(30 * time.Second)
	for {
		m := get(t, "http://"+addr+"/metrics")
		if strings.Contains(m, "sitrep_watch_articles_stored_total 1") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the feed's article was not stored within 30 s:\n%s", m)
		}
		time.Sleep(200 * time.Millisecond)
	}
	err, out := stop()
	if err != nil || !strings.Contains(out, "stopped") {
		t.Fatalf("watch after SIGTERM: %v\n%s", err, out)
	}
	list, err := sitrepCmd(t, "articles", "--db", db, "--format", "jsonl").Output()
	if err != nil || strings.Count(string(list), "\n") != 1 || !strings.Contains(string(list), "Clashes in Goma") {
		t.Fatalf("stored articles: %v\n%s", err, list)
	}
}
