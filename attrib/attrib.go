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
	a := &state{d: d, phraseAt: map[int]int{}}
	for k, p := range d.Phrases {
		for t := p.First; t < p.Last; t++ {
			a.phraseAt[t] = k
		}
	}
	a.inQuote = make([]bool, len(d.Tokens))
	a.quotes()
	for si := range d.Sentences {
		a.claims(si)
	}
	a.dropInnerQuotes()
}

// dropInnerQuotes removes the direct claims of quotes that sit inside an
// indirect claim's content ("Toner said Washington had walked away ...
// “with frustration, outrage and sadness”"): the report is the claim; the
// quote stays in Doc.Quotes.
func (a *state) dropInnerQuotes() {
	out := a.d.Claims[:0]
	for _, c := range a.d.Claims {
		inner := false
		if c.Direct {
			for _, o := range a.d.Claims {
				if !o.Direct && o.Content.Start <= c.Content.Start && c.Content.End <= o.Content.End+3 {
					inner = true
					break
				}
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
}

func (a *state) tok(i int) *sitrep.Token { return &a.d.Tokens[i] }

func (a *state) lemma(i int) string { return strings.ToLower(a.d.Tokens[i].Lemma) }

func (a *state) sentenceOf(i int) int { return a.d.SentenceAt(a.tok(i).Start) }

func (a *state) para(i int) int {
	if s := a.sentenceOf(i); s >= 0 {
		return a.d.Sentences[s].Para
	}
	return -1
}

// quotes finds every quotation: from an opening quote mark to its closing
// one, or to the end of its paragraph when the next paragraph opens a quote
// again (a quotation running over paragraphs). A chain of such segments
// shares one speaker.
func (a *state) quotes() {
	toks := a.d.Tokens
	var chain []sitrep.Quote
	var chainEnds []int // closing token (or last token) of each segment
	for i := 0; i < len(toks); i++ {
		if toks[i].Tag != "``" {
			continue
		}
		p := a.para(i)
		j := i + 1
		closed := false
		for ; j < len(toks); j++ {
			if toks[j].Tag == "''" {
				closed = true
				break
			}
			if toks[j].Tag == "``" || a.para(j) != p {
				break
			}
		}
		last := j - 1
		if closed {
			last = j
		}
		if last <= i+1 && !closed || (closed && j == i+1) {
			continue
		}
		contentEnd := last
		if closed {
			contentEnd = j - 1
		}
		if contentEnd <= i {
			continue
		}
		for k := i; k <= last; k++ {
			a.inQuote[k] = true
		}
		q := sitrep.Quote{
			Text:     a.d.Article.Text[toks[i+1].Start:toks[contentEnd].End],
			Start:    toks[i+1].Start,
			End:      toks[contentEnd].End,
			Sentence: a.sentenceOf(i + 1),
		}
		chain = append(chain, q)
		chainEnds = append(chainEnds, last)
		// A paragraph ending inside the quote, followed by one that opens a
		// quote, continues it.
		next := last + 1
		if !closed && next < len(toks) && toks[next].Tag == "``" && a.para(next) == p+1 {
			i = last
			continue
		}
		a.finishChain(chain, chainEnds, i)
		chain, chainEnds = nil, nil
		i = last
	}
	if len(chain) > 0 {
		a.finishChain(chain, chainEnds, chainEnds[0])
	}
}

// finishChain attributes a chain of quote segments and stores them.
func (a *state) finishChain(chain []sitrep.Quote, ends []int, open int) {
	first := a.openOf(chain[0])
	var sp *sitrep.Actor
	var cue sitrep.Span
	// The attribution may follow any segment, or precede the first.
	for k := range chain {
		if s, c := a.after(ends[k]); s != nil {
			sp, cue = s, c
			break
		}
	}
	if sp == nil {
		sp, cue = a.before(first)
	}
	if sp == nil {
		sp, cue = a.anywhere(first, ends[len(ends)-1])
	}
	if sp == nil && a.last != nil && a.para(first) <= a.lastPara+1 {
		sp = a.last // the same speaker goes on
	}
	if sp != nil {
		a.last = sp
		a.lastPara = a.para(ends[len(ends)-1])
	}
	for _, q := range chain {
		if sp != nil {
			s := *sp
			q.Speaker = &s
		}
		a.d.Quotes = append(a.d.Quotes, q)
		cl := sitrep.Claim{Sentence: q.Sentence, Content: sitrep.Span{Text: q.Text, Start: q.Start, End: q.End}, Direct: true, Modality: sitrep.Claimed, Cue: cue}
		if sp != nil {
			s := *sp
			cl.Speaker = &s
		}
		a.d.Claims = append(a.d.Claims, cl)
	}
}

// openOf returns the token index of the opening mark before a quote.
func (a *state) openOf(q sitrep.Quote) int {
	for i := range a.d.Tokens {
		if a.d.Tokens[i].Start >= q.Start {
			return i - 1
		}
	}
	return 0
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
	if j >= end {
		return nil, sitrep.Span{}
	}
	// "said X"
	if isVerb(a.tok(j).Tag) && nlp.Reporting(a.lemma(j)) {
		if sp := a.speakerFrom(j + 1); sp != nil {
			return sp, a.span(j, j+1)
		}
	}
	// "X said"
	if pk, ok := a.phraseAt[j]; ok {
		p := a.d.Phrases[pk]
		v := p.Last
		for v < end && (a.tok(v).Tag == "RB" || a.tok(v).Tag == "MD" || a.lemma(v) == "have") {
			v++
		}
		if v < end && isVerb(a.tok(v).Tag) && nlp.Reporting(a.lemma(v)) {
			if sp := a.speaker(pk); sp != nil {
				return sp, a.span(v, v+1)
			}
		}
	}
	return nil, sitrep.Span{}
}

// before reads an attribution that introduces a quote: `Toner said: “`,
// `the minister told reporters “`, or a reporting verb earlier in the
// quote's sentence.
func (a *state) before(open int) (*sitrep.Actor, sitrep.Span) {
	s := a.sentenceOf(open + 1)
	if s < 0 {
		return nil, sitrep.Span{}
	}
	first := a.d.Sentences[s].First
	for v := open - 1; v >= first; v-- {
		if a.inQuote[v] {
			break
		}
		if !isVerb(a.tok(v).Tag) || !nlp.Reporting(a.lemma(v)) {
			continue
		}
		if sp, _ := a.subject(v); sp != nil {
			return sp, a.span(v, v+1)
		}
	}
	return nil, sitrep.Span{}
}

// anywhere finds a reporting verb outside the quote in the quote's
// sentence and takes its speaker: a partial quote ("... considering
// “diplomatic, military ... options” to deal with the crisis, an official
// said").
func (a *state) anywhere(open, close int) (*sitrep.Actor, sitrep.Span) {
	s := a.sentenceOf(open + 1)
	if s < 0 {
		return nil, sitrep.Span{}
	}
	for v := a.d.Sentences[s].First; v < a.d.Sentences[s].Last; v++ {
		if a.inQuote[v] || !isVerb(a.tok(v).Tag) || !nlp.Reporting(a.lemma(v)) {
			continue
		}
		if sp, _ := a.subject(v); sp != nil {
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
			return a.antecedent(pk)
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
	case p.Place:
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

// antecedent resolves a pronoun speaker: the latest quote speaker, else
// the nearest earlier phrase naming a person or group.
func (a *state) antecedent(pk int) *sitrep.Actor {
	// The speaker of the latest claim in this or the previous sentence:
	// "... the Syrian Observatory said it had documented ... It has
	// documented 25 deaths".
	si := a.d.Phrases[pk].Sentence
	for k := len(a.d.Claims) - 1; k >= 0; k-- {
		c := a.d.Claims[k]
		if c.Sentence < si-1 {
			break
		}
		if c.Speaker != nil {
			x := *c.Speaker
			return &x
		}
	}
	if a.last != nil {
		x := *a.last
		return &x
	}
	for k := pk - 1; k >= 0; k-- {
		q := a.d.Phrases[k]
		// Words inside a quote are what the speaker says, not who speaks:
		// in "“Turkey will not allow this,” he said" he is not Turkey.
		if len(q.Actors) > 0 && !q.Place && !a.inQuote[q.Head] {
			x := a.d.Actors[q.Actors[0]]
			return &x
		}
	}
	return nil
}

func (a *state) span(i, j int) sitrep.Span {
	t := a.d.Tokens
	return sitrep.Span{Text: a.d.Article.Text[t[i].Start:t[j-1].End], Start: t[i].Start, End: t[j-1].End}
}

func isVerb(tag string) bool { return strings.HasPrefix(tag, "VB") }

// claims finds the indirect claims of sentence si: a reporting verb with a
// speaker, and what it reports, after it ("X said (that) ...") or before
// it ("..., X said"); and "according to X".
func (a *state) claims(si int) {
	s := a.d.Sentences[si]
	for v := s.First; v < s.Last; v++ {
		if a.inQuote[v] {
			continue
		}
		t := a.tok(v)
		if strings.EqualFold(t.Text, "according") && v+2 < s.Last && strings.EqualFold(a.tok(v+1).Text, "to") {
			a.according(si, v)
			continue
		}
		if !isVerb(t.Tag) || !nlp.Reporting(a.lemma(v)) {
			continue
		}
		mod := sitrep.Claimed
		if nlp.Denial(a.lemma(v)) {
			mod = sitrep.Denied
		}
		sp, spStart := a.subject(v)
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
			if subj := a.d.Dependent(v, "nsubj"); subj >= 0 && !a.inQuote[subj] {
				if pk, ok := a.phraseAt[subj]; ok {
					sp, spStart = a.speaker(pk), a.d.Phrases[pk].First
				}
			}
		}
		if sp == nil {
			continue
		}
		// What the tree says is reported: the verb's clausal complement.
		if cc := a.d.Dependent(v, "ccomp"); cc > v && !inverted && !a.inQuote[cc] {
			c0, c1 := a.d.Subtree(cc)
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
		c1 := a.clauseEnd(c0, s.Last)
		if !inverted && c0 <= c1 && !a.inQuote[c0] && clauseStart(a.tok(c0)) && a.tok(c0).Tag != "IN" {
			a.addClaim(si, sp, v, c0, c1+1, mod)
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
			if b >= s.First && !a.inQuote[b] {
				a.addClaim(si, sp, v, s.First, b+1, mod)
			}
		}
	}
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
}

// timeAdjunct returns the length of "yesterday", "on Monday", "late on
// Tuesday" at j.
func timeAdjunct(a *state, j, last int) int {
	k := j
	for k < last {
		w := strings.ToLower(a.tok(k).Text)
		if w == "on" || w == "late" || w == "early" || w == "last" || timeWords[w] {
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
	pk, ok := a.phraseAt[v+2]
	if !ok {
		return
	}
	sp := a.speaker(pk)
	if sp == nil {
		return
	}
	p := a.d.Phrases[pk]
	if v > s.First+1 && a.tok(v-1).Text == "," {
		a.addClaim(si, sp, v, s.First, v-1, sitrep.Claimed) // "..., according to X"
	} else if p.Last+1 < s.Last && a.tok(p.Last).Text == "," {
		end := s.Last - 1
		for end > p.Last && a.tok(end).Tag == "." {
			end--
		}
		a.addClaim(si, sp, v, p.Last+1, end+1, sitrep.Claimed) // "According to X, ..."
	}
}

func (a *state) addClaim(si int, sp *sitrep.Actor, cue, c0, c1 int, mod string) {
	if c1 <= c0 {
		return
	}
	cueEnd := cue + 1
	if strings.EqualFold(a.tok(cue).Text, "according") {
		cueEnd = cue + 2
	}
	x := *sp
	a.d.Claims = append(a.d.Claims, sitrep.Claim{
		Sentence: si, Speaker: &x, Cue: a.span(cue, cueEnd),
		Content: a.span(c0, c1), Modality: mod,
	})
}
