package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
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
	stored := eachOnce(t, db, n)
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
	t.Logf("%d articles, %d events, stored once each by 3 processes (one killed and re-run)", stored, nev)
}

// Three workers share a job queue in one PostgreSQL store; one is killed
// with SIGKILL mid-run and started again. Every job ends done and every
// article is stored exactly once.
func TestThreeWorkersOneQueue(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test skipped in -short mode")
	}
	db := pgtest.Schema(t)
	dir := t.TempDir()
	const files, per = 24, 25
	var sources []string
	for k := range files {
		// Neighbouring files overlap by five articles.
		from := k * (per - 5)
		path := filepath.Join(dir, fmt.Sprintf("part%02d.jsonl", k))
		writeCorpus(t, path, from, from+per)
		sources = append(sources, path)
	}
	distinct := (files-1)*(per-5) + per
	out, err := sitrepCmd(t, append([]string{"queue", "add", "--db", db}, sources...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("queue add: %v\n%s", err, out)
	}
	start := func(name string) (*exec.Cmd, *strings.Builder) {
		cmd := sitrepCmd(t, "worker", "--db", db, "--name", name, "--exit-when-empty", "--lease", "2s", "--poll", "200ms", "--workers", "1", "--batch", "5")
		var log strings.Builder
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &log
	}
	w1, _ := start("w1")
	w2, log2 := start("w2")
	w3, log3 := start("w3")
	time.Sleep(2 * time.Second)
	w1.Process.Signal(syscall.SIGKILL)
	w1.Wait()
	w1b, log1b := start("w1-restarted")
	for i, w := range []*exec.Cmd{w2, w3, w1b} {
		if err := w.Wait(); err != nil {
			t.Fatalf("worker %d: %v\n%s%s%s", i, err, log2, log3, log1b)
		}
	}
	st, err := sitrepCmd(t, "queue", "status", "--db", db).Output()
	if err != nil || !strings.Contains(string(st), fmt.Sprintf("done %d, failed 0", files)) {
		t.Fatalf("queue status: %v\n%s", err, st)
	}
	stored := eachOnce(t, db, distinct)
	t.Logf("queue: %s; %d articles stored once each", strings.TrimSpace(string(st)), stored)
}
