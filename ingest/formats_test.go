package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep/ingest"
)

// Whole JSON documents, HTML fragments named .html, bare-CR text and titles
// with control characters.
func TestJSONDocumentsFragmentsAndTitles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a_array.json": `[
  {"id": "j1", "title": "First", "published": "2020-01-02", "text": "Troops entered the town on Monday."},
  {"id": "j2", "title": "Second"},
  {"id": "j3", "title": "Third", "text": "Police detained 40 protesters."}
]`,
		"b_object.json": "{\n  \"id\": \"j4\",\n  \"title\": \"Pretty\",\n  \"text\": \"Rebels shelled the airport.\"\n}\n",
		"c_fragment.html": "<div class=\"story\"><p>KABUL, Afghanistan — A bomb killed nine people at a mosque on Friday, police said.</p>" +
			"<p>“The blast destroyed the hall,” said a witness who gave his name as Ahmad.</p><p>No group said it was behind the attack.</p></div>",
		"d_cr.txt":    "Title: Old Mac file\rPublished: 2001-09-12\r\rLine one of the story.\rLine two.",
		"e_title.txt": "Title: Bad\x1b[31m title\x07\n\nBody text of the story.",
	}
	for n, body := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := ingest.NewReader(ingest.Options{})
	var titles, errs []string
	for a, err := range r.Articles(context.Background(), []string{dir}, nil) {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		titles = append(titles, a.Title)
		if a.Title == "Old Mac file" && (a.Published != "2001-09-12" || strings.Contains(a.Text, "\r")) {
			t.Errorf("bare-CR file: published %q text %q", a.Published, a.Text)
		}
		if strings.HasPrefix(a.Origin, filepath.Join(dir, "c_fragment.html")) && (strings.Contains(a.Text, "<p>") || !strings.Contains(a.Text, "killed nine people")) {
			t.Errorf("HTML fragment read as text: %q", a.Text)
		}
	}
	// The fragment has no title: one is derived from its first sentence.
	want := "First|Third|Pretty|[A bomb killed nine people at a mosque on Friday, police said.]|Old Mac file|Bad[31m title"
	if got := strings.Join(titles, "|"); got != want {
		t.Errorf("titles\n got %q\nwant %q", got, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "a_array.json[1]: no \"text\" or \"html\" field") {
		t.Errorf("errors: %q", errs)
	}
}

func TestDatelineDate(t *testing.T) {
	r := ingest.NewReader(ingest.Options{Published: "2001-01-01"})
	cases := map[string]string{
		"MOSCOW, Oct. 5, 2016 (Reuters) - Russia said on Wednesday ...": "2016-10-05",
		"GENEVA, 12 March 2019 — The talks resumed.":                    "2019-03-12",
		"KYIV, Ukraine, February 24, 2022 — Explosions were heard.":     "2022-02-24",
		"ALEPPO, Syria (AP) — Jets struck the city.":                    "2001-01-01", // no date: the option
		"Talks resumed in Geneva on March 12, 2019, officials said.":    "2001-01-01", // not a dateline
	}
	for text, want := range cases {
		for a, err := range r.Bytes(context.Background(), "x.txt", []byte(text)) {
			if err != nil {
				t.Fatal(err)
			}
			if string(a.Published) != want {
				t.Errorf("%q: published %q, want %q", text, a.Published, want)
			}
		}
	}
}
