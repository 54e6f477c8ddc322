// Package attrib finds who says what: direct quotes with their speakers,
// and reported claims ("X said that ...", "..., officials said", "according
// to X") with their speaker, cue and content. It runs after the actor
// annotator, whose noun phrases and actors give the speakers.
package attrib

import (
	"strings"

	"sitrep"
	"sitrep/nlp"
)

// Annotator adds Quotes and Claims to a Doc. It implements sitrep.Annotator.
type Annotator struct{}

// Annotate finds the quotes and claims of d.
func (Annotator) Annotate(d *sitrep.Doc) {
	a := &state{d: d, phraseAt: map[int]int{}, mentions: map[*sitrep.Actor]*sitrep.Span{}}
	for k, p := range d.Phrases {
		for t := p.First; t < p.Last; t++ {
			a.phraseAt[t] = k
		}
	}
	a.inQuote = make([]bool, len(d.Tokens))
	groups := a.quotes()
	// Quotes and claims are attributed in the order they come, so that a
	// pronoun's antecedent and the speaker who goes on are the ones
	// before it.
	g := 0
	for si := range d.Sentences {
		for g < len(groups) && a.sentenceOf(groups[g][0].first) <= si {
			a.finishGroup(groups[g])
			g++
		}
		a.claims(si)
	}
	for ; g < len(groups); g++ {
		a.finishGroup(groups[g])
	}
	a.dropInnerQuotes()
}

// dropInnerQuotes removes the claims that sit inside another claim's
// content: a quote inside an indirect claim ("Toner said Washington had
// walked away ... “with frustration, outrage and sadness”"), and a claim
// reported within another ("Turkey said it planned to ..."): the outer
// report is the claim. The quote stays in Doc.Quotes.
func (a *state) dropInnerQuotes() {
	inside := func(c, o sitrep.Claim) bool {
		if c.Direct {
			return !o.Direct && o.Content.Start <= c.Content.Start && c.Content.End <= o.Content.End+3
		}
		at := c.Cue.Start
		if c.Cue.End <= c.Cue.Start {
			return false
		}
		return o.Content.Start <= at && at < o.Content.End && !(c.Content.Start <= o.Cue.Start && o.Cue.Start < c.Content.End)
	}
	out := a.d.Claims[:0]
	for i, c := range a.d.Claims {
		inner := false
		for j, o := range a.d.Claims {
			if i != j && inside(c, o) {
				inner = true
				break
			}
		}
		if !inner {
			out = append(out, c)
		}
	}
	a.d.Claims = out
}

type state struct {
	d        *sitrep.Doc
	phraseAt map[int]int
	inQuote  []bool
	// last is the speaker of the latest quote, for a quote that goes on
	// without a new attribution.
	last     *sitrep.Actor
	lastPara int
	// mentions holds, for a speaker resolved from a pronoun, the pronoun.
	mentions map[*sitrep.Actor]*sitrep.Span
	// gender maps a surname to the gender the document gives it ("m",
	// "f", "?" when it gives both); built when first needed.
	gender map[string]string
}

func (a *state) tok(i int) *sitrep.Token { return &a.d.Tokens[i] }

// lemma is token i's lemma, lower-cased. A verb whose lemma no word list
// knows is tried in its other likely forms, as the lemmatizer may cut one
// wrongly ("welcomed" -> "welcom").
func (a *state) lemma(i int) string {
	l := strings.ToLower(a.d.Tokens[i].Lemma)
	if !isVerb(a.d.Tokens[i].Tag) || cue(l) {
		return l
	}
	w := strings.ToLower(a.d.Tokens[i].Text)
	for _, suf := range []string{"ed", "es", "s", "ing"} {
		if b, ok := strings.CutSuffix(w, suf); ok {
			for _, c := range []string{b, b + "e"} {
				if cue(c) {
					return c
				}
			}
		}
	}
	return l
}

func (a *state) sentenceOf(i int) int { return a.d.SentenceAt(a.tok(i).Start) }

func (a *state) para(i int) int {
	if s := a.sentenceOf(i); s >= 0 {
		return a.d.Sentences[s].Para
	}
	return -1
}

// segment is one stretch of a quotation: its opening mark, its content
// tokens [first, last] and the token that ends it (the closing mark, or
// the last token when the quote runs on into the next paragraph).
type segment struct {
	open, first, last, end int
	closed                 bool
}

// quotes finds every quotation: from an opening quote mark to its closing
// one, or to the end of its paragraph when the next paragraph opens a quote
// again (a quotation running over paragraphs). Segments that make one
// quotation share one speaker and become one quote: a quotation running
// over paragraphs, and one interrupted by its attribution (“...,” he said,
// “...”, or “....” he said. “...”).
func (a *state) quotes() [][]segment {
	toks := a.d.Tokens
	var segs []segment
	for i := 0; i < len(toks); i++ {
		if !a.opens(i) {
			continue
		}
		j, closed := a.closing(i, true)
		if !closed {
			// No balanced close in the paragraph: an opening mark ends the
			// quote (a closing mark was left out).
			j, closed = a.closing(i, false)
		}
		contentEnd := j - 1
		end := j - 1
		if closed {
			end = j
		}
		if contentEnd <= i {
			continue
		}
		for k := i; k <= end; k++ {
			a.inQuote[k] = true
		}
		segs = append(segs, segment{open: i, first: i + 1, last: contentEnd, end: end, closed: closed})
		i = end
	}
	var groups [][]segment
	for k := 0; k < len(segs); {
		n := k + 1
		for n < len(segs) && a.continues(segs[n-1], segs[n]) {
			n++
		}
		groups = append(groups, segs[k:n])
		k = n
	}
	return groups
}

// closing finds the mark that closes the quote opened at i, in its
// paragraph, and reports whether there is one; else it returns where the
// quote stops. A quote within a double-quoted one (“People say, ‘It
// doesn't matter,’” ...) is part of it; with nest set, so is one in the
// same marks (“... what he calls “hell” than ...”), its marks balanced.
func (a *state) closing(i int, nest bool) (int, bool) {
	toks := a.d.Tokens
	p := a.para(i)
	double := doubleMark(toks[i].Text)
	depth := 0
	j := i + 1
	for ; j < len(toks); j++ {
		if a.para(j) != p {
			return j, false
		}
		if double && (toks[j].Tag == "``" || toks[j].Tag == "''") && !doubleMark(toks[j].Text) {
			continue
		}
		if toks[j].Tag == "''" {
			if depth > 0 {
				depth--
				continue
			}
			return j, true
		}
		if toks[j].Tag == "``" {
			if !nest {
				return j, false
			}
			depth++
		}
	}
	return j, false
}

// opens reports whether token i opens a quote: an opening mark, or a
// closing one that starts a paragraph before a word (”Fear. I am truly
// afraid ...", as some sites print it).
func (a *state) opens(i int) bool {
	t := a.tok(i)
	if t.Tag == "``" {
		return true
	}
	return t.Tag == "''" && (i == 0 || a.para(i-1) != a.para(i)) && i+1 < len(a.d.Tokens) &&
		a.para(i+1) == a.para(i) && clauseStart(a.tok(i+1))
}

// doubleMark reports whether a quotation mark is a double one: curly or
// straight double quotes, or two apostrophes. A double-quoted quote may
// hold single-quoted ones (‘ ’ and the straight apostrophe).
func doubleMark(m string) bool {
	switch m {
	case "‘", "’", "'", "`", "‚", "‹", "›":
		return false
	}
	return true
}

// continues reports whether segment b goes on with the quotation of a: a
// quote left open at a paragraph's end and reopened at the next one, or a
// quote that opens right after the attribution that follows a (“...,” he
// said, “...” and “...,” he said. “...”).
func (a *state) continues(x, y segment) bool {
	if !x.closed {
		return y.open == x.end+1 && a.para(y.open) == a.para(x.end)+1
	}
	if a.para(y.open) != a.para(x.end) || y.open-x.end > 40 {
		return false
	}
	// Between the two: an attribution with a saying verb, and nothing
	// else quoted; the second opens after a comma, colon or full stop.
	prev := a.tok(y.open - 1).Tag
	if prev == "CC" && y.open-2 > x.end {
		prev = a.tok(y.open - 2).Tag // “...,” he said, but “...”
	}
	if prev != "," && prev != ":" && prev != "." {
		return false
	}
	// The attribution is a speaker and one saying verb; a relative clause
	// may describe the speaker ("said Ms. Ortiz, who leads the group"),
	// but a second verb of its own makes a second statement ("Blige sings
	// to Clinton before asking her, “...”").
	verbs, saying, rel := 0, 0, false
	for k := x.end + 1; k < y.open; k++ {
		if a.inQuote[k] {
			return false
		}
		switch w := strings.ToLower(a.tok(k).Text); {
		case w == "who" || w == "which" || w == "whose":
			rel = true
		case a.tok(k).Text == "." || a.tok(k).Text == ":":
			rel = false
		case isVerb(a.tok(k).Tag) && !rel && a.tok(k).UPOS != "AUX":
			verbs++
			if nlp.Reporting(a.lemma(k)) {
				saying++
			}
		}
	}
	if verbs != 1 || saying != 1 {
		return false
	}
	// A full stop ends the attribution's sentence: the next quote must
	// open the sentence after it.
	if prev == "." && a.sentenceOf(y.open) == a.sentenceOf(x.end) && a.sentenceOf(y.first) == a.sentenceOf(x.end) {
		return false
	}
	return true
}

