package ingest_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"sitrep"
	"sitrep/ingest"
)

// ---------------------------------------------------------------------------
// helpers

// result is one value yielded by Reader.Articles.
type result struct {
	a   sitrep.Article
	err error
}

func (r result) String() string {
	if r.err != nil {
		return "error: " + r.err.Error()
	}
	return fmt.Sprintf("article %q from %s", r.a.Title, r.a.Origin)
}

// collect runs Articles to the end, bounded in time.
func collect(t *testing.T, opts ingest.Options, sources []string, stdin io.Reader) []result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var out []result
	for a, err := range ingest.NewReader(opts).Articles(ctx, sources, stdin) {
		out = append(out, result{a, err})
	}
	if ctx.Err() != nil {
		t.Fatalf("reading %v did not finish in time", sources)
	}
	return out
}

// one reads sources and wants exactly one result.
func one(t *testing.T, opts ingest.Options, sources []string, stdin io.Reader) result {
	t.Helper()
	res := collect(t, opts, sources, stdin)
	if len(res) != 1 {
		t.Fatalf("got %d results, want 1: %v", len(res), res)
	}
	return res[0]
}

// article reads sources and wants exactly one article and no error.
func article(t *testing.T, opts ingest.Options, sources ...string) sitrep.Article {
	t.Helper()
	r := one(t, opts, sources, nil)
	if r.err != nil {
		t.Fatalf("unexpected error: %v", r.err)
	}
	return r.a
}

// ingestErr wants err to be an *ingest.Error from source whose message holds
// every one of want.
func ingestErr(t *testing.T, err error, source string, want ...string) *ingest.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one from %s mentioning %q", source, want)
	}
	var ie *ingest.Error
	if !errors.As(err, &ie) {
		t.Fatalf("error %v (%T) is not an *ingest.Error", err, err)
	}
	if ie.Source != source {
		t.Errorf("error source = %q, want %q (error: %v)", ie.Source, source, err)
	}
	if ie.Err == nil {
		t.Errorf("error %v wraps no reason", err)
	}
	if !strings.HasPrefix(err.Error(), source+": ") {
		t.Errorf("error message %q does not start with the source %q", err.Error(), source)
	}
	for _, w := range want {
		if !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(w)) {
			t.Errorf("error %q does not mention %q", err.Error(), w)
		}
	}
	return ie
}

func writeFile(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func hexSHA(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// checkWellFormed checks what every article must satisfy.
func checkWellFormed(t *testing.T, a sitrep.Article) {
	t.Helper()
	if a.Text == "" {
		t.Errorf("article %q has no text", a.Origin)
	}
	if a.SHA256 != hexSHA(a.Text) {
		t.Errorf("article %q: SHA256 = %q, want hex sha256 of Text %q", a.Origin, a.SHA256, hexSHA(a.Text))
	}
	if a.ID == "" {
		t.Errorf("article %q has no ID", a.Origin)
	}
	if strings.ContainsAny(a.Text, "\r\x00\ufeff") {
		t.Errorf("article %q text holds CR, NUL or BOM: %q", a.Origin, a.Text)
	}
	if strings.TrimSpace(a.Text) != a.Text {
		t.Errorf("article %q text has surrounding space: %q", a.Origin, a.Text)
	}
	if strings.Contains(a.Text, "\n\n\n") {
		t.Errorf("article %q text has more than one blank line in a row: %q", a.Origin, a.Text)
	}
	if a.Published != "" {
		if _, err := sitrep.ParseDate(string(a.Published)); err != nil {
			t.Errorf("article %q published %q is not YYYY-MM-DD", a.Origin, a.Published)
		}
	}
}

func contains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s does not contain %q; it is:\n%s", what, w, text)
		}
	}
}

func lacks(t *testing.T, what, text string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text, w) {
			t.Errorf("%s contains %q but should not; it is:\n%s", what, w, text)
		}
	}
}

// newsPage builds a realistic article page with boilerplate around it.
func newsPage(title, published string, paras ...string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n", title)
	if published != "" {
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n", published)
	}
	b.WriteString("</head><body>\n<nav class=\"menu\"><ul><li><a href=\"/\">Front page</a></li><li><a href=\"/region\">Regional desk</a></li><li><a href=\"/opinion\">Opinion columns</a></li></ul></nav>\n")
	fmt.Fprintf(&b, "<main><article><h1>%s</h1>\n", title)
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString("</article></main>\n<footer><p>Copyright Valley Wire Services. All rights reserved.</p></footer>\n</body></html>\n")
	return b.String()
}

var storyParas = []string{
	"Mediators said on Thursday that the ceasefire line around Kessel had held for a fifth consecutive night, with no shelling reported by either side.",
	"Monitors from the joint observation mission toured three villages near the line and found residents beginning to repair roofs and reopen shops.",
	"A spokesman for the mission said patrols would be extended to the southern sector next week if the calm continued through the weekend.",
	"Aid groups have asked both sides to open a corridor so that medical supplies can reach the hospital in Kessel, which has run short of fuel.",
	"The hospital director said generators were running for only four hours a day and that surgery had been limited to emergencies since Monday.",
}

// longParas returns n paragraphs of invented report text, each marked by tag.
func longParas(tag string, n int) []string {
	var ps []string
	for i := 1; i <= n; i++ {
		ps = append(ps, fmt.Sprintf("%s paragraph %d: district officials said on Monday that repair crews had cleared debris from the main road, restored water to most households and reopened the market hall for traders who lost their stalls in the storm.", tag, i))
	}
	return ps
}

func htmlParas(ps []string) string {
	return "<p>" + strings.Join(ps, "</p>\n<p>") + "</p>"
}

// ---------------------------------------------------------------------------
// 1. plain text

func TestPlainTextHeader(t *testing.T) {
	path := filepath.Join("testdata", "header.txt")
	a := article(t, ingest.Options{}, path)
	checkWellFormed(t, a)

	if want := "Floodwaters force thousands from homes along the Teller River"; a.Title != want {
		t.Errorf("Title = %q, want %q", a.Title, want)
	}
	if a.Source != "Northgate Ledger" {
		t.Errorf("Source = %q, want %q", a.Source, "Northgate Ledger")
	}
	if a.Published != "2021-04-09" {
		t.Errorf("Published = %q, want 2021-04-09", a.Published)
	}
	if want := "https://news.example.org/2021/04/teller-floods"; a.URL != want {
		t.Errorf("URL = %q, want %q", a.URL, want)
	}
	if a.Origin != path {
		t.Errorf("Origin = %q, want %q", a.Origin, path)
	}
	if a.Lang != "en" {
		t.Errorf("Lang = %q, want en", a.Lang)
	}
	lacks(t, "Text", a.Text, "Title:", "Source:", "Published:", "URL:", "news.example.org")
	if !strings.HasPrefix(a.Text, "Emergency crews evacuated more than 3,000 residents") {
		t.Errorf("Text does not start with the body: %q", a.Text)
	}
	if !strings.HasSuffix(a.Text, "Schools in the valley will stay closed until Monday, officials said.") {
		t.Errorf("Text does not end with the last paragraph: %q", a.Text)
	}
	if n := strings.Count(a.Text, "\n\n"); n != 2 {
		t.Errorf("Text has %d paragraph breaks, want 2: %q", n, a.Text)
	}
	if len(a.SHA256) != 64 {
		t.Errorf("SHA256 %q is not 64 hex digits", a.SHA256)
	}

	// The ID is stable: the same input gives the same ID and hash, and a
	// different article gets a different ID.
	b := article(t, ingest.Options{}, path)
	if b.ID != a.ID || b.SHA256 != a.SHA256 {
		t.Errorf("reading twice gave ID %q/%q and hash %q/%q", a.ID, b.ID, a.SHA256, b.SHA256)
	}
	c := article(t, ingest.Options{}, filepath.Join("testdata", "plain.txt"))
	if c.ID == a.ID {
		t.Errorf("two different articles share ID %q", a.ID)
	}
}

