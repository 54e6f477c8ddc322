package nlp

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"sitrep/conllu"
)

const udDir = "../../shared/data/ud/"

// lemmaScore measures the lemmatizer on a treebank with its gold Penn tags.
// Lemmas are compared ignoring case: UD keeps the case of proper nouns and
// of "I", and we lower-case every lemma but those of NNP and NNPS on purpose.
// It returns the accuracy and the most frequent errors, "form/TAG -> ours
// (gold)" with their counts.
func lemmaScore(t *testing.T, l *lemmatizer, path string) (float64, int, []string) {
	t.Helper()
	sents, err := conllu.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			t.Skipf("treebank not present (%v)", err)
		}
		t.Fatal(err)
	}
	right, all := 0, 0
	errs := map[string]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			all++
			got := l.lemma(w.Form, w.XPOS)
			if strings.EqualFold(got, w.Lemma) {
				right++
				continue
			}
			errs[fmt.Sprintf("%s/%s -> %s (%s)", w.Form, w.XPOS, got, w.Lemma)]++
		}
	}
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return errs[keys[i]] > errs[keys[j]] || errs[keys[i]] == errs[keys[j]] && keys[i] < keys[j]
	})
	for i, k := range keys {
		keys[i] = fmt.Sprintf("%4d %s", errs[k], k)
	}
	return float64(right) / float64(all), all, keys
}

// The lemmatizer against UD English EWT dev and GUM dev with gold tags. The
// rules and the table were written looking at the errors on EWT and GUM
// train and dev, so these are in-sample figures (EWT dev 0.9884, GUM dev
// 0.9952; before, 0.9625 and 0.9668). EWT and GUM test, not looked at:
// 0.9907 and 0.9954 (before, 0.9646 and 0.9682).
func TestLemmaAccuracyEWTDev(t *testing.T) {
	l, err := newLemmatizer()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file string
		min  float64
	}{
		{"en_ewt-ud-dev.conllu.gz", minEWTDev},
		{"en_gum-ccby-ud-dev.conllu.gz", minGUMDev},
	} {
		acc, n, errs := lemmaScore(t, l, udDir+c.file)
		t.Logf("%s: lemma accuracy %.4f over %d words (gold tags, case ignored)", c.file, acc, n)
		if testing.Verbose() {
			for _, e := range errs[:min(len(errs), 40)] {
				t.Log(e)
			}
		}
		if acc < c.min {
			t.Errorf("%s: lemma accuracy %.4f below %.4f; most frequent errors:\n%s", c.file, acc, c.min, strings.Join(errs[:min(len(errs), 20)], "\n"))
		}
	}
}

// Floors: the accuracy reached, less 0.3 points.
const (
	minEWTDev = 0.985
	minGUMDev = 0.992
)

// The categories of errors the treebanks showed, one case or more each.
func TestLemmaUDConventions(t *testing.T) {
	l, err := newLemmatizer()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ word, tag, want string }{
		// Object pronouns give the subject form; possessives and
		// reflexives are their own lemmas; independent possessives give
		// the dependent one.
		{"her", "PRP", "she"}, {"him", "PRP", "he"}, {"them", "PRP", "they"}, {"us", "PRP", "we"},
		{"me", "PRP", "i"}, {"her", "PRP$", "her"}, {"My", "PRP$", "my"}, {"their", "PRP$", "their"},
		{"its", "PRP$", "its"}, {"whose", "WP$", "whose"}, {"themselves", "PRP", "themselves"},
		{"himself", "PRP", "himself"}, {"mine", "PRP", "my"}, {"theirs", "PRP", "their"}, {"whom", "WP", "whom"},
		// Clitics, with and without their apostrophe.
		{"n't", "RB", "not"}, {"'s", "VBZ", "be"}, {"'s", "POS", "'s"}, {"'s", "PRP", "we"},
		{"'re", "VBP", "be"}, {"'m", "VBP", "be"}, {"'ll", "MD", "will"}, {"'d", "MD", "would"},
		{"'d", "VBD", "have"}, {"nt", "RB", "not"}, {"s", "VBZ", "be"}, {"s", "POS", "'s"},
		{"m", "VBP", "be"}, {"ve", "VBP", "have"}, {"gon", "VBG", "go"}, {"na", "TO", "to"}, {"wo", "MD", "will"},
		// Determiners.
		{"an", "DT", "a"}, {"An", "DT", "a"}, {"these", "DT", "this"}, {"those", "DT", "that"},
		// Comparatives: "more"/"most"/"less"/"least" are their own; an
		// adverb's "better" is "well".
		{"more", "JJR", "more"}, {"most", "RBS", "most"}, {"less", "JJR", "less"}, {"least", "JJS", "least"},
		{"better", "JJR", "good"}, {"better", "RBR", "well"}, {"best", "RBS", "well"}, {"best", "JJS", "good"},
		{"bigger", "JJR", "big"}, {"worse", "JJR", "bad"},
		// Numbers.
		{"200,000", "CD", "200000"}, {"3.5", "CD", "3.5"}, {"m", "CD", "million"}, {"k", "CD", "thousand"},
		{"1,200", "CD", "1200"}, {"a,b", "CD", "a,b"},
		// Plurals with digits keep their -s; pluralia tantum.
		{"1980s", "NNS", "1980s"}, {"clothes", "NNS", "clothes"}, {"thanks", "NNS", "thanks"},
		{"people", "NNS", "person"}, {"mins", "NNS", "minute"},
		// Silent -e restored where the old rules lost it, and not added
		// where it does not belong.
		{"required", "VBN", "require"}, {"acquiring", "VBG", "acquire"}, {"assumed", "VBD", "assume"},
		{"consuming", "VBG", "consume"}, {"created", "VBN", "create"}, {"quoted", "VBD", "quote"},
		{"promoted", "VBN", "promote"}, {"purchased", "VBD", "purchase"}, {"purchasing", "VBG", "purchase"},
		{"biased", "VBN", "bias"}, {"hanging", "VBG", "hang"}, {"changing", "VBG", "change"},
		{"arranged", "VBD", "arrange"}, {"scheduled", "VBN", "schedule"}, {"treated", "VBN", "treat"},
		{"repeated", "VBD", "repeat"}, {"pivoted", "VBD", "pivot"}, {"rioted", "VBD", "riot"},
		// Spelling variants and abbreviations, by tag.
		{"pm", "NN", "p.m."}, {"am", "NN", "a.m."}, {"am", "VBP", "be"}, {"thru", "IN", "through"},
		{"–", ":", "-"}, {"“", "``", "\""},
	}
	for _, c := range cases {
		if got := l.lemma(c.word, c.tag); got != c.want {
			t.Errorf("lemma(%s/%s) = %q, want %q", c.word, c.tag, got, c.want)
		}
	}
}
