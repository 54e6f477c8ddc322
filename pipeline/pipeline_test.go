package pipeline

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sitrep"
	"sitrep/nlp"
)

// ---- fakes -----------------------------------------------------------------

// splitAnalyzer splits the text into sentences at ". " and into tokens at
// spaces.
type splitAnalyzer struct{}

func (splitAnalyzer) Analyze(a *sitrep.Article) *sitrep.Doc {
	d := &sitrep.Doc{Article: a}
	text := a.Text
	for start := 0; start < len(text); {
		end := len(text)
		if i := strings.Index(text[start:], ". "); i >= 0 {
			end = start + i + 1
		}
		first := len(d.Tokens)
		for off := start; off < end; {
			for off < end && text[off] == ' ' {
				off++
			}
			if off == end {
				break
			}
			e := off
			for e < end && text[e] != ' ' {
				e++
			}
			d.Tokens = append(d.Tokens, sitrep.Token{Text: text[off:e], Start: off, End: e, Tag: "NN", Lemma: strings.ToLower(text[off:e])})
			off = e
		}
		d.Sentences = append(d.Sentences, sitrep.Sentence{
			Index: len(d.Sentences), Start: start, End: end, Text: text[start:end],
			First: first, Last: len(d.Tokens),
		})
		start = end
		for start < len(text) && text[start] == ' ' {
			start++
		}
	}
	return d
}

// countryAnnotator marks every mention of a known country as an actor and
// a place.
type countryAnnotator struct{}

var countries = map[string]string{"Syria": "SYR", "Russia": "RUS", "Ukraine": "UKR"}

func (countryAnnotator) Annotate(d *sitrep.Doc) {
	for _, t := range d.Tokens {
		word := strings.TrimRight(t.Text, ".,")
		cc, ok := countries[word]
		if !ok {
			continue
		}
		d.Actors = append(d.Actors, sitrep.Actor{Text: word, Code: cc, Country: &cc, Start: t.Start, End: t.Start + len(word)})
		d.Places = append(d.Places, sitrep.PlaceMention{Place: sitrep.Place{Name: word, Country: cc, Precision: "country"},
			Text: word, Start: t.Start, End: t.Start + len(word)})
	}
}

// pairCoder codes one event for each pair of consecutive actors, leaving
// the event ID to the pipeline.
type pairCoder struct{}

func (pairCoder) Code(d *sitrep.Doc, r *sitrep.Record) {
	for i := 0; i+1 < len(d.Actors); i++ {
		src, tgt := d.Actors[i], d.Actors[i+1]
		r.Events = append(r.Events, sitrep.Event{
			Sentence: d.SentenceAt(src.Start), Source: &src, Target: &tgt,
			Cameo: "190", Root: "19", Quad: 4, Goldstein: -10, Modality: sitrep.Asserted,
		})
	}
}

// jitterCoder sleeps a while that depends on the article, so that workers
// finish out of order.
type jitterCoder struct{}

func (jitterCoder) Code(d *sitrep.Doc, r *sitrep.Record) {
	h := fnv.New32a()
	h.Write([]byte(d.Article.ID))
	time.Sleep(time.Duration(h.Sum32()%500) * time.Microsecond)
}

// panicCoder panics on one article.
type panicCoder struct{ id string }

func (p panicCoder) Code(d *sitrep.Doc, r *sitrep.Record) {
	if d.Article.ID == p.id {
		panic("coder broke on " + p.id)
	}
}

// funcCoder runs f.
type funcCoder func(d *sitrep.Doc, r *sitrep.Record)

func (f funcCoder) Code(d *sitrep.Doc, r *sitrep.Record) { f(d, r) }

func fakePipeline(workers int, coders ...sitrep.Coder) *Pipeline {
	return &Pipeline{
		Analyzer:   splitAnalyzer{},
		Annotators: []sitrep.Annotator{countryAnnotator{}},
		Coders:     append([]sitrep.Coder{pairCoder{}}, coders...),
		Workers:    workers,
	}
}

// ---- sources ---------------------------------------------------------------

