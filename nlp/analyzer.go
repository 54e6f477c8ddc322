// Package nlp is sitrep's text layer: it splits an article into sentences
// and tokens with byte offsets, tags each token with its Penn Treebank and
// Universal part of speech, parses each sentence into Universal Dependencies
// and gives each token its lemma.
//
// Tokenization and sentence segmentation are written here for news: wire
// datelines, abbreviations, quotes running over several sentences, lists,
// hard-wrapped text. Tagging and parsing use sitrep's own model (package
// syntax, trained on the UD English treebanks), with quotes, brackets and
// list markers tagged by rule. Lemmas come from a table of irregular forms
// (data/irregular.tsv) and suffix rules.
package nlp

import (
	"fmt"
	"strings"
	"sync"

	"sitrep"
	"sitrep/syntax"
)

// Analyzer is the text layer. It is safe for concurrent use.
//
// It tags every sentence. It parses every sentence too unless Selective is
// set; then a sentence is parsed when its tree is first read through the
// Doc's methods (the Analyzer is the Doc's Syntax), so that sentences no
// coder looks into cost no parsing. Tokens of an unparsed sentence have
// Head -1 and Dep "".
type Analyzer struct {
	Selective bool

	model *syntax.Model
	lem   *lemmatizer
	pool  sync.Pool // *scratch
}

type scratch struct {
	toks  []tok
	sents []sentenceRange
	words []string
	an    syntax.Analysis
}

// New loads the syntax model and the lemma tables.
func New() (*Analyzer, error) {
	m, err := syntax.Default()
	if err != nil {
		return nil, fmt.Errorf("loading the tagger and parser: %w", err)
	}
	lem, err := newLemmatizer()
	if err != nil {
		return nil, err
	}
	a := &Analyzer{model: m, lem: lem}
	a.pool.New = func() any { return new(scratch) }
	return a, nil
}

// Analyze builds the Doc of an article.
func (a *Analyzer) Analyze(art *sitrep.Article) *sitrep.Doc {
	s := a.pool.Get().(*scratch)
	defer a.pool.Put(s)
	s.toks = tokenize(art.Text, s.toks[:0])
	s.sents = segment(art.Text, s.toks, s.sents[:0])
	return a.build(art, s)
}

// build makes the Doc from the tokens and sentences in s, and tags, parses
// and lemmatizes it.
func (a *Analyzer) build(art *sitrep.Article, s *scratch) *sitrep.Doc {
	text := art.Text
	d := &sitrep.Doc{
		Article:   art,
		Sentences: make([]sitrep.Sentence, len(s.sents)),
		Tokens:    make([]sitrep.Token, len(s.toks)),
	}
	if a.Selective {
		d.Syntax = a
	}
	for i, t := range s.toks {
		d.Tokens[i] = sitrep.Token{Text: text[t.start:t.end], Start: t.start, End: t.end, Head: -1}
	}
	for i, sr := range s.sents {
		first, last := s.toks[sr.first], s.toks[sr.last-1]
		d.Sentences[i] = sitrep.Sentence{
			Index: i, Start: first.start, End: last.end,
			Text: text[first.start:last.end], Para: sr.para,
			First: sr.first, Last: sr.last,
		}
		a.tag(s, d.Tokens[sr.first:sr.last], s.toks[sr.first:sr.last], sr.first, !a.Selective)
	}
	for i := range d.Tokens {
		t := &d.Tokens[i]
		t.Lemma = a.lem.lemma(t.Text, t.Tag)
	}
	return d
}

// AnalyzeSentences builds the Doc of text that is already split into
// sentences and words, as a treebank gives it: the words are kept as they
// are, joined by single spaces, with a newline between sentences. It is how
// the tagger and parser are measured on gold tokens.
func (a *Analyzer) AnalyzeSentences(sents [][]string) *sitrep.Doc {
	s := a.pool.Get().(*scratch)
	defer a.pool.Put(s)
	var b strings.Builder
	s.toks = s.toks[:0]
	s.sents = s.sents[:0]
	for si, words := range sents {
		if si > 0 {
			b.WriteByte('\n')
		}
		first := len(s.toks)
		for wi, w := range words {
			if wi > 0 {
				b.WriteByte(' ')
			}
			start := b.Len()
			b.WriteString(w)
			s.toks = append(s.toks, tok{start: start, end: b.Len(), kind: aloneKind(w)})
		}
		if len(s.toks) > first {
			s.sents = append(s.sents, sentenceRange{first: first, last: len(s.toks)})
		}
	}
	text := b.String()
	return a.build(&sitrep.Article{Text: text}, s)
}

