// Package pipeline codes articles: the text layer, then each annotator, then
// each coder, producing one Record per Article. Run codes many articles on
// all cores and hands the records back in input order.
package pipeline

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"sort"
	"sync"

	"sitrep"
)

// Pipeline is the chain of stages from Article to Record. Its stages are
// shared read-only by all workers.
type Pipeline struct {
	Analyzer   sitrep.Analyzer
	Annotators []sitrep.Annotator
	Coders     []sitrep.Coder
	// Workers is how many articles are coded at once; 0 means one per CPU.
	Workers int
	// Tokens keeps every token (with tag and lemma) in the record.
	Tokens bool
}

// Code turns one article into its record.
func (p *Pipeline) Code(a sitrep.Article) sitrep.Record {
	d := p.Analyzer.Analyze(&a)
	for _, an := range p.Annotators {
		an.Annotate(d)
	}
	r := sitrep.NewRecord(a)
	r.Sentences = d.Sentences
	if p.Tokens {
		r.Tokens = d.Tokens
	}
	r.Places = append(r.Places, d.Places...)
	if len(d.PlaceRoles) > 0 {
		// Places named as actors and demonyms join the locations, in
		// text order.
		r.Places = append(r.Places, d.PlaceRoles...)
		sort.SliceStable(r.Places, func(i, j int) bool { return r.Places[i].Start < r.Places[j].Start })
	}
	r.Times = append(r.Times, d.Times...)
	r.Quotes = append(r.Quotes, d.Quotes...)
	r.Claims = append(r.Claims, d.Claims...)
	for _, c := range p.Coders {
		c.Code(d, &r)
	}
	for i := range r.Events {
		if r.Events[i].ID == "" {
			r.Events[i].ID = fmt.Sprintf("%s-%d", a.ID, i)
		}
	}
	return r
}

// Result is one item of Run's output: a record, or the error a source
// reported in its place.
type Result struct {
	Record sitrep.Record
	Err    error
}

// Run codes the articles of in on p.Workers goroutines and calls out with
// each record, or with each error the source yielded, in input order. It
// stops at the first error out returns, or when ctx is done.
func (p *Pipeline) Run(ctx context.Context, in iter.Seq2[sitrep.Article, error], out func(Result) error) error {
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq int
		art sitrep.Article
		err error
		res chan Result
	}
	// window bounds how far ahead of the slowest article the workers may run,
	// and so the memory held by finished records waiting their turn.
	window := workers * 8
	jobs := make(chan *job, window)
	order := make(chan *job, window)

	go func() {
		defer close(jobs)
		defer close(order)
		seq := 0
		for a, err := range in {
			j := &job{seq: seq, art: a, err: err, res: make(chan Result, 1)}
			seq++
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			if err != nil {
				j.res <- Result{Err: err}
				continue
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.res <- p.safeCode(j.art)
			}
		}()
	}
	defer wg.Wait()

	for j := range order {
		var r Result
		select {
		case r = <-j.res:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := out(r); err != nil {
			cancel()
			return err
		}
	}
	return ctx.Err()
}

// safeCode codes one article, turning a panic in any stage into an error
// naming the article, so one bad input cannot take the run down.
func (p *Pipeline) safeCode(a sitrep.Article) (res Result) {
	defer func() {
		if v := recover(); v != nil {
			name := a.Origin
			if name == "" {
				name = a.ID
			}
			res = Result{Err: fmt.Errorf("%s: coding failed: %v", name, v)}
		}
	}()
	return Result{Record: p.Code(a)}
}
