package export_test

import (
	"bytes"
	"strings"
	"testing"

	"sitrep"
	"sitrep/export"
)

// GDELT's geography: ADM1Code is the country and the GeoNames code of the
// division (never its name), or the country alone for a country; an
// absent actor has empty geography, while the event keeps its ActionGeo.
func TestGDELTGeography(t *testing.T) {
	r := record()
	idlib, california := "Idlib", "California"
	la := int64(5368361)
	r.Events = append(r.Events,
		sitrep.Event{ID: "a1-3", Sentence: 2, Source: &sitrep.Actor{Text: "rebels", Code: "SYRREB"}, Cameo: "190", Root: "19", Quad: 4,
			Place: &sitrep.Place{Name: "Idlib", Country: "SYR", Admin1: &idlib, Feature: "ADM1", Precision: "admin1"}},
		sitrep.Event{ID: "a1-4", Sentence: 3, Source: &sitrep.Actor{Text: "police", Code: "USACOP"}, Cameo: "173", Root: "17", Quad: 4,
			Place: &sitrep.Place{Name: "Los Angeles", GeonameID: &la, Country: "USA", Admin1: &california, Feature: "PPLA2", Precision: "city"}},
		sitrep.Event{ID: "a1-5", Sentence: 4, Source: &sitrep.Actor{Text: "Syria", Code: "SYRGOV"}, Cameo: "190", Root: "19", Quad: 4,
			Place: &sitrep.Place{Name: "Syria", Country: "SYR", Feature: "PCLI", Precision: "country"}},
	)
	var b bytes.Buffer
	if err := export.NewGDELT(&b, sitrep.Filter{}).Write(r); err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		f := strings.Split(l, "\t")
		if len(f) != 61 {
			t.Fatalf("%d columns", len(f))
		}
		rows[f[5]+" "+f[26]] = f
	}
	// Columns (0-based): AvgTone 34, Actor1Geo 35-42, Actor2Geo 43-50, ActionGeo 51-58;
	// in each, type, full name, country, ADM1, ADM2, lat, long, feature.
	const a1, a2, act = 35, 43, 51
	for _, c := range []struct {
		row                string
		adm1               string
		actor2Geo          bool
		actionType, actor1 string
	}{
		{"RUSMIL 195", "SYR09", true, "4", "4"},  // Aleppo city, by its GeoNames id; both actors
		{"SYRMIL 195", "SYR09", false, "4", "4"}, // no target: Actor2Geo empty
		{"SYRREB 190", "SYR12", false, "5", "5"}, // Idlib governorate, by its name
		{"USACOP 173", "USACA", false, "3", "3"}, // a US city
		{"SYRGOV 190", "SYR", false, "1", "1"},   // a country: the country code alone
		{"TURGOV 036", "", false, "0", "0"},      // no place at all
	} {
		f := rows[c.row]
		if f == nil {
			t.Errorf("no row %s", c.row)
			continue
		}
		if f[act+3] != c.adm1 || f[a1+3] != c.adm1 || f[act] != c.actionType || f[a1] != c.actor1 {
			t.Errorf("%s: ActionGeo type %q ADM1 %q, Actor1Geo type %q ADM1 %q; want %s, %s", c.row, f[act], f[act+3], f[a1], f[a1+3], c.actionType, c.adm1)
		}
		a2geo := strings.Join(f[a2:a2+8], "|")
		if c.actor2Geo {
			if a2geo != strings.Join(f[act:act+8], "|") {
				t.Errorf("%s: Actor2Geo %q, want the event's place", c.row, a2geo)
			}
		} else if a2geo != "0|||||||" {
			t.Errorf("%s has no Actor2 but Actor2Geo %q", c.row, a2geo)
		}
		if strings.Contains(f[act+3], "-") || strings.Contains(f[act+3], "Aleppo") {
			t.Errorf("%s: ADM1Code %q holds a name", c.row, f[act+3])
		}
	}
	// AvgTone is not computed: always 0.
	if f := rows["RUSMIL 195"]; f[34] != "0" {
		t.Errorf("AvgTone %q", f[34])
	}
}