func testArticle(i int) sitrep.Article {
	return sitrep.Article{
		ID:     fmt.Sprintf("art%04d", i),
		Text:   fmt.Sprintf("Syria attacked Russia on day %d. Ukraine said nothing. Report %d ends here.", i, i),
		Origin: fmt.Sprintf("test.jsonl:%d", i+1),
	}
}

func articles(n int) iter.Seq2[sitrep.Article, error] {
	return func(yield func(sitrep.Article, error) bool) {
		for i := range n {
			if !yield(testArticle(i), nil) {
				return
			}
		}
	}
}

// endless yields articles until told to stop, and records that it stopped.
func endless(stopped *atomic.Bool, yielded *atomic.Int64) iter.Seq2[sitrep.Article, error] {
	return func(yield func(sitrep.Article, error) bool) {
		defer stopped.Store(true)
		for i := 0; ; i++ {
			yielded.Add(1)
			if !yield(testArticle(i), nil) {
				return
			}
		}
	}
}

// run calls p.Run and fails the test if it has not returned within a few
// seconds, rather than hanging.
func run(t *testing.T, ctx context.Context, p *Pipeline, in iter.Seq2[sitrep.Article, error], out func(Result) error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx, in, out) }()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return within 10s")
		return nil
	}
}

func collect(t *testing.T, p *Pipeline, in iter.Seq2[sitrep.Article, error]) []Result {
	t.Helper()
	var out []Result
	if err := run(t, context.Background(), p, in, func(r Result) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out
}

// ---- tests -----------------------------------------------------------------

func TestCode(t *testing.T) {
	p := fakePipeline(1)
	a := testArticle(7)
	r := p.Code(a)
	if r.Contract != sitrep.ContractVersion || r.Article != a {
		t.Fatalf("record article = %+v", r.Article)
	}
	if len(r.Sentences) != 3 || r.Sentences[1].Text != "Ukraine said nothing." {
		t.Fatalf("sentences = %+v", r.Sentences)
	}
	if r.Tokens != nil {
		t.Fatalf("tokens kept without Tokens: %d", len(r.Tokens))
	}
	if len(r.Places) != 3 || r.Places[2].Country != "UKR" {
		t.Fatalf("places = %+v", r.Places)
	}
	if len(r.Events) != 2 || r.Events[0].Source.Code != "SYR" || r.Events[0].Target.Code != "RUS" ||
		r.Events[1].Target.Code != "UKR" || r.Events[1].Sentence != 0 {
		t.Fatalf("events = %+v", r.Events)
	}
	if r.Times == nil || r.Quotes == nil || r.Casualties == nil {
		t.Fatal("record has nil lists")
	}
	p.Tokens = true
	if r := p.Code(a); len(r.Tokens) == 0 || r.Tokens[0].Text != "Syria" {
		t.Fatalf("tokens with Tokens = %+v", r.Tokens)
	}
}

func TestEventIDs(t *testing.T) {
	keep := funcCoder(func(d *sitrep.Doc, r *sitrep.Record) {
		r.Events = append(r.Events, sitrep.Event{ID: "given", Cameo: "010", Root: "01"})
		r.Events = append(r.Events, sitrep.Event{Cameo: "020", Root: "02"})
	})
	p := fakePipeline(2, keep)
	a := testArticle(3)
	want := []string{a.ID + "-0", a.ID + "-1", "given", a.ID + "-3"}
	check := func(how string, r sitrep.Record) {
		t.Helper()
		var got []string
		for _, e := range r.Events {
			got = append(got, e.ID)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: event IDs %v, want %v", how, got, want)
		}
	}
	check("Code", p.Code(a))
	res := collect(t, p, func(yield func(sitrep.Article, error) bool) { yield(a, nil) })
	if len(res) != 1 || res[0].Err != nil {
		t.Fatalf("Run gave %+v", res)
	}
	check("Run", res[0].Record)
}

func TestRunOrder(t *testing.T) {
	const n = 500
	for _, workers := range []int{0, 1, 2, 4, 16} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			res := collect(t, fakePipeline(workers, jitterCoder{}), articles(n))
			if len(res) != n {
				t.Fatalf("%d results for %d articles", len(res), n)
			}
			for i, r := range res {
				if r.Err != nil {
					t.Fatalf("result %d: %v", i, r.Err)
				}
				if want := testArticle(i).ID; r.Record.Article.ID != want {
					t.Fatalf("result %d is %s, want %s", i, r.Record.Article.ID, want)
				}
				if len(r.Record.Events) != 2 || r.Record.Events[0].ID != r.Record.Article.ID+"-0" {
					t.Fatalf("result %d events = %+v", i, r.Record.Events)
				}
			}
		})
	}
}

