// Package storetest is the conformance suite every sitrep.Store passes:
// deduplication, atomic batches, filters, search, sorting and paging,
// records, merged events, series, places and facets, and concurrent
// writers. The SQLite and PostgreSQL stores run it from their tests.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"sitrep"
)

// Fresh makes a new, empty store and returns a function that opens a
// handle on it; calling it again opens another handle on the same store,
// as a second process would. The implementation closes the handles when
// the test ends.
type Fresh func(t testing.TB) func() (sitrep.Store, error)

func openFresh(t testing.TB, fresh Fresh) sitrep.Store {
	t.Helper()
	s, err := fresh(t)()
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return s
}

// check runs the store's own consistency check, where it has one.
func selfCheck(t testing.TB, s sitrep.Store) {
	t.Helper()
	if c, ok := s.(interface{ Check(context.Context) error }); ok {
		if err := c.Check(context.Background()); err != nil {
			t.Fatalf("Check: %v", err)
		}
	}
}

// Run runs every conformance test against stores that fresh makes.
func Run(t *testing.T, fresh Fresh) {
	for _, tc := range []struct {
		name string
		test func(*testing.T, Fresh)
	}{
		{"PutIdempotent", TestPutIdempotent},
		{"PutAtomic", TestPutAtomic},
		{"ArticlesFilter", TestArticlesFilter},
		{"EventsFilter", TestEventsFilter},
		{"QueryIsWordsNotSyntax", TestQueryIsWordsNotSyntax},
		{"RecordsRoundTrip", TestRecordsRoundTrip},
		{"ConcurrentPut", TestConcurrentPut},
		{"FatalitySeriesDoesNotSumReports", TestFatalitySeriesDoesNotSumReports},
		{"SortCountAndPage", TestSortCountAndPage},
		{"UndatedSortOrder", TestUndatedSortOrder},
		{"KeysetPaging", TestKeysetPaging},
		{"RecordByID", TestRecordByID},
		{"Clusters", TestClusters},
		{"SeriesEvents", TestSeriesEvents},
		{"PlacesAndFacets", TestPlacesAndFacets},
		{"Incidents", TestIncidents},
		{"BadQueries", TestBadQueries},
		{"RollupsMatchDetail", TestRollupsMatchDetail},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.test(t, fresh) })
	}
}

// ---- helpers ---------------------------------------------------------------

// Hash is the text hash the store deduplicates on.
func Hash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

func strp(s string) *string { return &s }

// article builds an article with its text hash set.
func article(id, url, published, text string) sitrep.Article {
	return sitrep.Article{
		ID: id, URL: url, Title: "Title of " + id, Source: "Test Wire",
		Published: sitrep.Date(published), Lang: "en", SHA256: Hash(text), Text: text,
		Origin: "test:" + id,
	}
}

func record(a sitrep.Article, events ...sitrep.Event) *sitrep.Record {
	r := sitrep.NewRecord(a)
	r.Events = append(r.Events, events...)
	return &r
}

// actor returns an actor coded code (e.g. "SYRMIL"), of country cc when cc
// is not empty.
func actor(code, cc string) *sitrep.Actor {
	a := &sitrep.Actor{Text: code, Code: code}
	if cc != "" {
		a.Country = strp(cc)
	}
	return a
}

// event builds a coded event. day is the event's own date ("" for none, so
// the article's publication day applies); place is the place's country
// ("" for no place).
func event(id string, src, tgt *sitrep.Actor, cameo, day, place string) sitrep.Event {
	e := sitrep.Event{
		ID: id, Source: src, Target: tgt, Cameo: cameo, Root: cameo[:2],
		Quad: 4, Goldstein: -10, Modality: sitrep.Asserted,
		Evidence: sitrep.Evidence{Text: "evidence of " + id, Pattern: "test"},
	}
	if cameo[:2] < "10" {
		e.Quad, e.Goldstein = 1, 0
	}
	if day != "" {
		e.Date = &sitrep.Time{Value: day, StartDate: sitrep.Date(day), EndDate: sitrep.Date(day), Precision: "day", Text: "on " + day}
	}
	if place != "" {
		e.Place = &sitrep.Place{Name: "somewhere in " + place, Country: place, Feature: "PPL", Precision: "city"}
	}
	return e
}

func put(t testing.TB, s sitrep.Store, recs ...*sitrep.Record) []sitrep.PutResult {
	t.Helper()
	res, err := s.Put(context.Background(), recs)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	if len(res) != len(recs) {
		t.Fatalf("Put returned %d results for %d records", len(res), len(recs))
	}
	return res
}