func TestPlainTextNoHeader(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		wantTitle string
		wantText  string // prefix
	}{
		{
			name:      "short first line is the title",
			data:      string(readTestdata(t, "plain.txt")),
			wantTitle: "Ceasefire talks resume in Port Aldine",
			wantText:  "Ceasefire talks resume in Port Aldine\n\nNegotiators for the two sides",
		},
		{
			name:      "first line that is a sentence gives a derived title",
			data:      "Rebels shelled the airport overnight, officials said.\nNo flights left on Sunday.\n",
			wantTitle: "[Rebels shelled the airport overnight, officials said.]",
			wantText:  "Rebels shelled the airport overnight, officials said.\nNo flights left on Sunday.",
		},
		{
			name:      "single line is no title but gives a derived one",
			data:      "Aid trucks crossed the bridge at Kessel on Friday morning\n",
			wantTitle: "[Aid trucks crossed the bridge at Kessel on Friday morning]",
			wantText:  "Aid trucks crossed the bridge at Kessel on Friday morning",
		},
		{
			name:      "colon line that is not a header key",
			data:      "Breaking: curfew imposed in Harwick\n\nThe mayor ordered residents to stay indoors after dark.\n",
			wantTitle: "Breaking: curfew imposed in Harwick",
			wantText:  "Breaking: curfew imposed in Harwick\n\nThe mayor ordered",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, filepath.Join(t.TempDir(), "story.txt"), []byte(tt.data))
			a := article(t, ingest.Options{}, path)
			checkWellFormed(t, a)
			if a.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", a.Title, tt.wantTitle)
			}
			if !strings.HasPrefix(a.Text, tt.wantText) {
				t.Errorf("Text = %q, want it to start %q", a.Text, tt.wantText)
			}
			if a.Published != "" || a.URL != "" || a.Source != "" {
				t.Errorf("metadata invented from nothing: published %q url %q source %q", a.Published, a.URL, a.Source)
			}
		})
	}
}

func TestPublishedOption(t *testing.T) {
	const body = "Police reported a quiet night in the capital after three days of protests.\n"
	tests := []struct {
		name    string
		data    string
		opt     sitrep.Date
		want    sitrep.Date
		wantErr string
	}{
		{"header date wins over option", "Title: Quiet night\nPublished: 2021-04-09\n\n" + body, "2000-01-01", "2021-04-09", ""},
		{"header without date takes option", "Title: Quiet night\nSource: Harwick Evening Post\n\n" + body, "2000-01-01", "2000-01-01", ""},
		{"no header takes option", body, "2000-01-01", "2000-01-01", ""},
		{"no header no option", body, "", "", ""},
		{"Date key in long form", "Title: Quiet night\nDate: 9 April 2021\n\n" + body, "2000-01-01", "2021-04-09", ""},
		{"RFC3339 keeps the day as written", "Title: Quiet night\nPublished: 2021-04-09T23:30:00-05:00\n\n" + body, "", "2021-04-09", ""},
		{"unreadable header date is an error", "Title: Quiet night\nPublished: last Tuesday\n\n" + body, "2000-01-01", "", "last Tuesday"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, filepath.Join(t.TempDir(), "a.txt"), []byte(tt.data))
			r := one(t, ingest.Options{Published: tt.opt}, []string{path}, nil)
			if tt.wantErr != "" {
				ingestErr(t, r.err, path, tt.wantErr)
				return
			}
			if r.err != nil {
				t.Fatal(r.err)
			}
			if r.a.Published != tt.want {
				t.Errorf("Published = %q, want %q", r.a.Published, tt.want)
			}
		})
	}

	// In a corpus the option fills only the lines that have no date.
	corpus := `{"title":"dated","published":"2018-07-01","text":"The first report."}` + "\n" +
		`{"title":"undated","text":"The second report."}` + "\n" +
		`{"title":"null date","published":null,"text":"The third report."}` + "\n"
	path := writeFile(t, filepath.Join(t.TempDir(), "c.jsonl"), []byte(corpus))
	res := collect(t, ingest.Options{Published: "2000-01-01"}, []string{path}, nil)
	want := []sitrep.Date{"2018-07-01", "2000-01-01", "2000-01-01"}
	if len(res) != len(want) {
		t.Fatalf("got %d results, want %d: %v", len(res), len(want), res)
	}
	for i, r := range res {
		if r.err != nil {
			t.Fatalf("line %d: %v", i+1, r.err)
		}
		if r.a.Published != want[i] {
			t.Errorf("line %d (%s): Published = %q, want %q", i+1, r.a.Title, r.a.Published, want[i])
		}
	}
}

// ---------------------------------------------------------------------------
// 2. directories

