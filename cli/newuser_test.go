package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// Every command takes the same names for its formats: jsonl or json for
// JSON Lines, table or text for what a person reads.
func TestFormatNamesAreTheSameEverywhere(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "story.txt", story)
	hama := writeFile(t, dir, "hama.txt", "Title: Rebels attack troops\nPublished: 2016-10-05\n\nSyrian rebels attacked government troops near Hama on Tuesday, officials said. Five soldiers were killed.\n")
	db := filepath.Join(dir, "f.db")
	if code, _, errs := run(t, "", "ingest", "--db", db, p, hama); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	same := func(what string, a, b []string) {
		t.Helper()
		ca, outA, errA := run(t, "", a...)
		cb, outB, errB := run(t, "", b...)
		if ca != 0 || cb != 0 || outA != outB || outA == "" {
			t.Errorf("%s: %v gave exit %d (%s), %v gave exit %d (%s); outputs equal: %v", what, a, ca, errA, b, cb, errB, outA == outB)
		}
	}
	same("code json", []string{"code", "--format", "jsonl", p}, []string{"code", "--format", "json", p})
	same("code default", []string{"code", p}, []string{"code", "--format", "jsonl", p})
	same("code text", []string{"code", "--format", "text", p}, []string{"code", "--format", "table", p})
	for _, cmd := range []string{"articles", "events", "clusters", "series", "incidents"} {
		same(cmd+" json", []string{cmd, "--db", db, "--format", "jsonl"}, []string{cmd, "--db", db, "--format", "json"})
		same(cmd+" text", []string{cmd, "--db", db}, []string{cmd, "--db", db, "--format", "text"})
	}
	same("export json", []string{"export", "--db", db}, []string{"export", "--db", db, "--format", "json"})
	if recs := decodeRecords(t, func() string { _, o, _ := run(t, "", "code", "--format", "JSONL", p); return o }()); len(recs) != 1 {
		t.Errorf("--format JSONL: %d records", len(recs))
	}

	// Names a command does not have are refused, naming those it has.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"code", "--format", "csv", p}, `--format must be one of jsonl (or json), table (or text), not "csv"`},
		{[]string{"export", "--db", db, "--format", "text"}, `--format must be one of jsonl (or json), csv, parquet, gdelt, acled, not "text"`},
		{[]string{"incidents", "--db", db, "--format", "csv"}, `--format must be one of table (or text), jsonl (or json), not "csv"`},
	} {
		code, _, errs := run(t, "", c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// A relative date in an article without a publication date is listed as
// unresolved in the text summary, never as an empty value.
func TestTextSummaryNamesUnresolvedDates(t *testing.T) {
	const text = "Rebels shelled the town on Tuesday, killing five people.\n"
	code, out, errs := run(t, text, "code", "--format", "text", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Tuesday -> unresolved: no publication date to count from (give one with --published)") {
		t.Errorf("unresolved date not said so:\n%s", out)
	}
	if strings.Contains(out, "->  (") {
		t.Errorf("an empty date value is printed:\n%s", out)
	}
	_, out, _ = run(t, text, "code", "--format", "text", "--published", "2016-10-06", "-")
	if !strings.Contains(out, "Tuesday -> 2016-10-04 (day)") {
		t.Errorf("with a publication date, Tuesday resolves:\n%s", out)
	}
}

// A merged event without a target lists its target as null in JSON Lines,
// as the event itself does, and as "-" in the table.
func TestClustersWithoutTargetSayNull(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "strikes.txt", "Title: Strikes\nPublished: 2016-10-05\n\nSyrian warplanes carried out air strikes on Tuesday.\n")
	db := filepath.Join(dir, "k.db")
	if code, _, errs := run(t, "", "ingest", "--db", db, p); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	_, out, _ := run(t, "", "events", "--db", db, "--format", "jsonl")
	evs := decodeRecords(t, out)
	if len(evs) != 1 || evs[0]["target"] != nil {
		t.Fatalf("want one event without a target: %s", out)
	}
	_, out, _ = run(t, "", "clusters", "--db", db, "--format", "jsonl")
	ks := decodeRecords(t, out)
	if len(ks) != 1 {
		t.Fatalf("clusters: %s", out)
	}
	if v, ok := ks[0]["target"]; !ok || v != nil || ks[0]["source"] != "SYRMIL" || ks[0]["root"] != "19" {
		t.Errorf("cluster without a target: %s", out)
	}
	_, out, _ = run(t, "", "clusters", "--db", db)
	if !strings.Contains(out, "SYRMIL") || !strings.Contains(out, "  -  ") {
		t.Errorf("table:\n%s", out)
	}
}
