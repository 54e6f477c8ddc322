// Package engine assembles sitrep's full coding pipeline from its stages,
// in the order data flows through them: the text layer; the actor,
// attribution, time and place annotators; the event, casualty and link
// coders. The command line and the tests build their pipelines here.
package engine

import (
	"fmt"

	"sitrep"
	"sitrep/actors"
	"sitrep/attrib"
	"sitrep/cameo"
	"sitrep/casualty"
	"sitrep/geo"
	"sitrep/link"
	"sitrep/nlp"
	"sitrep/pipeline"
	"sitrep/timex"
)

// Options configure the pipeline.
type Options struct {
	// Workers is how many articles are coded at once; 0 means one per CPU.
	Workers int
	// Tokens keeps every token in the records.
	Tokens bool
	// ParseAll parses every sentence; otherwise only the sentences that can
	// yield a record (an actor, a number, a quote) are parsed.
	ParseAll bool
	// Dicts are dictionary directories whose entries add to or override
	// the built-in ones.
	Dicts []string
	// Statements codes saying verbs as CAMEO 010.
	Statements bool
}

// New builds the pipeline with every stage sitrep has.
func New(o Options) (*pipeline.Pipeline, error) {
	// The gazetteer takes longest to load; load it beside the rest.
	type gazResult struct {
		g   *geo.Gazetteer
		err error
	}
	gzc := make(chan gazResult, 1)
	go func() {
		g, err := geo.Default()
		gzc <- gazResult{g, err}
	}()
	an, err := nlp.New()
	if err != nil {
		return nil, err
	}
	an.Selective = !o.ParseAll
	ad, err := actors.Default()
	if err != nil {
		return nil, fmt.Errorf("actor dictionaries: %w", err)
	}
	for _, d := range o.Dicts {
		if err := ad.AddDir(d); err != nil {
			return nil, fmt.Errorf("--dict %s: %w", d, err)
		}
	}
	coder, err := cameo.New(o.Dicts...)
	if err != nil {
		return nil, fmt.Errorf("verb dictionary: %w", err)
	}
	coder.Statements = o.Statements
	gr := <-gzc
	if gr.err != nil {
		return nil, gr.err
	}
	return &pipeline.Pipeline{
		Analyzer: an,
		Annotators: []sitrep.Annotator{
			&actors.Annotator{Dict: ad},
			attrib.Annotator{},
			timex.Annotator{},
			&geo.Annotator{Gazetteer: gr.g, CountryCode: ad.CountryCode, Known: ad.Known},
		},
		Coders:  []sitrep.Coder{coder, casualty.Coder{}, link.Coder{}},
		Workers: o.Workers,
		Tokens:  o.Tokens,
	}, nil
}