func TestRunEmpty(t *testing.T) {
	if res := collect(t, fakePipeline(4), articles(0)); len(res) != 0 {
		t.Fatalf("%d results from no articles", len(res))
	}
}

func TestRunSourceErrors(t *testing.T) {
	const n = 300
	bad := map[int]bool{0: true, 3: true, 100: true, 101: true, 250: true, n - 1: true}
	errAt := func(i int) error { return fmt.Errorf("source broke at %d", i) }
	in := func(yield func(sitrep.Article, error) bool) {
		for i := range n {
			var ok bool
			if bad[i] {
				ok = yield(sitrep.Article{}, errAt(i))
			} else {
				ok = yield(testArticle(i), nil)
			}
			if !ok {
				return
			}
		}
	}
	for _, workers := range []int{1, 4} {
		res := collect(t, fakePipeline(workers, jitterCoder{}), in)
		if len(res) != n {
			t.Fatalf("workers=%d: %d results for %d inputs", workers, len(res), n)
		}
		for i, r := range res {
			if bad[i] {
				if r.Err == nil || r.Err.Error() != errAt(i).Error() {
					t.Errorf("workers=%d: result %d: err %v, want %v", workers, i, r.Err, errAt(i))
				}
				continue
			}
			if r.Err != nil {
				t.Errorf("workers=%d: result %d: unexpected error %v", workers, i, r.Err)
			} else if want := testArticle(i).ID; r.Record.Article.ID != want {
				t.Errorf("workers=%d: result %d is %s, want %s", workers, i, r.Record.Article.ID, want)
			}
		}
	}
}

func TestRunCoderPanic(t *testing.T) {
	const n = 200
	bad := testArticle(42)
	for _, workers := range []int{1, 4} {
		res := collect(t, fakePipeline(workers, panicCoder{id: bad.ID}, jitterCoder{}), articles(n))
		if len(res) != n {
			t.Fatalf("workers=%d: %d results for %d articles", workers, len(res), n)
		}
		for i, r := range res {
			if i == 42 {
				if r.Err == nil {
					t.Fatalf("workers=%d: no error for the article whose coder panicked", workers)
				}
				if !strings.Contains(r.Err.Error(), bad.Origin) || !strings.Contains(r.Err.Error(), "coder broke") {
					t.Errorf("workers=%d: error %q does not name %s and the panic", workers, r.Err, bad.Origin)
				}
				continue
			}
			if r.Err != nil || r.Record.Article.ID != testArticle(i).ID {
				t.Errorf("workers=%d: result %d = %s, %v", workers, i, r.Record.Article.ID, r.Err)
			}
		}
	}

	// Without an Origin the error names the ID.
	noOrigin := testArticle(1)
	noOrigin.Origin = ""
	p := fakePipeline(1, panicCoder{id: noOrigin.ID})
	res := collect(t, p, func(yield func(sitrep.Article, error) bool) { yield(noOrigin, nil) })
	if len(res) != 1 || res[0].Err == nil || !strings.Contains(res[0].Err.Error(), noOrigin.ID) {
		t.Fatalf("panic without origin gave %+v", res)
	}

	// A panicking analyzer is caught the same way.
	p = &Pipeline{Analyzer: panicAnalyzer{}, Workers: 2}
	res = collect(t, p, articles(3))
	for i, r := range res {
		if r.Err == nil || !strings.Contains(r.Err.Error(), testArticle(i).Origin) {
			t.Errorf("panicking analyzer: result %d err %v", i, r.Err)
		}
	}
}

type panicAnalyzer struct{}

func (panicAnalyzer) Analyze(*sitrep.Article) *sitrep.Doc { panic("analyzer broke") }