func TestDirectory(t *testing.T) {
	root := filepath.Join(t.TempDir(), "corpus")
	story := func(title string) []byte {
		return []byte("Title: " + title + "\n\nThe " + strings.ToLower(title) + " was reported by local officials on Monday.\n")
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	writeFile(t, filepath.Join(root, "z.txt"), story("Story Z"))
	writeFile(t, filepath.Join(root, "b", "d", "e.txt"), story("Story E"))
	writeFile(t, filepath.Join(root, "a.txt"), story("Story A"))
	writeFile(t, filepath.Join(root, "b", "c.txt"), story("Story C"))
	writeFile(t, filepath.Join(root, "notes"), story("Story Notes"))
	// Skipped: hidden files and directories, READMEs and licences, images,
	// and files of other kinds.
	writeFile(t, filepath.Join(root, ".hidden.txt"), story("Hidden file"))
	writeFile(t, filepath.Join(root, ".git", "HEAD"), story("Hidden dir"))
	writeFile(t, filepath.Join(root, "b", ".cache", "x.txt"), story("Hidden nested dir"))
	writeFile(t, filepath.Join(root, "README.md"), story("Readme"))
	writeFile(t, filepath.Join(root, "README.txt"), story("Readme text"))
	writeFile(t, filepath.Join(root, "LICENSE"), story("Licence"))
	writeFile(t, filepath.Join(root, "b", "photo.png"), png)
	writeFile(t, filepath.Join(root, "b", "chart.PNG"), png)
	writeFile(t, filepath.Join(root, "notes.docx"), story("Word file"))

	res := collect(t, ingest.Options{}, []string{root}, nil)
	want := []struct{ origin, title string }{
		{filepath.Join(root, "a.txt"), "Story A"},
		{filepath.Join(root, "b", "c.txt"), "Story C"},
		{filepath.Join(root, "b", "d", "e.txt"), "Story E"},
		{filepath.Join(root, "notes"), "Story Notes"},
		{filepath.Join(root, "z.txt"), "Story Z"},
	}
	if len(res) != len(want) {
		t.Fatalf("got %d results, want %d:\n%v", len(res), len(want), res)
	}
	for i, w := range want {
		if res[i].err != nil {
			t.Errorf("result %d: %v", i, res[i].err)
			continue
		}
		checkWellFormed(t, res[i].a)
		if res[i].a.Origin != w.origin || res[i].a.Title != w.title {
			t.Errorf("result %d = %q from %q, want %q from %q", i, res[i].a.Title, res[i].a.Origin, w.title, w.origin)
		}
	}

	// A binary file named explicitly is an error, not skipped.
	pngPath := filepath.Join(root, "b", "photo.png")
	r := one(t, ingest.Options{}, []string{pngPath}, nil)
	ingestErr(t, r.err, pngPath, "binary", "PNG")

	// A hidden directory named explicitly is read.
	a := article(t, ingest.Options{}, filepath.Join(root, "b", ".cache"))
	if a.Title != "Hidden nested dir" {
		t.Errorf("explicit hidden dir gave %q", a.Title)
	}

	// A directory with no article files yields nothing and no error.
	empty := filepath.Join(t.TempDir(), "empty")
	writeFile(t, filepath.Join(empty, "README.md"), story("Readme"))
	if res := collect(t, ingest.Options{}, []string{empty}, nil); len(res) != 0 {
		t.Errorf("directory without articles gave %v", res)
	}
}

// A directory source reached through a symbolic link is walked like the
// directory itself.
func TestDirectorySymlink(t *testing.T) {
	tmp := t.TempDir()
	real := filepath.Join(tmp, "real")
	writeFile(t, filepath.Join(real, "one.txt"), []byte("Title: Linked one\n\nA report read through a link to its directory.\n"))
	writeFile(t, filepath.Join(real, "sub", "two.txt"), []byte("Title: Linked two\n\nA second report read through a link to its directory.\n"))
	link := filepath.Join(tmp, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("cannot make symlinks: %v", err)
	}
	res := collect(t, ingest.Options{}, []string{link}, nil)
	if len(res) != 2 {
		t.Fatalf("got %d results, want 2: %v", len(res), res)
	}
	for i, title := range []string{"Linked one", "Linked two"} {
		if res[i].err != nil {
			t.Fatalf("result %d: %v", i, res[i].err)
		}
		if res[i].a.Title != title {
			t.Errorf("result %d title %q, want %q", i, res[i].a.Title, title)
		}
		if !strings.HasPrefix(res[i].a.Origin, link+string(filepath.Separator)) {
			t.Errorf("result %d origin %q is not under %q", i, res[i].a.Origin, link)
		}
	}
}

// ---------------------------------------------------------------------------
// 3. standard input

func TestStdin(t *testing.T) {
	t.Run("text", func(t *testing.T) {
		in := strings.NewReader("Title: Read from a pipe\nPublished: 2022-06-30\n\nThe governor announced a state of emergency in three northern districts.\n")
		a := article2(t, one(t, ingest.Options{}, []string{"-"}, in))
		checkWellFormed(t, a)
		if a.Origin != "stdin" || a.Title != "Read from a pipe" || a.Published != "2022-06-30" {
			t.Errorf("got origin %q title %q published %q", a.Origin, a.Title, a.Published)
		}
		if a.Text != "The governor announced a state of emergency in three northern districts." {
			t.Errorf("Text = %q", a.Text)
		}
	})
	t.Run("empty", func(t *testing.T) {
		r := one(t, ingest.Options{}, []string{"-"}, strings.NewReader(""))
		ingestErr(t, r.err, "stdin", "empty")
	})
	t.Run("corpus", func(t *testing.T) {
		in := strings.NewReader(`{"title":"First","text":"The first line of the corpus."}` + "\n" + `{"title":` + "\n" + `{"title":"Third","text":"The third line of the corpus."}` + "\n")
		res := collect(t, ingest.Options{}, []string{"-"}, in)
		if len(res) != 3 {
			t.Fatalf("got %v", res)
		}
		if res[0].err != nil || res[0].a.Title != "First" || res[0].a.Origin != "stdin:1" {
			t.Errorf("result 0 = %v (origin %q)", res[0], res[0].a.Origin)
		}
		ingestErr(t, res[1].err, "stdin:2", "invalid JSON")
		if res[2].err != nil || res[2].a.Title != "Third" {
			t.Errorf("result 2 = %v", res[2])
		}
	})
	t.Run("html", func(t *testing.T) {
		in := strings.NewReader(newsPage("Kessel ceasefire holds", "2021-05-06T08:00:00Z", storyParas...))
		a := article2(t, one(t, ingest.Options{}, []string{"-"}, in))
		contains(t, "Text", a.Text, storyParas[0], storyParas[4])
		lacks(t, "Text", a.Text, "<p>", "Regional desk")
	})
	t.Run("between files", func(t *testing.T) {
		in := strings.NewReader("Stdin story\n\nThe harbour reopened after the storm passed.\n")
		p1 := filepath.Join("testdata", "header.txt")
		p2 := filepath.Join("testdata", "plain.txt")
		res := collect(t, ingest.Options{}, []string{p1, "-", p2}, in)
		var origins []string
		for _, r := range res {
			if r.err != nil {
				t.Fatal(r.err)
			}
			origins = append(origins, r.a.Origin)
		}
		if got, want := strings.Join(origins, ","), p1+",stdin,"+p2; got != want {
			t.Errorf("origins %s, want %s", got, want)
		}
	})
}

func article2(t *testing.T, r result) sitrep.Article {
	t.Helper()
	if r.err != nil {
		t.Fatalf("unexpected error: %v", r.err)
	}
	return r.a
}

// ---------------------------------------------------------------------------
// 4. JSON Lines corpora

func TestJSONL(t *testing.T) {
	line := func(v map[string]any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	html := `<!DOCTYPE html><html><head><title>Market fire destroys stalls</title></head><body>` +
		`<nav><ul><li><a href="/">Front page</a></li><li><a href="/region">Regional desk</a></li></ul></nav>` +
		`<article><h1>Market fire destroys stalls</h1>` + htmlParas(storyParas) + `</article>` +
		`<footer><p>Copyright Valley Wire Services. All rights reserved.</p></footer></body></html>`
	lines := []string{
		/* 1 */ line(map[string]any{"id": "c-1", "title": "Convoy reaches Kessel", "source": "Valley Wire", "url": "https://example.org/c1", "published": "2020-05-01", "text": "A convoy of 20 trucks reached Kessel on Friday.\n\nIt carried flour and medicine."}),
		/* 2 */ line(map[string]any{"published": "2020-05-02T08:30:00Z", "html": html}),
		/* 3 */ "",
		/* 4 */ `{"title": "broken", "text": "unterminated`,
		/* 5 */ line(map[string]any{"title": "No body", "published": "2020-05-03"}),
		/* 6 */ line(map[string]any{"title": "Bad date", "published": "yesterday", "text": "Something happened."}),
		/* 7 */ "   ",
		/* 8 */ line(map[string]any{"title": "Numeric date", "published": 20200505, "text": "Something else happened."}),
		/* 9 */ line(map[string]any{"title": "Empty text", "text": "   ", "html": ""}),
		/* 10 */ line(map[string]any{"title": "Late report", "published": "2020-05-04T23:30:00-04:00", "text": "Shelling resumed late on Monday night."}),
	}
	path := writeFile(t, filepath.Join(t.TempDir(), "file.jsonl"), []byte(strings.Join(lines, "\n")+"\n"))
	res := collect(t, ingest.Options{}, []string{path}, nil)
	if len(res) != 8 {
		t.Fatalf("got %d results, want 8:\n%v", len(res), res)
	}

	a := article2(t, res[0])
	checkWellFormed(t, a)
	if a.ID != "c-1" || a.Title != "Convoy reaches Kessel" || a.Source != "Valley Wire" ||
		a.URL != "https://example.org/c1" || a.Published != "2020-05-01" || a.Origin != path+":1" {
		t.Errorf("line 1 = %+v", a)
	}
	if a.Text != "A convoy of 20 trucks reached Kessel on Friday.\n\nIt carried flour and medicine." {
		t.Errorf("line 1 text = %q", a.Text)
	}

	a = article2(t, res[1])
	checkWellFormed(t, a)
	if a.Published != "2020-05-02" || a.Origin != path+":2" {
		t.Errorf("line 2 published %q origin %q", a.Published, a.Origin)
	}
	if a.Title != "Market fire destroys stalls" {
		t.Errorf("line 2 title %q, want the page's title", a.Title)
	}
	contains(t, "line 2 text", a.Text, storyParas...)
	lacks(t, "line 2 text", a.Text, "<p>", "</", "Regional desk", "All rights reserved")

	ingestErr(t, res[2].err, path+":4", "invalid JSON")
	ingestErr(t, res[3].err, path+":5", `no "text" or "html"`)
	ingestErr(t, res[4].err, path+":6", "published", "yesterday")
	ingestErr(t, res[5].err, path+":8", "published", "20200505")
	ingestErr(t, res[6].err, path+":9", `no "text" or "html"`)

	a = article2(t, res[7])
	if a.Title != "Late report" || a.Published != "2020-05-04" || a.Origin != path+":10" {
		t.Errorf("line 10 = title %q published %q origin %q", a.Title, a.Published, a.Origin)
	}
}

func TestJSONLEmptyAndLimits(t *testing.T) {
	dir := t.TempDir()
	t.Run("empty file", func(t *testing.T) {
		path := writeFile(t, filepath.Join(dir, "empty.jsonl"), nil)
		r := one(t, ingest.Options{}, []string{path}, nil)
		ingestErr(t, r.err, path, "empty")
	})
	t.Run("blank lines only", func(t *testing.T) {
		path := writeFile(t, filepath.Join(dir, "blank.ndjson"), []byte("\n  \n\r\n\n"))
		r := one(t, ingest.Options{}, []string{path}, nil)
		ingestErr(t, r.err, path, "empty")
	})
	t.Run("no trailing newline and CRLF", func(t *testing.T) {
		path := writeFile(t, filepath.Join(dir, "crlf.jsonl"), []byte(
			`{"title":"One","text":"First line text."}`+"\r\n"+`{"title":"Two","text":"Second line text."}`))
		res := collect(t, ingest.Options{}, []string{path}, nil)
		if len(res) != 2 || res[0].err != nil || res[1].err != nil || res[0].a.Title != "One" || res[1].a.Title != "Two" {
			t.Fatalf("got %v", res)
		}
		if res[1].a.Origin != path+":2" {
			t.Errorf("origin %q", res[1].a.Origin)
		}
	})
	t.Run("line over MaxBytes", func(t *testing.T) {
		long := `{"title":"Long","text":"` + strings.Repeat("word ", 400) + `"}`
		data := `{"title":"Short one","text":"A short report."}` + "\n" + long + "\n" +
			`{"title":"Short two","text":"Another short report."}` + "\n" + long // no final newline
		path := writeFile(t, filepath.Join(dir, "long.jsonl"), []byte(data))
		res := collect(t, ingest.Options{MaxBytes: 1000}, []string{path}, nil)
		if len(res) != 4 {
			t.Fatalf("got %d results, want 4: %v", len(res), res)
		}
		if res[0].err != nil || res[0].a.Title != "Short one" {
			t.Errorf("result 0 = %v", res[0])
		}
		ingestErr(t, res[1].err, path+":2", "limit")
		if res[2].err != nil || res[2].a.Title != "Short two" {
			t.Errorf("result 2 = %v", res[2])
		}
		ingestErr(t, res[3].err, path+":4", "limit")
	})
	t.Run("corpus without corpus extension over MaxBytes", func(t *testing.T) {
		var b strings.Builder
		for i := 1; i <= 40; i++ {
			fmt.Fprintf(&b, `{"title":"Item %d","text":"Report number %d from the valley."}`+"\n", i, i)
		}
		path := writeFile(t, filepath.Join(dir, "dump.txt"), []byte(b.String()))
		res := collect(t, ingest.Options{MaxBytes: 200}, []string{path}, nil)
		if len(res) != 40 {
			t.Fatalf("got %d results, want 40", len(res))
		}
		for i, r := range res {
			if r.err != nil || r.a.Title != fmt.Sprintf("Item %d", i+1) {
				t.Fatalf("result %d = %v", i, r)
			}
		}
	})
}

// ---------------------------------------------------------------------------
// 5. HTML pages

func TestHTMLFile(t *testing.T) {
	path := filepath.Join("testdata", "page.html")
	a := article(t, ingest.Options{Published: "2000-01-01"}, path)
	checkWellFormed(t, a)
	if want := "Dam inspectors warn of cracks after Teller River floods"; a.Title != want {
		t.Errorf("Title = %q, want %q", a.Title, want)
	}
	if a.Published != "2019-03-14" {
		t.Errorf("Published = %q, want 2019-03-14 from the page's metadata", a.Published)
	}
	if a.Origin != path {
		t.Errorf("Origin = %q, want %q", a.Origin, path)
	}
	if a.URL != "" {
		t.Errorf("URL = %q, want none for a file without a canonical URL", a.URL)
	}
	if a.Lang != "en" {
		t.Errorf("Lang = %q, want en", a.Lang)
	}
	contains(t, "Text", a.Text,
		"Engineers inspecting the Holm Reservoir dam found new cracks in its spillway on Wednesday",
		"ordered the reservoir level lowered by two metres as a precaution",
		"chief engineer Tomas Erlend told reporters",
		"Residents who returned to their homes this week described streets still coated in mud",
		"The floods, the worst in the valley in half a century, killed three people",
		"repairs were postponed twice for lack of funds.",
	)
	lacks(t, "Text", a.Text,
		"World news desk", "Business and markets", "Subscribe today", // nav
		"Related stories", "Farmers count the cost", "Ferry service suspended", // aside
		"Shocking that nobody fixed this sooner", "My cousin lives in Harwick", // comments
		"All rights reserved", "Privacy policy", "Contact the newsroom", // footer
		"<p>", "</", "&quot;",
	)
	// Paragraphs stay separate.
	if !strings.Contains(a.Text, "said.\n\nThe authority ordered") {
		t.Errorf("paragraphs are not separated by a blank line:\n%s", a.Text)
	}
}

func TestHTMLTruncated(t *testing.T) {
	page := readTestdata(t, "page.html")
	cuts := map[string]int{}
	i := strings.Index(string(page), "<p>The floods")
	if i < 0 {
		t.Fatal("fixture changed")
	}
	cuts["mid tag in article"] = i + 2                                                     // "<p"
	cuts["mid attribute in aside"] = strings.Index(string(page), `<aside class="rel`) + 14 // inside the attribute value
	cuts["mid word in paragraph"] = strings.Index(string(page), "Residents who returned") + 12
	cuts["inside head"] = strings.Index(string(page), "<meta property=\"article:pub") + 20
	for name, n := range cuts {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, filepath.Join(t.TempDir(), "cut.html"), page[:n])
			var res []result
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("reading truncated HTML panicked: %v", p)
					}
				}()
				res = collect(t, ingest.Options{}, []string{path}, nil)
			}()
			if len(res) != 1 {
				t.Fatalf("got %d results, want 1: %v", len(res), res)
			}
			if strings.Contains(name, "head") {
				// Nothing of the body survives: no article.
				ingestErr(t, res[0].err, path, "html", "no article text")
				return
			}
			if res[0].err != nil {
				ingestErr(t, res[0].err, path, "html")
				return
			}
			a := res[0].a
			checkWellFormed(t, a)
			lacks(t, "Text", a.Text, "<p", "<aside", "<meta", "</")
			contains(t, "Text", a.Text, "Engineers inspecting the Holm Reservoir dam")
			if a.Title != "Dam inspectors warn of cracks after Teller River floods" {
				t.Errorf("Title = %q", a.Title)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// 6. feeds

// feedServer serves the pages feed items link to and counts requests.
type feedServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{hits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, newsPage("Kessel ceasefire holds for fifth night", "2021-04-08T06:00:00Z", storyParas...))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	})
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.hits[r.URL.Path]++
		fs.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) hit(path string) int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.hits[path]
}

