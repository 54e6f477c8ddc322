package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sitrep/examples"
	"sitrep/postgres/pgtest"
)

// writeCorpus writes articles [from, to) of a synthetic corpus as JSON
// Lines, every other one with a URL.
func writeCorpus(t *testing.T, path string, from, to int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i, a := range examples.Synthetic(to, 3000, 11)[from:] {
		line := map[string]any{"id": a.ID, "title": a.Title, "published": string(a.Published), "text": a.Text}
		if (from+i)%2 == 0 {
			line["url"] = "https://test.sitrep.invalid/pg/" + a.ID
		}
		if err := enc.Encode(line); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// Three ingest processes write one PostgreSQL store at once, from
// overlapping inputs, and one of them is killed with SIGKILL and run again:
// every article ends up stored exactly once and the store is consistent.
func TestSeveralIngestsOnePostgresStore(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test skipped in -short mode")
	}
	db := pgtest.Schema(t)
	dir := t.TempDir()
	const n = 600
	// Overlapping thirds: 0-300, 200-500, 350-600.
	parts := [][2]int{{0, 300}, {200, 500}, {350, n}}
	var cmds []chan error
	for k, p := range parts {
		path := filepath.Join(dir, fmt.Sprintf("part%d.jsonl", k))
		writeCorpus(t, path, p[0], p[1])
		cmd := sitrepCmd(t, "ingest", "--db", db, "--batch", "4", "--workers", "1", path)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			err := cmd.Wait()
			if err != nil {
				err = fmt.Errorf("%v: %s", err, out.String())
			}
			done <- err
		}()
		if k == 1 {
			// Kill the second process part-way, then run it again.
			go func() {
				time.Sleep(1500 * time.Millisecond)
				cmd.Process.Signal(syscall.SIGKILL)
			}()
		}
		cmds = append(cmds, done)
	}
	for k, done := range cmds {
		err := <-done
		if k != 1 && err != nil {
			t.Fatalf("ingest %d: %v", k, err)
		}
	}
	out, err := sitrepCmd(t, "ingest", "--db", db, filepath.Join(dir, "part1.jsonl")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "failed 0") {
		t.Fatalf("re-run of the killed ingest: %v\n%s", err, out)
	}
	list, err := sitrepCmd(t, "articles", "--db", db, "--format", "jsonl").Output()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(list)), "\n") {
		var a struct{ ID string }
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("bad line %q: %v", line, err)
		}
		seen[a.ID]++
	}
	if len(seen) != n {
		t.Errorf("%d distinct articles stored, want %d", len(seen), n)
	}
	for id, c := range seen {
		if c != 1 {
			t.Errorf("article %s listed %d times", id, c)
		}
	}
	// Merged events count every stored mention once.
	ks, err := sitrepCmd(t, "clusters", "--db", db, "--format", "jsonl").Output()
	if err != nil {
		t.Fatal(err)
	}
	mentions := 0
	for _, line := range strings.Split(strings.TrimSpace(string(ks)), "\n") {
		var k struct{ Mentions int }
		if line != "" {
			json.Unmarshal([]byte(line), &k)
		}
		mentions += k.Mentions
	}
	evs, err := sitrepCmd(t, "events", "--db", db, "--format", "jsonl").Output()
	if err != nil {
		t.Fatal(err)
	}
	nev := len(strings.Split(strings.TrimSpace(string(evs)), "\n"))
	if mentions != nev {
		t.Errorf("clusters count %d mentions, store holds %d events", mentions, nev)
	}
	t.Logf("%d articles, %d events, stored once each by 3 processes (one killed and re-run)", len(seen), nev)
}