// aloneKind is the kind the tokenizer gives a word standing alone. A
// straight quote alone does not say whether it opens or closes; the tagger
// tells from its neighbours.
func aloneKind(w string) kind {
	if w == "\"" || w == "'" {
		return kPunct
	}
	var buf [4]tok
	ts := tokenize(w, buf[:0])
	if len(ts) != 1 {
		return kWord
	}
	if ts[0].kind == kListMarker {
		// Alone, every word starts a line; in its sentence it need not.
		return kPunct
	}
	return ts[0].kind
}

// tag tags one sentence with the syntax model, and parses it when parse is
// set, then corrects the tags that follow from how the tokenizer saw a
// token: quotes it knows to open or close, brackets, list markers, particle
// names, numbers.
func (a *Analyzer) tag(s *scratch, out []sitrep.Token, toks []tok, first int, parse bool) {
	words := s.wordsOf(out)
	an := &s.an
	if parse {
		a.model.Analyze(words, an)
	} else {
		an.XPOS = resize(an.XPOS, len(words))
		an.UPOS = resize(an.UPOS, len(words))
		a.model.Tag(words, an.XPOS, an.UPOS)
	}
	for i := range out {
		tg, up := an.XPOS[i], an.UPOS[i]
		switch toks[i].kind {
		case kOpenQuote:
			tg, up = "``", "PUNCT"
		case kCloseQuote:
			if tg != "POS" {
				tg, up = "''", "PUNCT"
			}
		case kListMarker:
			tg, up = "LS", "X"
		case kOpenBracket:
			tg, up = "-LRB-", "PUNCT"
		case kCloseBracket:
			tg, up = "-RRB-", "PUNCT"
		case kWord:
			if tg != "NNP" && isArabicName(out[i].Text) {
				tg, up = "NNP", "PROPN"
			}
		case kNumber:
			if tg != "CD" && !strings.ContainsAny(out[i].Text, "abcdefghijklmnopqrstuvwxyz") {
				tg, up = "CD", "NUM"
			}
		}
		out[i].Tag, out[i].UPOS = tg, up
	}
	if parse {
		setTree(out, an, first)
	}
}

// setTree copies a sentence's parse onto its tokens, heads turned into
// indices into Doc.Tokens.
func setTree(out []sitrep.Token, an *syntax.Analysis, first int) {
	for i := range out {
		out[i].Dep = an.Deps[i]
		if h := an.Heads[i]; h >= 0 {
			out[i].Head = first + h
		} else {
			out[i].Head = -1
		}
	}
}

// ParseSentence parses sentence si of d, if it is not parsed yet, and sets
// its tokens' heads and relations. The parser reads the tags the tokens
// already have.
func (a *Analyzer) ParseSentence(d *sitrep.Doc, si int) {
	if si < 0 || si >= len(d.Sentences) {
		return
	}
	sent := d.Sentences[si]
	out := d.Tokens[sent.First:sent.Last]
	if len(out) == 0 || out[0].Dep != "" {
		return
	}
	s := a.pool.Get().(*scratch)
	defer a.pool.Put(s)
	words := s.wordsOf(out)
	an := &s.an
	an.XPOS, an.UPOS = an.XPOS[:0], an.UPOS[:0]
	for i := range out {
		an.XPOS = append(an.XPOS, out[i].Tag)
		an.UPOS = append(an.UPOS, out[i].UPOS)
	}
	a.model.ParseTagged(words, an)
	setTree(out, an, sent.First)
}

// wordsOf returns the texts of tokens, in the scratch's reused slice.
func (s *scratch) wordsOf(toks []sitrep.Token) []string {
	s.words = s.words[:0]
	for i := range toks {
		s.words = append(s.words, toks[i].Text)
	}
	return s.words
}

func resize(a []string, n int) []string {
	if cap(a) < n {
		return make([]string, n)
	}
	return a[:n]
}

// isArabicName reports whether w is a name with a particle prefix, which
// the tagger, having seen few of them, may take for a common noun:
// "al-Assad", "al-Sham", "bin-Laden", "el-Sisi".
func isArabicName(w string) bool {
	k := strings.IndexByte(w, '-')
	if k <= 0 || k+1 >= len(w) || !isUpper(w[k+1:]) {
		return false
	}
	return nameParticles[strings.ToLower(w[:k])]
}

var nameParticles = setOf("al", "el", "ad", "ar", "as", "ash", "at", "az", "an",
	"ad", "bin", "ibn", "abu", "abd", "bint", "ben", "ould", "wad")

// Words splits a phrase into the token texts the text layer would make of
// it, so that dictionary phrases and article tokens compare equal.
func Words(phrase string) []string {
	toks := tokenize(phrase, nil)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = phrase[t.start:t.end]
	}
	return out
}

// Lemma returns the lemma of a word with the given Penn tag.
func (a *Analyzer) Lemma(word, tag string) string { return a.lem.lemma(word, tag) }
