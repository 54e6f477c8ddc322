package eval

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"sitrep"
	"sitrep/conllu"
)

// fakeParser is an analyzer whose every decision is known, so that the
// scores it gets on testdata/parse_small.conllu can be worked out by hand.
//
// Raw text: tokens are split at spaces, a final "." is split off, and "n't"
// is split off every word but "can't"; a sentence ends after a "." token.
// Each sentence's last token that is not "." is its root and the head of
// every other token. Tags and relations come from the tables below (NN and
// "dep" otherwise), lemmas are the lower-cased forms.
type fakeParser struct {
	unparsed bool // leave heads and relations empty, as before a parser exists
}

var fakeTags = map[string]string{"They": "PRP", "did": "VBD", "n't": "RB", "go": "VB", ".": ".",
	"Cats": "NNS", "sleep": "NN", "I": "PRP", "ca": "MD", "stop": "VB", "Go": "VB", "now": "RB", "can't": "MD"}

var fakeDeps = map[string]string{"They": "nsubj", "did": "aux:pass", "n't": "advmod", ".": "punct", "Cats": "obj"}

func (f fakeParser) Analyze(art *sitrep.Article) *sitrep.Doc {
	d := &sitrep.Doc{Article: art}
	text := art.Text
	add := func(a, b int) {
		d.Tokens = append(d.Tokens, sitrep.Token{Text: text[a:b], Start: a, End: b})
	}
	for i := 0; i < len(text); {
		if unicode.IsSpace(rune(text[i])) {
			i++
			continue
		}
		j := i
		for j < len(text) && !unicode.IsSpace(rune(text[j])) {
			j++
		}
		end := j
		if text[end-1] == '.' && end-1 > i {
			end--
		}
		w := text[i:end]
		if strings.HasSuffix(w, "n't") && w != "can't" && len(w) > 3 {
			add(i, end-3)
			add(end-3, end)
		} else {
			add(i, end)
		}
		if end < j {
			add(end, j)
		}
		i = j
	}
	first := 0
	for i, t := range d.Tokens {
		if t.Text == "." || i == len(d.Tokens)-1 {
			last := d.Tokens[i]
			d.Sentences = append(d.Sentences, sitrep.Sentence{Start: d.Tokens[first].Start, End: last.End, First: first, Last: i + 1})
			first = i + 1
		}
	}
	f.annotate(d)
	return d
}

func (f fakeParser) AnalyzeSentences(sents [][]string) *sitrep.Doc {
	d := &sitrep.Doc{Article: &sitrep.Article{}}
	var b strings.Builder
	for _, s := range sents {
		first := len(d.Tokens)
		for _, w := range s {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			d.Tokens = append(d.Tokens, sitrep.Token{Text: w, Start: b.Len(), End: b.Len() + len(w)})
			b.WriteString(w)
		}
		d.Sentences = append(d.Sentences, sitrep.Sentence{First: first, Last: len(d.Tokens)})
	}
	d.Article.Text = b.String()
	f.annotate(d)
	return d
}

func (f fakeParser) annotate(d *sitrep.Doc) {
	for _, s := range d.Sentences {
		root := s.Last - 1
		for root > s.First && d.Tokens[root].Text == "." {
			root--
		}
		for i := s.First; i < s.Last; i++ {
			t := &d.Tokens[i]
			t.Tag = fakeTags[t.Text]
			if t.Tag == "" {
				t.Tag = "NN"
			}
			t.Lemma = strings.ToLower(t.Text)
			t.Head, t.Dep = -1, ""
			if f.unparsed {
				continue
			}
			switch {
			case i == root:
				t.Dep = "root"
			default:
				t.Head = root
				t.Dep = fakeDeps[t.Text]
				if t.Dep == "" {
					t.Dep = "dep"
				}
			}
		}
	}
}

func readSmall(t *testing.T) []*conllu.Sentence {
	t.Helper()
	sents, err := conllu.ReadFile("testdata/parse_small.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 4 {
		t.Fatalf("fixture has %d sentences, want 4", len(sents))
	}
	return sents
}

type want struct {
	name                  string
	correct, gold, system int
}

func checkCounts(t *testing.T, get func(string) Count, wants []want) {
	t.Helper()
	for _, w := range wants {
		c := get(w.name)
		if c.Correct != w.correct || c.Gold != w.gold || c.System != w.system {
			t.Errorf("%s: got %d correct of %d gold, %d system; want %d of %d, %d",
				w.name, c.Correct, c.Gold, c.System, w.correct, w.gold, w.system)
		}
	}
}

