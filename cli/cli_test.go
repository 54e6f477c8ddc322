package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// run runs the command line in-process and returns its exit status and
// output streams.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

const story = `Title: Shelling kills six in Donetsk
Source: Test Wire
Published: 2015-01-22
URL: https://test.sitrep.invalid/donetsk

DONETSK, Ukraine (Test Wire) — Shelling killed at least six people at a trolleybus stop in central Donetsk on Thursday, city officials said.

“It was a direct hit,” said a rescuer who gave his name as Oleg. “We could do nothing.”
`

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// decodeRecords parses JSON Lines output into generic maps, checking that
// every line is one JSON object.
func decodeRecords(t *testing.T, out string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", i+1, err, line)
		}
		recs = append(recs, m)
	}
	return recs
}

func TestCodeRecordContract(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "story.txt", story)
	code, out, errs := run(t, "", "code", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	recs := decodeRecords(t, out)
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	r := recs[0]
	for _, k := range []string{"article", "sentences", "events", "casualties", "quotes", "places", "times"} {
		if _, ok := r[k]; !ok {
			t.Errorf("record lacks %q", k)
		}
		if k != "article" {
			if _, isList := r[k].([]any); !isList {
				t.Errorf("%q is %T, want a list (never null)", k, r[k])
			}
		}
	}
	a := r["article"].(map[string]any)
	for _, k := range []string{"id", "url", "title", "source", "published", "lang", "sha256", "text"} {
		if _, ok := a[k]; !ok {
			t.Errorf("article lacks %q", k)
		}
	}
	if a["published"] != "2015-01-22" || a["title"] != "Shelling kills six in Donetsk" || a["lang"] != "en" {
		t.Errorf("article metadata: %v", a)
	}
	text := a["text"].(string)
	sents := r["sentences"].([]any)
	if len(sents) != 3 {
		t.Fatalf("%d sentences, want 3: %v", len(sents), sents)
	}
	for _, s := range sents {
		m := s.(map[string]any)
		start, end := int(m["start"].(float64)), int(m["end"].(float64))
		if text[start:end] != m["text"] {
			t.Errorf("sentence offsets %d:%d read %q, not %q", start, end, text[start:end], m["text"])
		}
	}
}

func TestCodePublishedFlagAndStdin(t *testing.T) {
	code, out, errs := run(t, "Rebels said they shelled the town. Five died.", "code", "--published", "2016-10-05", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	a := decodeRecords(t, out)[0]["article"].(map[string]any)
	if a["published"] != "2016-10-05" || a["origin"] != "stdin" {
		t.Errorf("published %v origin %v", a["published"], a["origin"])
	}
	// The flag does not override a date the input gives.
	dir := t.TempDir()
	p := writeFile(t, dir, "story.txt", story)
	_, out, _ = run(t, "", "code", "--published", "2016-10-05", p)
	if got := decodeRecords(t, out)[0]["article"].(map[string]any)["published"]; got != "2015-01-22" {
		t.Errorf("input date overridden: %v", got)
	}
	// Without any date, published is null.
	_, out, _ = run(t, "Two people were killed.", "code", "-")
	if got, ok := decodeRecords(t, out)[0]["article"].(map[string]any)["published"]; !ok || got != nil {
		t.Errorf("published = %v, want null", got)
	}
}

func TestCodeTextFormat(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "story.txt", story)
	code, out, _ := run(t, "", "code", "--format", "text", p)
	if code != 0 || !strings.Contains(out, "== Shelling kills six in Donetsk") || !strings.Contains(out, "published 2015-01-22") || !strings.Contains(out, "3 sentences") {
		t.Errorf("text summary (exit %d):\n%s", code, out)
	}
}

