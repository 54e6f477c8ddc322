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
