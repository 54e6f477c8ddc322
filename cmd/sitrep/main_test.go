package main

import (
	"bufio"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sitrep/examples"
	"sitrep/sqlite"
)

// TestMain lets the test binary stand in for the sitrep binary: run with
// SITREP_RUN_MAIN=1 it is sitrep, so tests can start and kill real
// processes without a separate build.
func TestMain(m *testing.M) {
	if os.Getenv("SITREP_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func sitrepCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "SITREP_RUN_MAIN=1")
	return cmd
}

// An ingest killed with SIGKILL at random points, many times, and then run
// to the end stores every article exactly once, and the database stays
// consistent after every kill.
func TestIngestSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("kill -9 test skipped in -short mode")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	db := filepath.Join(dir, "crash.db")
	const n = 1500
	f, err := os.Create(corpus)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i, a := range examples.Synthetic(n, 4000, 7) {
		line := map[string]any{"id": a.ID, "title": a.Title, "published": string(a.Published), "text": a.Text}
		if i%2 == 0 {
			line["url"] = "https://test.sitrep.invalid/crash/" + a.ID
		}
		if err := enc.Encode(line); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	f.Close()

	rng := rand.New(rand.NewPCG(42, 42))
	kills := 0
	for round := 0; round < 12; round++ {
		cmd := sitrepCmd(t, "ingest", "--db", db, "--batch", "8", corpus)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
			// Finished before the kill: nothing left to interrupt.
		case <-time.After(time.Duration(30+rng.IntN(600)) * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
		}
		checkStore(t, db)
	}
	out, err := sitrepCmd(t, "ingest", "--db", db, corpus).CombinedOutput()
	if err != nil {
		t.Fatalf("final ingest: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "failed 0") {
		t.Fatalf("final ingest: %s", out)
	}
	t.Logf("%d kills; final run: %s", kills, strings.TrimSpace(string(out)))

	eachOnce(t, db, n)
	if kills == 0 {
		t.Errorf("no ingest was interrupted; the test proved nothing")
	}
}

func checkStore(t *testing.T, db string) {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return // killed before the database was created
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer st.Close()
	if err := st.Check(context.Background()); err != nil {
		t.Fatalf("store inconsistent after kill: %v", err)
	}
}

// eachOnce checks that `sitrep articles --format jsonl` lists want distinct
// articles, each once, and returns how many it listed.
func eachOnce(t *testing.T, db string, want int) int {
	t.Helper()
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
	if len(seen) != want {
		t.Errorf("%d distinct articles stored, want %d", len(seen), want)
	}
	for id, c := range seen {
		if c != 1 {
			t.Errorf("article %s listed %d times", id, c)
		}
	}
	return len(seen)
}
