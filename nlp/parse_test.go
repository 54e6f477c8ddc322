package nlp

import (
	"testing"

	"sitrep"
)

// TestDocCarriesTheTree checks that the analyzer's tokens carry a tree per
// sentence, with heads as indices into Doc.Tokens, and that the relations
// coders read come out on wire-style text written here.
func TestDocCarriesTheTree(t *testing.T) {
	d := analyze(t, "Syrian government forces shelled the town of Darayya on Monday. "+
		"Twelve civilians were killed by the strikes, activists said.")
	if len(d.Sentences) != 2 {
		t.Fatalf("%d sentences", len(d.Sentences))
	}
	for _, s := range d.Sentences {
		roots := 0
		for i := s.First; i < s.Last; i++ {
			tk := d.Tokens[i]
			if tk.Head == -1 {
				roots++
				if tk.Dep != "root" {
					t.Errorf("root %q has relation %q", tk.Text, tk.Dep)
				}
				continue
			}
			if tk.Head < s.First || tk.Head >= s.Last {
				t.Errorf("%q has head %d outside its sentence [%d,%d)", tk.Text, tk.Head, s.First, s.Last)
			}
			if tk.UPOS == "" || tk.Dep == "" {
				t.Errorf("%q lacks UPOS or relation: %+v", tk.Text, tk)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d has %d roots", s.Index, roots)
		}
	}
	tok := func(w string) int {
		for i, tk := range d.Tokens {
			if tk.Text == w {
				return i
			}
		}
		t.Fatalf("no token %q", w)
		return -1
	}
	want := []struct{ dep, head, rel string }{
		{"forces", "shelled", "nsubj"},
		{"town", "shelled", "obj"},
		{"civilians", "killed", "nsubj:pass"},
		{"strikes", "killed", "obl:agent"},
		// As the UD English treebanks have it, the reporting verb heads
		// the report it ends.
		{"killed", "said", "ccomp"},
	}
	for _, w := range want {
		i := tok(w.dep)
		if d.Tokens[i].Head != tok(w.head) || d.Tokens[i].Dep != w.rel {
			h := "ROOT"
			if d.Tokens[i].Head >= 0 {
				h = d.Tokens[d.Tokens[i].Head].Text
			}
			t.Errorf("%s -> %s %s, want -> %s %s", w.dep, h, d.Tokens[i].Dep, w.head, w.rel)
		}
	}
	if got := d.Dependent(tok("killed"), "nsubj"); got != tok("civilians") {
		t.Errorf("Doc.Dependent(killed, nsubj) = %d", got)
	}
}

// TestGoldTokensKeepTheirWords checks AnalyzeSentences: words are kept as
// given, one sentence each, hyphen pieces included.
func TestGoldTokensKeepTheirWords(t *testing.T) {
	a := newAnalyzer(t)
	d := a.AnalyzeSentences([][]string{{"pro", "-", "Assad", "militias", "advanced", "."}, {"Is", "n't", "it", "?"}})
	if len(d.Sentences) != 2 || len(d.Tokens) != 10 {
		t.Fatalf("%d sentences, %d tokens", len(d.Sentences), len(d.Tokens))
	}
	for i, w := range []string{"pro", "-", "Assad", "militias", "advanced", ".", "Is", "n't", "it", "?"} {
		if d.Tokens[i].Text != w || d.Article.Text[d.Tokens[i].Start:d.Tokens[i].End] != w {
			t.Errorf("token %d = %q", i, d.Tokens[i].Text)
		}
	}
	if d.Tokens[7].Lemma != "not" {
		t.Errorf("n't lemma %q", d.Tokens[7].Lemma)
	}
}

// TestCannotSplits checks the treebank convention for "cannot".
func TestCannotSplits(t *testing.T) {
	got := Words("They cannot leave.")
	want := []string{"They", "can", "not", "leave", "."}
	if len(got) != len(want) {
		t.Fatalf("%q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%q", got)
		}
	}
}

// TestSelectiveParsing checks that a selective analyzer tags everything but
// parses a sentence only when its tree is read, and then as a full
// analyzer would.
func TestSelectiveParsing(t *testing.T) {
	text := "The talks went on. Rebels attacked the base on Monday. Nine died."
	full := analyze(t, text)
	a := newAnalyzer(t)
	a.Selective = true
	d := a.Analyze(&sitrep.Article{Text: text})
	if len(d.Sentences) != 3 || d.Syntax == nil {
		t.Fatalf("%d sentences: %q", len(d.Sentences), sentenceTexts(d))
	}
	for i, tk := range d.Tokens {
		if tk.Tag != full.Tokens[i].Tag || tk.Dep != "" || tk.Head != -1 {
			t.Fatalf("before parsing: %+v", tk)
		}
	}
	verb := d.Sentences[1].First + 1 // "attacked"
	if got := d.Dependent(verb, "nsubj"); got != verb-1 {
		t.Errorf("nsubj of attacked = %d", got)
	}
	for si := range d.Sentences {
		parsed := d.Tokens[d.Sentences[si].First].Dep != ""
		if parsed != (si == 1) {
			t.Errorf("sentence %d parsed = %v", si, parsed)
		}
	}
	for i := d.Sentences[1].First; i < d.Sentences[1].Last; i++ {
		if d.Tokens[i].Head != full.Tokens[i].Head || d.Tokens[i].Dep != full.Tokens[i].Dep {
			t.Errorf("token %q: %d %s, parsing everything gives %d %s", d.Tokens[i].Text, d.Tokens[i].Head, d.Tokens[i].Dep, full.Tokens[i].Head, full.Tokens[i].Dep)
		}
	}
}