func rssFeed(base string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Harwick Evening Post</title>
<link>` + base + `/</link>
<description>News from the Teller valley</description>
<item>
  <title>Bridge reopens after flood repairs</title>
  <link>` + base + `/full-1</link>
  <guid isPermaLink="false">hep-1001</guid>
  <pubDate>Tue, 06 Apr 2021 09:15:00 +0000</pubDate>
  <description>Short teaser for the bridge story.</description>
  <content:encoded><![CDATA[` + htmlParas(longParas("Bridge", 4)) + `]]></content:encoded>
</item>
<item>
  <title>Council approves emergency budget</title>
  <link>` + base + `/full-2</link>
  <pubDate>Wed, 07 Apr 2021 18:40:00 +0000</pubDate>
  <description><![CDATA[` + htmlParas(longParas("Budget", 4)) + `]]></description>
</item>
<item>
  <title>Quiet night on the border</title>
  <link>` + base + `/story</link>
  <pubDate>Thu, 08 Apr 2021 07:00:00 +0000</pubDate>
  <description>Officials in Kessel reported a quiet night along the line.</description>
</item>
<item>
  <title>Page that is gone</title>
  <link>` + base + `/missing</link>
  <pubDate>Fri, 09 Apr 2021 07:00:00 +0000</pubDate>
  <description>This teaser links to a page that no longer exists.</description>
</item>
<item>
  <title>Schools reopen across the valley</title>
  <link>` + base + `/full-5</link>
  <pubDate>Sat, 10 Apr 2021 06:30:00 +0000</pubDate>
  <content:encoded><![CDATA[` + htmlParas(longParas("Schools", 4)) + `]]></content:encoded>
</item>
</channel>
</rss>
`
}

func atomFeed(base string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Wire</title>
  <id>urn:example:valley-wire</id>
  <updated>2021-05-02T12:00:00Z</updated>
  <entry>
    <title>Relief convoy reaches Kessel</title>
    <id>urn:example:vw:1</id>
    <link rel="alternate" href="` + base + `/atom-1"/>
    <published>2021-05-01T08:00:00Z</published>
    <updated>2021-05-03T09:00:00Z</updated>
    <content type="html"><![CDATA[` + htmlParas(longParas("Convoy", 4)) + `]]></content>
  </entry>
  <entry>
    <title>Grain prices ease</title>
    <id>urn:example:vw:2</id>
    <link href="` + base + `/atom-2"/>
    <updated>2021-05-02T11:30:00Z</updated>
    <content type="html"><![CDATA[` + htmlParas(longParas("Grain", 4)) + `]]></content>
  </entry>
  <entry>
    <title>Talks set for next week</title>
    <id>urn:example:vw:3</id>
    <link href="` + base + `/story"/>
    <updated>2021-05-02T12:00:00Z</updated>
    <summary>Mediators announced a new round of talks.</summary>
  </entry>
</feed>
`
}

