package sitrep

import (
	"reflect"
	"testing"
)

// treeDoc builds "Russian jets struck the town , killing 12 ." with a hand-made
// tree, and a second sentence "It ended ." so that sentence bounds matter.
func treeDoc() *Doc {
	words := []struct {
		text string
		head int
		dep  string
	}{
		{"Russian", 1, "amod"}, {"jets", 2, "nsubj"}, {"struck", -1, "root"}, {"the", 4, "det"},
		{"town", 2, "obj"}, {",", 6, "punct"}, {"killing", 2, "advcl"}, {"12", 6, "obj"}, {".", 2, "punct"},
		{"It", 10, "nsubj:pass"}, {"ended", -1, "root"}, {".", 10, "punct"},
	}
	d := &Doc{Sentences: []Sentence{{Index: 0, First: 0, Last: 9}, {Index: 1, First: 9, Last: 12}}}
	for _, w := range words {
		d.Tokens = append(d.Tokens, Token{Text: w.text, Head: w.head, Dep: w.dep})
	}
	return d
}

func TestTreeReading(t *testing.T) {
	d := treeDoc()
	if got := d.Dependents(2, "nsubj"); !reflect.DeepEqual(got, []int{1}) {
		t.Errorf("nsubj of struck = %v", got)
	}
	if got := d.Dependents(2); !reflect.DeepEqual(got, []int{1, 4, 6, 8}) {
		t.Errorf("dependents of struck = %v", got)
	}
	if got := d.Dependent(10, "nsubj"); got != 9 {
		t.Errorf("nsubj matches nsubj:pass: got %d", got)
	}
	if got := d.Dependent(10, "nsubj:outer"); got != -1 {
		t.Errorf("a subtype matches only itself: got %d", got)
	}
	if got := d.Path(0, 7); !reflect.DeepEqual(got, []int{0, 1, 2, 6, 7}) {
		t.Errorf("path Russian..12 = %v", got)
	}
	if got := d.Path(7, 2); !reflect.DeepEqual(got, []int{7, 6, 2}) {
		t.Errorf("path 12..struck = %v", got)
	}
	if got := d.Path(0, 9); got != nil {
		t.Errorf("tokens of two sentences have no path: %v", got)
	}
	if f, l := d.Subtree(4); f != 3 || l != 5 {
		t.Errorf("subtree of town = %d..%d", f, l)
	}
	if f, l := d.Subtree(6); f != 5 || l != 8 {
		t.Errorf("subtree of killing = %d..%d", f, l)
	}
	if got := d.SentenceOf(10); got != 1 {
		t.Errorf("sentence of ended = %d", got)
	}
	if got := d.Head(-3); got != -1 {
		t.Errorf("head out of range = %d", got)
	}
}

func TestTreeCycleEnds(t *testing.T) {
	d := treeDoc()
	d.Tokens[0].Head, d.Tokens[1].Head = 1, 0 // a broken tree must not hang
	if got := d.Ancestors(0); len(got) > len(d.Tokens)+1 {
		t.Errorf("ancestors ran on: %d", len(got))
	}
	_ = d.Path(0, 4)
	_, _ = d.Subtree(0)
}

// countingParser parses by copying a fixed tree, counting its calls.
type countingParser struct {
	calls int
	tree  *Doc
}

func (p *countingParser) ParseSentence(d *Doc, s int) {
	p.calls++
	for i := d.Sentences[s].First; i < d.Sentences[s].Last; i++ {
		d.Tokens[i].Head, d.Tokens[i].Dep = p.tree.Tokens[i].Head, p.tree.Tokens[i].Dep
	}
}

// TestTreeParsedOnDemand checks that a sentence is parsed when its tree is
// first read, once, and that other sentences stay unparsed.
func TestTreeParsedOnDemand(t *testing.T) {
	d := treeDoc()
	p := &countingParser{tree: treeDoc()}
	for i := range d.Tokens {
		d.Tokens[i].Head, d.Tokens[i].Dep = -1, ""
	}
	d.Syntax = p
	if got := d.Dependent(10, "nsubj"); got != 9 || p.calls != 1 {
		t.Fatalf("nsubj of ended = %d after %d parses", got, p.calls)
	}
	if d.Tokens[0].Dep != "" {
		t.Error("the first sentence was parsed without being read")
	}
	_ = d.Head(9)
	_ = d.Rel(11)
	if p.calls != 1 {
		t.Errorf("a parsed sentence was parsed again: %d calls", p.calls)
	}
	if d.Head(1) != 2 || p.calls != 2 {
		t.Errorf("head of jets = %d after %d parses", d.Head(1), p.calls)
	}
}
