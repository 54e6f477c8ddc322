package nlp

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"sitrep"
	"sitrep/eval"
)

func newAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func analyze(t testing.TB, text string) *sitrep.Doc {
	return newAnalyzer(t).Analyze(&sitrep.Article{Text: text})
}

func sentenceTexts(d *sitrep.Doc) []string {
	var out []string
	for _, s := range d.Sentences {
		out = append(out, s.Text)
	}
	return out
}

// Every token and sentence must point at exactly its text: later stages
// and every record's offsets rely on it.
func TestOffsetsLocateTheirText(t *testing.T) {
	seed, err := os.ReadFile("../../shared/seed/000_1af0f9234ddb5838.txt")
	if err != nil {
		t.Skipf("seed article not present (%v); using the examples only", err)
	}
	texts := []string{string(seed), "“Why now?” he asked. Gen. Ali said: ‘No.’\n\n- one\n- two\n1. three", "U.S.-backed forces — 3.5 km away… “We’ve won,” he said."}
	a := newAnalyzer(t)
	for _, text := range texts {
		d := a.Analyze(&sitrep.Article{Text: text})
		prevEnd := 0
		for _, tk := range d.Tokens {
			if text[tk.Start:tk.End] != tk.Text {
				t.Fatalf("token %q at %d:%d reads %q", tk.Text, tk.Start, tk.End, text[tk.Start:tk.End])
			}
			if tk.Start < prevEnd || tk.Tag == "" || tk.Lemma == "" {
				t.Fatalf("token %+v overlaps the previous one or lacks a tag or lemma", tk)
			}
			prevEnd = tk.End
		}
		for i, s := range d.Sentences {
			if text[s.Start:s.End] != s.Text || s.Index != i {
				t.Fatalf("sentence %d misplaced: %+v", i, s)
			}
			toks := d.SentenceTokens(i)
			if toks[0].Start != s.Start || toks[len(toks)-1].End != s.End {
				t.Fatalf("sentence %d tokens do not span it", i)
			}
			if d.SentenceAt(s.Start) != i || d.SentenceAt(s.End-1) != i {
				t.Fatalf("SentenceAt does not find sentence %d", i)
			}
		}
	}
}

func TestTokenize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"KYIV, Ukraine (AP) — Russian drones struck.", "KYIV|,|Ukraine|(|AP|)|—|Russian|drones|struck|."},
		{"the U.S. and U.N. said 250,000 people, 3.5%", "the|U.S.|and|U.N.|said|250,000|people|,|3.5%"},
		{"“We’ve temporarily suspended,” Toner said.", "“|We|’ve|temporarily|suspended|,|”|Toner|said|."},
		{"Assad’s forces doesn't can't", "Assad|’s|forces|does|n't|ca|n't"},
		{"Gen. Smith arrived at 2 a.m. in Sept. 2016...", "Gen.|Smith|arrived|at|2|a.m.|in|Sept.|2016|..."},
		{"rebel-held Deir ez-Zor--and al-Assad", "rebel-held|Deir|ez-Zor|--|and|al-Assad"},
		{"see https://example.org/a.html or press@un.example.org.", "see|https://example.org/a.html|or|press@un.example.org|."},
		{"\"Why?\" (It was [late].)", "\"|Why|?|\"|(|It|was|[|late|]|.|)"},
		{"- first item\n2. second\n• third", "-|first|item|2.|second|•|third"},
		{"''It's no reform,'' he said. ''Not one bit.''", "''|It|'s|no|reform|,|''|he|said|.|''|Not|one|bit|.|''"},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range tokenize(c.in, nil) {
			got = append(got, c.in[tk.start:tk.end])
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("tokenize(%q)\n got %s\nwant %s", c.in, g, c.want)
		}
	}
}

