package queue_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitrep/postgres"
	"sitrep/postgres/pgtest"
	"sitrep/queue"
)

// Sources keeps URLs, makes paths absolute, and refuses missing ones.
func TestSources(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	got, err := queue.Sources([]string{"a.txt", "https://example.org/rss.xml", "."})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a.txt"), "https://example.org/rss.xml", dir}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Sources = %q, want %q", got, want)
	}
	if _, err := queue.Sources([]string{"a.txt", "missing.jsonl"}); err == nil || !strings.Contains(err.Error(), "missing.jsonl") {
		t.Errorf("missing path: %v", err)
	}
}

// A job whose source cannot be read is queued again, and marked failed
// on its MaxAttempts-th failure, as the README says.
func TestFailedJobIsTriedMaxAttemptsTimes(t *testing.T) {
	ctx := context.Background()
	st, err := postgres.Open(ctx, pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q := queue.New(st.DB)
	if _, err := q.Add(ctx, "/no/such/file.jsonl"); err != nil {
		t.Fatal(err)
	}
	for try := 1; try <= queue.MaxAttempts; try++ {
		j, err := q.Claim(ctx, "w", time.Minute)
		if err != nil || j == nil {
			t.Fatalf("try %d: claim %v, %v", try, j, err)
		}
		if j.Attempts != try {
			t.Fatalf("try %d: attempts %d", try, j.Attempts)
		}
		if err := q.Finish(ctx, j, "w", queue.Result{Failed: 1, Err: errors.New("no article could be read from it")}); err != nil {
			t.Fatal(err)
		}
		c, err := q.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"queued": 1, "running": 0, "done": 0, "failed": 0}
		if try == queue.MaxAttempts {
			want = map[string]int{"queued": 0, "running": 0, "done": 0, "failed": 1}
		}
		for k, v := range want {
			if c[k] != v {
				t.Fatalf("after try %d: %v, want %v", try, c, want)
			}
		}
	}
	failed, err := q.Failed(ctx)
	if err != nil || len(failed) != 1 || !strings.Contains(failed[0], "given up after 3 attempts") {
		t.Fatalf("failed jobs: %q, %v", failed, err)
	}
	if _, err := q.Claim(ctx, "w", time.Minute); !errors.Is(err, queue.ErrEmpty) {
		t.Fatalf("claim after failure: %v, want ErrEmpty", err)
	}
}
