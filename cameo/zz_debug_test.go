package cameo_test

import (
	"fmt"
	"os"
	"testing"

	"sitrep"
	"sitrep/engine"
)

func TestZZDebug(t *testing.T) {
	text := os.Getenv("DBG")
	if text == "" {
		t.Skip()
	}
	p, err := engine.New(engine.Options{ParseAll: true})
	if err != nil {
		t.Fatal(err)
	}
	a := sitrep.Article{ID: "t", Text: text, Published: sitrep.Date("2020-01-01")}
	d := p.Analyzer.Analyze(&a)
	for _, an := range p.Annotators {
		an.Annotate(d)
	}
	for i, tk := range d.Tokens {
		fmt.Printf("%d %s %s %d %s | ", i, tk.Text, tk.Tag, tk.Head, tk.Dep)
	}
	fmt.Println()
	for _, ph := range d.Phrases {
		var as []string
		for _, a := range ph.Actors {
			as = append(as, d.Actors[a].Code+"("+d.Actors[a].Text+")")
		}
		fmt.Printf("phrase %q [%d,%d) head %d place=%v pron=%v actors=%v\n", text[d.Tokens[ph.First].Start:d.Tokens[ph.Last-1].End], ph.First, ph.Last, ph.Head, ph.Place, ph.Pronoun, as)
	}
	r := p.Code(a)
	for _, e := range r.Events {
		fmt.Println(short(e), "|", e.Evidence.Pattern)
	}
}