func counts(t testing.TB, s sitrep.Store) (int, int) {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st.Articles, st.Events
}

func articleIDs(as []sitrep.StoredArticle) []string {
	ids := []string{}
	for _, a := range as {
		ids = append(ids, a.ID)
	}
	return ids
}

func eventIDs(es []sitrep.StoredEvent) []string {
	ids := []string{}
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}

// ---- put and deduplication -------------------------------------------------

func TestPutIdempotent(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := openFresh(t, fresh)

	t1 := "Airstrikes hit eastern Aleppo on Monday. Dozens were killed."
	t2 := "Protesters gathered in central Minsk on Sunday evening."
	r1 := record(article("a1", "https://x.invalid/1", "2016-10-01", t1),
		event("", actor("SYRMIL", "SYR"), actor("SYRCVL", "SYR"), "190", "2016-10-03", "SYR"),
		event("", actor("RUSMIL", "RUS"), actor("SYRREB", "SYR"), "195", "", ""))
	r2 := record(article("a2", "https://x.invalid/2", "2016-10-02", t2),
		event("", actor("BLRGOV", "BLR"), actor("BLROPP", "BLR"), "173", "", "BLR"))

	if res := put(t, s, r1, r2); res[0] != sitrep.Stored || res[1] != sitrep.Stored {
		t.Fatalf("first Put = %v, want [stored stored]", res)
	}
	if a, e := counts(t, s); a != 2 || e != 3 {
		t.Fatalf("after first Put: %d articles, %d events; want 2, 3", a, e)
	}

	check := func(name string, r *sitrep.Record) {
		t.Helper()
		res := put(t, s, r)
		if res[0] != sitrep.Unchanged {
			t.Errorf("%s: Put = %v, want unchanged", name, res[0])
		}
		if a, e := counts(t, s); a != 2 || e != 3 {
			t.Errorf("%s: %d articles, %d events; want 2, 3", name, a, e)
		}
	}

	// The very same records again.
	if res := put(t, s, r1, r2); res[0] != sitrep.Unchanged || res[1] != sitrep.Unchanged {
		t.Fatalf("second Put = %v, want [unchanged unchanged]", res)
	}
	if a, e := counts(t, s); a != 2 || e != 3 {
		t.Fatalf("after second Put: %d articles, %d events; want 2, 3", a, e)
	}

	// Same URL, different text (an edited version of the page).
	check("same URL", record(article("a1-edit", "https://x.invalid/1", "2016-10-01", t1+" Updated."),
		event("", actor("SYRMIL", "SYR"), nil, "190", "", "")))
	// Same text, different URL (a syndicated copy).
	check("same text", record(article("a1-copy", "https://mirror.invalid/1", "2016-10-01", t1)))
	// Same text, no URL at all.
	check("same text, no URL", record(article("a1-nourl", "", "2016-10-01", t1)))
	// Same ID, different URL and text.
	check("same ID", record(article("a2", "https://x.invalid/other", "2016-10-02", "Something else entirely.")))

	// A batch holding the same new article twice stores it once.
	t3 := "Talks resumed in Geneva on Tuesday."
	r3 := record(article("a3", "https://x.invalid/3", "2016-10-04", t3),
		event("", actor("USAGOV", "USA"), actor("RUSGOV", "RUS"), "036", "", "CHE"))
	res := put(t, s, r3, r3)
	if res[0] != sitrep.Stored || res[1] != sitrep.Unchanged {
		t.Fatalf("Put of a batch with one article twice = %v, want [stored unchanged]", res)
	}
	// Two different records of one article in one batch: the first wins.
	t4 := "Flooding displaced thousands in Sindh."
	r4 := record(article("a4", "https://x.invalid/4", "2016-10-05", t4))
	r4b := record(article("a4b", "https://x.invalid/4", "2016-10-05", t4))
	res = put(t, s, r4, r4b)
	if res[0] != sitrep.Stored || res[1] != sitrep.Unchanged {
		t.Fatalf("Put of a batch with two copies = %v, want [stored unchanged]", res)
	}
	if a, e := counts(t, s); a != 4 || e != 4 {
		t.Fatalf("finally: %d articles, %d events; want 4, 4", a, e)
	}
	ids, err := s.Articles(ctx, sitrep.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := articleIDs(ids), []string{"a1", "a2", "a3", "a4"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("stored articles %v, want %v", got, want)
	}
	if res := put(t, s); len(res) != 0 {
		t.Fatalf("Put of nothing = %v", res)
	}
	selfCheck(t, s)
}

// A failing Put stores nothing of its batch.
func TestPutAtomic(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := openFresh(t, fresh)
	good := record(article("g", "https://x.invalid/g", "2016-10-01", "A good article."))
	// NaN cannot be encoded as JSON, so the second record fails to store.
	bad := record(article("b", "https://x.invalid/b", "2016-10-01", "A bad article."),
		event("", actor("SYRMIL", "SYR"), nil, "190", "", ""))
	bad.Events[0].Goldstein = nanValue()
	if _, err := s.Put(ctx, []*sitrep.Record{good, bad}); err == nil {
		t.Fatal("Put of an unencodable record succeeded")
	}
	if a, e := counts(t, s); a != 0 || e != 0 {
		t.Fatalf("after a failed Put: %d articles, %d events; want 0, 0", a, e)
	}
	if res := put(t, s, good); res[0] != sitrep.Stored {
		t.Fatalf("Put after a failed Put = %v, want stored", res)
	}
}

func nanValue() float64 {
	var zero float64
	return zero / zero
}

// ---- filters ---------------------------------------------------------------

// fixture stores four articles:
//
//	a1 2016-10-01 Aleppo airstrikes: e0 SYRMIL->SYRCVL 190 on 2016-10-03 in SYR,
//	   e1 RUSMIL->SYRREB 195 (no date, so 2016-10-01), no place
//	a2 2016-10-05 Kharkiv: e0 UKRGOV->RUSGOV 010 no date, e1 RUSMIL->(none) 183 in UKR on 2016-10-04
//	a3 2016-11-20 Aleppo convoy X: e0 IGOUNO->SYRREB 036 in TUR
//	a4 2016-12-01 Minsk, no events
//
// Fixture is a store holding four articles with five events.
func Fixture(t *testing.T, fresh Fresh) sitrep.Store {
	t.Helper()
	s := openFresh(t, fresh)
	recs := []*sitrep.Record{
		record(article("a1", "https://x.invalid/1", "2016-10-01",
			"Airstrikes hit eastern Aleppo on Monday. Dozens were killed, rescuers said."),
			event("a1-0", actor("SYRMIL", "SYR"), actor("SYRCVL", "SYR"), "190", "2016-10-03", "SYR"),
			event("a1-1", actor("RUSMIL", "RUS"), actor("SYRREB", "SYR"), "195", "", "")),
		record(article("a2", "https://x.invalid/2", "2016-10-05",
			"Kyiv protested to Moscow after glide bombs struck Kharkiv. Plan x was announced."),
			event("a2-0", actor("UKRGOV", "UKR"), actor("RUSGOV", "RUS"), "010", "", ""),
			event("a2-1", actor("RUSMIL", "RUS"), nil, "183", "2016-10-04", "UKR")),
		record(article("a3", "https://x.invalid/3", "2016-11-20",
			"Convoy X reached Aleppo on Tuesday, or so officials claimed."),
			event("a3-0", actor("IGOUNO", ""), actor("SYRREB", "SYR"), "036", "", "TUR")),
		record(article("a4", "", "2016-12-01",
			"Protesters gathered in central Minsk on Sunday evening.")),
	}
	for _, r := range put(t, s, recs...) {
		if r != sitrep.Stored {
			t.Fatalf("fixture not stored: %v", r)
		}
	}
	return s
}

func TestArticlesFilter(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := Fixture(t, fresh)
	for _, tc := range []struct {
		name string
		f    sitrep.Filter
		want []string
	}{
		{"all", sitrep.Filter{}, []string{"a1", "a2", "a3", "a4"}},
		{"from", sitrep.Filter{From: "2016-10-05"}, []string{"a2", "a3", "a4"}},
		{"to", sitrep.Filter{To: "2016-10-05"}, []string{"a1", "a2"}},
		{"from-to", sitrep.Filter{From: "2016-10-02", To: "2016-11-20"}, []string{"a2", "a3"}},
		{"empty range", sitrep.Filter{From: "2017-01-01"}, []string{}},
		{"actor prefix", sitrep.Filter{Actor: "SYR"}, []string{"a1", "a3"}},
		{"actor lower case", sitrep.Filter{Actor: "rusmil"}, []string{"a1", "a2"}},
		{"actor as target", sitrep.Filter{Actor: "RUSGOV"}, []string{"a2"}},
		{"actor none", sitrep.Filter{Actor: "CHN"}, []string{}},
		{"country of actor", sitrep.Filter{Country: "RUS"}, []string{"a1", "a2"}},
		{"country of place", sitrep.Filter{Country: "TUR"}, []string{"a3"}},
		{"country lower case", sitrep.Filter{Country: "ukr"}, []string{"a2"}},
		{"cameo root", sitrep.Filter{Cameo: "19"}, []string{"a1"}},
		{"cameo code", sitrep.Filter{Cameo: "183"}, []string{"a2"}},
		{"cameo one digit is root 01", sitrep.Filter{Cameo: "1"}, []string{"a2"}},
		{"query", sitrep.Filter{Query: "Aleppo"}, []string{"a1", "a3"}},
		{"query all words", sitrep.Filter{Query: "aleppo killed"}, []string{"a1"}},
		{"query title", sitrep.Filter{Query: "title a4"}, []string{"a4"}},
		{"query and date", sitrep.Filter{Query: "Aleppo", From: "2016-11-01"}, []string{"a3"}},
		{"actor and cameo on one event", sitrep.Filter{Actor: "RUSMIL", Cameo: "19"}, []string{"a1"}},
		{"actor and country", sitrep.Filter{Actor: "IGO", Country: "SYR"}, []string{"a3"}},
		{"limit", sitrep.Filter{Limit: 2}, []string{"a1", "a2"}},
		{"limit offset", sitrep.Filter{Limit: 2, Offset: 1}, []string{"a2", "a3"}},
		{"offset only", sitrep.Filter{Offset: 3}, []string{"a4"}},
		{"offset past end", sitrep.Filter{Offset: 10}, []string{}},
		{"filter then page", sitrep.Filter{Query: "Aleppo", Limit: 1, Offset: 1}, []string{"a3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Articles(ctx, tc.f)
			if err != nil {
				t.Fatalf("Articles(%+v): %v", tc.f, err)
			}
			if ids := articleIDs(got); !reflect.DeepEqual(ids, tc.want) {
				t.Fatalf("Articles(%+v) = %v, want %v", tc.f, ids, tc.want)
			}
		})
	}

	arts, err := s.Articles(ctx, sitrep.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	a := arts[0]
	if a.URL != "https://x.invalid/1" || a.Title != "Title of a1" || a.Source != "Test Wire" ||
		a.Published != "2016-10-01" || a.Lang != "en" || a.Origin != "test:a1" || a.Events != 2 ||
		a.Text != "" || a.Ingested.IsZero() {
		t.Fatalf("stored article = %+v", a)
	}
}

func TestEventsFilter(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := Fixture(t, fresh)
	for _, tc := range []struct {
		name string
		f    sitrep.Filter
		want []string
	}{
		{"all in storage order", sitrep.Filter{}, []string{"a1-0", "a1-1", "a2-0", "a2-1", "a3-0"}},
		// a1-0 happened 2016-10-03; a1-1 has no date so it is dated by its
		// article (2016-10-01); a2-1 happened 2016-10-04 though published
		// 2016-10-05.
		{"event day from", sitrep.Filter{From: "2016-10-03"}, []string{"a1-0", "a2-0", "a2-1", "a3-0"}},
		{"event day to", sitrep.Filter{To: "2016-10-04"}, []string{"a1-0", "a1-1", "a2-1"}},
		{"event day exact", sitrep.Filter{From: "2016-10-04", To: "2016-10-04"}, []string{"a2-1"}},
		{"published day when undated", sitrep.Filter{From: "2016-10-01", To: "2016-10-01"}, []string{"a1-1"}},
		{"actor prefix source or target", sitrep.Filter{Actor: "SYR"}, []string{"a1-0", "a1-1", "a3-0"}},
		{"actor full code", sitrep.Filter{Actor: "SYRREB"}, []string{"a1-1", "a3-0"}},
		{"actor prefix RUS", sitrep.Filter{Actor: "RUS"}, []string{"a1-1", "a2-0", "a2-1"}},
		{"country of either actor", sitrep.Filter{Country: "RUS"}, []string{"a1-1", "a2-0", "a2-1"}},
		{"country of place", sitrep.Filter{Country: "UKR"}, []string{"a2-0", "a2-1"}},
		{"country of place only", sitrep.Filter{Country: "TUR"}, []string{"a3-0"}},
		{"cameo root 19", sitrep.Filter{Cameo: "19"}, []string{"a1-0", "a1-1"}},
		{"cameo code 190", sitrep.Filter{Cameo: "190"}, []string{"a1-0"}},
		{"cameo code 195", sitrep.Filter{Cameo: "195"}, []string{"a1-1"}},
		{"cameo 1 means root 01", sitrep.Filter{Cameo: "1"}, []string{"a2-0"}},
		{"cameo root 01", sitrep.Filter{Cameo: "01"}, []string{"a2-0"}},
		{"cameo none", sitrep.Filter{Cameo: "20"}, []string{}},
		{"query", sitrep.Filter{Query: "Aleppo"}, []string{"a1-0", "a1-1", "a3-0"}},
		{"query all words", sitrep.Filter{Query: "Kharkiv glide"}, []string{"a2-0", "a2-1"}},
		{"query and cameo", sitrep.Filter{Query: "Aleppo", Cameo: "03"}, []string{"a3-0"}},
		{"combined", sitrep.Filter{Actor: "RUS", Country: "UKR", Cameo: "18"}, []string{"a2-1"}},
		{"limit", sitrep.Filter{Limit: 2}, []string{"a1-0", "a1-1"}},
		{"limit offset", sitrep.Filter{Limit: 2, Offset: 2}, []string{"a2-0", "a2-1"}},
		{"offset", sitrep.Filter{Offset: 4}, []string{"a3-0"}},
		{"filtered paging", sitrep.Filter{Actor: "SYR", Limit: 1, Offset: 1}, []string{"a1-1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Events(ctx, tc.f)
			if err != nil {
				t.Fatalf("Events(%+v): %v", tc.f, err)
			}
			if ids := eventIDs(got); !reflect.DeepEqual(ids, tc.want) {
				t.Fatalf("Events(%+v) = %v, want %v", tc.f, ids, tc.want)
			}
		})
	}

	evs, err := s.Events(ctx, sitrep.Filter{Cameo: "183"})
	if err != nil {
		t.Fatal(err)
	}
	want := event("a2-1", actor("RUSMIL", "RUS"), nil, "183", "2016-10-04", "UKR")
	if len(evs) != 1 || !reflect.DeepEqual(evs[0].Event, want) {
		t.Fatalf("stored event = %+v, want %+v", evs, want)
	}
	if e := evs[0]; e.ArticleID != "a2" || e.URL != "https://x.invalid/2" || e.Published != "2016-10-05" {
		t.Fatalf("stored event article = %q %q %q", e.ArticleID, e.URL, e.Published)
	}
}

// Search text is words, never FTS5 query syntax: every word must occur, and
// quotes, operators and parentheses cannot change the query or make it fail.
func TestQueryIsWordsNotSyntax(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := Fixture(t, fresh)
	for _, tc := range []struct {
		q    string
		want []string // nil: only check that there is no error
	}{
		// Read as FTS5 this would be `"Aleppo" OR "x"` and match a1, a2 and
		// a3; as words it needs Aleppo, "or" and x, which only a3 has.
		{`Aleppo" OR "x`, []string{"a3"}},
		{`Aleppo OR x`, []string{"a3"}},
		{`"Aleppo"`, []string{"a1", "a3"}},
		{`Aleppo*`, []string{"a1", "a3"}},
		{`(Aleppo)`, []string{"a1", "a3"}},
		{`Aleppo AND Kharkiv`, []string{}},
		{`Aleppo NOT killed`, []string{}},
		{`NEAR(Aleppo killed)`, nil},
		{`NEAR`, nil},
		{`AND`, nil},
		{`OR`, []string{"a3"}},
		{`-Aleppo`, nil},
		{`^Aleppo`, nil},
		{`text:Aleppo`, nil},
		{`{title text}:Aleppo`, nil},
		{`Aleppo'; DROP TABLE articles; --`, []string{}},
		{`a1 + a2`, nil},
		{`Алеппо`, []string{}},
	} {
		got, err := s.Articles(ctx, sitrep.Filter{Query: tc.q})
		if err != nil {
			t.Errorf("Articles(Query %q): %v", tc.q, err)
			continue
		}
		if tc.want != nil {
			if ids := articleIDs(got); !reflect.DeepEqual(ids, tc.want) {
				t.Errorf("Articles(Query %q) = %v, want %v", tc.q, ids, tc.want)
			}
		}
		if _, err := s.Events(ctx, sitrep.Filter{Query: tc.q}); err != nil {
			t.Errorf("Events(Query %q): %v", tc.q, err)
		}
		if err := s.Records(ctx, sitrep.Filter{Query: tc.q}, func(*sitrep.Record) error { return nil }); err != nil {
			t.Errorf("Records(Query %q): %v", tc.q, err)
		}
	}
	if a, _ := counts(t, s); a != 4 {
		t.Fatalf("store holds %d articles after the searches, want 4", a)
	}
	// A query with no words at all is refused clearly rather than matching
	// everything or nothing silently.
	for _, q := range []string{`"`, `""`, `" "`, `*`, `(`, `)`, `"(" ")"`, `-- ;`} {
		if _, err := s.Articles(ctx, sitrep.Filter{Query: q}); err == nil {
			t.Errorf("Articles(Query %q) succeeded, want an error about an empty search", q)
		}
	}
}

// ---- records ---------------------------------------------------------------

func fullRecord() *sitrep.Record {
	text := "ALEPPO, Syria (Wire) - Airstrikes killed 20 people, including 5 children, in eastern Aleppo on Monday.\n\n" +
		"\"We will not stop,\" a rebel commander said. Russia denied the strikes."
	a := article("full", "https://x.invalid/full", "2016-10-04", text)
	r := sitrep.NewRecord(a)
	r.Sentences = []sitrep.Sentence{
		{Index: 0, Start: 0, End: 101, Text: text[0:101], Para: 0, First: 0, Last: 20},
		{Index: 1, Start: 103, End: 146, Text: text[103:146], Para: 1, First: 20, Last: 30},
		{Index: 2, Start: 147, End: len(text), Text: text[147:], Para: 1, First: 30, Last: 35},
	}
	r.Tokens = []sitrep.Token{{Text: "ALEPPO", Start: 0, End: 6, Tag: "NNP", Lemma: "aleppo"}}
	geo := int64(170063)
	src := actor("SYRMIL", "SYR")
	src.Role = strp("MIL")
	src.Start, src.End = 22, 33
	tgt := actor("SYRCVL", "SYR")
	tgt.Name = strp("civilians")
	place := &sitrep.Place{Name: "Aleppo", GeonameID: &geo, Lat: 36.20124, Lon: 37.16117, Country: "SYR",
		Admin1: strp("Aleppo"), Feature: "PPLA", Precision: "city"}
	when := &sitrep.Time{Value: "2016-10-03", StartDate: "2016-10-03", EndDate: "2016-10-03", Precision: "day", Text: "Monday"}
	r.Events = []sitrep.Event{
		{ID: "full-0", Sentence: 0, Source: src, Target: tgt, Cameo: "190", Root: "19", Quad: 4, Goldstein: -10,
			Plover: "ASSAULT", Modality: sitrep.Asserted, Date: when, Place: place,
			Evidence: sitrep.Evidence{Text: "Airstrikes killed", Start: 23, End: 40, Pattern: "AIRSTRIKE KILL"}},
		{ID: "full-1", Sentence: 2, Source: actor("RUS", "RUS"), Target: nil, Cameo: "195", Root: "19", Quad: 4,
			Goldstein: -9.5, Modality: sitrep.Denied, Claimant: actor("RUS", "RUS"),
			Evidence: sitrep.Evidence{Text: "denied the strikes", Start: 154, End: 172}},
	}
	partOf := 0
	r.Casualties = []sitrep.Casualty{
		{Kind: "killed", Count: sitrep.Count{Best: 20, Low: 20, High: intp(20)}, Victims: tgt, Perpetrator: src,
			Cause: strp("airstrike"), Place: place, Date: when, Sentence: 0, Text: "killed 20 people"},
		{Kind: "killed", Count: sitrep.Count{Best: 5, Low: 5, High: intp(5)}, Victims: actor("SYRCVL", "SYR"),
			PartOf: &partOf, Background: true, Sentence: 0, Text: "5 children"},
	}
	r.Quotes = []sitrep.Quote{{Text: "We will not stop,", Start: 104, End: 121, Sentence: 1, Speaker: actor("SYRREB", "SYR")}}
	r.Places = []sitrep.PlaceMention{{Place: *place, Text: "Aleppo", Start: 0, End: 6}}
	r.Times = []sitrep.TimeMention{{Time: *when, Start: 94, End: 100}}
	return &r
}

// normalize clears what a stored record does not keep: the tokens, and the
// sentences' token ranges (not part of the JSON contract).
func normalize(r sitrep.Record) sitrep.Record {
	r.Tokens = nil
	r.Sentences = slices.Clone(r.Sentences)
	for i := range r.Sentences {
		r.Sentences[i].First, r.Sentences[i].Last = 0, 0
	}
	return r
}

func allRecords(t *testing.T, s sitrep.Store, f sitrep.Filter) []*sitrep.Record {
	t.Helper()
	var out []*sitrep.Record
	if err := s.Records(context.Background(), f, func(r *sitrep.Record) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatalf("Records(%+v): %v", f, err)
	}
	return out
}

func TestRecordsRoundTrip(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	s := openFresh(t, fresh)
	full := fullRecord()
	empty := record(article("empty", "", "", "Nothing happened."))
	plain := record(article("plain", "https://x.invalid/plain", "2016-10-05", "Talks resumed in Geneva."),
		event("plain-0", actor("USAGOV", "USA"), actor("RUSGOV", "RUS"), "036", "", "CHE"))
	in := []*sitrep.Record{full, empty, plain}
	wantCopy := make([]sitrep.Record, len(in))
	for i, r := range in {
		wantCopy[i] = normalize(*r)
	}
	put(t, s, in...)

	got := allRecords(t, s, sitrep.Filter{})
	if len(got) != len(in) {
		t.Fatalf("Records returned %d records, want %d", len(got), len(in))
	}
	for i := range got {
		if !reflect.DeepEqual(*got[i], wantCopy[i]) {
			t.Errorf("record %d after the round trip:\n got %+v\nwant %+v", i, *got[i], wantCopy[i])
		}
	}
	// Put must not have changed its input.
	if full.Tokens == nil || full.Article.Text == "" {
		t.Error("Put modified the record it was given")
	}
	if got[1].Events == nil || got[1].Casualties == nil || got[1].Quotes == nil ||
		got[1].Places == nil || got[1].Times == nil || got[1].Sentences == nil {
		t.Errorf("stored record has nil lists: %+v", got[1])
	}

	if got := allRecords(t, s, sitrep.Filter{Limit: 2}); len(got) != 2 || got[0].Article.ID != "full" || got[1].Article.ID != "empty" {
		t.Errorf("Records(Limit 2) = %d records", len(got))
	}
	if got := allRecords(t, s, sitrep.Filter{Limit: 1, Offset: 2}); len(got) != 1 || got[0].Article.ID != "plain" {
		t.Errorf("Records(Limit 1 Offset 2) wrong: %d records", len(got))
	}
	if got := allRecords(t, s, sitrep.Filter{Cameo: "19"}); len(got) != 1 || got[0].Article.ID != "full" {
		t.Errorf("Records(Cameo 19) wrong: %d records", len(got))
	}
	if got := allRecords(t, s, sitrep.Filter{Query: "Geneva"}); len(got) != 1 || got[0].Article.ID != "plain" {
		t.Errorf("Records(Query Geneva) wrong: %d records", len(got))
	}

	// An error from each stops the walk and comes back.
	stop := fmt.Errorf("stop")
	n := 0
	err := s.Records(ctx, sitrep.Filter{}, func(*sitrep.Record) error { n++; return stop })
	if err != stop || n != 1 {
		t.Fatalf("Records with a failing callback: err %v after %d calls", err, n)
	}
	selfCheck(t, s)
}

// ---- concurrency -----------------------------------------------------------

// Two processes (here two handles) ingesting overlapping input at once end
// with every article stored exactly once.
func TestConcurrentPut(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	opener := fresh(t)
	const articles = 120
	recs := make([]*sitrep.Record, articles)
	for i := range recs {
		text := fmt.Sprintf("Report %d: clashes near Aleppo killed %d people on Monday.", i, i%17)
		var evs []sitrep.Event
		for k := range i % 3 {
			evs = append(evs, event(fmt.Sprintf("c%d-%d", i, k), actor("SYRMIL", "SYR"), actor("SYRREB", "SYR"), "190", "", "SYR"))
		}
		recs[i] = record(article(fmt.Sprintf("c%d", i), fmt.Sprintf("https://x.invalid/c/%d", i), "2016-10-01", text), evs...)
	}

	// Open both handles at once, as two processes starting together would.
	var stores [2]sitrep.Store
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for h := range stores {
		wg.Go(func() {
			s, err := opener()
			if err != nil {
				errs <- fmt.Errorf("Open %d: %w", h, err)
				return
			}
			stores[h] = s
		})
	}
	wg.Wait()
	for _, s := range stores {
		if s != nil {
			t.Cleanup(func() { s.Close() })
		}
	}
	select {
	case err := <-errs:
		t.Fatal(err)
	default:
	}

	const goroutines = 8
	stored := make([]int, articles) // how many Puts reported each article stored
	var mu sync.Mutex
	for g := range goroutines {
		wg.Go(func() {
			s := stores[g%2]
			rng := rand.New(rand.NewPCG(uint64(g), 7))
			// Each goroutine stores three quarters of the articles, in its
			// own order and batching.
			idx := rng.Perm(articles)[:articles*3/4]
			for len(idx) > 0 {
				n := min(1+rng.IntN(10), len(idx))
				batch := make([]*sitrep.Record, n)
				for k := range n {
					batch[k] = recs[idx[k]]
				}
				res, err := s.Put(ctx, batch)
				if err != nil {
					errs <- fmt.Errorf("goroutine %d: Put: %w", g, err)
					return
				}
				mu.Lock()
				for k, r := range res {
					if r == sitrep.Stored {
						stored[idx[k]]++
					}
				}
				mu.Unlock()
				idx = idx[n:]
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		t.FailNow()
	}
	// Every article some goroutine put was reported stored exactly once.
	covered := make([]bool, articles)
	for g := range goroutines {
		rng := rand.New(rand.NewPCG(uint64(g), 7))
		for _, i := range rng.Perm(articles)[:articles*3/4] {
			covered[i] = true
		}
	}
	distinct, wantEvents := 0, 0
	for i, n := range stored {
		want := 0
		if covered[i] {
			want = 1
			distinct++
			wantEvents += len(recs[i].Events)
		}
		if n != want {
			t.Errorf("article %d reported stored %d times, want %d", i, n, want)
		}
	}
	for h, s := range stores {
		a, e := counts(t, s)
		if a != distinct || e != wantEvents {
			t.Errorf("handle %d counts %d articles, %d events; want %d, %d", h, a, e, distinct, wantEvents)
		}
	}
	selfCheck(t, stores[0])
}

// ---- benchmark -------------------------------------------------------------

// benchText is about 5 KB of news-like text, made unique by n.
func benchText(n int) string {
	paras := []string{
		"ALEPPO, Syria (Sitrep Example Wire) - Syrian and Russian warplanes pounded rebel-held eastern Aleppo on Monday, killing at least 25 people, including six children, according to rescue workers and a monitoring group.",
		"The strikes hit a market and two residential buildings in the Bustan al-Qasr district, the Syrian Civil Defence said. \"We are still pulling bodies from under the rubble,\" a volunteer told reporters by telephone.",
		"The Syrian Observatory for Human Rights, a Britain-based monitor, said the death toll was likely to rise. The Russian defence ministry denied that its aircraft had struck civilian areas.",
		"Aid agencies warned that food and fuel were running low for the estimated 250,000 people trapped in the besieged east of the city, and called for an immediate 48-hour pause in the fighting.",
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Report %d.\n\n", n)
	for i := 0; b.Len() < 5000; i++ {
		b.WriteString(paras[(n+i)%len(paras)])
		b.WriteString("\n\n")
	}
	return b.String()
}

func BenchmarkPut(b *testing.B, fresh Fresh) {
	ctx := context.Background()
	s := openFresh(b, fresh)
	const batch = 32
	mk := func(n int) *sitrep.Record {
		text := benchText(n)
		return record(article(fmt.Sprintf("b%d", n), fmt.Sprintf("https://x.invalid/b/%d", n), "2016-10-03", text),
			event("", actor("SYRMIL", "SYR"), actor("SYRCVL", "SYR"), "190", "2016-10-03", "SYR"),
			event("", actor("RUSMIL", "RUS"), actor("SYRREB", "SYR"), "195", "", ""),
			event("", actor("RUSGOV", "RUS"), nil, "023", "", ""))
	}
	var total int64
	for k := range batch {
		total += int64(len(benchText(k)))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	next := 0
	for b.Loop() {
		recs := make([]*sitrep.Record, batch)
		for k := range recs {
			recs[k] = mk(next)
			next++
		}
		res, err := s.Put(ctx, recs)
		if err != nil {
			b.Fatal(err)
		}
		if res[0] != sitrep.Stored {
			b.Fatalf("Put = %v", res[0])
		}
	}
	b.ReportMetric(float64(next)/b.Elapsed().Seconds(), "articles/s")
}

func intp(n int) *int { return &n }

// Two reports of one incident: the fatality series keeps the highest
// figure, never the sum.
func TestFatalitySeriesDoesNotSumReports(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	st := openFresh(t, fresh)
	mk := func(id, text string, best int) *sitrep.Record {
		r := sitrep.NewRecord(sitrep.Article{ID: id, Text: text, SHA256: id + "hash", Published: "2016-10-05"})
		r.Casualties = []sitrep.Casualty{{Kind: "killed", Count: sitrep.Count{Best: best, Low: best, High: intp(best)},
			Place: &sitrep.Place{Name: "Aleppo", Country: "SYR"}}}
		return &r
	}
	if _, err := st.Put(ctx, []*sitrep.Record{mk("a", "first report", 12), mk("b", "second report", 14)}); err != nil {
		t.Fatal(err)
	}
	pts, err := st.Series(ctx, sitrep.SeriesQuery{By: "day", Group: "place", Metric: "fatalities"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 1 || pts[0].Killed != 14 || pts[0].KilledLow != 12 || pts[0].KilledHigh != 14 || pts[0].Group != "Aleppo" {
		t.Errorf("series %+v: want one point, best 14, low 12, high 14", pts)
	}
}
