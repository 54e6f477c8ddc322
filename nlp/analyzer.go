// Package nlp is sitrep's text layer: it splits an article into sentences
// and tokens with byte offsets, tags each token with its Penn Treebank part of
// speech and gives its lemma.
//
// Tokenization and sentence segmentation are written here for news: wire
// datelines, abbreviations, quotes running over several sentences, lists,
// hard-wrapped text. Tagging uses the averaged-perceptron tagger of
// github.com/jdkato/prose/v3 on our tokens, with quotes, dashes and list
// markers tagged by rule. Lemmas come from a table of irregular forms
// (data/irregular.tsv) and suffix rules.
package nlp

import (
	"fmt"
	"strings"
	"sync"

	"github.com/jdkato/prose/v3/tag"

	"sitrep"
)

// Analyzer is the text layer. It is safe for concurrent use.
type Analyzer struct {
	tagger *tag.Tagger
	lem    *lemmatizer
	pool   sync.Pool // *scratch
}

type scratch struct {
	toks  []tok
	sents []sentenceRange
	ptoks []tag.Token
}

// New loads the tagger model and the lemma tables.
func New() (*Analyzer, error) {
	tg, err := tag.New()
	if err != nil {
		return nil, fmt.Errorf("loading part-of-speech model: %w", err)
	}
	lem, err := newLemmatizer()
	if err != nil {
		return nil, err
	}
	a := &Analyzer{tagger: tg, lem: lem}
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
		a.tag(s, d.Tokens[sr.first:sr.last], s.toks[sr.first:sr.last])
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

// aloneKind is the kind the tokenizer gives a word standing alone.
func aloneKind(w string) kind {
	var buf [4]tok
	ts := tokenize(w, buf[:0])
	if len(ts) == 1 {
		return ts[0].kind
	}
	return kWord
}

// tag tags one sentence. The model was trained on Penn Treebank text, so
// words are shown to it as the treebank writes them (“ as “, ’s as 's),
// and tokens whose tag follows from their kind are tagged by rule.
func (a *Analyzer) tag(s *scratch, out []sitrep.Token, toks []tok) {
	p := s.ptoks[:0]
	for i := range out {
		p = append(p, tag.Token{Text: treebankForm(out[i].Text, toks[i].kind)})
	}
	a.tagger.TagTokens(p)
	for i := range out {
		tg := p[i].Tag
		switch toks[i].kind {
		case kOpenQuote:
			tg = "``"
		case kCloseQuote:
			if tg != "POS" {
				tg = "''"
			}
		case kDash:
			tg = ":"
		case kListMarker:
			tg = "LS"
		case kOpenBracket:
			tg = "-LRB-"
		case kCloseBracket:
			tg = "-RRB-"
		case kTerminal:
			if tg != ":" {
				tg = "."
			}
		case kWord:
			if tg != "NNP" && isArabicName(out[i].Text) {
				tg = "NNP"
			}
			// The model tags some plurals it never saw as singular nouns:
			// "militias", "gunmen".
			if tg == "NN" && pluralForm(out[i].Text) {
				tg = "NNS"
			}
		case kNumber:
			if tg != "CD" && !strings.ContainsAny(out[i].Text, "abcdefghijklmnopqrstuvwxyz") {
				tg = "CD"
			}
		}
		out[i].Tag = tg
	}
	s.ptoks = p
}

// treebankForm is how the Penn Treebank writes a token.
func treebankForm(w string, k kind) string {
	switch k {
	case kOpenQuote:
		return "``"
	case kCloseQuote:
		if w == "’" || w == "'" {
			return "'"
		}
		return "''"
	case kDash:
		return "--"
	case kOpenBracket:
		return "-LRB-"
	case kCloseBracket:
		return "-RRB-"
	}
	if strings.ContainsRune(w, '’') {
		return strings.ReplaceAll(w, "’", "'")
	}
	if w == "…" {
		return "..."
	}
	return w
}

// isArabicName reports whether w is a name with a particle prefix, which the
// model, trained on American news of the 1980s, tags as a common noun:
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

// pluralForm reports whether a word tagged as a singular noun has a plural
// ending that is rarely singular: "-ias", "-men".
func pluralForm(w string) bool {
	lw := strings.ToLower(w)
	if len(lw) < 5 {
		return false
	}
	if strings.HasSuffix(lw, "ias") {
		return true
	}
	return strings.HasSuffix(lw, "men") && !strings.HasSuffix(lw, "omen") && !strings.HasSuffix(lw, "imen") && lw != "acumen" && lw != "stamen"
}