func TestBadInputsAreReportedAndOthersGoOn(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", story)
	empty := writeFile(t, dir, "empty.txt", "")
	bin := writeFile(t, dir, "photo.txt", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	code, out, errs := run(t, "", "code", empty, good, bin, filepath.Join(dir, "missing.txt"))
	if code != 1 {
		t.Errorf("exit %d, want 1 when some inputs fail", code)
	}
	if n := len(decodeRecords(t, out)); n != 1 {
		t.Errorf("%d records, want the good one", n)
	}
	for _, want := range []string{empty + ": empty input", bin + ": binary data (PNG image)", "missing.txt: stat: no such file"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	p := writeFile(t, dir, "story.txt", story)
	if code, _, errs := run(t, "", "ingest", "--db", db, p); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	cases := [][]string{
		{"code", "--format", "xml", p},
		{"code", "--published", "05/10/2016", p},
		{"events", "--db", db, "--from", "yesterday"},
		{"events", "--db", db, "--country", "Syria"},
		{"events", "--db", db, "--cameo", "attack"},
		{"events", "--db", db, "--from", "2016-10-05", "--to", "2016-10-01"},
		{"articles", "--db", db, "--limit", "-1"},
		{"articles", "--db", db, "--format", "xml"},
		{"eval", "nonsense", p},
		{"code", "--no-such-flag", p},
	}
	for _, args := range cases {
		code, _, errs := run(t, "", args...)
		if code != 2 || !strings.HasPrefix(errs, "sitrep: usage: ") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and a usage message", args, code, errs)
		}
	}
	if code, _, errs := run(t, "", "articles", "--db", filepath.Join(dir, "nope.db")); code != 1 || !strings.Contains(errs, "nope.db") {
		t.Errorf("missing database: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "nope.db")); err == nil {
		t.Errorf("querying a missing database created it")
	}
}

func TestIngestIsIdempotentAndQueriesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	src := filepath.Join(dir, "in")
	writeFile(t, src, "a.txt", story)
	writeFile(t, src, "sub/b.txt", strings.NewReplacer("Donetsk", "Mariupol", "donetsk", "mariupol", "2015-01-22", "2015-01-24").Replace(story))
	// The same text under another name: same hash, so the same article.
	writeFile(t, src, "sub/c.txt", story)
	corpus := `{"id":"c1","url":"https://test.sitrep.invalid/c1","title":"Talks in Minsk","published":"2015-02-11","text":"MINSK, Belarus — Leaders met for talks on Wednesday. They agreed on a ceasefire."}
{"id":"c2","title":"Broken","published":"2015-02-11"}
`
	writeFile(t, src, "corpus.jsonl", corpus)

	code, _, errs := run(t, "", "ingest", "--db", db, src)
	if code != 1 || !strings.Contains(errs, "read 4, stored 3, unchanged 1, failed 1") || !strings.Contains(errs, `corpus.jsonl:2: no "text" or "html" field`) {
		t.Fatalf("first ingest: exit %d\n%s", code, errs)
	}
	code, _, errs = run(t, "", "ingest", "--db", db, src)
	if !strings.Contains(errs, "read 4, stored 0, unchanged 4, failed 1") {
		t.Fatalf("second ingest changed something: exit %d\n%s", code, errs)
	}

	_, out, _ := run(t, "", "articles", "--db", db, "--format", "jsonl")
	arts := decodeRecords(t, out)
	if len(arts) != 3 {
		t.Fatalf("%d articles stored, want 3", len(arts))
	}
	_, out, _ = run(t, "", "articles", "--db", db, "--format", "csv", "--from", "2015-01-23")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][0] != "id" {
		t.Fatalf("csv from 2015-01-23: %v %q", err, out)
	}
	_, out, _ = run(t, "", "articles", "--db", db, "--search", "trolleybus Mariupol")
	if !strings.Contains(out, "Shelling kills six in Mariupol") || strings.Contains(out, "in Donetsk") || !strings.Contains(out, "1 articles") {
		t.Errorf("search:\n%s", out)
	}
	_, out, _ = run(t, "", "articles", "--db", db, "--search", `Minsk" OR "x`)
	if !strings.Contains(out, "0 articles") {
		t.Errorf("search words must all match, syntax must not be read:\n%s", out)
	}

	_, out, _ = run(t, "", "export", "--db", db)
	recs := decodeRecords(t, out)
	if len(recs) != 3 {
		t.Fatalf("export: %d records", len(recs))
	}
	// Files are read in sorted path order: a.txt, corpus.jsonl, sub/b.txt.
	minsk := recs[1]
	if txt := minsk["article"].(map[string]any)["text"].(string); !strings.HasPrefix(txt, "MINSK, Belarus") {
		t.Errorf("exported record lacks its text: %q", txt)
	}
	if s := minsk["sentences"].([]any); len(s) != 2 {
		t.Errorf("exported record has %d sentences, want 2", len(s))
	}
	code, out, _ = run(t, "", "export", "--db", db, "--format", "csv")
	rows, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) < 1 || strings.Join(rows[0], ",") != strings.Join(eventColumns, ",") {
		t.Errorf("events csv header: %v %v", err, rows)
	}
	code, out, _ = run(t, "", "events", "--db", db, "--country", "UKR", "--cameo", "19")
	if code != 0 || !strings.Contains(out, "events") {
		t.Errorf("events query: exit %d\n%s", code, out)
	}
}

