package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"sitrep"
	"sitrep/export"
)

func record() *sitrep.Record {
	syr, rus, mil, cvl := "SYR", "RUS", "MIL", "CVL"
	id := int64(170063)
	a1 := "Aleppo"
	r := sitrep.NewRecord(sitrep.Article{ID: "a1", URL: "https://example.org/a1", Source: "Wire", Published: "2016-10-06"})
	place := &sitrep.Place{Name: "Aleppo", GeonameID: &id, Lat: 36.2, Lon: 37.16, Country: "SYR", Admin1: &a1, Feature: "PPLA", Precision: "city"}
	r.Events = []sitrep.Event{
		{ID: "a1-0", Sentence: 0, Source: &sitrep.Actor{Text: "Russian jets", Code: "RUSMIL", Country: &rus, Role: &mil},
			Target: &sitrep.Actor{Text: "civilians", Code: "SYRCVL", Country: &syr, Role: &cvl},
			Cameo:  "195", Root: "19", Quad: 4, Goldstein: -10, Modality: "asserted", Place: place,
			Evidence: sitrep.Evidence{Text: "Russian jets bombed civilians"}},
		{ID: "a1-1", Sentence: 0, Source: &sitrep.Actor{Text: "Syrian jets", Code: "SYRMIL", Country: &syr, Role: &mil},
			Cameo: "195", Root: "19", Quad: 4, Goldstein: -10, Modality: "asserted", Place: place},
		{ID: "a1-2", Sentence: 1, Source: &sitrep.Actor{Text: "Turkey", Code: "TURGOV"}, Cameo: "036", Root: "03", Quad: 1, Goldstein: 4, Modality: "intended"},
	}
	n := 14
	r.Casualties = []sitrep.Casualty{{Kind: "killed", Count: sitrep.Count{Best: 14, Low: 14, High: &n}, Sentence: 0}}
	return &r
}

func TestGDELTColumns(t *testing.T) {
	var b bytes.Buffer
	w := export.NewGDELT(&b, sitrep.Filter{Cameo: "19"})
	if err := w.Write(record()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d rows, want the 2 events of root 19", len(lines))
	}
	f := strings.Split(lines[0], "\t")
	if len(f) != 61 {
		t.Fatalf("%d columns, want 61", len(f))
	}
	checks := map[int]string{1: "20161006", 5: "RUSMIL", 7: "RUS", 15: "SYRCVL", 26: "195", 28: "19", 29: "4", 30: "-10.0", 53: "SYR", 56: "36.2000", 58: "170063", 60: "https://example.org/a1"}
	for col, want := range checks {
		if f[col] != want {
			t.Errorf("column %d = %q, want %q", col+1, f[col], want)
		}
	}
}

func TestACLED(t *testing.T) {
	var b bytes.Buffer
	w := export.NewACLED(&b, sitrep.Filter{})
	if err := w.Write(record()); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(export.ACLEDColumns, ",") {
		t.Fatalf("rows %v", rows)
	}
	if rows[1][3] != "Explosions/Remote violence" || rows[1][4] != "Air/drone strike" || rows[1][18] != "14" || rows[2][18] != "0" {
		t.Errorf("ACLED rows %v: the sentence's 14 dead must be counted once", rows[1:])
	}
	if rows[1][12] != "Aleppo" || rows[1][15] != "1" {
		t.Errorf("location %q precision %q", rows[1][12], rows[1][15])
	}
}