func TestSegmentNewsForms(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"dateline", "KYIV, Ukraine (AP) — Drones hit the city. Two died.", []string{"KYIV, Ukraine (AP) — Drones hit the city.", "Two died."}},
		{"abbreviations", "U.S. officials met Gen. Ali in Sept. 2016. Talks failed.", []string{"U.S. officials met Gen. Ali in Sept. 2016.", "Talks failed."}},
		{"abbreviation at the end", "The envoy flew to the U.S. The talks resumed.", []string{"The envoy flew to the U.S.", "The talks resumed."}},
		{"multi-sentence quote", "“We will fight. We will not surrender,” she said. Then she left.", []string{"“We will fight.", "We will not surrender,” she said.", "Then she left."}},
		{"question attribution", "“Why now?” he asked. Nobody answered.", []string{"“Why now?” he asked.", "Nobody answered."}},
		{"list", "The deal says:\n- a ceasefire\n- prisoner swaps\nIt was signed.", []string{"The deal says:", "- a ceasefire", "- prisoner swaps", "It was signed."}},
		{"headline", "Strikes hit Aleppo\n\nALEPPO — Jets struck at dawn.", []string{"Strikes hit Aleppo", "ALEPPO — Jets struck at dawn."}},
		{"hard-wrapped", "Rebels said they had\nrepelled an attack on the\ncity and killed ten\nfighters in the\nassault. Others fled.", []string{"Rebels said they had\nrepelled an attack on the\ncity and killed ten\nfighters in the\nassault.", "Others fled."}},
	}
	for _, c := range cases {
		got := sentenceTexts(analyze(t, c.in))
		if strings.Join(got, "\x00") != strings.Join(c.want, "\x00") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestSeedSentencesAndParagraphs(t *testing.T) {
	seed, err := os.ReadFile("../../shared/seed/000_1af0f9234ddb5838.txt")
	if err != nil {
		t.Skipf("seed article not present: %v", err)
	}
	d := analyze(t, string(seed))
	if len(d.Sentences) != 26 {
		t.Fatalf("seed: %d sentences, want 26:\n%s", len(d.Sentences), strings.Join(sentenceTexts(d), "\n"))
	}
	last := d.Sentences[len(d.Sentences)-1]
	if last.Text != "Related Story" || last.Para != 24 {
		t.Errorf("last sentence %q in paragraph %d", last.Text, last.Para)
	}
}

func TestTagsAndLemmas(t *testing.T) {
	d := analyze(t, "Syrian rebels said they had repelled an army offensive as Russian warplanes pounded residential areas, killing 10 children and seizing weapons.")
	want := map[string][2]string{
		"rebels": {"NNS", "rebel"}, "said": {"VBD", "say"}, "had": {"VBD", "have"},
		"repelled": {"VBN", "repel"}, "warplanes": {"NNS", "warplane"}, "pounded": {"VBD", "pound"},
		"killing": {"VBG", "kill"}, "children": {"NNS", "child"}, "seizing": {"VBG", "seize"},
		"10": {"CD", "10"}, "Russian": {"JJ", "russian"},
	}
	for _, tk := range d.Tokens {
		if w, ok := want[tk.Text]; ok {
			if tk.Tag != w[0] || tk.Lemma != w[1] {
				t.Errorf("%s: got %s/%s, want %s/%s", tk.Text, tk.Tag, tk.Lemma, w[0], w[1])
			}
		}
	}
}

func TestLemmaRules(t *testing.T) {
	l, err := newLemmatizer()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ word, tag, want string }{
		{"killed", "VBD", "kill"}, {"shelled", "VBD", "shell"}, {"stopped", "VBD", "stop"},
		{"seized", "VBN", "seize"}, {"negotiated", "VBD", "negotiate"}, {"evacuated", "VBN", "evacuate"},
		{"making", "VBG", "make"}, {"using", "VBG", "use"}, {"firing", "VBG", "fire"},
		{"charged", "VBN", "charge"}, {"raided", "VBD", "raid"}, {"bombed", "VBD", "bomb"},
		{"carried", "VBD", "carry"}, {"decided", "VBD", "decide"}, {"besieged", "VBN", "besiege"},
		{"attacks", "VBZ", "attack"}, {"pushes", "VBZ", "push"}, {"casualties", "NNS", "casualty"},
		{"clashes", "NNS", "clash"}, {"forces", "NNS", "force"}, {"militias", "NNS", "militia"},
		{"crises", "NNS", "crisis"}, {"people", "NNS", "person"}, {"fled", "VBD", "flee"},
		{"struck", "VBD", "strike"}, {"withdrew", "VBD", "withdraw"}, {"largest", "JJS", "large"},
		{"Russians", "NNPS", "Russian"}, {"Aleppo", "NNP", "Aleppo"}, {"them", "PRP", "they"},
		{"n’t", "RB", "not"}, {"’ve", "VBP", "have"},
	}
	for _, c := range cases {
		if got := l.lemma(c.word, c.tag); got != c.want {
			t.Errorf("lemma(%s/%s) = %q, want %q", c.word, c.tag, got, c.want)
		}
	}
}