func TestEvalSegment(t *testing.T) {
	code, out, errs := run(t, "", "eval", "segment", "../nlp/testdata/segment_gold.jsonl")
	if code != 0 || !strings.Contains(out, "precision") || !strings.Contains(out, "overall") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.jsonl", "{not json\n")
	if code, _, errs := run(t, "", "eval", "segment", bad); code != 1 || !strings.Contains(errs, "gold line 1: invalid JSON") {
		t.Errorf("bad gold: exit %d %q", code, errs)
	}
}

func TestDemoLoadsExamplesOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errs := run(t, "", "demo", "--db", db)
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "stored 24") || !strings.Contains(out, "24 articles") || !strings.Contains(out, "Next:") {
		t.Errorf("demo output:\n%s", out)
	}
	_, out, _ = run(t, "", "demo", "--db", db)
	if !strings.Contains(out, "stored 0, unchanged 24") {
		t.Errorf("second demo:\n%s", out)
	}
}

func TestBenchCommand(t *testing.T) {
	code, out, errs := run(t, "", "bench", "--articles", "20")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	for _, want := range []string{"articles/s", "MB/s", "peak memory"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
}

func TestDictCheckImportAndUse(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad")
	writeFile(t, bad, "verbs.txt", "190\tattack\n77\tfoo\n")
	code, out, _ := run(t, "", "dict", "check", bad)
	if code != 1 || !strings.Contains(out, "verbs.txt:2: code \"77\"") || !strings.Contains(out, "1 problems") {
		t.Errorf("dict check bad: exit %d\n%s", code, out)
	}
	good := filepath.Join(dir, "good")
	writeFile(t, good, "verbs.txt", "1712\tbulldoze $T\n")
	writeFile(t, good, "actors.txt", "XYZREB\t-\tFreedom Brigade\n")
	if code, out, _ := run(t, "", "dict", "check", good); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("dict check good: exit %d\n%s", code, out)
	}
	story := writeFile(t, dir, "s.txt", "The Freedom Brigade bulldozed houses in the village on Monday.\n")
	_, out, errs := run(t, "", "code", "--dict", good, "--published", "2020-01-01", story)
	recs := decodeRecords(t, out)
	evs := recs[0]["events"].([]any)
	if len(evs) != 1 || evs[0].(map[string]any)["cameo"] != "1712" || evs[0].(map[string]any)["source"].(map[string]any)["code"] != "XYZREB" {
		t.Errorf("--dict not applied: %v %s", evs, errs)
	}
	// PETRARCH import: a small verb dictionary converted and used.
	pv := writeFile(t, dir, "petr_verbs.txt", "####### VERB PATTERNS #######\n\n---  RAZE   [1712]  ---\nRAZE\n- * +   [1712]  # RAZE\n")
	outDir := filepath.Join(dir, "imported")
	code, out, errs = run(t, "", "dict", "import", "--from", "petrarch", "--out", outDir, pv)
	if code != 0 || !strings.Contains(out, "(verbs)") {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errs)
	}
	if code, out, _ := run(t, "", "dict", "check", outDir); code != 0 {
		t.Errorf("imported dictionary does not check: %s", out)
	}
	if code, _, errs := run(t, "", "dict", "import", "--from", "tabari", "--out", outDir, pv); code != 2 || !strings.Contains(errs, "--from must be petrarch") {
		t.Errorf("bad --from: exit %d %s", code, errs)
	}
}

func TestEvalEventsCommand(t *testing.T) {
	code, out, errs := run(t, "", "eval", "events", "../cameo/testdata/events_forms.jsonl")
	if code != 0 || !strings.Contains(out, "events (source, target, CAMEO code)") || !strings.Contains(out, "confusion") {
		t.Errorf("eval events: exit %d\n%s\n%s", code, out, errs)
	}
}