// finishGroup attributes the segments of one quotation and stores it as
// one quote and one direct claim. A short quote with no saying verb to
// attribute it (scare quotes: “de-escalation”, a title) is not a quote.
func (a *state) finishGroup(segs []segment) {
	first, last := segs[0], segs[len(segs)-1]
	var sp *sitrep.Actor
	var cue sitrep.Span
	// A transcript's label opens the quote: "WALLACE: But, Governor ...".
	if sp == nil {
		sp, cue = a.label(first)
	}
	// The attribution may follow any segment, or precede the first.
	for _, g := range segs {
		if sp != nil {
			break
		}
		if g.closed {
			if s, c := a.after(g.end); s != nil {
				sp, cue = s, c
				break
			}
		}
	}
	// A saying verb anywhere in the sentence before a stance verb: in
	// "agencies are considering “... options”, an official said" the
	// words are the official's.
	if sp == nil {
		sp, cue = a.colon(first.open)
	}
	for _, verb := range []func(string) bool{nlp.Reporting, isCue} {
		if sp == nil {
			sp, cue = a.before(first.open, verb)
		}
		if sp == nil {
			sp, cue = a.anywhere(first.open, last.end, verb)
		}
	}
	if sp == nil && len(segs) == 1 && a.scare(first) && !a.cueInSentence(first) {
		for k := first.open; k <= first.end; k++ {
			a.inQuote[k] = false
		}
		return
	}
	if sp == nil && a.last != nil && a.para(first.open) <= a.lastPara+1 {
		sp = a.last // the same speaker goes on
	}
	mention := a.mentions[sp]
	if sp != nil {
		a.last = sp
		a.lastPara = a.para(last.end)
	}
	toks := a.d.Tokens
	q := sitrep.Quote{
		Text:     a.d.Article.Text[toks[first.first].Start:toks[last.last].End],
		Start:    toks[first.first].Start,
		End:      toks[last.last].End,
		Sentence: a.sentenceOf(first.first),
	}
	if len(segs) > 1 {
		for _, g := range segs {
			q.Parts = append(q.Parts, a.span(g.first, g.last+1))
		}
	}
	cl := sitrep.Claim{Sentence: q.Sentence, Content: sitrep.Span{Text: q.Text, Start: q.Start, End: q.End}, Direct: true, Modality: sitrep.Claimed, Cue: cue, Parts: q.Parts}
	if sp != nil {
		s, c := *sp, *sp
		q.Speaker, cl.Speaker = &s, &c
		if mention != nil {
			m1, m2 := *mention, *mention
			q.SpeakerMention, cl.SpeakerMention = &m1, &m2
		}
	}
	a.d.Quotes = append(a.d.Quotes, q)
	a.d.Claims = append(a.d.Claims, cl)
}

// label reads a transcript's speaker label at the start of a quote: a
// name in capitals and a colon ("WALLACE: If I may, sir ...").
func (a *state) label(g segment) (*sitrep.Actor, sitrep.Span) {
	k := g.first
	for k <= g.last && k < g.first+3 && isUpperWord(a.tok(k).Text) {
		k++
	}
	if k == g.first || k > g.last || a.tok(k).Text != ":" {
		return nil, sitrep.Span{}
	}
	sp := a.span(g.first, k)
	return &sitrep.Actor{Text: sp.Text, Start: sp.Start, End: sp.End}, a.span(k, k+1)
}

func isUpperWord(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '.' || r == '-' || r == '\'':
		default:
			return false
		}
	}
	return letters >= 2
}

// colon reads a quote introduced by a colon: the speaker is the subject
// of the clause before it ("President Obama is rolling out a new message:
// “It's about me.”"), or, with no verb there (a headline: "A lesson from
// Loretta Lynch: ‘Be the voice ...’"), the last name before it.
func (a *state) colon(open int) (*sitrep.Actor, sitrep.Span) {
	c := open - 1
	if c < 0 || a.tok(c).Text != ":" || a.inQuote[c] {
		return nil, sitrep.Span{}
	}
	s := a.sentenceOf(c)
	if s < 0 {
		return nil, sitrep.Span{}
	}
	first := a.d.Sentences[s].First
	for v := c - 1; v >= first; v-- {
		if a.inQuote[v] {
			break
		}
		if isVerb(a.tok(v).Tag) && a.tok(v).UPOS != "AUX" && a.d.Head(v) < 0 || (isVerb(a.tok(v).Tag) && a.d.Rel(v) == "root") {
			if sp, _ := a.speakerOf(v); sp != nil {
				return sp, a.span(c, c+1)
			}
			return nil, sitrep.Span{}
		}
	}
	for k := c - 1; k >= first; k-- {
		if pk, ok := a.phraseAt[k]; ok && !a.inQuote[k] && a.personLike(pk) {
			if sp := a.speaker(pk); sp != nil {
				return sp, a.span(c, c+1)
			}
		}
	}
	return nil, sitrep.Span{}
}

// cueInSentence reports whether the sentence of a quote has, outside
// quotes, a verb that says, names or judges ("called him a “con artist”",
// "dismissed it as “nonsense”").
func (a *state) cueInSentence(g segment) bool {
	s := a.sentenceOf(g.first)
	if s < 0 {
		return false
	}
	for k := a.d.Sentences[s].First; k < a.d.Sentences[s].Last; k++ {
		if !a.inQuote[k] && (isVerb(a.tok(k).Tag) || a.tok(k).Tag == "NN") && cue(a.lemma(k)) {
			return true
		}
	}
	return false
}

// scare reports whether a quote is too short to be speech on its own: a
// word or two ("de-escalation", “too loud”), or a few words with no verb
// (a title: “Face the Nation”, “Legend in the Coal Fields.”).
func (a *state) scare(g segment) bool {
	words, verbs := 0, 0
	for k := g.first; k <= g.last; k++ {
		t := a.tok(k)
		if t.UPOS == "PUNCT" || !clauseStart(t) {
			continue
		}
		words++
		if isVerb(t.Tag) || t.Tag == "MD" {
			verbs++
		}
	}
	return words <= 3 || (verbs == 0 && words <= 8)
}

// after reads an attribution after a closing quote: `,” Toner said`, `,”
// said a fighter from ...`, `,” Toner said of ...`.
func (a *state) after(close int) (*sitrep.Actor, sitrep.Span) {
	s := a.sentenceOf(close)
	if s < 0 {
		return nil, sitrep.Span{}
	}
	end := a.d.Sentences[s].Last
	j := close + 1
	if j < end && a.tok(j).Text == "," {
		j++
	}
	if j >= end && close > 0 && (a.tok(close-1).Text == "?" || a.tok(close-1).Text == "!") && s+1 < len(a.d.Sentences) &&
		a.d.Sentences[s+1].Para == a.d.Sentences[s].Para {
		// “Does anybody know?” Graham asked: the question mark ended the
		// sentence before its attribution.
		end = a.d.Sentences[s+1].Last
	}
	// “...” ― Krystal Correa: a dash and a name sign the quote.
	if j < len(a.d.Tokens) {
		if t := a.tok(j).Text; (t == "―" || t == "—" || t == "–" || t == "-") && j+1 < len(a.d.Tokens) && a.para(j+1) == a.para(close) {
			if pk, ok := a.phraseAt[j+1]; ok && a.personLike(pk) {
				if sp := a.speaker(pk); sp != nil {
					return sp, a.span(j, j+1)
				}
			}
		}
	}
	if j >= end {
		return nil, sitrep.Span{}
	}
	// "said X"
	if isVerb(a.tok(j).Tag) && quoteVerb(a.lemma(j)) {
		if sp := a.speakerFrom(j + 1); sp != nil {
			return sp, a.span(j, j+1)
		}
	}
	// "X said", "Sen. Claire McCaskill (D-Mo.) said"
	if pk, ok := a.phraseAt[j]; ok {
		p := a.d.Phrases[pk]
		v := a.skipBrackets(p.Last, end)
		for v < end && (a.tok(v).Tag == "RB" || a.tok(v).Tag == "MD" || a.lemma(v) == "have") {
			v++
		}
		if v < end && isVerb(a.tok(v).Tag) && quoteVerb(a.lemma(v)) {
			if sp := a.speaker(pk); sp != nil {
				return sp, a.span(v, v+1)
			}
		}
	}
	// The tree: a verb just after the quote and its subject, which the
	// actor annotator need not have chunked (“...,” the letter reads).
	for v := j; v < end && v < j+8; v++ {
		if a.inQuote[v] || !isVerb(a.tok(v).Tag) {
			continue
		}
		if !quoteVerb(a.lemma(v)) {
			break
		}
		if subj := a.d.Dependent(v, "nsubj"); subj >= j && subj < v {
			if pk, ok := a.phraseAt[subj]; ok {
				if sp := a.speaker(pk); sp != nil {
					return sp, a.span(v, v+1)
				}
			} else if f, l := a.d.Subtree(subj); f >= j && l <= v {
				sp := a.span(f, l)
				return &sitrep.Actor{Text: sp.Text, Start: sp.Start, End: sp.End}, a.span(v, v+1)
			}
		}
		break
	}
	return nil, sitrep.Span{}
}

