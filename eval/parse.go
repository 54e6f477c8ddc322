package eval

import (
	"fmt"
	"io"
	"strings"

	"sitrep"
	"sitrep/conllu"
)

// ParseAnalyzer is the text layer as the parse task sees it: raw text in, or
// words already split into sentences (a treebank's gold tokens).
// *nlp.Analyzer implements it.
type ParseAnalyzer interface {
	Analyze(*sitrep.Article) *sitrep.Doc
	AnalyzeSentences(sents [][]string) *sitrep.Doc
}

// ParseOptions chooses how the parse task runs.
type ParseOptions struct {
	// RawText rebuilds each document's text from the gold forms and their
	// SpaceAfter, runs the whole text layer on it (tokenizer and sentence
	// segmenter included) and aligns the system's tokens to the gold words
	// on character offsets, as the CoNLL 2018 shared task does. Otherwise the
	// gold words are handed to the analyzer as they are.
	RawText bool
	// MaxErrors caps the sentences listed with their wrong heads and labels.
	MaxErrors int
}

// Count is one figure of a parse evaluation: how many system items were
// right, out of how many gold and how many system items. With gold tokens
// Gold == System and precision, recall and F1 are all the accuracy.
type Count struct {
	Name                  string
	Correct, Gold, System int
}

// Precision is Correct / System.
func (c Count) Precision() float64 { return ratio(c.Correct, c.System) }