func TestParseGoldTokens(t *testing.T) {
	rep, err := Parse(fakeParser{}, readSmall(t), ParseOptions{MaxErrors: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Heads: s1 all 5 right, s2 all 3, s3 all 4 (root "stop"), s4 none
	// (the fake makes "now" the root). Labels: s1 loses "did" (aux:pass
	// for aux, right in its universal part), s2 "Cats" (obj for nsubj),
	// s3 "I" and "ca" (dep).
	checkCounts(t, rep.Metric, []want{
		{"UPOS", 0, 15, 15},
		{"XPOS", 14, 15, 15},              // sleep NN for VBP
		{"Lemmas", 9, 15, 15},             // did, n't x2, Cats, I, ca
		{"Lemmas (any case)", 10, 15, 15}, // "i" for "I" counts
		{"UAS", 12, 15, 15},
		{"LAS", 8, 15, 15},
		{"LAS (universal label)", 9, 15, 15},
	})
	checkCounts(t, rep.Relation, []want{
		{"nsubj", 1, 3, 1},
		{"aux", 0, 2, 0},
		{"aux:pass", 0, 0, 1},
		{"obj", 0, 0, 1},
	})
	if rep.Metric("Tokens").Gold != 0 {
		t.Errorf("gold-token mode reports tokens: %+v", rep.Metric("Tokens"))
	}
	if len(rep.Errors) != 1 {
		t.Fatalf("got %d error sentences, want 1 (MaxErrors)", len(rep.Errors))
	}
	e := rep.Errors[0]
	if !strings.Contains(e, "sentence s1") || !strings.Contains(e, "did <-aux- go/4") || !strings.Contains(e, "system: did <-aux:pass- go/4") {
		t.Errorf("error listing:\n%s", e)
	}
	if strings.Contains(e, "They <-nsubj-") {
		t.Errorf("a right word is listed as an error:\n%s", e)
	}
}

func TestParseRawText(t *testing.T) {
	rep, err := Parse(fakeParser{}, readSmall(t), ParseOptions{RawText: true})
	if err != nil {
		t.Fatal(err)
	}
	// System tokens: They did n't go . Cats sleep . | I can't stop Go now .
	// "didn't" is split as the gold split it, so its words align on their
	// own parts of its span; "can't" is left whole, which is a right token
	// but aligns neither "ca" nor "n't". The fake does not split "stop Go"
	// into two sentences.
	checkCounts(t, rep.Metric, []want{
		{"Tokens", 13, 13, 13},
		{"Sentences", 2, 4, 3},
		{"Words", 14 - 1, 15, 14},
		{"XPOS", 12, 15, 14}, // sleep wrong; ca, n't unaligned
		// Doc 1: all 8 heads right. Doc 2 is one system sentence rooted
		// at "now": no head right there.
		{"UAS", 8, 15, 14},
		{"LAS", 6, 15, 14},
		{"LAS (universal label)", 7, 15, 14},
	})
	checkCounts(t, rep.Relation, []want{
		{"nsubj", 1, 3, 1},
		{"aux", 0, 2, 0},
		{"obj", 0, 0, 1},
	})
	u := rep.Metric("UAS")
	if p, r := u.Precision(), u.Recall(); p != 8.0/14 || r != 8.0/15 {
		t.Errorf("UAS precision %v recall %v", p, r)
	}
}

func TestParseUnparsedScoresZero(t *testing.T) {
	for _, raw := range []bool{false, true} {
		rep, err := Parse(fakeParser{unparsed: true}, readSmall(t), ParseOptions{RawText: raw})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []string{"UAS", "LAS", "LAS (universal label)"} {
			if c := rep.Metric(m); c.Correct != 0 || c.Gold != 15 {
				t.Errorf("raw=%v: %s of an unparsed Doc: %+v", raw, m, c)
			}
		}
		if c := rep.Metric("XPOS"); c.Correct == 0 {
			t.Errorf("raw=%v: tags are scored without a parse: %+v", raw, c)
		}
	}
}

// wrongCount returns one token too many, which the scorer must refuse
// rather than score words against the wrong tokens.
type wrongCount struct{ fakeParser }

func (w wrongCount) AnalyzeSentences(sents [][]string) *sitrep.Doc {
	d := w.fakeParser.AnalyzeSentences(sents)
	d.Tokens = append(d.Tokens, sitrep.Token{Text: "x", Head: -1})
	return d
}

func TestParseRefusesMisalignedGoldTokens(t *testing.T) {
	_, err := Parse(wrongCount{}, readSmall(t), ParseOptions{})
	if err == nil || !strings.Contains(err.Error(), "16 tokens for 15 gold words") {
		t.Fatalf("got %v", err)
	}
}

// Multiword tokens whose words do not spell the token ("won't" = "will" +
// "n't" in a treebank that normalizes) align only when the system's tokens
// tile the token and match the words' forms.
func TestParseMultiwordNotSpelled(t *testing.T) {
	src := "# sent_id = m1\n" +
		"1-2\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"1\tdo\tdo\tAUX\tVBD\t_\t0\troot\t_\t_\n" +
		"2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\n\n"
	sents, err := conllu.ReadAll(strings.NewReader(src), "m.conllu")
	if err != nil {
		t.Fatal(err)
	}
	// The fake splits "didn't" into "did" + "n't": the split is at the
	// same place, but "did" is not the word "do", so neither word aligns;
	// the surface token still does.
	rep, err := Parse(fakeParser{}, sents, ParseOptions{RawText: true})
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep.Metric, []want{{"Tokens", 1, 1, 1}, {"Words", 0, 2, 2}})
}

func TestParseWrite(t *testing.T) {
	rep, err := Parse(fakeParser{}, readSmall(t), ParseOptions{RawText: true, MaxErrors: 5})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	rep.Write(&b)
	out := b.String()
	for _, s := range []string{"raw text", "Sentences", "LAS (universal label)", "  obl:agent", "sentence s3", "system: no token with this span"} {
		if !strings.Contains(out, s) {
			t.Errorf("report lacks %q:\n%s", s, out)
		}
	}
}

func TestParseMalformedNamesLine(t *testing.T) {
	src := "# sent_id = x\n1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n2\tbad line\n\n"
	_, err := conllu.ReadAll(strings.NewReader(src), "bad.conllu")
	if err == nil || !strings.Contains(err.Error(), "bad.conllu:3") {
		t.Fatalf("got %v, want an error naming bad.conllu:3", err)
	}
}
