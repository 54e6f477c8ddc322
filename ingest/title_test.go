package ingest

import (
	"context"
	"strings"
	"testing"
)

// An article whose input gives no title gets its first sentence, without
// the dateline, in square brackets; a title the input gives is kept as it
// is, and so is a headline-like first line.
func TestDerivedTitles(t *testing.T) {
	long := "Government forces and their allies pressed an offensive on the northern outskirts of the city on Monday, seizing two villages and a hilltop after days of heavy bombardment. Rebels said they held."
	cases := []struct{ name, in, want string }{
		{"plain text", "Shelling killed at least six people at a trolleybus stop on Thursday. Officials said so.\n", "[Shelling killed at least six people at a trolleybus stop on Thursday.]"},
		{"dateline", "DONETSK, Ukraine (Test Wire) — Shelling killed six people on Thursday, city officials said. More followed.", "[Shelling killed six people on Thursday, city officials said.]"},
		{"dated dateline", "MOSCOW, Oct. 5, 2016 (Reuters) - Russia warned the U.S. on Wednesday. It said more.", "[Russia warned the U.S. on Wednesday.]"},
		{"abbreviations", "Gen. Ali Mohammed said Mr. Smith left at 5 p.m. on Oct. 3 with St. John's staff. Then he went home.", "[Gen. Ali Mohammed said Mr. Smith left at 5 p.m. on Oct. 3 with St. John's staff.]"},
		{"quote", "“We could do nothing,” said a rescuer. He left.", "[“We could do nothing,” said a rescuer.]"},
		{"first line only", "\n\nFive people were killed when a bus overturned. Police said so.\nIt was dark.\n\nMore.", "[Five people were killed when a bus overturned.]"},
		{"long", long, "[Government forces and their allies pressed an offensive on the northern outskirts of the city on…]"},
		{"headline line", "Bus overturns near Kabul\nFive people were killed when a bus overturned.", "Bus overturns near Kabul"},
		{"header", "Title: Given title\n\nFive people were killed.", "Given title"},
	}
	r := NewReader(Options{})
	for _, c := range cases {
		var got []string
		for a, err := range r.Bytes(context.Background(), c.name+".txt", []byte(c.in)) {
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			got = append(got, a.Title)
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: title %q, want %q", c.name, got, c.want)
		}
	}
	if n := len([]rune(strings.Trim(derivedTitle(long), "[]…"))); n > maxDerivedTitle {
		t.Errorf("long title has %d characters, over %d", n, maxDerivedTitle)
	}
	// A corpus line without a title gets one too; with one, it is kept.
	jsonl := `{"id":"a","text":"Police detained 40 protesters in the capital. They were freed."}
{"id":"b","title":"Kept","text":"Police detained 40 protesters."}
`
	var titles []string
	for a, err := range r.Bytes(context.Background(), "c.jsonl", []byte(jsonl)) {
		if err != nil {
			t.Fatal(err)
		}
		titles = append(titles, a.Title)
	}
	if strings.Join(titles, "|") != "[Police detained 40 protesters in the capital.]|Kept" {
		t.Errorf("corpus titles %q", titles)
	}
	// Text without words gives no title.
	if got := derivedTitle("— … —"); got != "" {
		t.Errorf("title of no words: %q", got)
	}
}