// skipBrackets returns the token after a bracketed group at k ("(D-Mo.)"),
// or k.
func (a *state) skipBrackets(k, end int) int {
	if k >= end || a.tok(k).Tag != "-LRB-" {
		return k
	}
	for j := k + 1; j < end && j < k+12; j++ {
		if a.tok(j).Tag == "-RRB-" {
			return j + 1
		}
	}
	return k
}

// quoteVerbs are verbs that attribute a quote they follow (“...,” the
// letter reads; “...!” they chanted) besides the saying and stance verbs.
var quoteVerbs = map[string]bool{
	"read": true, "shout": true, "yell": true, "scream": true, "whisper": true, "joke": true,
	"quip": true, "muse": true, "exclaim": true, "cry": true, "continue": true, "begin": true,
	"post": true, "recall": true, "interject": true, "retort": true, "snap": true, "plead": true,
}

func quoteVerb(lemma string) bool { return cue(lemma) || quoteVerbs[lemma] }

// before reads an attribution that introduces a quote: `Toner said: “`,
// `the minister told reporters “`, or a reporting verb earlier in the
// quote's sentence.
func (a *state) before(open int, verb func(string) bool) (*sitrep.Actor, sitrep.Span) {
	s := a.sentenceOf(open + 1)
	if s < 0 {
		return nil, sitrep.Span{}
	}
	first := a.d.Sentences[s].First
	for v := open - 1; v >= first; v-- {
		if a.inQuote[v] {
			break
		}
		if !isVerb(a.tok(v).Tag) || !verb(a.lemma(v)) {
			continue
		}
		if sp, _ := a.speakerOf(v); sp != nil {
			return sp, a.span(v, v+1)
		}
	}
	return nil, sitrep.Span{}
}

// speakerOf finds the speaker of a saying or stance verb at v: by word
// order, or from the tree. A participle ("..., saying", "papers opposing
// ...") takes the subject of the verb it hangs from, not the noun before
// it.
func (a *state) speakerOf(v int) (*sitrep.Actor, int) {
	if t := a.tok(v).Tag; t == "VBG" || t == "VBN" {
		if sp, at := a.treeSpeaker(v); sp != nil {
			return sp, at
		}
		if r := a.d.Rel(v); r == "acl" {
			return nil, -1
		}
	}
	if sp, at := a.subject(v); sp != nil {
		// Word order took the noun just before the verb; when the tree
		// says it hangs from a preposition ("Those close to the mayor
		// say"), the tree's subject speaks.
		if pk, ok := a.phraseAt[at]; ok {
			if r := a.d.Rel(a.d.Phrases[pk].Head); sitrep.HasRel(r, "obl") {
				if tsp, tat := a.treeSpeaker(v); tsp != nil && tat < at {
					return tsp, tat
				}
			}
		}
		return sp, at
	}
	return a.treeSpeaker(v)
}

// anywhere finds a reporting verb outside the quote in the quote's
// sentence and takes its speaker: a partial quote ("... considering
// “diplomatic, military ... options” to deal with the crisis, an official
// said").
func (a *state) anywhere(open, close int, verb func(string) bool) (*sitrep.Actor, sitrep.Span) {
	s := a.sentenceOf(open + 1)
	if s < 0 {
		return nil, sitrep.Span{}
	}
	for v := a.d.Sentences[s].First; v < a.d.Sentences[s].Last; v++ {
		if a.inQuote[v] || !isVerb(a.tok(v).Tag) || !verb(a.lemma(v)) {
			continue
		}
		if sp, _ := a.speakerOf(v); sp != nil {
			return sp, a.span(v, v+1)
		}
		if v > 0 && a.tok(v-1).Text == "," {
			if sp := a.speakerFrom(v + 1); sp != nil {
				return sp, a.span(v, v+1)
			}
		}
	}
	return nil, sitrep.Span{}
}

// subject finds the speaker before a reporting verb at v, over adverbs and
// auxiliaries, and the token where that speaker's phrase starts.
func (a *state) subject(v int) (*sitrep.Actor, int) {
	k := v - 1
	for k >= 0 && (a.tok(k).Tag == "RB" || a.tok(k).Tag == "MD" || a.lemma(k) == "have" || a.lemma(k) == "be") {
		k--
	}
	if k > 0 && a.tok(k).Tag == "-RRB-" {
		// "Rep. Trey Gowdy (R-S.C.) said"
		for j := k - 1; j >= 0 && j > k-12; j-- {
			if a.tok(j).Tag == "-LRB-" {
				k = j - 1
				break
			}
		}
	}
	if k < 0 {
		return nil, -1
	}
	// ", who", "..., the spokesman, said": step back over an appositive.
	if a.tok(k).Text == "," {
		for c := k - 1; c >= 0 && c >= k-25; c-- {
			if a.tok(c).Text == "," {
				if pk, ok := a.phraseAt[c-1]; ok && c > 0 {
					if sp := a.speaker(pk); sp != nil {
						return sp, a.d.Phrases[pk].First
					}
				}
				break
			}
		}
		return nil, -1
	}
	pk, ok := a.phraseAt[k]
	if !ok {
		return nil, -1
	}
	// "Sanders on Tuesday said", "Wells Fargo just this month announced":
	// step back over a time to the speaker.
	for n := 0; n < 2 && a.timePhrase(pk); n++ {
		j := a.d.Phrases[pk].First - 1
		for j >= 0 && (a.tok(j).Tag == "IN" || a.tok(j).Tag == "DT" || a.tok(j).Tag == "RB" || a.tok(j).Tag == "CD" || a.tok(j).Text == ",") {
			j--
		}
		q, ok := a.phraseAt[j]
		if j < 0 || !ok || a.d.Phrases[q].Sentence != a.d.Phrases[pk].Sentence {
			return nil, -1
		}
		pk = q
	}
	// Coordinated speakers: "The United States and other Western countries
	// say": the one the dictionaries know speaks for the group.
	for q := pk; ; {
		p := a.d.Phrases[q]
		if a.coded(q) {
			return a.speaker(q), a.d.Phrases[q].First
		}
		b := p.First - 1
		if b < 1 || (a.tok(b).Text != "and" && a.tok(b).Text != ",") {
			break
		}
		prev, ok := a.phraseAt[b-1]
		if !ok {
			break
		}
		q = prev
	}
	return a.speaker(pk), a.d.Phrases[pk].First
}

// coded reports whether a phrase names an actor with a code.
func (a *state) coded(pk int) bool {
	for _, ai := range a.d.Phrases[pk].Actors {
		if a.d.Actors[ai].Code != "" {
			return true
		}
	}
	return false
}

// speakerFrom reads the speaker phrase starting at j: "a fighter from the
// Failaq al-Sham rebel group who gave his name as Abdullah al-Halabi".
func (a *state) speakerFrom(j int) *sitrep.Actor {
	for k := j; k < len(a.d.Tokens) && k <= j+2; k++ {
		if pk, ok := a.phraseAt[k]; ok {
			return a.speaker(pk)
		}
	}
	return nil
}