func TestRSSFeed(t *testing.T) {
	srv := newFeedServer(t)
	path := writeFile(t, filepath.Join(t.TempDir(), "news.rss"), []byte(rssFeed(srv.URL)))
	res := collect(t, ingest.Options{Timeout: 2 * time.Second}, []string{path}, nil)
	if len(res) != 5 {
		t.Fatalf("got %d results, want 5:\n%v", len(res), res)
	}
	type want struct {
		title, url, published string
		text                  []string
	}
	wants := []want{
		{"Bridge reopens after flood repairs", srv.URL + "/full-1", "2021-04-06", longParas("Bridge", 4)},
		{"Council approves emergency budget", srv.URL + "/full-2", "2021-04-07", longParas("Budget", 4)},
		{"Quiet night on the border", srv.URL + "/story", "2021-04-08", storyParas},
		{},
		{"Schools reopen across the valley", srv.URL + "/full-5", "2021-04-10", longParas("Schools", 4)},
	}
	for i, w := range wants {
		if i == 3 {
			continue
		}
		a := article2(t, res[i])
		checkWellFormed(t, a)
		if a.Title != w.title || a.URL != w.url || string(a.Published) != w.published {
			t.Errorf("item %d = %q %q %q, want %q %q %q", i+1, a.Title, a.URL, a.Published, w.title, w.url, w.published)
		}
		if a.Source != "Harwick Evening Post" {
			t.Errorf("item %d source %q, want the feed title", i+1, a.Source)
		}
		if want := fmt.Sprintf("%s item %d", path, i+1); a.Origin != want {
			t.Errorf("item %d origin %q, want %q", i+1, a.Origin, want)
		}
		contains(t, fmt.Sprintf("item %d text", i+1), a.Text, w.text...)
		lacks(t, fmt.Sprintf("item %d text", i+1), a.Text, "<p>", "Short teaser", "Regional desk", "All rights reserved")
	}
	if res[0].a.ID != "hep-1001" {
		t.Errorf("item 1 ID %q, want its guid", res[0].a.ID)
	}
	if res[1].a.ID == "" || res[1].a.ID == res[4].a.ID {
		t.Errorf("items 2 and 5 IDs %q %q", res[1].a.ID, res[4].a.ID)
	}
	ie := ingestErr(t, res[3].err, path+" item 4", "HTTP 404", "summary")
	if !strings.Contains(ie.Source, "item 4") {
		t.Errorf("source %q does not name the item", ie.Source)
	}
	// Only summary items fetch their pages.
	for p, n := range map[string]int{"/story": 1, "/missing": 1, "/full-1": 0, "/full-2": 0, "/full-5": 0} {
		if got := srv.hit(p); got != n {
			t.Errorf("%s fetched %d times, want %d", p, got, n)
		}
	}
}

func TestRSSFeedNoFetch(t *testing.T) {
	srv := newFeedServer(t)
	path := writeFile(t, filepath.Join(t.TempDir(), "news.xml"), []byte(rssFeed(srv.URL)))
	res := collect(t, ingest.Options{NoFetch: true, Timeout: 2 * time.Second}, []string{path}, nil)
	if len(res) != 5 {
		t.Fatalf("got %d results, want 5:\n%v", len(res), res)
	}
	for i, r := range res {
		if r.err != nil {
			t.Errorf("item %d: %v", i+1, r.err)
		}
	}
	if got := res[2].a.Text; got != "Officials in Kessel reported a quiet night along the line." {
		t.Errorf("item 3 text = %q, want its summary", got)
	}
	if got := res[3].a.Text; got != "This teaser links to a page that no longer exists." {
		t.Errorf("item 4 text = %q, want its summary", got)
	}
	for _, p := range []string{"/story", "/missing"} {
		if n := srv.hit(p); n != 0 {
			t.Errorf("NoFetch still fetched %s %d times", p, n)
		}
	}
}

func TestAtomFeed(t *testing.T) {
	srv := newFeedServer(t)
	path := writeFile(t, filepath.Join(t.TempDir(), "wire.atom"), []byte(atomFeed(srv.URL)))
	res := collect(t, ingest.Options{Timeout: 2 * time.Second}, []string{path}, nil)
	if len(res) != 3 {
		t.Fatalf("got %d results, want 3:\n%v", len(res), res)
	}
	wants := []struct {
		title, url, published string
		text                  []string
	}{
		{"Relief convoy reaches Kessel", srv.URL + "/atom-1", "2021-05-01", longParas("Convoy", 4)},
		{"Grain prices ease", srv.URL + "/atom-2", "2021-05-02", longParas("Grain", 4)},
		{"Talks set for next week", srv.URL + "/story", "2021-05-02", storyParas},
	}
	for i, w := range wants {
		a := article2(t, res[i])
		checkWellFormed(t, a)
		if a.Title != w.title || a.URL != w.url || string(a.Published) != w.published || a.Source != "Valley Wire" {
			t.Errorf("entry %d = %q %q %q %q, want %q %q %q", i+1, a.Title, a.URL, a.Published, a.Source, w.title, w.url, w.published)
		}
		contains(t, fmt.Sprintf("entry %d text", i+1), a.Text, w.text...)
	}
	lacks(t, "entry 3 text", res[2].a.Text, "Mediators announced a new round of talks.", "Regional desk", "All rights reserved")
	if srv.hit("/story") != 1 || srv.hit("/atom-1") != 0 {
		t.Errorf("fetches: story %d atom-1 %d", srv.hit("/story"), srv.hit("/atom-1"))
	}

	// With NoFetch the summary is the text.
	res = collect(t, ingest.Options{NoFetch: true}, []string{path}, nil)
	if len(res) != 3 || res[2].err != nil || res[2].a.Text != "Mediators announced a new round of talks." {
		t.Errorf("NoFetch entry 3 = %v", res)
	}
}

