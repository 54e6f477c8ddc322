package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"sitrep"
)

func TestSortCountAndPage(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := Fixture(t, fresh)
	for _, tc := range []struct {
		f    sitrep.Filter
		want []string
	}{
		{sitrep.Filter{Sort: "day"}, []string{"a1-1", "a1-0", "a2-1", "a2-0", "a3-0"}},
		{sitrep.Filter{Sort: "-day"}, []string{"a3-0", "a2-0", "a2-1", "a1-0", "a1-1"}},
		{sitrep.Filter{Sort: "goldstein"}, []string{"a1-0", "a1-1", "a2-1", "a2-0", "a3-0"}},
		{sitrep.Filter{Sort: "-goldstein"}, []string{"a2-0", "a3-0", "a1-0", "a1-1", "a2-1"}},
		{sitrep.Filter{Sort: "day", Limit: 2, Offset: 1}, []string{"a1-0", "a2-1"}},
		{sitrep.Filter{Quad: 1}, []string{"a2-0", "a3-0"}},
		{sitrep.Filter{Quad: 4, Sort: "-day"}, []string{"a2-1", "a1-0", "a1-1"}},
		{sitrep.Filter{Modality: sitrep.Asserted, Limit: 1}, []string{"a1-0"}},
		{sitrep.Filter{Modality: sitrep.Denied}, []string{}},
		{sitrep.Filter{Outlet: "Test Wire", Cameo: "01"}, []string{"a2-0"}},
		{sitrep.Filter{Outlet: "Other Wire"}, []string{}},
		{sitrep.Filter{Place: "somewhere in UKR"}, []string{"a2-1"}},
	} {
		got, err := s.Events(ctx, tc.f)
		if err != nil {
			t.Fatalf("Events(%+v): %v", tc.f, err)
		}
		if ids := eventIDs(got); !reflect.DeepEqual(ids, tc.want) {
			t.Errorf("Events(%+v) = %v, want %v", tc.f, ids, tc.want)
		}
		n, err := s.Count(ctx, "events", tc.f)
		if err != nil {
			t.Fatalf("Count(events, %+v): %v", tc.f, err)
		}
		all := tc.f
		all.Limit, all.Offset = 0, 0
		every, _ := s.Events(ctx, all)
		if n != len(every) {
			t.Errorf("Count(events, %+v) = %d, want %d (paging ignored)", tc.f, n, len(every))
		}
	}
	for most, want := range map[int]int{0: 5, 3: 3, 5: 5, 9: 5} {
		if n, err := s.CountAtMost(ctx, "events", sitrep.Filter{}, most); err != nil || n != want {
			t.Errorf("CountAtMost(events, %d) = %d, %v; want %d", most, n, err, want)
		}
	}
	evs, err := s.Events(ctx, sitrep.Filter{Cameo: "010"})
	if err != nil || len(evs) != 1 {
		t.Fatalf("Events(010) = %v, %v", evs, err)
	}
	if e := evs[0]; e.Title != "Title of a2" || e.Outlet != "Test Wire" || e.Cluster == 0 {
		t.Errorf("stored event carries title %q, outlet %q, cluster %d", e.Title, e.Outlet, e.Cluster)
	}
	for _, tc := range []struct {
		f    sitrep.Filter
		want []string
	}{
		{sitrep.Filter{Sort: "-published"}, []string{"a4", "a3", "a2", "a1"}},
		{sitrep.Filter{Sort: "published", Limit: 2}, []string{"a1", "a2"}},
		{sitrep.Filter{Sort: "-ingested", Limit: 1}, []string{"a4"}},
		{sitrep.Filter{Outlet: "Test Wire", Query: "Aleppo"}, []string{"a1", "a3"}},
		{sitrep.Filter{Quad: 1}, []string{"a2", "a3"}},
	} {
		got, err := s.Articles(ctx, tc.f)
		if err != nil {
			t.Fatalf("Articles(%+v): %v", tc.f, err)
		}
		if ids := articleIDs(got); !reflect.DeepEqual(ids, tc.want) {
			t.Errorf("Articles(%+v) = %v, want %v", tc.f, ids, tc.want)
		}
	}
	if n, err := s.Count(ctx, "articles", sitrep.Filter{Query: "Aleppo", Limit: 1}); err != nil || n != 2 {
		t.Errorf("Count(articles, Aleppo) = %d, %v; want 2", n, err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 4 || st.Events != 5 || st.Clusters != 5 || st.FirstDay != "2016-10-01" || st.LastDay != "2016-11-20" {
		t.Errorf("Stats = %+v", st)
	}
}

// Events without any date sort first going up and last going down, in
// every store.
func TestUndatedSortOrder(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := openFresh(t, fresh)
	put(t, s,
		record(article("d1", "", "2016-10-01", "Dated report one."), event("d1-0", actor("SYRMIL", "SYR"), nil, "190", "", "")),
		record(article("u1", "", "", "Undated report."), event("u1-0", actor("SYRMIL", "SYR"), nil, "190", "", "")),
		record(article("d2", "", "2016-10-02", "Dated report two."), event("d2-0", actor("SYRMIL", "SYR"), nil, "190", "", "")))
	for sort, want := range map[string][]string{"day": {"u1-0", "d1-0", "d2-0"}, "-day": {"d2-0", "d1-0", "u1-0"}} {
		got, err := s.Events(ctx, sitrep.Filter{Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		if ids := eventIDs(got); !reflect.DeepEqual(ids, want) {
			t.Errorf("Events(sort %s) = %v, want %v", sort, ids, want)
		}
	}
	for sort, want := range map[string][]string{"published": {"u1", "d1", "d2"}, "-published": {"d2", "d1", "u1"}} {
		got, err := s.Articles(ctx, sitrep.Filter{Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		if ids := articleIDs(got); !reflect.DeepEqual(ids, want) {
			t.Errorf("Articles(sort %s) = %v, want %v", sort, ids, want)
		}
	}
}

func TestRecordByID(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := openFresh(t, fresh)
	full := fullRecord()
	put(t, s, full)
	got, err := s.Record(ctx, "full")
	if err != nil {
		t.Fatal(err)
	}
	if want := normalize(*full); !reflect.DeepEqual(*got, want) {
		t.Errorf("Record(full):\n got %+v\nwant %+v", *got, want)
	}
	if _, err := s.Record(ctx, "missing"); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("Record(missing) error = %v, want ErrNotFound", err)
	}
	known, err := s.Known(ctx, []string{"https://x.invalid/full", "https://x.invalid/other", ""})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(known, map[string]bool{"https://x.invalid/full": true}) {
		t.Errorf("Known = %v, want only the stored URL", known)
	}
}

// report is an article from outlet with one sentence and one event of
// SYRMIL against SYRCVL in Syria on day.
func report(id, outlet, day string) *sitrep.Record {
	text := "Government forces shelled the town on " + day + ", residents told " + outlet + " (" + id + ")."
	a := article(id, "https://x.invalid/"+id, day, text)
	a.Source = outlet
	r := record(a, event(id+"-0", actor("SYRMIL", "SYR"), actor("SYRCVL", "SYR"), "190", day, "SYR"))
	r.Sentences = []sitrep.Sentence{{Index: 0, Start: 0, End: len(text), Text: text}}
	r.Events[0].Evidence = sitrep.Evidence{Text: "shelled", Start: 18, End: 25, Pattern: "190 shell"}
	return r
}

func TestClusters(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := openFresh(t, fresh)
	put(t, s, report("r1", "Wire A", "2016-10-03"), report("r2", "Wire B", "2016-10-04"),
		report("r3", "Wire A", "2016-10-10"))
	ks, err := s.Clusters(ctx, sitrep.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ks) != 2 || ks[0].Mentions != 2 || ks[0].Articles != 2 || ks[0].Sources != 2 ||
		ks[0].Start != "2016-10-03" || ks[0].End != "2016-10-04" || ks[1].Mentions != 1 {
		t.Fatalf("clusters = %+v; want one of 2 mentions (Oct 3-4) and one of 1", ks)
	}
	k := ks[0]
	if k.Source != "SYRMIL" || k.Target != "SYRCVL" || k.Root != "19" || k.Country != "SYR" || k.Goldstein != -10 {
		t.Errorf("cluster = %+v", k)
	}
	// A later report of the same event joins it.
	put(t, s, report("r4", "Wire C", "2016-10-05"))
	got, mentions, err := s.Cluster(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Mentions != 3 || got.Sources != 3 || got.End != "2016-10-05" || len(mentions) != 3 {
		t.Fatalf("after a third report: %+v with %d mentions", got, len(mentions))
	}
	for _, m := range mentions {
		if m.Context == nil || m.Context.Text == "" || m.Cluster != k.ID ||
			m.Context.Text[m.Evidence.Start-m.Context.Start:m.Evidence.End-m.Context.Start] != "shelled" {
			t.Errorf("mention %s lacks its sentence: %+v", m.ID, m.Context)
		}
	}
	if _, _, err := s.Cluster(ctx, 999999); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("Cluster(999999) error = %v, want ErrNotFound", err)
	}
	for _, tc := range []struct {
		f    sitrep.Filter
		want int
	}{
		{sitrep.Filter{}, 2},
		{sitrep.Filter{From: "2016-10-06"}, 1},
		{sitrep.Filter{To: "2016-10-02"}, 0},
		{sitrep.Filter{Actor: "SYR"}, 2},
		{sitrep.Filter{Actor: "RUS"}, 0},
		{sitrep.Filter{Country: "syr"}, 2},
		{sitrep.Filter{Cameo: "19"}, 2},
		{sitrep.Filter{Cameo: "04"}, 0},
		{sitrep.Filter{Outlet: "Wire B"}, 1},
		{sitrep.Filter{Quad: 4}, 2},
		{sitrep.Filter{Quad: 1}, 0},
	} {
		n, err := s.Count(ctx, "clusters", tc.f)
		if err != nil || n != tc.want {
			t.Errorf("Count(clusters, %+v) = %d, %v; want %d", tc.f, n, err, tc.want)
		}
	}
	ks, _ = s.Clusters(ctx, sitrep.Filter{Sort: "-day"})
	if len(ks) != 2 || ks[0].Start != "2016-10-10" {
		t.Errorf("Clusters(-day) = %+v", ks)
	}

	// With a merge window of 0 only reports of the same day merge.
	s0 := openFresh(t, fresh)
	s0.SetMergeWindow(0)
	put(t, s0, report("r1", "Wire A", "2016-10-03"), report("r2", "Wire B", "2016-10-04"), report("r5", "Wire B", "2016-10-03"))
	ks, _ = s0.Clusters(ctx, sitrep.Filter{Sort: "day"})
	if len(ks) != 2 || ks[0].Mentions != 2 || ks[1].Mentions != 1 {
		t.Errorf("one-a-day clusters = %+v", ks)
	}
}

func TestSeriesEvents(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := Fixture(t, fresh)
	// A Sunday that belongs to the last ISO week of the year before.
	put(t, s, record(article("a5", "https://x.invalid/5", "2017-01-01", "New year talks in Geneva."),
		event("a5-0", actor("USAGOV", "USA"), actor("RUSGOV", "RUS"), "036", "", "CHE")))
	pts, err := s.Series(ctx, sitrep.SeriesQuery{By: "month", Group: "root"})
	if err != nil {
		t.Fatal(err)
	}
	want := []sitrep.SeriesPoint{
		{Period: "2016-10", Group: "01", Events: 1, Goldstein: 0},
		{Period: "2016-10", Group: "18", Events: 1, Goldstein: -10},
		{Period: "2016-10", Group: "19", Events: 2, Goldstein: -10},
		{Period: "2016-11", Group: "03", Events: 1, Goldstein: 0},
		{Period: "2017-01", Group: "03", Events: 1, Goldstein: 0},
	}
	if !reflect.DeepEqual(pts, want) {
		t.Errorf("monthly series by root:\n got %+v\nwant %+v", pts, want)
	}
	pts, err = s.Series(ctx, sitrep.SeriesQuery{By: "week"})
	if err != nil {
		t.Fatal(err)
	}
	var weeks []string
	var n []int
	for _, p := range pts {
		weeks = append(weeks, p.Period)
		n = append(n, p.Events)
	}
	if w := []string{"2016-W39", "2016-W40", "2016-W46", "2016-W52"}; !reflect.DeepEqual(weeks, w) || !reflect.DeepEqual(n, []int{1, 3, 1, 1}) {
		t.Errorf("weekly series = %v %v, want ISO weeks %v with 1, 3, 1, 1", weeks, n, w)
	}
	// Three reports of one event count once as a merged event.
	for _, r := range []*sitrep.Record{report("m1", "Wire A", "2016-12-05"), report("m2", "Wire B", "2016-12-05"), report("m3", "Wire C", "2016-12-06")} {
		put(t, s, r)
	}
	pts, err = s.Series(ctx, sitrep.SeriesQuery{By: "month", Metric: "clusters", Filter: sitrep.Filter{From: "2016-12-01", To: "2016-12-31"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 1 || pts[0].Clusters != 1 || pts[0].Events != 0 {
		t.Errorf("merged-event series for December = %+v, want one merged event", pts)
	}
	pts, err = s.Series(ctx, sitrep.SeriesQuery{By: "year", Group: "quad", Filter: sitrep.Filter{Actor: "RUS"}})
	if err != nil {
		t.Fatal(err)
	}
	want = []sitrep.SeriesPoint{
		{Period: "2016", Group: "1", Events: 1}, {Period: "2016", Group: "4", Events: 2, Goldstein: -10},
		{Period: "2017", Group: "1", Events: 1},
	}
	if !reflect.DeepEqual(pts, want) {
		t.Errorf("yearly series by quad for RUS:\n got %+v\nwant %+v", pts, want)
	}
}

func TestPlacesAndFacets(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := openFresh(t, fresh)
	full := fullRecord()
	other := report("o1", "Wire B", "2016-10-03")
	other.Events[0].Place = full.Events[0].Place
	other.Casualties = []sitrep.Casualty{{Kind: "killed", Count: sitrep.Count{Best: 25, Low: 22, High: intp(30)},
		Place: full.Events[0].Place, Date: full.Events[0].Date}}
	put(t, s, full, other)
	places, err := s.Places(ctx, sitrep.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(places) != 1 {
		t.Fatalf("Places = %+v, want Aleppo only", places)
	}
	p := places[0]
	if p.Name != "Aleppo" || p.Country != "SYR" || p.Events != 2 || p.Killed != 25 || p.Precision != "city" ||
		p.Lat < 36.2 || p.Lat > 36.21 || p.Lon < 37.16 || p.Lon > 37.17 {
		t.Errorf("Aleppo = %+v; want 2 events and 25 killed (the larger report, not the sum)", p)
	}
	if places, _ := s.Places(ctx, sitrep.Filter{Cameo: "04"}); len(places) != 0 {
		t.Errorf("Places(root 04) = %+v, want none", places)
	}
	facets := func(field string, f sitrep.Filter) []sitrep.Facet {
		t.Helper()
		fs, err := s.Facet(ctx, field, f)
		if err != nil {
			t.Fatalf("Facet(%s): %v", field, err)
		}
		return fs
	}
	if got, want := facets("root", sitrep.Filter{}), []sitrep.Facet{{Value: "19", Count: 3}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Facet(root) = %+v, want %+v", got, want)
	}
	if got, want := facets("actor", sitrep.Filter{}), []sitrep.Facet{{Value: "SYRCVL", Count: 2}, {Value: "SYRMIL", Count: 2}, {Value: "RUS", Count: 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Facet(actor) = %+v, want %+v", got, want)
	}
	if got, want := facets("modality", sitrep.Filter{Limit: 1}), []sitrep.Facet{{Value: "asserted", Count: 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Facet(modality, limit 1) = %+v, want %+v", got, want)
	}
	if got, want := facets("outlet", sitrep.Filter{Modality: sitrep.Denied}), []sitrep.Facet{{Value: "Test Wire", Count: 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Facet(outlet, denied) = %+v, want %+v", got, want)
	}
	if got, want := facets("country", sitrep.Filter{}), []sitrep.Facet{{Value: "SYR", Count: 2}, {Value: "RUS", Count: 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Facet(country) = %+v, want %+v", got, want)
	}
	if got, want := facets("quad", sitrep.Filter{}), []sitrep.Facet{{Value: "4", Count: 3}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Facet(quad) = %+v, want %+v", got, want)
	}
}

// Two reports of one incident keep their own figures and who gave them;
// the incident keeps the highest best, lowest low and highest high.
func TestIncidents(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := openFresh(t, fresh)
	aleppo := &sitrep.Place{Name: "Aleppo", Country: "SYR", Lat: 36.2, Lon: 37.16}
	mk := func(id, outlet string, best, low, high int, by *sitrep.Actor, kind string) *sitrep.Record {
		a := article(id, "", "2016-10-05", "Report "+id+" on the strikes in Aleppo.")
		a.Source = outlet
		r := record(a)
		r.Casualties = []sitrep.Casualty{{Kind: kind, Count: sitrep.Count{Best: best, Low: low, High: intp(high)},
			Place: aleppo, ReportedBy: by, Text: "figure"}}
		return r
	}
	put(t, s, mk("r1", "Wire A", 12, 12, 12, actor("SYROPPHRI", "SYR"), "killed"),
		mk("r2", "Wire B", 14, 10, 20, actor("SYRGOV", "SYR"), "killed"),
		mk("r3", "Wire B", 30, 30, 30, nil, "wounded"))
	got, err := s.Incidents(ctx, sitrep.Filter{Sort: "-best"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Kind != "wounded" || got[1].Kind != "killed" {
		t.Fatalf("incidents = %+v; want wounded then killed", got)
	}
	k := got[1]
	if k.Best != 14 || k.Low != 10 || k.High != 20 || k.Place != "Aleppo" || k.Day != "2016-10-05" || len(k.Reports) != 2 {
		t.Fatalf("killed incident = %+v; want best 14, low 10, high 20 from 2 reports", k)
	}
	if r := k.Reports[0]; r.ArticleID != "r2" || r.Best != 14 || r.Outlet != "Wire B" || r.ReportedBy == nil || r.ReportedBy.Code != "SYRGOV" {
		t.Errorf("first report = %+v", r)
	}
	if r := k.Reports[1]; r.ArticleID != "r1" || r.Best != 12 || r.ReportedBy == nil || r.ReportedBy.Code != "SYROPPHRI" {
		t.Errorf("second report = %+v", r)
	}
	if got, _ := s.Incidents(ctx, sitrep.Filter{Outlet: "Wire A"}); len(got) != 1 || got[0].Best != 12 {
		t.Errorf("incidents told by Wire A = %+v", got)
	}
	if got, _ := s.Incidents(ctx, sitrep.Filter{From: "2016-10-06"}); len(got) != 0 {
		t.Errorf("incidents after the day = %+v", got)
	}
	if _, err := s.Incidents(ctx, sitrep.Filter{Sort: "size"}); !errors.Is(err, sitrep.ErrBadQuery) {
		t.Errorf("Incidents(sort size): %v", err)
	}
}

func TestBadQueries(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := Fixture(t, fresh)
	bad := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, sitrep.ErrBadQuery) {
			t.Errorf("%s: error %v, want a bad-query error", what, err)
		}
	}
	_, err := s.Events(ctx, sitrep.Filter{Sort: "colour"})
	bad("Events(sort colour)", err)
	_, err = s.Articles(ctx, sitrep.Filter{Sort: "day; DROP TABLE articles"})
	bad("Articles(sort injection)", err)
	_, err = s.Clusters(ctx, sitrep.Filter{Sort: "-size"})
	bad("Clusters(sort -size)", err)
	_, err = s.Series(ctx, sitrep.SeriesQuery{By: "fortnight"})
	bad("Series(by fortnight)", err)
	_, err = s.Series(ctx, sitrep.SeriesQuery{Group: "colour"})
	bad("Series(group colour)", err)
	_, err = s.Series(ctx, sitrep.SeriesQuery{Metric: "wounded"})
	bad("Series(metric wounded)", err)
	_, err = s.Facet(ctx, "colour", sitrep.Filter{})
	bad("Facet(colour)", err)
	_, err = s.Count(ctx, "people", sitrep.Filter{})
	bad("Count(people)", err)
	_, err = s.Events(ctx, sitrep.Filter{Query: `"`})
	bad("Events(query without words)", err)
	if a, e := counts(t, s); a != 4 || e != 5 {
		t.Fatalf("after bad queries: %d articles, %d events", a, e)
	}
}