// speaker turns a phrase into the actor who speaks: its actor; for a
// pronoun or a bare title, the latest compatible speaker or actor; for
// "a fighter from X", X's code with the fighter's words; a name given in
// "who gave his name as N" becomes the actor's name.
func (a *state) speaker(pk int) *sitrep.Actor {
	p := a.d.Phrases[pk]
	if a.inQuote[p.Head] {
		return nil // words inside a quote are what is said, not who says it
	}
	if p.Pronoun {
		w := strings.ToLower(a.tok(p.First).Text)
		if w == "he" || w == "she" || w == "they" || w == "it" {
			ant := a.antecedent(pk)
			if ant != nil {
				m := a.span(p.First, p.First+1)
				a.mentions[ant] = &m
			}
			return ant
		}
		return nil
	}
	var act *sitrep.Actor
	switch {
	case len(p.Actors) > 0:
		x := a.d.Actors[p.Actors[0]]
		act = &x
	case p.Modifier >= 0:
		x := a.d.Actors[p.Modifier]
		act = &x
	case p.Place && a.ownGender(pk) == "" && !sitrep.HasRel(a.d.Rel(p.Head), "nsubj"):
		// "in Aleppo"; but "from Loretta Lynch" names a person, and a
		// subject ("In July, Gingrich dismissed") is no locative.
		return nil
	default:
		// Whoever the dictionaries do not know still speaks: "sources
		// said", "the poll shows".
		t := a.d.Tokens
		act = &sitrep.Actor{Text: a.d.Article.Text[t[p.First].Start:t[p.Last-1].End], Start: t[p.First].Start, End: t[p.Last-1].End}
	}
	// "a fighter from the Failaq al-Sham rebel group"
	if (act.Code == "" || strings.HasPrefix(act.Code, "---")) && p.Last+1 < len(a.d.Tokens) {
		if w := strings.ToLower(a.tok(p.Last).Text); w == "from" || w == "of" || w == "with" {
			j := p.Last + 1
			if j+1 < len(a.d.Tokens) && a.tok(j).Tag == "DT" {
				j++ // "from the Failaq al-Sham rebel group"
			}
			if qk, ok := a.phraseAt[j]; ok && len(a.d.Phrases[qk].Actors) > 0 {
				q := a.d.Actors[a.d.Phrases[qk].Actors[0]]
				if q.Code != "" {
					act.Code, act.Country, act.Role = q.Code, q.Country, q.Role
					act.Text = a.d.Article.Text[act.Start:q.End]
					act.End = q.End
				}
			}
		}
	}
	// A bare title ("the spokesman said") stands for the latest speaker
	// named with it.
	if act.Name == nil && a.last != nil && !strings.HasPrefix(a.tok(p.Head).Tag, "NNP") {
		head := strings.ToLower(a.tok(p.Head).Text)
		if strings.Contains(strings.ToLower(a.last.Text), head) {
			x := *a.last
			x.Text, x.Start, x.End = act.Text, act.Start, act.End
			act = &x
		}
	}
	if n := a.givenName(pk); n != "" {
		act.Name = &n
	}
	return act
}

// givenName reads "who gave his name as N" after a phrase.
func (a *state) givenName(pk int) string {
	p := a.d.Phrases[pk]
	s := a.sentenceOf(p.First)
	if s < 0 {
		return ""
	}
	end := a.d.Sentences[s].Last
	for k := p.Last; k+3 < end && k < p.Last+14; k++ {
		if a.lemma(k) == "give" && a.lemma(k+2) == "name" && strings.EqualFold(a.tok(k+3).Text, "as") && k+4 < end {
			j := k + 4
			for j < end && strings.HasPrefix(a.tok(j).Tag, "NNP") {
				j++
			}
			if j > k+4 {
				return a.d.Article.Text[a.tok(k+4).Start:a.tok(j-1).End]
			}
		}
	}
	return ""
}

// antecedent resolves a pronoun speaker ("he said", "it said") to whom it
// stands for: the speaker of a claim in this or the sentence before, or
// else the nearest earlier phrase that fits the pronoun (a person for he
// and she, of the pronoun's gender where a title or first name tells it; a
// group or several for they; an organisation or thing for it), looking
// back sentence by sentence, a sentence's subject first. Words inside a
// quote are never an antecedent: in "“Turkey will not allow this,” he
// said" he is not Turkey.
func (a *state) antecedent(pk int) *sitrep.Actor {
	p := a.d.Phrases[pk]
	w := strings.ToLower(a.tok(p.First).Text)
	si := p.Sentence
	// A fitting subject earlier in the same sentence ("Ham explained why
	// he ...") before anything else.
	if k := a.candidate(w, pk, si, true); k >= 0 {
		return a.named(k)
	}
	for k := len(a.d.Claims) - 1; k >= 0; k-- {
		c := a.d.Claims[k]
		if c.Sentence < si-1 {
			break
		}
		if c.Sentence <= si && c.Speaker != nil && a.fitsActor(w, c.Speaker) {
			x := *c.Speaker
			return &x
		}
	}
	for s := si; s >= 0 && s >= si-3; s-- {
		if k := a.candidate(w, pk, s, false); k >= 0 {
			return a.named(k)
		}
	}
	if a.last != nil && a.fitsActor(w, a.last) {
		x := *a.last
		return &x
	}
	return nil
}