func TestBrokenFeed(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, data string
		source     string // appended to the path
		want       []string
	}{
		{"cut off", `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>One</ti`, "", []string{"feed:"}},
		{"not a feed at all", `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>One</title></item></channel><<<`, "", []string{"feed:"}},
		{"atom with bad entity", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bad &nbsp entity</title><entry><title>A</title><content>x</content></entry></feed`, "", []string{"feed:"}},
		{"no items", `<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title><link>http://example.org/</link></channel></rss>`, "", []string{"no items"}},
		// The parser is lenient about mismatched end tags; what it salvages
		// is an item with a title and nothing else.
		{"mismatched tags", `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>One</title></channel></rss>`, " item 1", []string{"no text"}},
	}
	good := filepath.Join("testdata", "plain.txt")
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, filepath.Join(dir, fmt.Sprintf("broken%d.xml", i)), []byte(tt.data))
			res := collect(t, ingest.Options{NoFetch: true}, []string{path, good}, nil)
			if len(res) < 2 {
				t.Fatalf("got %v", res)
			}
			// Whatever a lenient parser salvages, the source is reported and
			// the next source still comes through.
			ingestErr(t, res[0].err, path+tt.source, tt.want...)
			last := res[len(res)-1]
			if last.err != nil || last.a.Origin != good {
				t.Errorf("last result %v, want the article from %s", last, good)
			}
			if len(res) != 2 {
				t.Errorf("got %d results, want 2: %v", len(res), res)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// 7. URLs

func TestURLs(t *testing.T) {
	page := readTestdata(t, "page.html")
	pngBytes := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)
	big := strings.Repeat("<p>Filler text about the harbour and the storm.</p>\n", 200) // ~10 KB
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		if ua := r.Header.Get("User-Agent"); ua != "sitrep-test/1" {
			http.Error(w, "bad user agent "+ua, http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire over HTTP</title>
<item><title>First wire item</title><link>http://127.0.0.1:1/never-fetched-1</link><pubDate>Mon, 01 Mar 2021 10:00:00 GMT</pubDate><content:encoded><![CDATA[`+htmlParas(longParas("Wire one", 4))+`]]></content:encoded></item>
<item><title>Second wire item</title><link>http://127.0.0.1:1/never-fetched-2</link><pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate><content:encoded><![CDATA[`+htmlParas(longParas("Wire two", 4))+`]]></content:encoded></item>
</channel></rss>`)
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "Title: Plain over HTTP\nPublished: 2021-02-03\n\nThe port authority said ships would resume sailing on Friday.\n")
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(page)
	})
	mux.HandleFunc("/slowbody", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<!DOCTYPE html><html><body><p>Start of a page that never ends")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal failure", http.StatusInternalServerError)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/text", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(len(big)))
		io.WriteString(w, big)
	})
	mux.HandleFunc("/bigchunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for i := 0; i < 10; i++ {
			io.WriteString(w, big[:1024])
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(pngBytes)
	})
	mux.HandleFunc("/octet", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(pngBytes)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	opts := ingest.Options{Timeout: 300 * time.Millisecond, MaxBytes: 4096 * 2, UserAgent: "sitrep-test/1"}
	smallOpts := opts
	smallOpts.MaxBytes = 4096

	t.Run("html page", func(t *testing.T) {
		u := srv.URL + "/page"
		optsBig := opts
		optsBig.MaxBytes = 0
		a := article(t, optsBig, u)
		checkWellFormed(t, a)
		if a.URL != u || a.Origin != u {
			t.Errorf("URL %q origin %q, want %q", a.URL, a.Origin, u)
		}
		if a.Title != "Dam inspectors warn of cracks after Teller River floods" || a.Published != "2019-03-14" {
			t.Errorf("title %q published %q", a.Title, a.Published)
		}
		contains(t, "Text", a.Text, "Engineers inspecting the Holm Reservoir dam", "repairs were postponed twice")
		lacks(t, "Text", a.Text, "Related stories", "Privacy policy", "Shocking that nobody")
	})
	t.Run("feed", func(t *testing.T) {
		u := srv.URL + "/feed"
		res := collect(t, opts, []string{u}, nil)
		if len(res) != 2 {
			t.Fatalf("got %v", res)
		}
		for i, title := range []string{"First wire item", "Second wire item"} {
			a := article2(t, res[i])
			checkWellFormed(t, a)
			if a.Title != title || a.Source != "Wire over HTTP" || a.Origin != fmt.Sprintf("%s item %d", u, i+1) ||
				a.Published != sitrep.Date(fmt.Sprintf("2021-03-0%d", i+1)) || a.URL != fmt.Sprintf("http://127.0.0.1:1/never-fetched-%d", i+1) {
				t.Errorf("item %d = %+v", i+1, a)
			}
		}
		contains(t, "item 2 text", res[1].a.Text, longParas("Wire two", 4)...)
	})
	t.Run("text and redirect", func(t *testing.T) {
		a := article(t, opts, srv.URL+"/moved")
		if a.Title != "Plain over HTTP" || a.Published != "2021-02-03" ||
			a.Text != "The port authority said ships would resume sailing on Friday." {
			t.Errorf("got %+v", a)
		}
	})

	errCases := []struct {
		name string
		path string
		opts ingest.Options
		want []string
		max  time.Duration
	}{
		{"slow headers", "/slow", opts, []string{"timed out", "300ms"}, 3 * time.Second},
		{"slow body", "/slowbody", opts, []string{"timed out"}, 3 * time.Second},
		{"server error", "/error", opts, []string{"HTTP 500"}, 0},
		{"not found", "/nothing-here", opts, []string{"HTTP 404"}, 0},
		{"redirect loop", "/loop", opts, []string{"redirect"}, 0},
		{"over MaxBytes with length", "/big", smallOpts, []string{"limit", "4.0 KB"}, 0},
		{"over MaxBytes chunked", "/bigchunked", smallOpts, []string{"limit", "4.0 KB"}, 0},
		{"image", "/image", opts, []string{"image/png", "not text"}, 0},
		{"binary octet stream", "/octet", opts, []string{"not text"}, 0},
	}
	for _, tc := range errCases {
		t.Run(tc.name, func(t *testing.T) {
			u := srv.URL + tc.path
			good := srv.URL + "/text"
			start := time.Now()
			res := collect(t, tc.opts, []string{u, good}, nil)
			if tc.max > 0 && time.Since(start) > tc.max {
				t.Errorf("took %v, want under %v", time.Since(start), tc.max)
			}
			if len(res) != 2 {
				t.Fatalf("got %d results, want 2: %v", len(res), res)
			}
			ingestErr(t, res[0].err, u, tc.want...)
			if res[1].err != nil || res[1].a.Title != "Plain over HTTP" {
				t.Errorf("the next source after the failed one gave %v", res[1])
			}
		})
	}

	t.Run("connection refused", func(t *testing.T) {
		dead := httptest.NewServer(http.NotFoundHandler())
		u := dead.URL + "/gone"
		dead.Close()
		r := one(t, opts, []string{u}, nil)
		ingestErr(t, r.err, u, "fetch")
	})
}

// ---------------------------------------------------------------------------
// 8. encodings

func utf16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

func utf16BE(s string) []byte {
	b := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.BigEndian.AppendUint16(b, u)
	}
	return b
}

func TestEncodings(t *testing.T) {
	tests := []struct {
		name      string
		data      []byte
		wantTitle string
		wantText  string
	}{
		{
			name:      "windows-1252 quotes and dash",
			data:      []byte("Title: Minister resigns\n\nThe minister said \x93I take full responsibility\x94 for the delays \x96 and left the building.\n"),
			wantTitle: "Minister resigns",
			wantText:  "The minister said “I take full responsibility” for the delays – and left the building.",
		},
		{
			name:      "latin-1",
			data:      []byte("Le caf\xe9 de la gare a rouvert apr\xe8s les inondations.\nThe owner said business was slow.\n"),
			wantTitle: "[Le café de la gare a rouvert après les inondations.]",
			wantText:  "Le café de la gare a rouvert après les inondations.\nThe owner said business was slow.",
		},
		{
			name:      "utf-8 with BOM",
			data:      []byte("\xef\xbb\xbfTitle: Caf\xc3\xa9 reopens\n\nThe caf\xc3\xa9 reopened on Monday \xe2\x80\x93 its owner was \xe2\x80\x9cdelighted\xe2\x80\x9d.\n"),
			wantTitle: "Café reopens",
			wantText:  "The café reopened on Monday – its owner was “delighted”.",
		},
		{
			name:      "utf-16le with BOM",
			data:      utf16LE("Title: Wide text\r\n\r\nNaïve résumé of the talks – “quoted” in Kessel.\r\n", true),
			wantTitle: "Wide text",
			wantText:  "Naïve résumé of the talks – “quoted” in Kessel.",
		},
		{
			name:      "utf-16be with BOM",
			data:      utf16BE("Title: Big end\n\nThe ministry’s statement was brief.\n"),
			wantTitle: "Big end",
			wantText:  "The ministry’s statement was brief.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, filepath.Join(t.TempDir(), "enc.txt"), tt.data)
			a := article(t, ingest.Options{}, path)
			checkWellFormed(t, a)
			if a.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", a.Title, tt.wantTitle)
			}
			if a.Text != tt.wantText {
				t.Errorf("Text = %q, want %q", a.Text, tt.wantText)
			}
			lacks(t, "Text", a.Text, "\ufffd", "\ufeff", "\x00")
		})
	}

	// A page declaring its charset over HTTP.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		io.WriteString(w, newsPage("Caf\xe9 owners protest", "2020-10-10T10:00:00Z",
			"Owners of the caf\xe9s on the main square said \x93enough is enough\x94 on Saturday as the curfew entered its third week.",
			"The mayor \x96 who faces elections next spring \x96 promised to meet them on Monday to discuss compensation for lost trade.",
			"Police said the protest in front of the town hall was peaceful and that no arrests had been made during the afternoon.",
		))
	}))
	defer srv.Close()
	a := article(t, ingest.Options{Timeout: 2 * time.Second}, srv.URL)
	contains(t, "Text", a.Text, "cafés on the main square said “enough is enough”", "The mayor – who faces")
	if a.Title != "Café owners protest" {
		t.Errorf("Title = %q", a.Title)
	}
}

// warnings collects what a Reader reports through Options.Warn.
type warnings struct {
	mu  sync.Mutex
	got []string
}

func (w *warnings) add(source, msg string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.got = append(w.got, source+": "+msg)
}

func TestStrayByteInUTF8(t *testing.T) {
	// Nine quoted statements in UTF-8 curly quotes, and one byte that is no
	// UTF-8 (a Windows-1252 closing quote pasted in).
	var b strings.Builder
	b.WriteString("Title: Nine statements\n\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "Spokesman %d said \u201cthe convoy reached the town on time\u201d on Monday.\n", i)
	}
	body := b.String()
	cut := strings.Index(body, "Spokesman 5")
	data := []byte(body[:cut] + "Oops\x94 " + body[cut:])
	stray := cut + len("Oops")
	path := writeFile(t, filepath.Join(t.TempDir(), "quotes.txt"), data)

	var w warnings
	a := article(t, ingest.Options{Warn: w.add}, path)
	checkWellFormed(t, a)
	if n := strings.Count(a.Text, "\u201c"); n != 9 {
		t.Errorf("%d opening quotes kept, want 9: the text was not read as UTF-8: %q", n, a.Text)
	}
	lacks(t, "Text", a.Text, "\u00e2\u20ac")
	if n := strings.Count(a.Text, "\ufffd"); n != 1 {
		t.Errorf("%d replacement characters, want 1", n)
	}
	contains(t, "Text", a.Text, "Oops\ufffd Spokesman 5")
	if len(w.got) != 1 {
		t.Fatalf("warnings = %q, want one", w.got)
	}
	contains(t, "warning", w.got[0], path+": ", "0x94", fmt.Sprintf("byte offset %d", stray), "U+FFFD")

	// The same from standard input, with a byte-order mark: the offset
	// counts the mark, as it is a byte of the input.
	w = warnings{}
	r := one(t, ingest.Options{Warn: w.add}, []string{"-"}, bytes.NewReader(append([]byte("\xef\xbb\xbf"), data...)))
	if r.err != nil {
		t.Fatal(r.err)
	}
	if len(w.got) != 1 {
		t.Fatalf("warnings = %q, want one", w.got)
	}
	contains(t, "warning", w.got[0], "stdin: ", fmt.Sprintf("byte offset %d", stray+3))

	// Several stray bytes are counted and the first ones listed.
	w = warnings{}
	many := []byte("Title: Many\n\nA \u201cquote\u201d, \u201canother\u201d and \u201ca third\u201d \xff\xfe\xfd here.\n")
	article(t, ingest.Options{Warn: w.add}, writeFile(t, filepath.Join(t.TempDir(), "many.txt"), many))
	if len(w.got) != 1 {
		t.Fatalf("warnings = %q, want one", w.got)
	}
	at := bytes.Index(many, []byte("\xff"))
	contains(t, "warning", w.got[0], "3 invalid UTF-8 bytes", fmt.Sprintf("0xFF at %d", at), fmt.Sprintf("0xFD at %d", at+2))

	// A page that declares UTF-8 is UTF-8 even with no other multibyte
	// character to go by.
	w = warnings{}
	page := []byte(newsPage("Caf\xe9 reopens", "2020-10-10T10:00:00Z",
		"The owners of the cafe on the main square said on Saturday that they would open again next week after the floods.",
		"The mayor promised to meet them on Monday to discuss compensation for the trade they lost during the three weeks.",
		"Police said the water had left the town hall and that the road to the coast would reopen before the weekend."))
	hp := writeFile(t, filepath.Join(t.TempDir(), "page.html"), page)
	a = article(t, ingest.Options{Warn: w.add}, hp)
	if a.Title != "Caf\ufffd reopens" {
		t.Errorf("Title = %q, want the stray byte replaced", a.Title)
	}
	if len(w.got) == 0 || !strings.HasPrefix(w.got[0], hp+": ") || !strings.Contains(w.got[0], "0xE9") {
		t.Errorf("warnings = %q, want one naming %s and byte 0xE9", w.got, hp)
	}
}

func TestShortUTF8Page(t *testing.T) {
	// A short page in valid UTF-8 keeps its accents: the extractor is given
	// the decoded page, not left to guess its charset again (it guessed
	// Latin-1 here and gave "CafÃ©").
	page := "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Caf\u00e9 reopens</title></head>" +
		"<body><p>The owners of the caf\u00e9 on the main square said on Saturday that they would open again next week after the floods.</p></body></html>"
	var w warnings
	a := article(t, ingest.Options{Warn: w.add}, writeFile(t, filepath.Join(t.TempDir(), "short.html"), []byte(page)))
	if a.Title != "Caf\u00e9 reopens" {
		t.Errorf("Title = %q", a.Title)
	}
	contains(t, "Text", a.Text, "owners of the caf\u00e9 on")
	lacks(t, "Text", a.Text, "\u00c3")
	if len(w.got) != 0 {
		t.Errorf("warnings %q for a valid page", w.got)
	}
}

func TestLegacyCharsetsNotWarned(t *testing.T) {
	// Real Windows-1252 and Latin-1 files are decoded as such, silently:
	// their accented letters are followed by ASCII, never by UTF-8
	// continuation bytes.
	for name, tc := range map[string]struct{ data, want string }{
		"windows-1252": {"Title: Minister resigns\n\nThe minister said \x93I will go\x94 \x96 and the caf\xe9 owners cheered.\n",
			"The minister said \u201cI will go\u201d \u2013 and the caf\u00e9 owners cheered."},
		"latin-1": {"Title: Gare\n\nLe caf\xe9 de la gare a rouvert apr\xe8s les inondations, \xe0 la joie de tous.\n",
			"Le caf\u00e9 de la gare a rouvert apr\u00e8s les inondations, \u00e0 la joie de tous."},
		// One stray byte with no UTF-8 around it is a one-byte charset's
		// character, here Windows-1252's apostrophe.
		"one apostrophe": {"Title: Apostrophe\n\nThe ministry\x92s statement was brief.\n",
			"The ministry\u2019s statement was brief."},
	} {
		t.Run(name, func(t *testing.T) {
			var w warnings
			a := article(t, ingest.Options{Warn: w.add}, writeFile(t, filepath.Join(t.TempDir(), "old.txt"), []byte(tc.data)))
			if a.Text != tc.want {
				t.Errorf("Text = %q, want %q", a.Text, tc.want)
			}
			if len(w.got) != 0 {
				t.Errorf("warnings %q for a valid %s file", w.got, name)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// 9. bad input

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	good := func(n int) string {
		return writeFile(t, filepath.Join(dir, fmt.Sprintf("good%d.txt", n)),
			[]byte(fmt.Sprintf("Title: Good story %d\n\nReport number %d says the road to the coast has reopened.\n", n, n)))
	}
	rng := rand.New(rand.NewSource(7))
	random := make([]byte, 4096)
	rng.Read(random)
	random[0] = 'x' // no magic number or byte-order mark: only the NULs say binary
	for i := 100; i < len(random); i += 97 {
		random[i] = 0
	}
	pngMagic := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), make([]byte, 200)...)

	huge := filepath.Join(dir, "huge.txt")
	func() {
		f, err := os.Create(huge)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		w := bufio.NewWriterSize(f, 1<<20)
		line := strings.Repeat("The harbour master said the storm had passed and ships could sail. ", 15) + "\n"
		for n := 0; n < 50<<20; n += len(line) {
			w.WriteString(line)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
	}()

	cases := []struct {
		name string
		path string
		want []string
	}{
		{"empty file", writeFile(t, filepath.Join(dir, "empty.txt"), nil), []string{"empty"}},
		{"whitespace only", writeFile(t, filepath.Join(dir, "blank.txt"), []byte(" \n\t\r\n   \n")), []string{"empty"}},
		{"png", writeFile(t, filepath.Join(dir, "image.txt"), pngMagic), []string{"binary", "PNG"}},
		{"random bytes with NULs", writeFile(t, filepath.Join(dir, "random.dat"), random), []string{"binary", "NUL"}},
		{"50 MB text", huge, []string{"limit", "16.0 MB", "50.0 MB"}},
		{"nonexistent", filepath.Join(dir, "no-such-file.txt"), []string{"no such file"}},
		{"html page without text", writeFile(t, filepath.Join(dir, "shell.html"), []byte("<!DOCTYPE html><html><head><title>Harwick Evening Post</title></head><body><div id=\"app\"></div><script>render(document.getElementById('app'));</script></body></html>")), []string{"html", "no article text"}},
	}
	var sources []string
	for i, c := range cases {
		sources = append(sources, c.path, good(i))
	}
	start := time.Now()
	res := collect(t, ingest.Options{}, sources, nil)
	t.Logf("read %d sources in %v", len(sources), time.Since(start))
	if len(res) != len(sources) {
		t.Fatalf("got %d results for %d sources:\n%v", len(res), len(sources), res)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ingestErr(t, res[2*i].err, c.path, c.want...)
			g := res[2*i+1]
			if g.err != nil {
				t.Fatalf("good source after %s failed: %v", c.name, g.err)
			}
			if want := fmt.Sprintf("Good story %d", i); g.a.Title != want {
				t.Errorf("after %s got %q, want %q: results out of source order", c.name, g.a.Title, want)
			}
		})
	}

	// Standard input over the limit.
	r := one(t, ingest.Options{MaxBytes: 1024}, []string{"-"}, strings.NewReader(strings.Repeat("The storm passed.\n", 200)))
	ingestErr(t, r.err, "stdin", "limit", "1.0 KB")
}

func TestLargeCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("large corpus in -short mode")
	}
	const size = 50 << 20
	path := filepath.Join(t.TempDir(), "big.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	body := strings.Repeat("Shelling was reported near the border town overnight and aid groups said roads were closed. ", 4)
	n, written := 0, 0
	for written < size {
		n++
		l := fmt.Sprintf(`{"id":"big-%d","title":"Report %d","published":"2020-01-02","text":"Report %d. %s"}`+"\n", n, n, n, body)
		w.WriteString(l)
		written += len(l)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	start := time.Now()
	count, last := 0, ""
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for a, err := range ingest.NewReader(ingest.Options{}).Articles(ctx, []string{path}, nil) {
		if err != nil {
			t.Fatalf("after %d articles: %v", count, err)
		}
		count++
		if a.Title != fmt.Sprintf("Report %d", count) {
			t.Fatalf("article %d has title %q", count, a.Title)
		}
		last = a.Origin
	}
	elapsed := time.Since(start)
	t.Logf("read %d articles (%.1f MB) in %v", count, float64(written)/(1<<20), elapsed)
	if count != n {
		t.Errorf("read %d articles, want %d", count, n)
	}
	if want := fmt.Sprintf("%s:%d", path, n); last != want {
		t.Errorf("last origin %q, want %q", last, want)
	}
}

// ---------------------------------------------------------------------------
// 10. line ends and control characters

func TestNormalization(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		wantTitle string
		wantText  string
	}{
		{
			name:      "CRLF with header",
			data:      "Title: Storm hits coast\r\nPublished: 2020-11-02\r\n\r\nWinds of 120 km/h tore roofs off houses.\r\nPower was cut to 8,000 homes.\r\n\r\n\r\n\r\nRepairs began on Sunday.\r\n",
			wantTitle: "Storm hits coast",
			wantText:  "Winds of 120 km/h tore roofs off houses.\nPower was cut to 8,000 homes.\n\nRepairs began on Sunday.",
		},
		{
			name:      "CRLF title without header",
			data:      "Storm hits coast\r\n\r\nWinds tore roofs off houses.\r\n",
			wantTitle: "Storm hits coast",
			wantText:  "Storm hits coast\n\nWinds tore roofs off houses.",
		},
		{
			name:      "ASCII control characters, tabs, NBSP, zero-width space",
			data:      "The\u00a0convoy\tarrived\x07 at\u200b dawn\x1b.  \nIt left\x7f at noon.   \n\n\n\nNo one was hurt.\x08\n",
			wantTitle: "[The convoy arrived at dawn.]",
			wantText:  "The convoy arrived at dawn.\nIt left at noon.\n\nNo one was hurt.",
		},
		{
			name:      "C1 control characters",
			data:      "Aid reached the town\u0085 on Monday.\nTrucks carried\u009b food and water.\n",
			wantTitle: "[Aid reached the town on Monday.]",
			wantText:  "Aid reached the town on Monday.\nTrucks carried food and water.",
		},
		{
			name:      "bare CR line ends",
			data:      "Aid reached the town on Monday. \r\r\r\rTrucks carried food and water.\r",
			wantTitle: "[Aid reached the town on Monday.]",
			wantText:  "Aid reached the town on Monday.\n\nTrucks carried food and water.",
		},
		{
			name:      "form feed between pages",
			data:      "The first page ends here. \f\nThe second page starts here.\n",
			wantTitle: "[The first page ends here.]",
			wantText:  "The first page ends here.\nThe second page starts here.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, filepath.Join(t.TempDir(), "n.txt"), []byte(tt.data))
			a := article(t, ingest.Options{}, path)
			checkWellFormed(t, a)
			if a.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", a.Title, tt.wantTitle)
			}
			if a.Text != tt.wantText {
				t.Errorf("Text = %q, want %q", a.Text, tt.wantText)
			}
			for _, r := range a.Text {
				if r != '\n' && (r < 0x20 || r >= 0x7f && r <= 0x9f) {
					t.Errorf("Text holds control character %U: %q", r, a.Text)
				}
			}
		})
	}

	// The same in a corpus line and in a feed item.
	path := writeFile(t, filepath.Join(t.TempDir(), "n.jsonl"), []byte(`{"title":" Spaced \t title\r\n","text":"Line one.\r\nLine two.\u0007\r\n\r\n\r\nLine three.\u0085"}`+"\n"))
	a := article(t, ingest.Options{}, path)
	if a.Text != "Line one.\nLine two.\n\nLine three." || a.Title != "Spaced title" {
		t.Errorf("corpus line: title %q text %q", a.Title, a.Text)
	}
	// Text with no other sign of needing work still loses C1 controls.
	path = writeFile(t, filepath.Join(t.TempDir(), "c1.jsonl"), []byte(`{"text":"Trucks carried\u009b food and water."}`+"\n"))
	if a := article(t, ingest.Options{}, path); a.Text != "Trucks carried food and water." {
		t.Errorf("C1 control kept: %q", a.Text)
	}
}

// ---------------------------------------------------------------------------
// Stopping early

// A consumer may stop at any result; the reader must then stop calling it
// (range-over-func panics otherwise).
func TestStopEarly(t *testing.T) {
	dir := t.TempDir()
	corpus := writeFile(t, filepath.Join(dir, "c.jsonl"), []byte(`{"text":"one"}`+"\nnot json\n"+`{"text":"three"}`+"\n"))
	feed := writeFile(t, filepath.Join(dir, "f.rss"), []byte(rssFeed("http://127.0.0.1:1")))
	tree := filepath.Join(dir, "tree")
	writeFile(t, filepath.Join(tree, "a.txt"), []byte("First file of the tree."))
	writeFile(t, filepath.Join(tree, "b.txt"), []byte{})
	writeFile(t, filepath.Join(tree, "c.txt"), []byte("Third file of the tree."))
	sources := []string{corpus, feed, tree, filepath.Join(dir, "missing"), filepath.Join("testdata", "plain.txt")}
	total := len(collect(t, ingest.Options{NoFetch: true}, sources, nil))
	for stop := 1; stop <= total; stop++ {
		t.Run(fmt.Sprint(stop), func(t *testing.T) {
			n := 0
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("stopping after %d results panicked: %v", stop, p)
					}
				}()
				for range ingest.NewReader(ingest.Options{NoFetch: true}).Articles(context.Background(), sources, nil) {
					n++
					if n == stop {
						break
					}
				}
			}()
			if n != stop {
				t.Errorf("got %d results before stopping, want %d", n, stop)
			}
		})
	}
}

// A directory that cannot be listed while walking is reported, and a
// consumer that stops at that error is not called again.
func TestDirectoryWalkError(t *testing.T) {
	// Make a directory whose path is longer than the system allows, so that
	// listing it fails even for root.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), []byte("Title: Before the deep tree\n\nA report at the top of the tree.\n"))
	writeFile(t, filepath.Join(dir, "z.txt"), []byte("Title: After the deep tree\n\nAnother report at the top of the tree.\n"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	cur := root
	deep := dir
	for i := 0; len(deep) < 5000; i++ {
		name := strings.Repeat(string(rune('a'+i%26)), 200)
		if err := cur.Mkdir(name, 0o755); err != nil {
			t.Skipf("cannot make deep directories: %v", err)
		}
		next, err := cur.OpenRoot(name)
		if err != nil {
			t.Skipf("cannot open deep directories: %v", err)
		}
		cur.Close()
		cur = next
		deep = filepath.Join(deep, name)
	}
	cur.Close()
	if _, err := os.ReadDir(deep); err == nil {
		t.Skip("the system lists directories with very long paths")
	}

	res := collect(t, ingest.Options{}, []string{dir}, nil)
	if len(res) != 3 {
		t.Fatalf("got %d results, want 3", len(res))
	}
	var ie *ingest.Error
	if !errors.As(res[0].err, &ie) || !strings.HasPrefix(ie.Source, dir) {
		t.Errorf("result 0 = %v, want an error for the deep directory", res[0])
	}
	if res[1].err != nil || res[1].a.Title != "Before the deep tree" || res[2].err != nil || res[2].a.Title != "After the deep tree" {
		t.Errorf("results 1 and 2 = %v, %v", res[1], res[2])
	}

	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("stopping at the walk error panicked: %v", p)
			}
		}()
		for _, err := range ingest.NewReader(ingest.Options{}).Articles(context.Background(), []string{dir}, nil) {
			if err != nil {
				break
			}
		}
	}()
}

// A cancelled context stops reading.
func TestContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	for range ingest.NewReader(ingest.Options{}).Articles(ctx, []string{filepath.Join("testdata", "plain.txt")}, nil) {
		n++
	}
	if n != 0 {
		t.Errorf("cancelled context still gave %d results", n)
	}
}