// The segmenter against the project's gold set of news-style cases.
func TestSegmentationGold(t *testing.T) {
	f, err := os.Open("testdata/segment_gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := eval.Segmentation(newAnalyzer(t), f, 20)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("segmentation gold: %d cases, P %.4f R %.4f F1 %.4f", rep.Cases, rep.Overall.Precision(), rep.Overall.Recall(), rep.Overall.F1())
	if rep.Overall.F1() < 0.98 {
		var b strings.Builder
		rep.Write(&b)
		t.Errorf("boundary F1 %.4f below 0.98:\n%s", rep.Overall.F1(), b.String())
	}
}

// ConfliBERT's dev sentences are single news sentences, many with wire
// datelines: each should come out as one sentence. Measures the false-split
// rate on text the segmenter was not written against.
func TestConfliBERTSentencesStayWhole(t *testing.T) {
	f, err := os.Open("../../shared/data/cameo/conflibert_dev.jsonl")
	if err != nil {
		t.Skipf("ConfliBERT dev data not present (%v)", err)
	}
	defer f.Close()
	a := newAnalyzer(t)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	total, split := 0, 0
	var examples []string
	for sc.Scan() {
		var c struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &c) != nil || strings.TrimSpace(c.Text) == "" {
			continue
		}
		total++
		d := a.Analyze(&sitrep.Article{Text: strings.TrimSpace(c.Text)})
		if len(d.Sentences) > 1 {
			split++
			if len(examples) < 10 {
				examples = append(examples, strings.Join(sentenceTexts(d), " ‖ "))
			}
		}
	}
	rate := float64(split) / float64(total)
	t.Logf("ConfliBERT dev: %d texts, %d split into more than one sentence (%.2f%%)", total, split, 100*rate)
	for _, e := range examples {
		t.Logf("  split: %s", e)
	}
	if rate > 0.05 {
		t.Errorf("false-split rate %.2f%% over 5%%", 100*rate)
	}
}

func BenchmarkAnalyzeSeed(b *testing.B) {
	seed, err := os.ReadFile("../../shared/seed/000_1af0f9234ddb5838.txt")
	if err != nil {
		b.Skipf("seed article not present: %v", err)
	}
	a := newAnalyzer(b)
	art := &sitrep.Article{Text: string(seed)}
	b.SetBytes(int64(len(seed)))
	b.ReportAllocs()
	for b.Loop() {
		a.Analyze(art)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkTokenizeSegment(b *testing.B) {
	seed, err := os.ReadFile("../../shared/seed/000_1af0f9234ddb5838.txt")
	if err != nil {
		b.Skipf("seed article not present: %v", err)
	}
	text := string(seed)
	b.SetBytes(int64(len(text)))
	var toks []tok
	var sents []sentenceRange
	for b.Loop() {
		toks = tokenize(text, toks[:0])
		sents = segment(text, toks, sents[:0])
	}
}
