package engine

// Fuzz target for the whole coding pipeline on arbitrary text.
// scripts/fuzz.sh runs it.

import (
	"encoding/json"
	"fmt"
	"math"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep"
	"sitrep/cameo"
	"sitrep/pipeline"
)

// watchdog crashes the process, with every goroutine's stack, when one
// fuzz input runs longer than d: the fuzzer then keeps the input as a
// crasher, where a hang would only stall it.
func watchdog(d time.Duration, what string) (stop func() bool) {
	return time.AfterFunc(d, func() {
		debug.SetTraceback("all")
		panic(fmt.Sprintf("%s: input still running after %s", what, d))
	}).Stop
}

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	codebook cameo.Codebook
	pipeErr  error
)

// capture is a last annotator that keeps the Doc, so that the actors and
// phrases the record does not list can be checked too.
type capture struct{ d **sitrep.Doc }

func (c capture) Annotate(d *sitrep.Doc) { *c.d = d }

// pubDate turns a fuzzed number into a day between years 1 and 9999.
func pubDate(days uint32) sitrep.Date {
	first := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	n := int(days % uint32(last.Sub(first).Hours()/24+1))
	return sitrep.DateOf(first.AddDate(0, 0, n))
}

// daysTo is the pubDate number of d.
func daysTo(d string) uint32 {
	t, _ := time.Parse(time.DateOnly, d)
	return uint32(t.Sub(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// fuzzTexts are news-like texts that reach every stage, and hostile ones.
var fuzzTexts = []string{
	"ALEPPO, Syria, Oct. 5, 2016 (Reuters) - Russian warplanes bombed rebel-held eastern Aleppo on Wednesday, killing at least 14 civilians, including five children, and wounding dozens, the Syrian Observatory for Human Rights said.\n\n" +
		"“We will not leave,” said Abu Mohammed, a resident. The United States said Moscow and Damascus were guilty of war crimes.",
	"KABUL, Afghanistan — A suicide bomber killed nine people and wounded 20 at a mosque in Kabul on Friday, police said. The Taliban denied responsibility. " +
		"Some 3,000 people have fled their homes since March, according to the U.N. refugee agency.",
	"Police detained 40 protesters in Caracas on Tuesday. Between 10 and 15 soldiers were reported missing. Turkey and Russia signed an agreement in Moscow. " +
		"Iran called on Iraq to release the prisoners by next week. The death toll rose to 13, officials said.",
	"", " ", "\n\n", "\xff\xfe", "“", "He said: “", "“Unterminated quote. And another “ one.", "((((", "killed killed killed",
	"At least -5 people were killed. 99999999999999999999 were wounded. Millions fled. Dozens died. Half a million were displaced.",
	strings.Repeat("Rebels attacked the army. ", 40),
}

// FuzzPipeline codes arbitrary text with every stage and checks the
// record: every span (sentences, tokens, actors, places, times, quotes,
// claims, evidence) lies inside the text, in order where order is
// promised, and reads the text it points at; indices point at existing
// sentences and casualties; codes agree with the codebook; counts are
// ranges (low <= best <= high, none negative); coordinates are on the
// globe; and the record encodes as JSON.
func FuzzPipeline(f *testing.F) {
	for _, s := range fuzzTexts {
		f.Add(s, daysTo("2016-10-05"), false)
		f.Add(s, uint32(0), true)
	}
	f.Add(fuzzTexts[0], daysTo("0001-01-01"), false)
	f.Add(fuzzTexts[2], daysTo("9999-12-31"), false)
	f.Fuzz(func(t *testing.T, text string, days uint32, undated bool) {
		defer watchdog(20*time.Second, "FuzzPipeline")()
		pipeOnce.Do(func() {
			if pipe, pipeErr = New(Options{Workers: 1, Tokens: true}); pipeErr == nil {
				codebook, pipeErr = cameo.LoadCodebook()
			}
		})
		if pipeErr != nil {
			t.Fatal(pipeErr)
		}
		var d *sitrep.Doc
		p := *pipe
		p.Annotators = append(append([]sitrep.Annotator{}, pipe.Annotators...), capture{&d})
		// The publication date is a real day or none, as ingest makes it.
		published := pubDate(days)
		if undated {
			published = ""
		}
		a := sitrep.Article{ID: "fuzz", Text: text, Published: published}
		r := p.Code(a)
		checkRecord(t, text, d, r)
	})
}

func checkRecord(t *testing.T, text string, d *sitrep.Doc, r sitrep.Record) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%q: %s", text, fmt.Sprintf(format, args...))
	}
	span := func(what string, s string, start, end int) {
		t.Helper()
		if start < 0 || start > end || end > len(text) || text[start:end] != s {
			fail("%s %q at [%d, %d) is not the text there", what, s, start, end)
		}
	}
	sentence := func(what string, i int) sitrep.Sentence {
		t.Helper()
		if i < 0 || i >= len(r.Sentences) {
			fail("%s in sentence %d of %d", what, i, len(r.Sentences))
		}
		return r.Sentences[i]
	}
	inSentence := func(what string, si, start, end int) {
		t.Helper()
		if s := sentence(what, si); start < s.Start || end > s.End {
			fail("%s [%d, %d) is outside its sentence %d [%d, %d)", what, start, end, si, s.Start, s.End)
		}
	}
	actor := func(what string, a *sitrep.Actor) {
		t.Helper()
		if a == nil {
			return
		}
		span(what, a.Text, a.Start, a.End)
		if a.Country != nil && len(*a.Country) != 3 {
			fail("%s %+v has country %q", what, a, *a.Country)
		}
	}
	date := func(what string, dt sitrep.Date) {
		t.Helper()
		if p, err := sitrep.ParseDate(string(dt)); err != nil || p != dt {
			fail("%s: %q is not a YYYY-MM-DD date", what, dt)
		}
	}
	timeOf := func(what string, tm *sitrep.Time) {
		t.Helper()
		if tm == nil {
			return
		}
		date(what, tm.StartDate)
		date(what, tm.EndDate)
		if tm.StartDate > tm.EndDate && tm.EndDate != "" {
			fail("%s: %q..%q", what, tm.StartDate, tm.EndDate)
		}
	}
	place := func(what string, p *sitrep.Place) {
		t.Helper()
		if p == nil {
			return
		}
		if p.Name == "" || math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
			fail("%s %+v is no place on the globe", what, p)
		}
	}

	if r.Article.Text != text {
		fail("record text differs from the article's")
	}
	prev := 0
	for i, tk := range r.Tokens {
		span(fmt.Sprintf("token %d", i), tk.Text, tk.Start, tk.End)
		if tk.Start < prev || tk.Start == tk.End {
			fail("token %d %+v is empty or out of order", i, tk)
		}
		prev = tk.End
	}
	prev = 0
	for i, s := range r.Sentences {
		span(fmt.Sprintf("sentence %d", i), s.Text, s.Start, s.End)
		if s.Index != i || s.Start < prev || s.Start >= s.End {
			fail("sentence %d %+v is empty or out of order", i, s)
		}
		prev = s.End
	}
	for i, a := range d.Actors {
		actor(fmt.Sprintf("actor %d", i), &a)
	}
	for i, p := range d.Phrases {
		s := sentence(fmt.Sprintf("phrase %d", i), p.Sentence)
		if p.First < s.First || p.First >= p.Last || p.Last > s.Last || p.Head < p.First || p.Head >= p.Last {
			fail("phrase %d %+v is outside its sentence %+v", i, p, s)
		}
		for _, k := range p.Actors {
			if k < 0 || k >= len(d.Actors) {
				fail("phrase %d names actor %d of %d", i, k, len(d.Actors))
			}
		}
	}
	ids := map[string]bool{}
	for i, e := range r.Events {
		what := fmt.Sprintf("event %d %s", i, e.Cameo)
		code, ok := codebook[e.Cameo]
		if !ok || e.Root != code.Root || e.Quad != code.Quad || e.Goldstein != code.Goldstein || e.Plover != code.Plover {
			fail("%s does not agree with the codebook: %+v", what, e)
		}
		if e.ID == "" || ids[e.ID] {
			fail("%s: ID %q empty or not unique", what, e.ID)
		}
		ids[e.ID] = true
		if e.Source == nil && e.Target == nil {
			fail("%s has neither source nor target", what)
		}
		switch e.Modality {
		case sitrep.Asserted, sitrep.Claimed, sitrep.Denied, sitrep.Intended, sitrep.Conditional, sitrep.Hypothetical:
		default:
			fail("%s: modality %q", what, e.Modality)
		}
		span(what+" evidence", e.Evidence.Text, e.Evidence.Start, e.Evidence.End)
		inSentence(what+" evidence", e.Sentence, e.Evidence.Start, e.Evidence.End)
		if e.Evidence.Pattern == "" {
			fail("%s names no pattern", what)
		}
		actor(what+" source", e.Source)
		actor(what+" target", e.Target)
		actor(what+" claimant", e.Claimant)
		timeOf(what+" date", e.Date)
		place(what+" place", e.Place)
	}
	for i, c := range r.Casualties {
		what := fmt.Sprintf("casualty %d %s", i, c.Kind)
		sentence(what, c.Sentence)
		if c.Kind == "" || c.Count.Low < 0 || c.Count.Low > c.Count.Best || c.Count.High != nil && *c.Count.High < c.Count.Best {
			fail("%s: kind or count %+v (high %v) is no range", what, c.Count, c.Count.High)
		}
		if c.PartOf != nil && (*c.PartOf < 0 || *c.PartOf >= len(r.Casualties) || *c.PartOf == i) {
			fail("%s is part of %d of %d", what, *c.PartOf, len(r.Casualties))
		}
		actor(what+" victims", c.Victims)
		actor(what+" perpetrator", c.Perpetrator)
		actor(what+" reported by", c.ReportedBy)
		timeOf(what+" date", c.Date)
		place(what+" place", c.Place)
	}
	for i, q := range r.Quotes {
		what := fmt.Sprintf("quote %d", i)
		span(what, q.Text, q.Start, q.End)
		inSentence(what, q.Sentence, q.Start, q.Start)
		actor(what+" speaker", q.Speaker)
	}
	for i, c := range r.Claims {
		what := fmt.Sprintf("claim %d", i)
		span(what+" cue", c.Cue.Text, c.Cue.Start, c.Cue.End)
		span(what+" content", c.Content.Text, c.Content.Start, c.Content.End)
		sentence(what, c.Sentence)
		if c.Modality != sitrep.Claimed && c.Modality != sitrep.Denied {
			fail("%s: modality %q", what, c.Modality)
		}
		actor(what+" speaker", c.Speaker)
	}
	prev = 0
	for i, p := range r.Places {
		what := fmt.Sprintf("place %d", i)
		span(what, p.Text, p.Start, p.End)
		place(what, &p.Place)
	}
	prev = 0
	for i, tm := range r.Times {
		what := fmt.Sprintf("time %d", i)
		span(what, tm.Text, tm.Start, tm.End)
		if tm.Start < prev {
			fail("%s out of order", what)
		}
		prev = tm.End
		timeOf(what, &tm.Time)
	}
	b, err := json.Marshal(r)
	if err != nil {
		fail("record does not encode: %v", err)
	}
	var back sitrep.Record
	if err := json.Unmarshal(b, &back); err != nil {
		fail("record does not decode: %v", err)
	}
}
