package storetest

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"sitrep"
	"sitrep/loadgen"
)

// rollups is what a store with rollups offers besides sitrep.Store.
type rollups interface {
	SetRollups(on bool)
	RebuildRollups(ctx context.Context) error
}

// rollupRecords are generated records crowded onto a few days and places,
// so that storing them adds to rollup rows already there, with undated
// events, events without a place or off the map, several modalities and
// precisions, and several reports of one fatal incident with different
// figures.
func rollupRecords(n int) []*sitrep.Record {
	rng := rand.New(rand.NewPCG(17, 17))
	days := []sitrep.Date{"2016-10-01", "2016-10-02", "2016-10-09", "2016-11-20", "2017-01-03"}
	var out []*sitrep.Record
	for r := range loadgen.Records(n, 6, 1717) {
		day := days[rng.IntN(len(days))]
		when := &sitrep.Time{Value: string(day), StartDate: day, EndDate: day, Precision: "day"}
		r.Article.Published = day
		if rng.IntN(10) == 0 {
			r.Article.Published = ""
		}
		for i := range r.Events {
			e := &r.Events[i]
			e.Date = when
			switch rng.IntN(8) {
			case 0:
				e.Date = nil // the article's day, or none
			case 1:
				e.Place = nil
			case 2:
				p := *e.Place
				p.Lat, p.Lon, p.Precision = 0, 0, "country"
				e.Place = &p
			case 3:
				p := *e.Place
				p.Precision = "admin1"
				e.Place = &p
			case 4:
				e.Target = nil
			case 6:
				// Reported from a place in another country.
				p := *e.Place
				p.Name, p.Country = "Geneva", "CHE"
				e.Place = &p
			case 5:
				e.Modality = []string{"denied", "intended", "claimed"}[rng.IntN(3)]
			}
		}
		for i := range r.Casualties {
			c := &r.Casualties[i]
			c.Date = when
			c.Count.Low = max(0, c.Count.Best-rng.IntN(5))
			switch rng.IntN(6) {
			case 0:
				c.Count.High = nil
			case 1:
				c.Background = true
			case 2:
				// A second count in the same report, at the same place.
				r.Casualties = append(r.Casualties, sitrep.Casualty{Kind: "killed",
					Count: sitrep.Count{Best: 2, Low: 1}, Place: c.Place, Date: when, Text: "generated"})
			case 3:
				r.Casualties = append(r.Casualties, sitrep.Casualty{Kind: "wounded",
					Count: sitrep.Count{Best: 7, Low: 7}, Place: c.Place, Date: when, Text: "generated"})
			}
		}
		out = append(out, r)
	}
	return out
}

// TestRollupsMatchDetail: series, facets, actors, the map, fatalities and
// stats answer the same from the rollups kept on ingest, from the detail
// tables, and from rollups rebuilt from the detail tables. Counts must be
// equal; means and coordinates, summed in another order, equal to 1e-9.
func TestRollupsMatchDetail(t *testing.T, fresh Fresh) {
	s := openFresh(t, fresh)
	ro, ok := s.(rollups)
	if !ok {
		t.Skipf("%T keeps no rollups", s)
	}
	recs := rollupRecords(240)
	for i := 0; i < len(recs); i += 37 {
		put(t, s, recs[i:min(i+37, len(recs))]...)
	}
	ctx := context.Background()
	filters := []sitrep.Filter{
		{}, {Country: "SYR"}, {Country: "ukr"}, {Actor: "SYR"}, {Actor: "RUSMIL"}, {Cameo: "19"}, {Cameo: "1"},
		{Quad: 4}, {Modality: "claimed"}, {Place: "Aleppo"}, {From: "2016-10-02", To: "2016-11-30"},
		{To: "2016-10-01"}, {From: "2016-10-09", Country: "SYR", Cameo: "19"}, {Country: "SYR", Actor: "SYRMIL", Quad: 4},
		{Place: "Kyiv", Modality: "asserted"}, {Limit: 3}, {From: "2016-10-01", To: "2016-10-31"},
		{From: "2016-11-01"}, {To: "2016-12-31", Quad: 4}, {From: "2016-10-01", To: "2016-11-30", Place: "Aleppo"},
	}
	type answer struct {
		name string
		v    any
	}
	ask := func() []answer {
		var out []answer
		add := func(name string, v any, err error) {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out = append(out, answer{name, v})
		}
		st, err := s.Stats(ctx)
		add("stats", st, err)
		for _, f := range filters {
			for _, field := range []string{"actor", "country", "root", "quad", "modality"} {
				v, err := s.Facet(ctx, field, f)
				add(fmt.Sprintf("facet %s %+v", field, f), v, err)
			}
			p, err := s.Places(ctx, f)
			add(fmt.Sprintf("places %+v", f), p, err)
			for _, by := range []string{"day", "week", "month", "year"} {
				for _, g := range []string{"", "country", "actor", "root", "quad"} {
					v, err := s.Series(ctx, sitrep.SeriesQuery{By: by, Group: g, Filter: f})
					add(fmt.Sprintf("series %s %s %+v", by, g, f), v, err)
				}
				for _, g := range []string{"", "country", "place"} {
					v, err := s.Series(ctx, sitrep.SeriesQuery{By: by, Group: g, Metric: "fatalities", Filter: f})
					add(fmt.Sprintf("fatalities %s %s %+v", by, g, f), v, err)
				}
			}
		}
		return out
	}
	ro.SetRollups(true)
	kept := ask()
	ro.SetRollups(false)
	detail := ask()
	ro.SetRollups(true)
	if err := ro.RebuildRollups(ctx); err != nil {
		t.Fatal(err)
	}
	rebuilt := ask()
	nonEmpty := 0
	for i := range detail {
		if !sameAnswer(kept[i].v, detail[i].v) {
			t.Errorf("%s:\n rollups %+v\n detail  %+v", detail[i].name, kept[i].v, detail[i].v)
		}
		if !sameAnswer(rebuilt[i].v, detail[i].v) {
			t.Errorf("%s after rebuild:\n rollups %+v\n detail  %+v", detail[i].name, rebuilt[i].v, detail[i].v)
		}
		if rv := reflect.ValueOf(detail[i].v); rv.Kind() != reflect.Slice || rv.Len() > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < len(detail)*3/4 {
		t.Errorf("only %d of %d answers have anything in them: the comparison proves little", nonEmpty, len(detail))
	}
}

// sameAnswer compares two answers field by field, floats to 1e-9.
func sameAnswer(a, b any) bool { return sameValue(reflect.ValueOf(a), reflect.ValueOf(b)) }

func sameValue(a, b reflect.Value) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		return math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(x))
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return a.Interface() == b.Interface()
}