func TestRunOutErrorStops(t *testing.T) {
	for _, workers := range []int{1, 2, 4} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			var stopped atomic.Bool
			var yielded atomic.Int64
			stop := errors.New("disk full")
			calls := 0
			err := run(t, context.Background(), fakePipeline(workers, jitterCoder{}), endless(&stopped, &yielded), func(r Result) error {
				calls++
				if r.Err != nil {
					t.Errorf("result %d: %v", calls, r.Err)
				}
				if want := testArticle(calls - 1).ID; r.Record.Article.ID != want {
					t.Errorf("result %d is %s, want %s", calls, r.Record.Article.ID, want)
				}
				if calls == 10 {
					return stop
				}
				if calls > 10 {
					t.Errorf("out called again after it failed")
				}
				return nil
			})
			if !errors.Is(err, stop) {
				t.Fatalf("Run = %v, want %v", err, stop)
			}
			if calls != 10 {
				t.Fatalf("out called %d times, want 10", calls)
			}
			// Run has finished with the source: it is not read after Run
			// returns.
			if !stopped.Load() {
				t.Fatal("source still running after Run returned")
			}
			// And it did not read far ahead.
			if n := yielded.Load(); n > 10+int64(max(workers, 1))*8*3 {
				t.Errorf("source yielded %d articles for 10 results", n)
			}
		})
	}
}

func TestRunCancel(t *testing.T) {
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var stopped atomic.Bool
			var yielded atomic.Int64
			calls := 0
			err := run(t, ctx, fakePipeline(workers), endless(&stopped, &yielded), func(r Result) error {
				calls++
				if calls == 20 {
					cancel()
				}
				return nil
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Run after cancel = %v, want context.Canceled", err)
			}
			if !stopped.Load() {
				t.Fatal("source still running after Run returned")
			}
			if n := yielded.Load(); n > 1e5 {
				t.Errorf("source yielded %d articles after cancel", n)
			}
		})
	}

	// Cancelled before it starts.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stopped atomic.Bool
	var yielded atomic.Int64
	err := run(t, ctx, fakePipeline(2), endless(&stopped, &yielded), func(Result) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run with a cancelled context = %v", err)
	}

	// Cancelled while the workers are busy on a slow coder.
	ctx, cancel = context.WithCancel(context.Background())
	slow := funcCoder(func(*sitrep.Doc, *sitrep.Record) { time.Sleep(5 * time.Millisecond) })
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	stopped.Store(false)
	err = run(t, ctx, fakePipeline(2, slow), endless(&stopped, &yielded), func(Result) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run cancelled mid-way = %v", err)
	}
	if !stopped.Load() {
		t.Fatal("source still running after Run returned")
	}
}

// ---- benchmark -------------------------------------------------------------

func BenchmarkRunSeed(b *testing.B) {
	names, _ := filepath.Glob("../examples/*.txt")
	sort.Strings(names)
	var texts []string
	for _, n := range names {
		body, err := os.ReadFile(n)
		if err != nil {
			continue
		}
		texts = append(texts, string(body))
	}
	if len(texts) == 0 {
		b.Skip("no ../examples/*.txt")
	}
	an, err := nlp.New()
	if err != nil {
		b.Fatal(err)
	}
	const n = 200
	arts := make([]sitrep.Article, n)
	var total int64
	for i := range arts {
		text := texts[i%len(texts)]
		arts[i] = sitrep.Article{ID: fmt.Sprintf("seed%03d", i), Text: text, Origin: names[i%len(names)]}
		total += int64(len(text))
	}
	in := func(yield func(sitrep.Article, error) bool) {
		for _, a := range arts {
			if !yield(a, nil) {
				return
			}
		}
	}
	p := &Pipeline{Analyzer: an}
	b.SetBytes(total)
	b.ReportAllocs()
	runs := 0
	for b.Loop() {
		runs++
		got := 0
		if err := p.Run(context.Background(), in, func(r Result) error {
			if r.Err != nil {
				return r.Err
			}
			got++
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if got != n {
			b.Fatalf("%d records for %d articles", got, n)
		}
	}
	b.ReportMetric(float64(n*runs)/b.Elapsed().Seconds(), "articles/s")
}