// candidate returns the phrase of sentence s, before phrase pk, that
// pronoun w best stands for, or -1: a person's name over a noun, a subject
// over the rest, the nearest; with subject set, only a subject.
func (a *state) candidate(w string, pk, s int, subject bool) int {
	best, bestScore := -1, -1
	for k := pk - 1; k >= 0 && a.d.Phrases[k].Sentence >= s; k-- {
		q := a.d.Phrases[k]
		if q.Sentence != s || q.Pronoun || q.Place && a.ownGender(k) == "" || a.inQuote[q.Head] || !a.fits(w, k) {
			continue
		}
		subj := sitrep.HasRel(a.d.Rel(q.Head), "nsubj")
		if subject && !subj {
			continue
		}
		score := 0
		if a.named3(k) {
			score += 4
		}
		if subj {
			score += 2
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	return best
}

// named is the actor a phrase names: its actor, or its own words when the
// dictionaries do not know it.
func (a *state) named(pk int) *sitrep.Actor {
	p := a.d.Phrases[pk]
	if len(p.Actors) > 0 {
		x := a.d.Actors[p.Actors[0]]
		return &x
	}
	t := a.d.Tokens
	return &sitrep.Actor{Text: a.d.Article.Text[t[p.First].Start:t[p.Last-1].End], Start: t[p.First].Start, End: t[p.Last-1].End}
}

// sourceNouns are common nouns that can say or show something.
var sourceNouns = map[string]bool{
	"report": true, "poll": true, "survey": true, "study": true, "statement": true, "analysis": true,
	"data": true, "document": true, "ad": true, "advertisement": true, "video": true, "letter": true,
	"memo": true, "complaint": true, "lawsuit": true, "suit": true, "filing": true, "ruling": true,
	"review": true, "audit": true, "investigation": true, "article": true, "editorial": true,
	"column": true, "book": true, "tweet": true, "post": true, "email": true, "message": true,
	"record": true, "figure": true, "estimate": true, "census": true, "research": true, "paper": true,
	"government": true, "campaign": true, "group": true, "party": true, "committee": true,
	"agency": true, "company": true, "organization": true, "organisation": true, "administration": true,
	"court": true, "panel": true, "board": true, "council": true, "ministry": true, "office": true,
	"police": true, "army": true, "military": true, "force": true, "people": true, "critic": true,
	"supporter": true, "opponent": true, "voter": true, "member": true, "resident": true, "source": true,
	"observer": true, "monitor": true, "activist": true, "protester": true, "rebel": true, "militant": true,
	"fighter": true, "soldier": true, "worker": true, "family": true, "relative": true, "parent": true,
}

// sourceLike reports whether a phrase can be a source: a person, an actor
// the dictionaries know, a name, a pronoun, or a noun for a body, a group
// of people or a document ("the report", "critics").
func (a *state) sourceLike(pk int) bool {
	p := a.d.Phrases[pk]
	if p.Pronoun || a.personLike(pk) {
		return true
	}
	for _, ai := range p.Actors {
		if a.d.Actors[ai].Code != "" {
			return true
		}
	}
	head := a.tok(p.Head)
	if strings.HasPrefix(head.Tag, "NNP") && !a.timeOrPlace(pk) {
		return true
	}
	return sourceNouns[strings.ToLower(head.Lemma)] || personNouns[strings.ToLower(head.Lemma)]
}

// named3 reports whether a phrase names a person by name: a title and a
// name, a first name and a surname, or a known individual.
func (a *state) named3(pk int) bool {
	p := a.d.Phrases[pk]
	for _, ai := range p.Actors {
		if a.d.Actors[ai].Name != nil {
			return true
		}
	}
	if a.tok(p.Head).Tag != "NNP" {
		return false
	}
	if _, ok := titles[strings.ToLower(a.tok(p.First).Text)]; ok {
		return true
	}
	names := 0
	for k := p.First; k < p.Last; k++ {
		if a.tok(k).Tag == "NNP" {
			names++
		}
	}
	return names >= 2 && a.personLike(pk)
}

// fits reports whether phrase pk can be what pronoun w stands for.
func (a *state) fits(w string, pk int) bool {
	p := a.d.Phrases[pk]
	head := a.tok(p.Head)
	plural := (head.Tag == "NNS" || head.Tag == "NNPS") && !a.hasOrgWord(pk) // "Human Rights Watch" is one
	person := a.personLike(pk)
	switch w {
	case "he", "she":
		if !person || plural {
			return false
		}
		g := a.genderOf(pk)
		return g == "" || (g == "m") == (w == "he")
	case "they":
		return plural || (!person && len(p.Actors) > 0 && a.d.Actors[p.Actors[0]].Name == nil && head.Tag != "NNP")
	case "it":
		return !person && !plural
	}
	return false
}

// fitsActor is fits for a speaker already found, read from its words.
func (a *state) fitsActor(w string, x *sitrep.Actor) bool {
	for pk, p := range a.d.Phrases {
		if a.tok(p.First).Start <= x.Start && x.Start < a.tok(p.Last-1).End {
			return a.fits(w, pk)
		}
	}
	return w == "he" || w == "she" // a speaker with no phrase: a name
}

var titles = map[string]string{
	"mr.": "m", "mr": "m", "ms.": "f", "ms": "f", "mrs.": "f", "mrs": "f", "miss": "f",
	"sen.": "", "rep.": "", "gov.": "", "dr.": "", "gen.": "", "president": "", "senator": "",
	"governor": "", "secretary": "", "minister": "", "judge": "", "mayor": "", "prof.": "",
}

// personNouns are common nouns that name a person ("the spokesman said").
var personNouns = map[string]bool{
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "official": true, "president": true,
	"minister": true, "senator": true, "governor": true, "candidate": true, "nominee": true,
	"secretary": true, "director": true, "chairman": true, "chairwoman": true, "leader": true,
	"commander": true, "analyst": true, "economist": true, "professor": true, "expert": true,
	"adviser": true, "advisor": true, "aide": true, "lawyer": true, "attorney": true, "judge": true,
	"mayor": true, "chief": true, "man": true, "woman": true, "resident": true, "witness": true,
	"activist": true, "researcher": true, "author": true, "writer": true, "reporter": true,
	"doctor": true, "father": true, "mother": true, "husband": true, "wife": true, "son": true,
	"daughter": true, "ambassador": true, "envoy": true, "general": true, "colonel": true,
	"officer": true, "fighter": true, "soldier": true, "founder": true, "executive": true,
	"representative": true, "congressman": true, "congresswoman": true, "lawmaker": true,
	"strategist": true, "pollster": true, "historian": true, "host": true, "anchor": true,
	"moderator": true, "businessman": true, "mogul": true, "narrator": true, "voter": true,
}

// personLike reports whether a phrase names a person: a known individual,
// a name with a title or of two capitalised words or more, a single name
// the dictionaries do not know as a place or body, or a noun for a person.
func (a *state) personLike(pk int) bool {
	p := a.d.Phrases[pk]
	if a.hasOrgWord(pk) {
		return false // "the Syrian Observatory for Human Rights"
	}
	for _, ai := range p.Actors {
		if a.d.Actors[ai].Name != nil && a.d.Actors[ai].Role != nil && *a.d.Actors[ai].Role != "GOV" {
			return true
		}
	}
	head := a.tok(p.Head)
	switch r := a.d.Rel(p.Head); r {
	case "advmod", "amod", "case", "mark", "det", "cc", "discourse":
		return false // "Back when he wrote ...": no noun at all
	}
	if a.ownGender(pk) != "" && strings.HasPrefix(head.Tag, "NNP") {
		return true // "Loretta Lynch", "Mr. Clarke", whatever the gazetteer says
	}
	if a.timeOrPlace(pk) {
		return false // "Friday", "Europe"
	}
	if personNouns[strings.ToLower(head.Lemma)] {
		return true
	}
	if head.Tag != "NNP" {
		return false
	}
	if strings.EqualFold(a.tok(p.First).Text, "the") {
		return false // "the Florida Democratic Black Caucus": a body
	}
	for k := p.First; k < p.Last; k++ {
		if orgWord(strings.ToLower(a.tok(k).Text)) {
			return false
		}
	}
	if _, ok := titles[strings.ToLower(a.tok(p.First).Text)]; ok {
		return true
	}
	if len(p.Actors) > 0 {
		x := a.d.Actors[p.Actors[0]]
		if x.Name != nil {
			return true
		}
		if x.Code != "" {
			return false // a country or body
		}
	}
	names := 0
	for k := p.First; k < p.Last; k++ {
		if a.tok(k).Tag == "NNP" {
			names++
		}
	}
	return names >= 1 && !orgWord(strings.ToLower(head.Text))
}

// timePhrase reports whether a phrase is a date or time ("Tuesday",
// "this month", "3:25 p.m.").
func (a *state) timePhrase(pk int) bool {
	p := a.d.Phrases[pk]
	start := a.tok(p.Head).Start
	for _, t := range a.d.Times {
		if t.Start <= start && start < t.End {
			return true
		}
	}
	w := strings.ToLower(a.tok(p.Head).Text)
	return timeWords[w] || w == "p.m." || w == "a.m."
}

// timeOrPlace reports whether a phrase's head is a date or a place the
// annotators found.
func (a *state) timeOrPlace(pk int) bool {
	start := a.tok(a.d.Phrases[pk].Head).Start
	for _, t := range a.d.Times {
		if t.Start <= start && start < t.End {
			return true
		}
	}
	for _, p := range a.d.Places {
		if p.Start <= start && start < p.End {
			return true
		}
	}
	return timeWords[strings.ToLower(a.tok(a.d.Phrases[pk].Head).Text)]
}

// hasOrgWord reports whether a phrase has a word naming a body.
func (a *state) hasOrgWord(pk int) bool {
	p := a.d.Phrases[pk]
	for k := p.First; k < p.Last; k++ {
		if orgWord(strings.ToLower(a.tok(k).Text)) {
			return true
		}
	}
	return false
}

func orgWord(w string) bool {
	switch w {
	case "caucus", "coalition", "alliance", "federation", "club", "society", "movement", "front",
		"assembly", "parliament", "embassy", "school", "college", "hospital", "church", "tribe",
		"brigade", "battalion", "division", "regiment", "corps", "command", "cnn", "msnbc", "fox",
		"reuters", "press", "magazine", "channel", "show", "program", "programme", "project",
		"act", "bill", "law", "plan", "report", "study", "index", "street", "avenue", "observatory",
		"rights", "watch", "amnesty", "crescent", "cross", "monitor", "media",
		"unicef", "nations", "institution", "authority", "authorities", "militia",
		"brotherhood", "state", "tribunal":
		return true
	case "party", "committee", "campaign", "house", "department", "ministry", "agency", "office",
		"council", "court", "congress", "senate", "administration", "government", "center", "centre",
		"institute", "foundation", "association", "union", "university", "news", "times", "post",
		"journal", "network", "company", "corp.", "inc.", "group", "bank", "fund", "service", "board",
		"commission", "organization", "organisation", "forces", "army", "police", "poll", "survey":
		return true
	}
	return false
}

// genderOf tells a person's gender where the text does: a title (Mr.,
// Ms.) or a first name, on this phrase or on another naming the same
// surname in the document; "" when it does not.
func (a *state) genderOf(pk int) string {
	if a.gender == nil {
		a.gender = map[string]string{}
		for k, p := range a.d.Phrases {
			if g := a.ownGender(k); g != "" {
				sur := strings.ToLower(a.tok(p.Last - 1).Text)
				if old, ok := a.gender[sur]; ok && old != g {
					a.gender[sur] = "?"
				} else {
					a.gender[sur] = g
				}
			}
		}
	}
	if g := a.ownGender(pk); g != "" {
		return g
	}
	p := a.d.Phrases[pk]
	if g := a.gender[strings.ToLower(a.tok(p.Last-1).Text)]; g != "?" {
		return g
	}
	return ""
}

func (a *state) ownGender(pk int) string {
	p := a.d.Phrases[pk]
	for k := p.First; k < p.Last && k < p.First+4; k++ {
		w := strings.ToLower(a.tok(k).Text)
		if g := titles[w]; g != "" {
			return g
		}
		if g := firstNames[w]; g != "" && k+1 < p.Last && a.tok(k+1).Tag == "NNP" {
			return g
		}
		switch w {
		case "spokesman", "congressman", "businessman", "chairman", "father", "husband", "son":
			return "m"
		case "spokeswoman", "congresswoman", "chairwoman", "mother", "wife", "daughter", "woman":
			return "f"
		}
	}
	return ""
}

// firstNames are common first names with the gender they usually carry.
var firstNames = func() map[string]string {
	m := map[string]string{}
	for _, n := range strings.Fields(`hillary nancy elizabeth mary susan sarah michelle melania
		ivanka chelsea kellyanne donna hope huma debbie claire angela theresa marine jill
		loretta samantha madeleine condoleezza sheryl patricia linda barbara jennifer maria
		karen lisa emily anna laura julia rebecca rachel amy katherine catherine margaret
		jane ann anne helen alice sophie amina fatima aisha leila nadia maya olga irina
		yulia natalia tanya kamala gwen marcia stephanie christina krystal pamela sonya
		melanie liz alicia debra diane susana nikki sally kelly heather ruth carol lynn
		valerie ana angelina janet tammy brenda sheila loretta megyn neera ivana`) {
		m[n] = "f"
	}
	for _, n := range strings.Fields(`donald barack joe mike michael john james robert david
		william bill richard thomas charles george paul mark steven steve kevin brian jason
		jeff jeffrey tim timothy eric chris christopher ted marco rand bernie harry mitch
		newt rudy chuck lindsey ben benjamin jim tom dan daniel peter andrew vladimir sergei
		dmitry bashar recep emmanuel francois angus ahmed mohammed muhammad ali omar hassan
		hussein abdullah ibrahim khalid mahmoud xi narendra justin boris nicolas luis carlos
		jose juan pedro kim shinzo hans gary larry frank jack sean reince corey roger rex
		robby jesse al henry edward arthur walter albert fred harold ralph roy carl keith
		douglas leonard alan kevin gregory lawrence patrick sean bobby tony anthony matt
		matthew adam nathan aaron scott ryan jon marc ed pat jared reid ron ronald mitt`) {
		m[n] = "m"
	}
	return m
}()

func (a *state) span(i, j int) sitrep.Span {
	t := a.d.Tokens
	return sitrep.Span{Text: a.d.Article.Text[t[i].Start:t[j-1].End], Start: t[i].Start, End: t[j-1].End}
}

func isVerb(tag string) bool { return strings.HasPrefix(tag, "VB") }

// stanceVerbs are verbs that attribute a position to someone without
// reporting their words, as PolNeAR's annotators read them: "dismissed the
// report", "welcomed the move", "urged restraint", "called for talks".
var stanceVerbs = map[string]bool{
	"dismiss": true, "welcome": true, "insist": true, "deny": true, "warn": true, "urge": true,
	"reject": true, "praise": true, "criticize": true, "criticise": true, "condemn": true,
	"blast": true, "slam": true, "decry": true, "hail": true, "applaud": true, "accuse": true,
	"blame": true, "call": true, "describe": true, "dub": true, "label": true, "brand": true,
	"term": true, "characterize": true, "vow": true, "pledge": true, "threaten": true,
	"demand": true, "propose": true, "recommend": true, "agree": true, "endorse": true,
	"support": true, "oppose": true, "cite": true, "mock": true, "defend": true,
	"chant": true, "sing": true, "quote": true, "mention": true, "acknowledge": true,
	"want": true, "plan": true, "intend": true, "refuse": true, "decline": true, "seek": true,
	"liken": true, "compare": true, "rate": true,
	"attack": true, "offer": true, "understand": true, "view": true, "consider": true,
	"encourage": true, "persuade": true, "press": true, "push": true, "implore": true, "invite": true,
	"order": true, "instruct": true, "request": true, "require": true, "advise": true, "remind": true,
	"assure": true, "convince": true, "portray": true, "depict": true, "cast": true, "paint": true,
	"present": true, "promote": true, "champion": true, "favor": true, "favour": true, "prefer": true,
	"back": true, "resist": true, "denounce": true, "chide": true, "rebuke": true, "fault": true,
	"challenge": true, "dispute": true, "refute": true, "rebut": true, "counter": true,
	"downplay": true, "justify": true, "laud": true, "commend": true, "celebrate": true,
	"thank": true, "congratulate": true, "regret": true, "wish": true, "anticipate": true,
	"aim": true, "weigh": true, "contemplate": true, "unveil": true, "pitch": true,
	"recount": true, "repeat": true, "highlight": true, "detail": true, "outline": true,
	"complain": true, "answer": true, "vote": true, "refer": true, "imply": true, "forecast": true,
	"project": true, "calculate": true, "speak": true, "talk": true, "focus": true,
	"express": true, "embrace": true, "voice": true, "plead": true, "boast": true,
	"discuss": true, "release": true, "publish": true, "issue": true,
	"point": true, "ask": true, "question": true, "doubt": true, "worry": true, "wonder": true,
	"announce": true, "claim": true, "concede": true, "lament": true, "tout": true,
}

// cue reports whether a lemma attributes words or a position: a verb of
// saying or a stance verb.
func cue(lemma string) bool { return nlp.Reporting(lemma) || stanceVerbs[lemma] }

var isCue = cue

// claims finds the indirect claims of sentence si: a reporting verb with a
// speaker, and what it reports, after it ("X said (that) ...") or before
// it ("..., X said"); and "according to X".
func (a *state) claims(si int) {
	s := a.d.Sentences[si]
	a.headline(si)
	for v := s.First; v < s.Last; v++ {
		if a.inQuote[v] {
			continue
		}
		t := a.tok(v)
		if strings.EqualFold(t.Text, "according") && v+2 < s.Last && strings.EqualFold(a.tok(v+1).Text, "to") {
			a.according(si, v)
			continue
		}
		if isVerb(t.Tag) && !nlp.Reporting(a.lemma(v)) && stanceVerbs[a.lemma(v)] {
			a.stance(si, v)
			continue
		}
		if strings.HasPrefix(t.Tag, "NN") && claimNouns[strings.ToLower(t.Lemma)] && a.d.Dependent(v, "nmod:poss") >= 0 {
			a.nominal(si, v) // "Trump's claim that there have been ..."
			continue
		}
		if (strings.HasPrefix(t.Tag, "JJ") || strings.HasPrefix(t.Tag, "NN")) && stancePredicates[strings.ToLower(t.Lemma)] && a.d.Dependent(v, "cop") >= 0 {
			a.stance(si, v) // "Graham has been critical of Trump"
			continue
		}
		if !isVerb(t.Tag) || !nlp.Reporting(a.lemma(v)) {
			continue
		}
		if v+1 < s.Last && a.tok(v+1).Tag == "IN" && stancePreps[strings.ToLower(a.tok(v+1).Text)] && a.d.Dependent(v, "ccomp") < 0 {
			a.stance(si, v) // "complained about the delays"
			continue
		}
		mod := sitrep.Claimed
		if nlp.Denial(a.lemma(v)) {
			mod = sitrep.Denied
		}
		sp, spStart := a.speakerOf(v)
		if sp == nil && v > s.First && a.tok(v-1).Tag == "CC" {
			// "... but said it was impossible": the same speaker.
			for k := len(a.d.Claims) - 1; k >= 0 && a.d.Claims[k].Sentence == si; k-- {
				if !a.d.Claims[k].Direct {
					sp = a.d.Claims[k].Speaker
					break
				}
			}
		}
		inverted := false
		if sp == nil && v > s.First && a.tok(v-1).Text == "," {
			sp = a.speakerFrom(v + 1)
			inverted = sp != nil
		}
		if sp == nil {
			// Word order found no one; the tree may: the saying verb's
			// subject, however far ("Turkey, long one of ..., said").
			if x, at := a.treeSpeaker(v); x != nil {
				sp, spStart = x, at
			}
		}
		if sp == nil {
			continue
		}
		// "The new dam, Ms. Ortiz said, will hold ...": a parenthetical
		// attribution; the report runs on both sides of it.
		if after := v + 1 + timeAdjunct(a, v+1, s.Last); !inverted && spStart > s.First+1 && a.tok(spStart-1).Text == "," &&
			!a.inQuote[spStart-2] && after+1 < s.Last && a.tok(after).Text == "," && !a.inQuote[after+1] {
			end := s.Last - 1
			for end > after && (a.tok(end).Tag == "." || a.tok(end).Tag == "''") {
				end--
			}
			a.addClaim(si, sp, v, s.First, end+1, mod)
			continue
		}
		// What the tree says is reported: the verb's clausal complement.
		if cc := a.d.Dependent(v, "ccomp"); cc > v && !inverted && !a.inQuote[cc] {
			c0, c1 := a.d.Subtree(cc)
			c1 = min(c1, a.relativeEnd(v, s.Last))
			for c0 < c1 && (strings.EqualFold(a.tok(c0).Text, "that") || a.tok(c0).Tag == ",") {
				c0++
			}
			for c1 > c0 && (a.tok(c1-1).Tag == "." || a.tok(c1-1).Tag == ",") {
				c1--
			}
			if c1 > c0 && !a.inQuote[c0] {
				a.addClaim(si, sp, v, c0, c1, mod)
				continue
			}
		}
		// What is reported: the clause after the verb, or before the
		// attribution when the verb closes the sentence.
		c0 := v + 1
		if a.lemma(v) == "tell" {
			if pk, ok := a.phraseAt[c0]; ok {
				c0 = a.d.Phrases[pk].Last // "told reporters"
			}
		}
		c0 += timeAdjunct(a, c0, s.Last) // "said yesterday", "said on Monday"
		for c0 < s.Last && (a.tok(c0).Tag == "RB" && a.tok(c0).Text != "not" || a.tok(c0).Tag == ":") {
			c0++
		}
		if c0 < s.Last && strings.EqualFold(a.tok(c0).Text, "that") {
			c0++
		}
		c1 := min(a.clauseEnd(c0, s.Last), a.relativeEnd(v, s.Last)-1)
		// A verb inside a clause ("farmers who said they were ruined
		// asked ...") reports no further than its own words.
		if _, l := a.d.Subtree(v); l-1 < c1 && l > c0 && a.d.Head(v) >= 0 {
			c1 = l - 1
			for c1 > c0 && (a.tok(c1).Tag == "," || a.tok(c1).Tag == ".") {
				c1--
			}
		}
		if !inverted && c0 <= c1 && !a.inQuote[c0] && clauseStart(a.tok(c0)) && a.tok(c0).Tag != "IN" {
			if !a.quoteAfterColon(c0, c1) {
				a.addClaim(si, sp, v, c0, c1+1, mod)
			}
			continue
		}
		// "..., X said." / "..., said X."
		stop := spStart
		if inverted {
			stop = v
		}
		for stop > s.First && (a.tok(stop-1).Tag == "DT" || a.tok(stop-1).Tag == "PRP$") {
			stop-- // "..., an official said"
		}
		if stop > s.First+1 && a.tok(stop-1).Text == "," {
			b := stop - 2
			for b > s.First && (a.tok(b).Tag == "''") {
				b--
			}
			after := v + 1
			if inverted {
				if pk, ok := a.phraseAt[after]; ok {
					after = a.d.Phrases[pk].Last
				}
			}
			after += timeAdjunct(a, after, s.Last)
			switch {
			case b < s.First || a.inQuote[b]:
			case after < s.Last && (a.tok(after).Text == ":" || a.inQuote[after]):
				// "In one tweet, Trump said: “...”": the quote is the claim.
			case after+1 < s.Last && a.tok(after).Text == "," && !a.inQuote[after+1]:
				// "Acts of protest, Mr. Obama said, are acts of patriotism":
				// the report runs on both sides of its attribution.
				end := s.Last - 1
				for end > after && (a.tok(end).Tag == "." || a.tok(end).Tag == "''") {
					end--
				}
				a.addClaim(si, sp, v, s.First, end+1, mod)
			default:
				a.addClaim(si, sp, v, s.First, b+1, mod)
			}
		}
	}
}

// headline reads a claim a headline makes with a colon: "Poll: Wealthy
// Voters Abandon Republican Party", "Graham: Trump Could Embrace Clean
// Energy". The source is a name or a noun that can speak, with no verb
// before the colon; a quote after the colon is read as a quote.
func (a *state) headline(si int) {
	s := a.d.Sentences[si]
	c := -1
	for k := s.First; k < s.Last && k < s.First+6; k++ {
		if a.inQuote[k] || isVerb(a.tok(k).Tag) {
			return
		}
		if a.tok(k).Text == ":" {
			c = k
			break
		}
	}
	if c <= s.First || c+2 >= s.Last || a.inQuote[c+1] || a.tok(c+1).Tag == "``" {
		return
	}
	pk, ok := a.phraseAt[c-1]
	if !ok || a.d.Phrases[pk].First != s.First && !(a.d.Phrases[pk].First == s.First+1 && a.tok(s.First).Tag == "DT") {
		return
	}
	if a.timeOrPlace(pk) || !a.sourceLike(pk) {
		return
	}
	sp := a.speaker(pk)
	if sp == nil {
		return
	}
	end := s.Last - 1
	for end > c && (a.tok(end).Tag == "." || a.tok(end).Tag == "''") {
		end--
	}
	a.addClaim(si, sp, c, c+1, end+1, sitrep.Claimed)
}

// stancePredicates are adjectives and nouns that, after "be", state a
// position: "has been critical of Trump", "is a staunch opponent of the
// death penalty", "were worried about turnout".
var stancePredicates = map[string]bool{
	"critical": true, "supportive": true, "skeptical": true, "sceptical": true, "wary": true,
	"worried": true, "concerned": true, "confident": true, "optimistic": true, "pessimistic": true,
	"hopeful": true, "angry": true, "furious": true, "upset": true, "proud": true, "adamant": true,
	"coy": true, "passionate": true, "opposed": true, "eager": true, "reluctant": true, "convinced": true,
	"opponent": true, "critic": true, "supporter": true, "defender": true, "advocate": true,
	"proponent": true, "champion": true, "fan": true,
}

// claimNouns are nouns of saying or position whose possessor is the
// source: "Trump's claim that ...", "the alliance's call for ...".
var claimNouns = map[string]bool{
	"claim": true, "statement": true, "remark": true, "comment": true, "assertion": true,
	"argument": true, "view": true, "position": true, "call": true, "demand": true, "warning": true,
	"promise": true, "pledge": true, "criticism": true, "proposal": true, "estimate": true,
	"prediction": true, "forecast": true, "assessment": true, "message": true, "belief": true,
	"insistence": true, "denial": true, "accusation": true, "allegation": true, "complaint": true,
	"vow": true, "threat": true, "suggestion": true, "recommendation": true, "announcement": true,
	"disdain": true, "support": true, "opposition": true, "theory": true, "contention": true,
}

// nominal reads a claim made with a noun of saying and its possessor:
// "Trump's claim that there have been thousands of shootings", "the
// alliance's call for more spending". The content is the noun's clause
// or its phrase of what is said.
func (a *state) nominal(si, n int) {
	poss := a.d.Dependent(n, "nmod:poss")
	if poss < 0 || poss > n || a.inQuote[poss] {
		return
	}
	pk, ok := a.phraseAt[poss]
	if !ok || !a.sourceLike(pk) {
		return
	}
	sp := a.speaker(pk)
	if sp == nil {
		return
	}
	c0, c1 := -1, -1
	for _, k := range a.d.Dependents(n, "acl", "nmod", "ccomp") {
		if k < n {
			continue
		}
		if sitrep.HasRel(a.d.Rel(k), "nmod") {
			cs := a.d.Dependent(k, "case")
			if cs < 0 || !stancePreps[strings.ToLower(a.tok(cs).Text)] || a.timeOrPlaceTok(k) {
				continue
			}
		}
		f, l := a.d.Subtree(k)
		if c0 < 0 || f < c0 {
			c0 = f
		}
		c1 = max(c1, l)
	}
	if c0 < 0 {
		return
	}
	for c0 < c1 && (strings.EqualFold(a.tok(c0).Text, "that") || a.tok(c0).Tag == "IN" && c0 == n+1) {
		c0++
	}
	for c1 > c0 && (a.tok(c1-1).Tag == "." || a.tok(c1-1).Tag == ",") {
		c1--
	}
	if c1 > c0 {
		a.addClaim(si, sp, n, c0, c1, sitrep.Claimed)
	}
}

// stancePreps introduce what a stance verb is about.
var stancePreps = map[string]bool{"for": true, "as": true, "about": true, "of": true, "on": true,
	"over": true, "against": true}

// timeOrPlaceTok reports whether token k is inside a date or place the
// annotators found.
func (a *state) timeOrPlaceTok(k int) bool {
	start := a.tok(k).Start
	for _, t := range a.d.Times {
		if t.Start <= start && start < t.End {
			return true
		}
	}
	for _, p := range a.d.Places {
		if p.Start <= start && start < p.End {
			return true
		}
	}
	return false
}

// stance reads a claim made by a stance verb at v ("Graham urged
// Republicans to join ...", "Trump has called for the repeal of ...",
// "Gingrich dismissed Estonia as ..."): its speaker is the verb's subject
// and its content what the verb takes after it, from the tree: object,
// clausal complement, "for" phrase, "as" phrase.
func (a *state) stance(si, v int) {
	if a.tok(v).Tag == "VBN" && a.d.Dependent(v, "aux:pass") >= 0 {
		return // "was criticized": the critic is not the subject
	}
	sp, _ := a.speakerOf(v)
	if !isVerb(a.tok(v).Tag) {
		sp, _ = a.treeSpeaker(v) // "the bishop is an opponent of": the subject
	}
	if sp == nil {
		return
	}
	c0, c1 := -1, -1
	for _, k := range a.d.Dependents(v, "obj", "iobj", "ccomp", "xcomp", "obl", "advcl", "nmod") {
		if k < v {
			continue
		}
		rel := a.d.Rel(k)
		f, l := a.d.Subtree(k)
		if sitrep.HasRel(rel, "obl") || rel == "advcl" || sitrep.HasRel(rel, "nmod") {
			// Only phrases of what is said or wanted: "called for talks",
			// "dismissed it as a stunt", "complained about his mic",
			// "spoke of a stone"; not "on Monday", "in a statement".
			cs := a.d.Dependent(k, "case", "mark")
			if cs < 0 || !stancePreps[strings.ToLower(a.tok(cs).Text)] || timeWords[strings.ToLower(a.tok(k).Text)] || a.timeOrPlaceTok(k) {
				continue
			}
			if c0 < 0 && !strings.EqualFold(a.tok(cs).Text, "as") && cs == f {
				f++ // "called for X": the content is X
			}
		}
		if c0 < 0 || f < c0 {
			c0 = f
		}
		if l > c1 {
			c1 = l
		}
	}
	if c0 < 0 {
		return
	}
	for c0 < c1 && (strings.EqualFold(a.tok(c0).Text, "that") || !clauseStart(a.tok(c0))) {
		c0++
	}
	for c1 > c0 && (a.tok(c1-1).Tag == "." || a.tok(c1-1).Tag == ",") {
		c1--
	}
	if c1-c0 < 1 {
		return
	}
	mod := sitrep.Claimed
	if nlp.Denial(a.lemma(v)) {
		mod = sitrep.Denied
	}
	a.addClaim(si, sp, v, c0, c1, mod)
}

// treeSpeaker finds who speaks through verb v in the tree: its subject;
// for a verb joined to another ("promised ... and said"), or a participle
// hanging from one ("..., saying ..."), that verb's subject; for a
// relative clause ("supporters who said"), the noun it describes, with the
// relative pronoun as the speaker's mention. "I" and "we" outside quotes
// are the writer. It returns the speaker and where its words start.
func (a *state) treeSpeaker(v int) (*sitrep.Actor, int) {
	for n := 0; v >= 0 && n < 4; n++ {
		subj := a.d.Dependent(v, "nsubj")
		if subj > v {
			return nil, -1 // "..., said Mr. Burman": word order reads it
		}
		if subj >= 0 && !a.inQuote[subj] {
			t := a.tok(subj)
			w := strings.ToLower(t.Text)
			if pk, ok := a.phraseAt[subj]; ok {
				if sp := a.speaker(pk); sp != nil {
					return sp, a.d.Phrases[pk].First
				}
				return nil, -1
			}
			switch {
			case t.Tag == "PRP" && (w == "i" || w == "we"):
				return &sitrep.Actor{Text: t.Text, Start: t.Start, End: t.End}, subj
			case t.Tag == "DT" || strings.HasPrefix(t.Tag, "NN") || t.Tag == "CD":
				// A subject the actor annotator did not chunk: "Those close
				// to him say", "the letter reads".
				if f, l := a.d.Subtree(subj); f == subj && l <= v && l-f <= 8 && !a.inQuote[l-1] {
					sp := a.span(f, l)
					return &sitrep.Actor{Text: sp.Text, Start: sp.Start, End: sp.End}, f
				}
			case (w == "who" || w == "that" || w == "which") && a.d.Rel(v) == "acl:relcl":
				h := a.d.Head(v)
				if pk, ok := a.phraseAt[h]; ok && !a.inQuote[h] {
					sp := a.speaker(pk)
					if sp != nil {
						m := a.span(subj, subj+1)
						a.mentions[sp] = &m
						return sp, a.d.Phrases[pk].First
					}
				}
			}
			return nil, -1
		}
		rel := a.d.Rel(v)
		if rel == "acl" {
			// "a report saying ...": the noun the participle describes.
			h := a.d.Head(v)
			if pk, ok := a.phraseAt[h]; ok && h < v && !a.inQuote[h] && a.sourceLike(pk) {
				if sp := a.speaker(pk); sp != nil {
					return sp, a.d.Phrases[pk].First
				}
			}
			return nil, -1
		}
		if rel != "conj" && rel != "advcl" && rel != "xcomp" {
			return nil, -1
		}
		v = a.d.Head(v)
	}
	return nil, -1
}

// relativeEnd returns where a relative clause set off by commas ends
// (", who said they had lost everything, marched"): its closing comma;
// for any other verb, last.
func (a *state) relativeEnd(v, last int) int {
	if a.d.Rel(v) != "acl:relcl" {
		return last
	}
	subj := a.d.Dependent(v, "nsubj")
	if subj < 1 || subj > v || a.tok(subj-1).Text != "," {
		return last
	}
	for k := v + 1; k < last; k++ {
		if a.tok(k).Text == "," {
			return k
		}
	}
	return last
}

// quoteAfterColon reports whether a quote opens after a colon in
// [c0, c1]: "announced a new plan: “...”" reports the quote, which is the
// claim.
func (a *state) quoteAfterColon(c0, c1 int) bool {
	for k := c0; k < c1; k++ {
		if a.tok(k).Text == ":" && a.tok(k+1).Tag == "``" && a.inQuote[k+1] {
			return true
		}
	}
	return false
}

// clauseEnd returns the last token of a reported clause starting at c0: the
// sentence's end, or just before ", but said ..." where a second report
// begins.
func (a *state) clauseEnd(c0, last int) int {
	for k := c0; k+2 < last; k++ {
		if a.tok(k).Text != "," {
			continue
		}
		j := k + 1
		if a.tok(j).Tag == "''" && j+2 < last {
			j++ // `sadness,” but said`
		}
		if a.tok(j).Tag == "CC" && isVerb(a.tok(j+1).Tag) && nlp.Reporting(a.lemma(j+1)) {
			return k - 1
		}
	}
	c1 := last - 1
	for c1 > c0 && (a.tok(c1).Tag == "." || a.tok(c1).Tag == "''") {
		c1--
	}
	return c1
}

var timeWords = map[string]bool{
	"yesterday": true, "today": true, "tonight": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"week": true, "night": true, "morning": true, "evening": true, "afternoon": true,
	"month": true, "year": true,
}

// timeAdjunct returns the length of "yesterday", "on Monday", "late on
// Tuesday" at j.
func timeAdjunct(a *state, j, last int) int {
	k := j
	for k < last {
		w := strings.ToLower(a.tok(k).Text)
		if w == "on" || w == "late" || w == "early" || w == "last" || w == "this" || w == "earlier" || timeWords[w] {
			k++
			continue
		}
		break
	}
	if k > j && !timeWords[strings.ToLower(a.tok(k-1).Text)] {
		return 0
	}
	return k - j
}

// clauseStart reports whether a token can begin a reported clause.
func clauseStart(t *sitrep.Token) bool {
	switch t.Tag {
	case ".", ",", ":", "''", "``":
		return false
	}
	return true
}

// according handles "according to X".
func (a *state) according(si, v int) {
	s := a.d.Sentences[si]
	// The source: the noun "according to" hangs from in the tree, else
	// the first phrase after "to" ("according to an Associated Press
	// analysis of hospital records").
	pk, ok := -1, false
	if h := a.d.Head(v); h > v+1 && h < s.Last {
		pk, ok = a.phraseAt[h]
	}
	for k := v + 2; !ok && k < s.Last && k <= v+5; k++ {
		pk, ok = a.phraseAt[k]
	}
	if !ok || a.inQuote[a.d.Phrases[pk].Head] {
		return
	}
	sp := a.speaker(pk)
	if sp == nil {
		return
	}
	p := a.d.Phrases[pk]
	// Where the source's words end: the subtree of its noun, or the phrase.
	srcEnd := p.Last
	if h := a.d.Head(v); h > v+1 && h < s.Last {
		if _, l := a.d.Subtree(h); l > srcEnd && l <= s.Last {
			srcEnd = l
		}
	}
	if v > s.First+1 && a.tok(v-1).Text == "," {
		a.addClaim(si, sp, v, s.First, v-1, sitrep.Claimed) // "..., according to X"
		return
	}
	for k := p.Last; k < srcEnd && k < s.Last; k++ {
		if a.tok(k).Text == "," {
			srcEnd = k
			break
		}
	}
	if srcEnd+1 < s.Last && a.tok(srcEnd).Text == "," {
		end := s.Last - 1
		for end > srcEnd && (a.tok(end).Tag == "." || a.tok(end).Tag == "''") {
			end--
		}
		a.addClaim(si, sp, v, srcEnd+1, end+1, sitrep.Claimed) // "According to X, ..."
		return
	}
	if v > s.First+1 && srcEnd >= s.Last-1 {
		// "... rose by 12 percent according to the poll."
		a.addClaim(si, sp, v, s.First, v, sitrep.Claimed)
	}
}

func (a *state) addClaim(si int, sp *sitrep.Actor, cue, c0, c1 int, mod string) {
	// "urged Republicans to join ..., and criticized the party's ...":
	// a second saying or stance verb joined to the first makes a claim of
	// its own, which this one's words stop before.
	for k := c0 + 1; k < c1; k++ {
		if k > cue && !a.inQuote[k] && isVerb(a.tok(k).Tag) && isCue(a.lemma(k)) && a.d.Rel(k) == "conj" && a.tok(k-1).Tag == "CC" {
			c1 = k - 1
			for c1 > c0 && (a.tok(c1-1).Tag == "," || a.tok(c1-1).Tag == "CC") {
				c1--
			}
			break
		}
	}
	if c1 <= c0 {
		return
	}
	cueEnd := cue + 1
	if strings.EqualFold(a.tok(cue).Text, "according") {
		cueEnd = cue + 2
	}
	x := *sp
	cl := sitrep.Claim{
		Sentence: si, Speaker: &x, Cue: a.span(cue, cueEnd),
		Content: a.span(c0, c1), Modality: mod,
	}
	if m := a.mentions[sp]; m != nil {
		y := *m
		cl.SpeakerMention = &y
	}
	a.d.Claims = append(a.d.Claims, cl)
}
