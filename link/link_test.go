package link_test

import (
	"testing"

	"sitrep"
	"sitrep/link"
)

func TestLinkPlacesAndTimes(t *testing.T) {
	text := "ALEPPO, Syria — Jets struck a market in Idlib on Monday. Rebels shelled a school."
	d := &sitrep.Doc{
		Article: &sitrep.Article{Text: text, Published: "2016-10-05"},
		Sentences: []sitrep.Sentence{
			{Index: 0, Start: 0, End: 56, Para: 0},
			{Index: 1, Start: 57, End: len(text), Para: 0},
		},
		Places: []sitrep.PlaceMention{
			{Place: sitrep.Place{Name: "Aleppo", Country: "SYR", Precision: "city"}, Text: "ALEPPO", Start: 0, End: 6},
			{Place: sitrep.Place{Name: "Syria", Country: "SYR", Precision: "country"}, Text: "Syria", Start: 8, End: 13},
			{Place: sitrep.Place{Name: "Idlib", Country: "SYR", Precision: "city"}, Text: "Idlib", Start: 39, End: 44},
		},
		Times: []sitrep.TimeMention{{Time: sitrep.Time{Value: "2016-10-03", StartDate: "2016-10-03", EndDate: "2016-10-03", Precision: "day", Text: "Monday"}, Start: 48, End: 54}},
	}
	r := sitrep.NewRecord(*d.Article)
	r.Events = []sitrep.Event{
		{Sentence: 0, Evidence: sitrep.Evidence{Start: 18, End: 36}},
		{Sentence: 1, Evidence: sitrep.Evidence{Start: 57, End: 71}},
	}
	link.Coder{}.Code(d, &r)
	if p := r.Events[0].Place; p == nil || p.Name != "Idlib" || p.Via != "Idlib" {
		t.Errorf("event 0 place %+v, want Idlib (named in its sentence, not the dateline), read from \"Idlib\"", p)
	}
	if tm := r.Events[0].Date; tm == nil || tm.Value != "2016-10-03" {
		t.Errorf("event 0 date %+v", tm)
	}
	if p := r.Events[1].Place; p == nil || p.Name != "Idlib" {
		t.Errorf("event 1 place %+v, want Idlib from the sentence before in the paragraph", p)
	}
	if tm := r.Events[1].Date; tm == nil || tm.Value != "2016-10-05" || tm.Precision != "publication" {
		t.Errorf("event 1 date %+v, want the publication date with precision publication", tm)
	}
}
