package cli

import (
	"strings"
	"testing"
)

// queue add of a path that does not exist fails (exit 1) before it
// reaches the database, and says which path.
func TestQueueAddMissingPath(t *testing.T) {
	code, _, errs := run(t, "", "queue", "add", "--db", "postgres://nobody@127.0.0.1:1/none", "no/such/part-1.jsonl")
	if code != 1 || !strings.Contains(errs, "no/such/part-1.jsonl") {
		t.Fatalf("exit %d, %q; want exit 1 naming the path", code, errs)
	}
}

// watch --once says it polls once, not "every 5m0s".
func TestWatchOnceMessage(t *testing.T) {
	code, _, errs := run(t, "", "watch", "--once", "--db", t.TempDir()+"/w.db", "http://127.0.0.1:1/feed.xml")
	if strings.Contains(errs, "every") || !strings.Contains(errs, "once") {
		t.Fatalf("exit %d, %q; want the message to say once, not every", code, errs)
	}
}