func TestSeriesAndExports(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errs := run(t, "", "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	code, out, errs := run(t, "", "series", "--db", db, "--by", "year", "--group", "root", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) < 5 || strings.Join(rows[0], ",") != "period,group,events,goldstein_mean" {
		t.Fatalf("series: exit %d %v %q %s", code, err, out, errs)
	}
	code, out, _ = run(t, "", "series", "--db", db, "--metric", "fatalities", "--by", "month", "--format", "jsonl")
	if code != 0 || !strings.Contains(out, `"killed":`) {
		t.Errorf("fatality series: exit %d %s", code, out)
	}
	if code, _, errs := run(t, "", "series", "--db", db, "--by", "fortnight"); code != 2 || !strings.Contains(errs, "--by must be") {
		t.Errorf("bad --by: exit %d %s", code, errs)
	}
	code, out, _ = run(t, "", "export", "--db", db, "--format", "parquet", "--country", "SYR")
	if code != 0 || !strings.HasPrefix(out, "PAR1") || !strings.HasSuffix(out, "PAR1") {
		t.Errorf("parquet export: exit %d, %d bytes", code, len(out))
	}
	code, out, _ = run(t, "", "export", "--db", db, "--format", "gdelt", "--merged")
	merged := strings.Split(strings.TrimSpace(out), "\n")
	mentions := 0
	for _, l := range merged {
		cols := strings.Split(l, "\t")
		if len(cols) != 61 {
			t.Fatalf("merged gdelt row has %d columns", len(cols))
		}
		n, _ := strconv.Atoi(cols[31]) // NumMentions
		mentions += n
	}
	code, out, _ = run(t, "", "export", "--db", db, "--format", "gdelt")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if mentions != len(lines) || len(merged) >= len(lines) {
		t.Errorf("merged GDELT rows %d count %d mentions; per-mention rows %d", len(merged), mentions, len(lines))
	}
	if code != 0 || len(lines) < 20 || len(strings.Split(lines[0], "\t")) != 61 {
		t.Errorf("gdelt export: exit %d, %d lines", code, len(lines))
	}
	code, out, _ = run(t, "", "export", "--db", db, "--format", "acled", "--country", "SYR")
	rows, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) < 2 || rows[0][3] != "event_type" {
		t.Errorf("acled export: exit %d %v %d rows", code, err, len(rows))
	}
}

// Two wires report one battle; a third report a week later is another.
func TestClustersMergeReports(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	write := func(name, source, url, published, body string) {
		writeFile(t, dir, "in/"+name, "Title: "+name+"\nSource: "+source+"\nPublished: "+published+"\nURL: "+url+"\n\n"+body+"\n")
	}
	write("a.txt", "Wire A", "https://a.sitrep.invalid/1", "2016-10-05", "Syrian rebels attacked government troops near Hama on Tuesday, officials said.")
	write("b.txt", "Wire B", "https://b.sitrep.invalid/1", "2016-10-05", "Government troops came under attack by Syrian rebels outside Hama late on Tuesday.\n\nSyrian rebels attacked government troops near Hama, a monitor said.")
	write("c.txt", "Wire A", "https://a.sitrep.invalid/2", "2016-10-20", "Syrian rebels attacked government troops near Hama on Wednesday.")
	if code, _, errs := run(t, "", "ingest", "--db", db, filepath.Join(dir, "in")); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	_, out, _ := run(t, "", "clusters", "--db", db, "--format", "jsonl", "--cameo", "19")
	recs := decodeRecords(t, out)
	if len(recs) < 2 {
		t.Fatalf("clusters:\n%s", out)
	}
	top := recs[0]
	if top["source"] != "SYRREB" || top["mentions"].(float64) < 2 || top["articles"].(float64) != 2 || top["sources"].(float64) != 2 {
		t.Errorf("merged cluster %v: want SYRREB, 2+ mentions in 2 articles from 2 sources", top)
	}
	// Ingesting again changes no count.
	run(t, "", "ingest", "--db", db, filepath.Join(dir, "in"))
	_, again, _ := run(t, "", "clusters", "--db", db, "--format", "jsonl", "--cameo", "19")
	if again != out {
		t.Errorf("re-ingest changed clusters:\n%s\nthen\n%s", out, again)
	}
}
