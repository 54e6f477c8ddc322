package storetest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"sitrep"
)

// keysetStore holds 60 articles with 0 to 3 events each: days spread over
// a few weeks, a fifth of the articles undated (events without a day), and
// few Goldstein values, so that every sort has long runs of ties that only
// the event's identity breaks.
func keysetStore(t *testing.T, fresh Fresh) sitrep.Store {
	s := openFresh(t, fresh)
	rng := rand.New(rand.NewPCG(17, 4))
	goldstein := []float64{-10, -6.5, 0, 3.4, 7}
	cameos := []string{"190", "010", "173", "057"}
	var recs []*sitrep.Record
	for i := range 60 {
		pub := ""
		if rng.IntN(5) != 0 {
			pub = fmt.Sprintf("2016-10-%02d", 1+rng.IntN(20))
		}
		id := fmt.Sprintf("k%02d", i)
		r := record(article(id, "", pub, "Keyset report "+id+"."))
		for j := range rng.IntN(4) {
			day := ""
			if pub != "" && rng.IntN(3) == 0 {
				day = fmt.Sprintf("2016-09-%02d", 1+rng.IntN(5))
			}
			e := event(fmt.Sprintf("%s-%d", id, j), actor("SYRMIL", "SYR"), nil, cameos[rng.IntN(len(cameos))], day, "")
			e.Goldstein = goldstein[rng.IntN(len(goldstein))]
			r.Events = append(r.Events, e)
		}
		recs = append(recs, r)
	}
	put(t, s, recs...)
	return s
}

// TestKeysetPaging walks every event sort page by page with After and wants
// the pages to make up the list read whole, in order, whatever the page
// size and filter.
func TestKeysetPaging(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := keysetStore(t, fresh)
	undated := 0
	all, err := s.Events(ctx, sitrep.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		if e.Date == nil && e.Published == "" {
			undated++
		}
	}
	if len(all) < 60 || undated == 0 {
		t.Fatalf("fixture has %d events, %d undated: too few to test paging", len(all), undated)
	}
	for _, sort := range []string{"", "stored", "day", "-day", "goldstein", "-goldstein"} {
		for _, base := range []sitrep.Filter{{}, {Quad: 4}, {Cameo: "19", From: "2016-09-03"}} {
			base.Sort = sort
			whole, err := s.Events(ctx, base)
			if err != nil {
				t.Fatalf("Events(%+v): %v", base, err)
			}
			want := eventIDs(whole)
			for _, size := range []int{1, 4, 25, len(whole) + 1} {
				f := base
				f.Limit = size
				var got []string
				for pages := 0; ; pages++ {
					if pages > len(whole)+1 {
						t.Fatalf("sort %q, %+v, pages of %d: paging does not end", sort, base, size)
					}
					page, err := s.Events(ctx, f)
					if err != nil {
						t.Fatalf("Events(%+v): %v", f, err)
					}
					if len(page) > size {
						t.Fatalf("Events(%+v) gave %d events", f, len(page))
					}
					got = append(got, eventIDs(page)...)
					if len(page) < size {
						break
					}
					last := page[len(page)-1].Cursor
					if last == "" {
						t.Fatalf("Events(%+v): event %s has no cursor", f, page[len(page)-1].ID)
					}
					f.After = last
				}
				if got == nil {
					got = []string{}
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("sort %q, filter %+v, pages of %d:\n got %v\nwant %v", sort, base, size, got, want)
				}
			}
		}
	}

	// The cursor of the last event continues with nothing.
	last := all[len(all)-1]
	if rest, err := s.Events(ctx, sitrep.Filter{After: last.Cursor}); err != nil || len(rest) != 0 {
		t.Errorf("Events after the last event = %v, %v; want none", eventIDs(rest), err)
	}

	// Cursors that cannot be continued are bad queries, each saying why.
	day, err := s.Events(ctx, sitrep.Filter{Sort: "day", Limit: 3})
	if err != nil || len(day) != 3 {
		t.Fatalf("Events(day) = %v, %v", day, err)
	}
	for _, tc := range []struct {
		f    sitrep.Filter
		want string
	}{
		{sitrep.Filter{Sort: "day", After: "not a cursor"}, "not a cursor"},
		{sitrep.Filter{Sort: "day", After: "eyJzIjoiZGF5In0"}, "not a cursor"}, // {"s":"day"}: no row
		{sitrep.Filter{Sort: "-goldstein", After: day[2].Cursor}, `sorted by "day", not "-goldstein"`},
		{sitrep.Filter{After: day[2].Cursor}, `sorted by "day", not "stored"`},
		{sitrep.Filter{Sort: "day", After: day[2].Cursor, Offset: 2}, "not both"},
	} {
		_, err := s.Events(ctx, tc.f)
		if !errors.Is(err, sitrep.ErrBadQuery) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Events(%+v) error %v, want a bad query saying %q", tc.f, err, tc.want)
		}
	}
}

// BenchmarkDeepPage reads one page of 50 events deep in the default list
// (latest day first) of 30,000 events, by offset and by the cursor of the
// row before it: the offset reads and drops every row before the page, the
// cursor seeks to it.
func BenchmarkDeepPage(b *testing.B, fresh Fresh) {
	ctx := context.Background()
	s := openFresh(b, fresh)
	const articles, perArticle, depth = 6000, 5, 25000
	var recs []*sitrep.Record
	for i := range articles {
		id := fmt.Sprintf("p%05d", i)
		r := record(article(id, "", fmt.Sprintf("2016-%02d-%02d", 1+i%12, 1+i%28), "Deep page report "+id+"."))
		for j := range perArticle {
			r.Events = append(r.Events, event(fmt.Sprintf("%s-%d", id, j), actor("SYRMIL", "SYR"), nil, "190", "", ""))
		}
		recs = append(recs, r)
		if len(recs) == 500 {
			put(b, s, recs...)
			recs = recs[:0]
		}
	}
	if a, ok := s.(interface{ Analyze(context.Context) error }); ok {
		if err := a.Analyze(ctx); err != nil {
			b.Fatal(err)
		}
	}
	before, err := s.Events(ctx, sitrep.Filter{Sort: "-day", Offset: depth - 1, Limit: 1})
	if err != nil || len(before) != 1 {
		b.Fatalf("Events = %v, %v", before, err)
	}
	byOffset, err := s.Events(ctx, sitrep.Filter{Sort: "-day", Offset: depth, Limit: 50})
	if err != nil {
		b.Fatal(err)
	}
	byCursor, err := s.Events(ctx, sitrep.Filter{Sort: "-day", After: before[0].Cursor, Limit: 50})
	if err != nil {
		b.Fatal(err)
	}
	if !reflect.DeepEqual(eventIDs(byOffset), eventIDs(byCursor)) {
		b.Fatalf("offset and cursor pages differ:\n%v\n%v", eventIDs(byOffset), eventIDs(byCursor))
	}
	b.Run("offset", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Events(ctx, sitrep.Filter{Sort: "-day", Offset: depth, Limit: 50}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("after", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Events(ctx, sitrep.Filter{Sort: "-day", After: before[0].Cursor, Limit: 50}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