// Recall is Correct / Gold.
func (c Count) Recall() float64 { return ratio(c.Correct, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Count) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ParseReport is the result of the parse task.
type ParseReport struct {
	Mode      string // "gold tokens" or "raw text"
	Sentences int    // gold sentences
	Words     int    // gold words
	// Metrics are, in order: Tokens, Sentences and Words (raw text only),
	// UPOS, XPOS, Lemmas, Lemmas ignoring case, UAS, LAS, and LAS on the
	// universal part of the label (before ':').
	Metrics []Count
	// Relations is the labelled attachment score for each relation of
	// ParseRelations: recall over the gold words with that relation,
	// precision over the system words given it.
	Relations []Count
	// Errors shows some sentences with wrong heads or labels.
	Errors []string
}

// ParseRelations are the relations scored one by one: those the coders read.
// obl:unmarked is what this UD release calls obl:tmod and obl:npmod.
var ParseRelations = []string{
	"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "obl:unmarked",
	"ccomp", "xcomp", "conj", "acl:relcl", "appos", "compound", "compound:prt",
	"nmod", "nmod:poss", "amod", "advcl", "aux", "aux:pass", "mark", "case", "cc", "det",
}

// Metric returns the figure of that name, or a zero Count.
func (r *ParseReport) Metric(name string) Count {
	for _, c := range r.Metrics {
		if c.Name == name {
			return c
		}
	}
	return Count{Name: name}
}

// Relation returns the figure of one relation, or a zero Count.
func (r *ParseReport) Relation(rel string) Count {
	for _, c := range r.Relations {
		if c.Name == rel {
			return c
		}
	}
	return Count{Name: rel}
}

// Write prints the report as a table. Punctuation is included in every
// figure, as in CoNLL 2018.
func (r *ParseReport) Write(w io.Writer) {
	fmt.Fprintf(w, "dependency parsing (%s): %d sentences, %d words; punctuation included\n", r.Mode, r.Sentences, r.Words)
	fmt.Fprintf(w, "%-22s %9s %9s %9s %7s %7s %7s\n", "", "precision", "recall", "F1", "correct", "gold", "system")
	line := func(name string, c Count) {
		fmt.Fprintf(w, "%-22s %9.4f %9.4f %9.4f %7d %7d %7d\n", name, c.Precision(), c.Recall(), c.F1(), c.Correct, c.Gold, c.System)
	}
	for _, c := range r.Metrics {
		line(c.Name, c)
	}
	fmt.Fprintln(w, "LAS by gold relation (recall over gold words with the relation; precision over system words given it):")
	for _, c := range r.Relations {
		line("  "+c.Name, c)
	}
	for _, e := range r.Errors {
		fmt.Fprint(w, e)
	}
}

// goldWord and sysWord are the words of the whole gold file and of the
// system's Docs, numbered across documents so that heads and alignments are
// plain indices.
type goldWord struct {
	sent                         int
	form, lemma, upos, xpos, rel string
	head                         int // index into gold words, -1 for the root
	start, end                   int // byte span in the rebuilt text (raw mode)
	sys                          int // aligned system word, or -1
}

type sysWord struct {
	text, lemma, upos, xpos, rel string
	head                         int // index into system words; -1 root; -2 none
	start, end                   int
	gold                         int // aligned gold word, or -1
}

const (
	sysRoot = -1
	sysNone = -2
)

type parseRun struct {
	sents  []*conllu.Sentence
	first  []int // index of each sentence's first gold word
	gold   []goldWord
	sys    []sysWord
	tokens Count
	sentsC Count
}

// Parse scores the tagger, lemmatizer and parser of an analyzer against a
// treebank read with conllu.
func Parse(an ParseAnalyzer, sents []*conllu.Sentence, opt ParseOptions) (*ParseReport, error) {
	run := &parseRun{sents: sents, first: make([]int, len(sents))}
	for si, s := range sents {
		run.first[si] = len(run.gold)
		for _, w := range s.Words {
			head := -1
			if w.Head > 0 {
				head = run.first[si] + w.Head - 1
			}
			run.gold = append(run.gold, goldWord{sent: si, form: w.Form, lemma: w.Lemma, upos: w.UPOS,
				xpos: w.XPOS, rel: w.Deprel, head: head, sys: -1})
		}
	}
	rep := &ParseReport{Sentences: len(sents), Words: len(run.gold)}
	var err error
	if opt.RawText {
		rep.Mode = "raw text"
		err = run.raw(an)
	} else {
		rep.Mode = "gold tokens"
		err = run.goldTokens(an)
	}
	if err != nil {
		return nil, err
	}
	run.score(rep, opt.RawText)
	run.errors(rep, opt.MaxErrors)
	return rep, nil
}

// appendDoc adds a Doc's tokens to the system words.
func (run *parseRun) appendDoc(d *sitrep.Doc) {
	off := len(run.sys)
	for _, t := range d.Tokens {
		h := sysNone
		switch {
		case t.Head >= 0 && t.Head < len(d.Tokens):
			h = off + t.Head
		case t.Head < 0 && t.Dep == "root":
			h = sysRoot
		}
		run.sys = append(run.sys, sysWord{text: t.Text, lemma: t.Lemma, upos: t.UPOS, xpos: t.Tag,
			rel: t.Dep, head: h, start: t.Start, end: t.End, gold: -1})
	}
}

// goldTokens runs the analyzer on the gold words, one sentence each, and
// pairs words one to one.
func (run *parseRun) goldTokens(an ParseAnalyzer) error {
	words := make([][]string, 0, len(run.sents))
	for _, s := range run.sents {
		f := make([]string, len(s.Words))
		for i, w := range s.Words {
			f[i] = w.Form
		}
		words = append(words, f)
	}
	d := an.AnalyzeSentences(words)
	if len(d.Tokens) != len(run.gold) {
		return fmt.Errorf("analyzer returned %d tokens for %d gold words", len(d.Tokens), len(run.gold))
	}
	if len(d.Sentences) != len(run.sents) {
		return fmt.Errorf("analyzer returned %d sentences for %d gold sentences", len(d.Sentences), len(run.sents))
	}
	for si, s := range d.Sentences {
		if s.First != run.first[si] || s.Last-s.First != len(run.sents[si].Words) {
			return fmt.Errorf("sentence %s: analyzer returned tokens %d..%d, want %d words from %d",
				run.sents[si].ID, s.First, s.Last, len(run.sents[si].Words), run.first[si])
		}
	}
	run.appendDoc(d)
	for i := range run.gold {
		run.gold[i].sys = i
		run.sys[i].gold = i
	}
	return nil
}

// surface is one gold token as it appears in the text: a plain word or a
// multiword token covering words first..last (indices into gold words).
type surface struct {
	first, last int
	start, end  int
	multi       bool
	form        string
}

// raw rebuilds each document's text, analyzes it and aligns. Words are
// written with a space after them unless their MISC says SpaceAfter=No (a
// multiword token is written once, as its surface form); sentences are
// separated by a space, paragraphs by a blank line; a document is a run of
// sentences from one newdoc comment to the next (the whole file when there
// are none).
func (run *parseRun) raw(an ParseAnalyzer) error {
	var goldSents [][2]int // sentence spans of the current document
	var toks []surface
	docStart := 0
	var b strings.Builder
	flush := func() error {
		text := b.String()
		if len(toks) == 0 {
			return nil
		}
		d := an.Analyze(&sitrep.Article{Text: text})
		if d.Article == nil || d.Article.Text != text {
			return fmt.Errorf("document starting at sentence %q: analyzer changed the text", run.sents[docStart].ID)
		}
		base := len(run.sys)
		run.appendDoc(d)
		run.align(toks, base)
		gs := make(map[[2]int]bool, len(goldSents))
		for _, sp := range goldSents {
			gs[sp] = true
		}
		run.sentsC.Gold += len(goldSents)
		run.sentsC.System += len(d.Sentences)
		for _, s := range d.Sentences {
			if gs[[2]int{s.Start, s.End}] {
				run.sentsC.Correct++
			}
		}
		toks, goldSents = toks[:0], goldSents[:0]
		b.Reset()
		return nil
	}
	for si, s := range run.sents {
		if si > 0 && s.NewDoc {
			if err := flush(); err != nil {
				return err
			}
			docStart = si
		}
		if b.Len() > 0 {
			text := strings.TrimRight(b.String(), " ")
			b.Reset()
			b.WriteString(text)
			if s.NewPar {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		first := len(toks)
		mi := 0
		base := run.first[si]
		for wi := 0; wi < len(s.Words); wi++ {
			for mi < len(s.Multi) && s.Multi[mi].Last < wi+1 {
				mi++
			}
			tk := surface{first: base + wi, last: base + wi, form: s.Words[wi].Form}
			space := s.Words[wi].SpaceAfter()
			if mi < len(s.Multi) && s.Multi[mi].First == wi+1 && s.Multi[mi].Last <= len(s.Words) {
				m := s.Multi[mi]
				tk = surface{first: base + m.First - 1, last: base + m.Last - 1, multi: true, form: m.Form}
				space = !strings.Contains(m.Misc, "SpaceAfter=No")
				wi = m.Last - 1
			}
			tk.start = b.Len()
			b.WriteString(tk.form)
			tk.end = b.Len()
			for g := tk.first; g <= tk.last; g++ {
				run.gold[g].start, run.gold[g].end = tk.start, tk.end
			}
			toks = append(toks, tk)
			if space {
				b.WriteByte(' ')
			}
		}
		if len(toks) > first {
			goldSents = append(goldSents, [2]int{toks[first].start, toks[len(toks)-1].end})
		}
	}
	return flush()
}

// align matches the system tokens of one document (run.sys[base:]) to the
// gold tokens of that document.
//
// A gold word matches a system token with the same character span. The
// words of a multiword token share the span of the whole token, so they are
// matched differently: when the words' forms, joined, spell the token
// ("don't" = "do" + "n't", "gonna" = "gon" + "na"), each word gets its own
// part of the span and matches a system token with exactly that part; when
// they do not ("won't" written "will" + "n't" in some treebanks), the system
// tokens that exactly tile the token's span match the words in order only if
// there are as many of them and their forms equal the words' (ignoring case).
// Either way a system that splits the token differently, or not at all,
// matches none of its words. CoNLL 2018's scorer aligns such words by the
// longest common subsequence of forms and can match some of them; ours is
// all or nothing, which only differs on splits that are partly right.
//
// A gold token matches when the system tokens exactly tile its span: one
// token with the same span for a plain word, one or more adjacent tokens
// for a multiword token. The system's token count then counts those tokens
// as one, since the system writes no multiword lines.
func (run *parseRun) align(toks []surface, base int) {
	sys := run.sys[base:]
	byStart := make(map[int]int, len(sys))
	for i := len(sys) - 1; i >= 0; i-- {
		byStart[sys[i].start] = base + i
	}
	// tile returns the system tokens exactly covering [a, b), or nil.
	tile := func(a, b int) []int {
		i, ok := byStart[a]
		if !ok {
			return nil
		}
		var out []int
		for ; i < len(run.sys); i++ {
			s := run.sys[i]
			if len(out) > 0 && s.start != run.sys[out[len(out)-1]].end {
				return nil
			}
			out = append(out, i)
			if s.end == b {
				return out
			}
			if s.end > b {
				return nil
			}
		}
		return nil
	}
	link := func(g, s int) {
		run.gold[g].sys = s
		run.sys[s].gold = g
	}
	run.tokens.Gold += len(toks)
	run.tokens.System += len(sys)
	for _, tk := range toks {
		t := tile(tk.start, tk.end)
		if t != nil {
			run.tokens.Correct++
			run.tokens.System -= len(t) - 1
		}
		if !tk.multi {
			if len(t) == 1 {
				link(tk.first, t[0])
			}
			continue
		}
		n := tk.last - tk.first + 1
		joined := ""
		for g := tk.first; g <= tk.last; g++ {
			joined += run.gold[g].form
		}
		if len(joined) == tk.end-tk.start && strings.EqualFold(joined, tk.form) {
			at := tk.start
			for g := tk.first; g <= tk.last; g++ {
				a, b := at, at+len(run.gold[g].form)
				at = b
				if s, ok := byStart[a]; ok && run.sys[s].end == b {
					link(g, s)
				}
			}
			continue
		}
		if len(t) == n {
			same := true
			for k, s := range t {
				if !strings.EqualFold(run.sys[s].text, run.gold[tk.first+k].form) {
					same = false
				}
			}
			if same {
				for k, s := range t {
					link(tk.first+k, s)
				}
			}
		}
	}
}

// universal is a relation without its subtype: "nsubj:pass" -> "nsubj".
func universal(rel string) string {
	if k := strings.IndexByte(rel, ':'); k >= 0 {
		return rel[:k]
	}
	return rel
}

// headRight reports whether aligned gold word g and system word s have the
// same head: both the root, or heads that are aligned to each other.
func (run *parseRun) headRight(g, s int) bool {
	gh, sh := run.gold[g].head, run.sys[s].head
	if gh < 0 {
		return sh == sysRoot
	}
	return sh >= 0 && run.gold[gh].sys == sh
}

func (run *parseRun) score(rep *ParseReport, raw bool) {
	ng, ns := len(run.gold), len(run.sys)
	upos := Count{Name: "UPOS", Gold: ng, System: ns}
	xpos := Count{Name: "XPOS", Gold: ng, System: ns}
	lem := Count{Name: "Lemmas", Gold: ng, System: ns}
	lemc := Count{Name: "Lemmas (any case)", Gold: ng, System: ns}
	uas := Count{Name: "UAS", Gold: ng, System: ns}
	las := Count{Name: "LAS", Gold: ng, System: ns}
	ulas := Count{Name: "LAS (universal label)", Gold: ng, System: ns}
	words := Count{Name: "Words", Gold: ng, System: ns}
	rels := make(map[string]*Count, len(ParseRelations))
	for _, r := range ParseRelations {
		rels[r] = &Count{Name: r}
	}
	for g := range run.gold {
		gw := &run.gold[g]
		if c := rels[gw.rel]; c != nil {
			c.Gold++
		}
		s := gw.sys
		if s < 0 {
			continue
		}
		sw := &run.sys[s]
		words.Correct++
		if sw.upos == gw.upos {
			upos.Correct++
		}
		if sw.xpos == gw.xpos {
			xpos.Correct++
		}
		if sw.lemma == gw.lemma {
			lem.Correct++
		}
		if strings.EqualFold(sw.lemma, gw.lemma) {
			lemc.Correct++
		}
		if run.headRight(g, s) {
			uas.Correct++
			if sw.rel == gw.rel {
				las.Correct++
				if c := rels[gw.rel]; c != nil {
					c.Correct++
				}
			}
			if sw.rel != "" && universal(sw.rel) == universal(gw.rel) {
				ulas.Correct++
			}
		}
	}
	for s := range run.sys {
		if c := rels[run.sys[s].rel]; c != nil {
			c.System++
		}
	}
	if raw {
		run.tokens.Name, run.sentsC.Name = "Tokens", "Sentences"
		rep.Metrics = append(rep.Metrics, run.tokens, run.sentsC, words)
	}
	rep.Metrics = append(rep.Metrics, upos, xpos, lem, lemc, uas, las, ulas)
	for _, r := range ParseRelations {
		rep.Relations = append(rep.Relations, *rels[r])
	}
}

// errors lists up to max sentences that have a word with a wrong head or
// label, or a gold word no system word is aligned to, with each such word's
// gold and system analysis.
func (run *parseRun) errors(rep *ParseReport, max int) {
	if max <= 0 {
		return
	}
	headName := func(h int, forms func(int) string) string {
		switch {
		case h == sysRoot:
			return "ROOT"
		case h == sysNone:
			return "-"
		}
		return forms(h)
	}
	goldForm := func(h int) string { return fmt.Sprintf("%s/%d", run.gold[h].form, h-run.first[run.gold[h].sent]+1) }
	sysForm := func(h int) string {
		if g := run.sys[h].gold; g >= 0 {
			return fmt.Sprintf("%s/%d", run.sys[h].text, g-run.first[run.gold[g].sent]+1)
		}
		return run.sys[h].text + "/?"
	}
	for si, s := range run.sents {
		if len(rep.Errors) >= max {
			return
		}
		var b strings.Builder
		for wi := range s.Words {
			g := run.first[si] + wi
			gw := run.gold[g]
			gold := fmt.Sprintf("%s <-%s- %s", gw.form, gw.rel, headName(gw.head, goldForm))
			if gw.sys < 0 {
				fmt.Fprintf(&b, "    %3d %-40s system: no token with this span\n", wi+1, gold)
				continue
			}
			sw := run.sys[gw.sys]
			if run.headRight(g, gw.sys) && sw.rel == gw.rel {
				continue
			}
			rel := sw.rel
			if rel == "" {
				rel = "?"
			}
			fmt.Fprintf(&b, "    %3d %-40s system: %s <-%s- %s\n", wi+1, gold, sw.text, rel, headName(sw.head, sysForm))
		}
		if b.Len() == 0 {
			continue
		}
		text := s.Text
		if text == "" {
			f := make([]string, len(s.Words))
			for i, w := range s.Words {
				f[i] = w.Form
			}
			text = strings.Join(f, " ")
		}
		rep.Errors = append(rep.Errors, fmt.Sprintf("  sentence %s: %s\n%s", s.ID, text, b.String()))
	}
}
