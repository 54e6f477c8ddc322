package cameo

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"sitrep"
	"sitrep/actors"
	"sitrep/nlp"
)

//go:embed data
var verbsFS embed.FS

// Coder turns each sentence's actors and verb phrases into events. It
// implements sitrep.Coder and needs the actors annotator to have run.
//
// It reads roles from the dependency tree (see the package documentation
// for the conventions), and from word order where the tree is silent: the
// subject is then the phrase before the verb group (across an apposition
// or parenthesis, through a relative pronoun, or shared by coordinated
// verbs); the target is the phrase the pattern's $T marks or the direct
// object; a passive's "by" phrase is its source.
type Coder struct {
	Codebook Codebook
	Verbs    *Verbs
	// Statements codes each saying verb as CAMEO 010 (make statement), as
	// GDELT and ConfliBERT's annotators do; off by default, since "X said"
	// is the frame of a claim rather than an event of its own.
	Statements bool
	discards   discards
}

// New loads the codebook and the built-in verb dictionary, then the
// verbs.txt of each directory in dirs, whose patterns add to or override
// the built-in ones.
func New(dirs ...string) (*Coder, error) {
	cb, err := LoadCodebook()
	if err != nil {
		return nil, err
	}
	v := newVerbs()
	ds := discards{}
	sub, _ := fs.Sub(verbsFS, "data")
	if err := v.load(sub, "builtin"); err != nil {
		return nil, err
	}
	for _, d := range dirs {
		if _, err := os.Stat(d); err != nil {
			return nil, fmt.Errorf("dictionary directory: %w", err)
		}
		if err := v.load(os.DirFS(d), d); err != nil {
			return nil, err
		}
		if err := ds.load(os.DirFS(d), d); err != nil {
			return nil, err
		}
	}
	c := &Coder{Codebook: cb, Verbs: v, discards: ds}
	return c, c.checkCodes()
}

// checkCodes makes sure every pattern's code is in the codebook.
func (c *Coder) checkCodes() error {
	var errs []error
	for _, m := range []map[string][]*Pattern{c.Verbs.verbs, c.Verbs.nouns} {
		for _, ps := range m {
			for _, p := range ps {
				if p.Code != Discard {
					if _, ok := c.Codebook[p.Code]; !ok {
						errs = append(errs, fmt.Errorf("%s: code %s is not in the CAMEO codebook", p.Source, p.Code))
					}
				}
			}
		}
	}
	return errors.Join(errs...)
}

// sent is the coder's view of one sentence.
type sent struct {
	c        *Coder
	d        *sitrep.Doc
	si       int
	first    int
	last     int
	phraseAt map[int]int // token -> index in d.Phrases
	used     []bool
	events   []sitrep.Event
	// lastSubject is the subject of the latest verb, for coordinated verbs
	// that share it ("killed 10 fighters and destroyed several vehicles").
	lastSubject []int
	// subjects records each verb's subject as found when the scan reached
	// it, so that later lookups see the same state.
	subjects map[int][]int
	// discard is set while a discard pattern is being matched.
	discard bool
	// antDepth bounds the chain of pronouns resolved through one another.
	antDepth int
	// home is the country the report is about (actors.HomeCountry).
	home string
	low  *lowered
}

// lowered holds each token's lemma and text in lower case, made once per
// document for the pattern matcher.
type lowered struct{ lemma, text []string }

// Code writes the events of every sentence of d into r.
func (c *Coder) Code(d *sitrep.Doc, r *sitrep.Record) {
	home := actors.HomeCountry(d)
	byS := map[int][]int{}
	for k, p := range d.Phrases {
		byS[p.Sentence] = append(byS[p.Sentence], k)
	}
	low := &lowered{lemma: make([]string, len(d.Tokens)), text: make([]string, len(d.Tokens))}
	for i, t := range d.Tokens {
		low.lemma[i] = strings.ToLower(t.Lemma)
		low.text[i] = strings.ToLower(t.Text)
	}
	for si, s := range d.Sentences {
		if c.discards.hit(d.Tokens[s.First:s.Last]) {
			continue
		}
		st := &sent{c: c, d: d, si: si, first: s.First, last: s.Last, phraseAt: map[int]int{}, used: make([]bool, s.Last-s.First), subjects: map[int][]int{}, low: low, home: home}
		for _, k := range byS[si] {
			p := d.Phrases[k]
			for t := p.First; t < p.Last; t++ {
				st.phraseAt[t] = k
			}
		}
		st.code()
		st.accusations()
		r.Events = append(r.Events, st.prune()...)
	}
}

func isVerb(tag string) bool { return strings.HasPrefix(tag, "VB") }
func isNoun(tag string) bool { return strings.HasPrefix(tag, "NN") }

func (st *sent) tok(i int) *sitrep.Token { return &st.d.Tokens[i] }

func (st *sent) lemma(i int) string { return st.low.lemma[i] }

// code finds every pattern match in the sentence, left to right.
func (st *sent) code() {
	for i := st.first; i < st.last; i++ {
		if st.used[i-st.first] {
			continue
		}
		t := st.tok(i)
		var cands []*Pattern
		noun := false
		switch {
		case isVerb(t.Tag):
			cands = st.c.Verbs.verbs[st.lemma(i)]
			if len(cands) == 0 && (t.Tag == "VBD" || t.Tag == "VBN" || t.Tag == "VBG") {
				// A lemma that lost its final e ("rebuked" as "rebuk").
				cands = st.c.Verbs.verbs[st.lemma(i)+"e"]
			}
			if isVerb(t.Tag) && !st.isAux(i) {
				subj := st.subjectPhrases(i)
				st.subjects[i] = subj
				if len(subj) > 0 {
					st.lastSubject = subj
				}
			}
		case isNoun(t.Tag):
			cands = st.c.Verbs.nouns[st.lemma(i)]
			noun = true
			// A verb the tagger took for a noun between two actors:
			// "Russian forces target Syrian civilians".
			if vs := st.c.Verbs.verbs[st.verbLemma(i)]; len(vs) > 0 && st.betweenActors(i) {
				cands = append(vs, cands...)
				noun = false
			}
		}
		saying := st.c.Statements && isVerb(t.Tag) && nlp.Reporting(st.lemma(i)) && st.lemma(i) != "deny" && !st.isAux(i)
		if saying && len(cands) == 0 {
			st.statement(i)
			continue
		}
		matched := false
		for _, p := range cands {
			end, tgt, ok := st.match(p, i)
			if !ok {
				continue
			}
			matched = p.Code != Discard // a discarded frame is still a statement when asked for
			if !noun && st.controlVerb(p, i, end) {
				break // "sought to drive": the event is the infinitive
			}
			if !st.c.Statements && !noun && nlp.Reporting(st.lemma(i)) && strings.HasPrefix(p.Code, "01") && len(p.Elems) == 0 {
				break // "X said", "X confirmed": the frame of a claim
			}
			claimEnd := end
			if strings.HasPrefix(p.Code, "11") {
				// "accused Armenia of shelling": the act accused of is
				// coded on its own (claimed); an act threatened is not.
				claimEnd = i + 1
			}
			for k := i; k < claimEnd; k++ {
				st.used[k-st.first] = true
			}
			if p.Code == "041" && st.lemma(i) == "call" && st.namesAs(i) {
				// "called the operation a bad idea", "called China a
				// decisive enabler": calling something names a fault.
				p = namingPattern
			}
			if p.Code != Discard {
				if !noun {
					p = st.nominalRefinement(p, i, end)
				}
				st.event(p, i, end, tgt, noun && p.Noun)
			}
			break
		}
		if saying && !matched {
			// A saying verb whose patterns all failed is still a statement.
			st.statement(i)
		}
	}
}

// prune drops an event without a target when the sentence has the same
// event with one: "police cracked down on the protesters" once, not twice.
func (st *sent) prune() []sitrep.Event {
	out := st.events[:0]
	for i, e := range st.events {
		if e.Source == nil && e.Target != nil {
			// "were killed when a missile launched by the rebels hit":
			// the act with its author speaks for the agentless one.
			dup := false
			for j, f := range st.events {
				if j != i && f.Source != nil && f.Target != nil && f.Root == e.Root && f.Target.Code == e.Target.Code {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
		}
		if e.Target == nil {
			dup := false
			for j, f := range st.events {
				if j != i && f.Target != nil && f.Cameo == e.Cameo && sameActor(f.Source, e.Source) {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

func sameActor(a, b *sitrep.Actor) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Code == b.Code && a.Text == b.Text
}

// accusations codes the accusation a saying verb makes when what it
// reports is that someone is guilty of or responsible for something:
// "the United States says Moscow and Damascus are guilty of war crimes"
// is USA accusing RUS and SYR (CAMEO 112), whatever else is coded inside.
func (st *sent) accusations() {
	for i := st.first + 1; i < st.last; i++ {
		w := strings.ToLower(st.tok(i).Text)
		if (w != "guilty" && w != "responsible" && w != "culpable") || st.lemma(i-1) != "be" {
			continue
		}
		accused := st.subjectPhrases(i - 1)
		for k := st.chain(i-1) - 1; k >= st.first; k-- {
			if !isVerb(st.tok(k).Tag) || !nlp.Reporting(st.lemma(k)) || st.lemma(k) == "deny" {
				continue
			}
			sources := st.actorsOf(st.subjectPhrases(k), nil)
			targets := st.actorsOf(accused, nil)
			p := &Pattern{Code: "112", Text: "say $T be " + w + " (accusation frame)", Source: "coder"}
			for _, s := range sources {
				for _, t := range targets {
					st.add(p, s, t, sitrep.Asserted, nil, k, i+1)
				}
			}
			break
		}
	}
}

// statementPattern stands for the coder's own rule in evidence.
var statementPattern = &Pattern{Code: "010", Text: "say (statement)", Source: "coder"}

// statement codes a saying verb as a public statement: its subject (or an
// inverted subject, "said a fighter") to whoever is told, if anyone.
func (st *sent) statement(i int) {
	sp := st.actorsOf(st.subjectPhrases(i), nil)
	if len(sp) == 0 {
		if pk, _ := st.phraseFrom(i + 1); pk >= 0 && i > st.first && (st.tok(i-1).Tag == "," || st.tok(i-1).Tag == "''") {
			sp = st.actorsOf([]int{pk}, nil)
			if s2 := st.fromPhrase(st.d.Phrases[pk]); len(s2) > 0 && (len(sp) == 0 || strings.HasPrefix(sp[0].Code, "---")) {
				sp = s2
			}
		}
	}
	var to []sitrep.Actor
	if st.lemma(i) == "tell" {
		if pk, _ := st.objectFrom(i + 1); pk >= 0 {
			to = st.actorsOf([]int{pk}, nil)
		}
	}
	if len(to) == 0 {
		to = []sitrep.Actor{{}}
	}
	for _, s := range sp {
		for _, t := range to {
			st.add(statementPattern, s, t, sitrep.Asserted, nil, i, i+1)
		}
	}
}

// add appends one event unless the sentence already has it.
func (st *sent) add(p *Pattern, s, t sitrep.Actor, modality string, claimant *sitrep.Actor, head, end int) {
	code, ok := st.c.Codebook[p.Code]
	if !ok || (s.Text == "" && t.Text == "") || (s.Text != "" && s.Start == t.Start && s.End == t.End && s.Code == t.Code) {
		return
	}
	s, t = st.located(s), st.located(t)
	if len(s.Code) >= 3 && len(t.Code) == 3 && s.Code[:3] == t.Code && conflictCode(code.Code) && st.placeSpan(t) {
		// A country's own forces acting on a place in their country act on
		// whoever holds it: "Assad's forces launched an assault on
		// rebel-held eastern Aleppo" targets SYRREB; with no side named,
		// the target is not known.
		t = st.otherSide(s, t)
	}
	if len(s.Code) >= 3 && len(t.Code) >= 3 && s.Code[:3] == t.Code[:3] && (len(s.Code) == 3 || len(t.Code) == 3) && conflictCode(code.Code) && s.Code[:3] != "---" {
		// A country does not fight its own forces or people ("Armenia
		// shelled its positions" read with the wrong antecedent, "Syrian
		// troops shelled areas in Homs"): the target is not known.
		if s.Text == "" {
			return
		}
		t = sitrep.Actor{}
	}
	if s.Code != "" && s.Code == t.Code && !strings.HasSuffix(s.Code, "UAF") {
		// An actor acting on itself is a misreading ("Boko Haram members
		// abducted women" both coded as civilians), except between armed
		// groups of one kind ("clashes between rival militias").
		return
	}
	if claimant != nil {
		c := st.located(*claimant)
		claimant = &c
	}
	ev := sitrep.Event{
		Sentence: st.si, Cameo: code.Code, Root: code.Root, Quad: code.Quad,
		Goldstein: code.Goldstein, Plover: code.Plover, Modality: modality, Claimant: claimant,
	}
	if s.Text != "" {
		a := s
		ev.Source = &a
	}
	if t.Text != "" {
		a := t
		ev.Target = &a
	}
	st.evidence(&ev, p, head, end)
	if !st.duplicate(ev) {
		st.events = append(st.events, ev)
	}
}

// reciprocal codes are actions coordinated subjects do with each other
// when no one else is named: meeting, negotiating, agreeing, cooperating.
func reciprocal(code string) bool {
	switch {
	case strings.HasPrefix(code, "04"), strings.HasPrefix(code, "06"), code == "036", code == "057", code == "0871", code == "030":
		return true
	}
	return false
}

// mutualFight reports whether a word names fighting between sides, which
// each side does to the other ("clashes between", "X and Y fought").
func mutualFight(lemma string) bool {
	switch lemma {
	case "clash", "fighting", "fight", "battle", "firefight", "gunfight", "skirmish", "hostility", "exchange", "crossfire":
		return true
	}
	return false
}

// airborne reports whether an actor's words name aircraft.
func airborne(text string) bool {
	t := strings.ToLower(text)
	for _, w := range []string{"warplane", "jet", "aircraft", "air force", "air power", "drone", "helicopter", "bomber", "gunship"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// airPattern is p recoded as 195, employ aerial weapons.
func airPattern(p *Pattern) *Pattern {
	q := *p
	q.Code = "195"
	q.Text = p.Text + " (aircraft as source: 195)"
	return &q
}

// nominalRefinement lets the noun a generic verb pattern took as object
// give the more precise code: "carried out an air strike" is 195, not the
// 190 of "carry out ... attack|strike"; "launched a rocket attack" 194.
func (st *sent) nominalRefinement(p *Pattern, i, end int) *Pattern {
	if len(p.Code) != 3 || p.Code[2] != '0' {
		return p
	}
	for k := i + 1; k < st.last && k < end+3; k++ {
		if !isNoun(st.tok(k).Tag) {
			continue
		}
		for _, q := range st.c.Verbs.nouns[st.lemma(k)] {
			if q.Code == Discard || q.Code[:2] != p.Code[:2] || q.Code == p.Code {
				continue
			}
			if _, _, ok := st.match(q, k); ok {
				r := *p
				r.Code = q.Code
				r.Text = p.Text + " + " + q.Text
				return &r
			}
		}
	}
	return p
}

// controlVerb reports whether a bare verb pattern matched a verb that only
// governs an infinitive ("sought to drive", "vowed to retake"), whose own
// pattern should code the event.
func (st *sent) controlVerb(p *Pattern, i, end int) bool {
	if len(p.Elems) > 0 || end+1 >= st.last {
		return false
	}
	return st.tok(end).Tag == "TO" && isVerb(st.tok(end+1).Tag)
}

// verbLemma is the lemma a noun-tagged word would have as a verb.
func (st *sent) verbLemma(i int) string {
	w := strings.ToLower(st.tok(i).Text)
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return w[:len(w)-1]
	}
	return w
}

func (st *sent) betweenActors(i int) bool {
	if i == st.first || i+1 >= st.last {
		return false
	}
	pk, ok := st.phraseAt[i-1]
	if !ok || len(st.d.Phrases[pk].Actors) == 0 || st.d.Phrases[pk].Head != i-1 {
		return false
	}
	nk, ok := st.phraseAt[i+1]
	if !ok {
		return false
	}
	np := st.d.Phrases[nk]
	return len(np.Actors) > 0 && np.First == i+1 && nk != pk
}

// isAux reports whether token i is an auxiliary or modal before a verb.
func (st *sent) isAux(i int) bool {
	switch st.lemma(i) {
	case "be", "have", "do", "will", "would", "can", "could", "may", "might", "shall", "should", "must":
		for k := i + 1; k < st.last && k <= i+3; k++ {
			if isVerb(st.tok(k).Tag) {
				return true
			}
			if st.tok(k).Tag != "RB" {
				break
			}
		}
	}
	return false
}

// filler tokens may stand between a pattern's words: "imposed new
// sanctions on", "signed an agreement with".
func filler(tag string) bool {
	switch tag {
	case "DT", "JJ", "JJR", "JJS", "RB", "PRP$", "CD", "POS", "PDT":
		return true
	}
	return false
}

// match tries pattern p with its head at token i. It returns the end of the
// match and the target phrase (-1 when none).
func (st *sent) match(p *Pattern, i int) (int, int, bool) {
	st.discard = p.Code == Discard
	j := i + 1
	for k := 1; k < len(p.Head); k++ {
		if j >= st.last || st.lemma(j) != p.Head[k] {
			return 0, -1, false
		}
		j++
	}
	if p.Noun && !isNoun(st.tok(j-1).Tag) && st.tok(j-1).Tag != "VBG" && st.tok(j-1).Tag != "JJ" {
		return 0, -1, false
	}
	return st.matchElems(p.Elems, j, -1)
}

func (st *sent) matchElems(es []Elem, j, tgt int) (int, int, bool) {
	if len(es) == 0 {
		return j, tgt, true
	}
	e := es[0]
	switch {
	case e.Gap:
		span := 4
		if st.discard {
			span = 1 // an idiom's words stand close: "strike a balance", not "struck Islamic State oil facilities"
		}
		for k := j; k < st.last && k <= j+span; k++ {
			if w := st.tok(k).Text; w == ";" || w == "." {
				break
			}
			if end, t, ok := st.matchElems(es[1:], k, tgt); ok {
				return end, t, true
			}
		}
		return 0, -1, false
	case e.Target:
		j += st.timeAdjunct(j)
		pk, next := st.phraseFrom(j)
		if pk < 0 {
			return 0, -1, false
		}
		if end, t, ok := st.matchElems(es[1:], next, pk); ok || len(es) == 1 {
			return end, t, ok
		}
		// The target may be a list ("warned Lebanon, Hezbollah's chief and
		// the head of Iran's Quds Force to ..."): what follows the pattern's
		// target may come after its last item.
		for n := 0; n < 6 && next < st.last; n++ {
			w := st.low.text[next]
			if w != "," && w != "and" && w != "or" && w != "of" {
				break
			}
			k := next + 1
			if k < st.last && (st.low.text[k] == "and" || st.low.text[k] == "or") {
				k++
			}
			qk, q := st.phraseFrom(k)
			if qk < 0 {
				break
			}
			next = q
			if end, t, ok := st.matchElems(es[1:], next, pk); ok {
				return end, t, true
			}
		}
		return 0, -1, false
	default:
		j += st.timeAdjunct(j)
		// Skip up to two filler words before a literal.
		for skip := 0; skip <= 2 && j+skip < st.last; skip++ {
			if n, ok := st.literal(e.words, j+skip); ok {
				if end, t, ok := st.matchElems(es[1:], n, tgt); ok {
					return end, t, true
				}
			}
			if !filler(st.tok(j + skip).Tag) {
				break
			}
		}
		if e.Optional {
			return st.matchElems(es[1:], j, tgt)
		}
		return 0, -1, false
	}
}

var timeWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "yesterday": true, "today": true, "tonight": true,
	"week": true, "month": true, "year": true, "weekend": true, "night": true, "morning": true,
	"afternoon": true, "evening": true, "overnight": true,
}

// timeAdjunct returns the length of a time expression at j ("on
// Wednesday", "on Tuesday night", "last week", "yesterday"), which may
// stand between a verb's words: "called on Turkey on Wednesday to release".
func (st *sent) timeAdjunct(j int) int {
	n := 0
	k := j
	if k < st.last {
		switch strings.ToLower(st.tok(k).Text) {
		case "on", "last", "this", "late", "early", "earlier", "later":
			k++
		}
	}
	for k < st.last && timeWords[strings.ToLower(st.tok(k).Text)] {
		k++
		n = k - j
	}
	return n
}

// literal matches one of alts (each one or more words) at token j.
func (st *sent) literal(alts [][]string, j int) (int, bool) {
	for _, words := range alts {
		k := j
		ok := true
		for _, w := range words {
			if k >= st.last || (st.lemma(k) != w && st.low.text[k] != w) {
				ok = false
				break
			}
			k++
		}
		if ok {
			return k, true
		}
	}
	return 0, false
}

// phraseFrom returns the noun phrase starting at token j or just after
// (past determiners and numbers), and the token after it. A phrase that
// names no actor but is followed by "of"/"with" and one that does yields
// that one: "the deal with Russia".
func (st *sent) phraseFrom(j int) (int, int) {
	for k := j; k < st.last && k <= j+3; k++ {
		if pk, ok := st.phraseAt[k]; ok {
			p := st.d.Phrases[pk]
			next := p.Last
			if len(p.Actors) == 0 && !p.Pronoun && next+1 < st.last {
				if w := strings.ToLower(st.tok(next).Text); w == "of" || w == "with" || w == "from" {
					if qk, ok := st.phraseAt[next+1]; ok && st.coded(qk) {
						return qk, st.d.Phrases[qk].Last
					}
				}
			}
			return pk, next
		}
		t := st.tok(k).Tag
		if t != "DT" && t != "CD" && t != "PRP$" && t != "JJ" && t != "RB" {
			break
		}
	}
	return -1, j
}

// anyCoded reports whether any of the phrases names a coded actor.
func (st *sent) anyCoded(ps []int) bool {
	for _, p := range ps {
		if st.coded(p) {
			return true
		}
	}
	return false
}

// codedOrModified reports whether a phrase names a coded actor or has a
// modifier that does ("NATO's secretary-general").
func (st *sent) codedOrModified(pk int) bool {
	return st.coded(pk) || (len(st.d.Phrases[pk].Actors) == 0 && st.d.Phrases[pk].Modifier >= 0)
}

// coded reports whether a phrase names an actor the dictionaries know.
func (st *sent) coded(pk int) bool {
	for _, a := range st.d.Phrases[pk].Actors {
		if st.d.Actors[a].Code != "" {
			return true
		}
	}
	return false
}

// intention verbs make what follows "to" intended: "planned to propose".
var intention = map[string]bool{
	"plan": true, "intend": true, "vow": true, "pledge": true, "aim": true,
	"seek": true, "want": true, "prepare": true, "promise": true, "hope": true,
	"expect": true, "decide": true, "agree": true, "try": true, "threaten": true,
	"be": true, "go": true, "offer": true, "propose": true, "move": true, "set": true,
}

// chain returns where the verb group of the verb at i begins: auxiliaries,
// modals, adverbs and "to"-infinitive chains ("had walked", "planned to
// make", "is still working hard to pursue").
func (st *sent) chain(i int) int {
	g := i
	for g-1 >= st.first {
		t := st.tok(g - 1)
		if isVerb(t.Tag) || t.Tag == "MD" || t.Tag == "RB" || t.Tag == "TO" {
			if _, inPhrase := st.phraseAt[g-1]; inPhrase && !isVerb(t.Tag) {
				break
			}
			// Only auxiliaries and verbs governing a "to" infinitive join
			// the group: "denied carrying" is two verbs, not one.
			if isVerb(t.Tag) && !auxiliary[st.lemma(g-1)] && st.tok(g).Tag != "TO" {
				break
			}
			g--
			continue
		}
		break
	}
	return g
}

var auxiliary = map[string]bool{"be": true, "have": true, "do": true, "get": true, "go": true}

// subjectPhrases returns the phrases that are the subject of the verb at i.
func (st *sent) subjectPhrases(i int) []int {
	g := st.chain(i)
	k := g - 1
	if k < st.first {
		return nil
	}
	// A gerund complement takes the subject of the verb it completes:
	// "Hezbollah denied carrying out", "the army began shelling".
	if isVerb(st.tok(k).Tag) && (st.tok(i).Tag == "VBG" || st.tok(g).Tag == "TO") {
		if subj, ok := st.subjects[k]; ok {
			return subj
		}
		return st.subjectPhrases(k)
	}
	// A bare infinitive ("attempts to work with", "a proposal to Washington
	// and Moscow to resurrect"): after an actor it names no subject of its
	// own; after anything else it is a purpose clause of the main subject.
	if st.tok(g).Tag == "TO" {
		if _, ok := st.phraseAt[k]; ok && st.hasActorsEndingAt(k) {
			return nil
		}
		return st.lastSubject
	}
	w := strings.ToLower(st.tok(k).Text)
	// Relative pronoun: "the rebels, who attacked".
	if t := st.tok(k).Tag; t == "WDT" || t == "WP" || (w == "that" && t == "IN" && k > st.first && st.hasActorsEndingAt(k-1)) {
		k--
		if k >= st.first && st.tok(k).Text == "," {
			k--
		}
		ps := st.coordinated(k)
		// "the UN envoy for Yemen, who met": the envoy, not Yemen.
		for hop := 0; hop < 2 && len(ps) > 0; hop++ {
			b := st.d.Phrases[ps[0]].First - 1
			if b-1 < st.first || st.tok(b).Tag != "IN" {
				break
			}
			qs := st.coordinated(b - 1)
			if len(qs) == 0 || !st.hasActors(qs) {
				break
			}
			ps = qs
		}
		// An unknown name with a coded appositive: "Martin Griffiths, the
		// UN envoy, who met".
		if len(ps) > 0 && !st.anyCoded(ps) {
			if c := st.d.Phrases[ps[0]].First - 1; c > st.first && st.tok(c).Text == "," {
				if qs := st.coordinated(c - 1); len(qs) > 0 && st.anyCoded(qs) {
					return qs
				}
			}
		}
		return ps
	}
	// Apposition or parenthesis: "Turkey, long one of ..., said"; "Mark
	// Toner, the State Department deputy spokesman, criticized" (the
	// appositive codes the unknown name).
	if w == "," {
		for c := k - 1; c > st.first && c >= k-40; c-- {
			if st.tok(c).Text == "," {
				ps := st.coordinated(c - 1)
				// "The U.N. special envoy for Syria, Staffan de Mistura,
				// urged": the envoy, not Syria.
				if len(ps) > 0 {
					if b := st.d.Phrases[ps[0]].First - 1; b-1 >= st.first && st.tok(b).Tag == "IN" {
						if qs := st.coordinated(b - 1); len(qs) > 0 && st.anyCoded(qs) {
							ps = qs
						}
					}
				}
				if len(ps) > 0 && st.hasActors(ps) {
					if !st.anyCoded(ps) {
						if ap, _ := st.phraseFrom(c + 1); ap >= 0 && st.codedOrModified(ap) {
							return []int{ap}
						}
					}
					return ps
				}
				break
			}
		}
		return nil
	}
	if w == "and" || w == "but" || w == "or" {
		return st.lastSubject
	}
	ps := st.coordinated(k)
	// A reduced relative between subject and verb: "Assad's forces backed
	// by Russian air power launched" has "Assad's forces" as subject.
	if len(ps) > 0 {
		b := st.d.Phrases[ps[0]].First - 1
		if b-1 >= st.first && strings.EqualFold(st.tok(b).Text, "by") && st.tok(b-1).Tag == "VBN" {
			if qs := st.coordinated(b - 2); len(qs) > 0 {
				return qs
			}
		}
	}
	// A prepositional phrase between subject and verb: "Rebel positions in
	// eastern Aleppo were shelled", "Police in Moscow detained".
	for hop := 0; hop < 2 && len(ps) > 0 && !st.hasActors(ps); hop++ {
		b := st.d.Phrases[ps[0]].First - 1
		if b-1 < st.first || st.tok(b).Tag != "IN" || strings.EqualFold(st.tok(b).Text, "by") {
			break
		}
		qs := st.coordinated(b - 1)
		if len(qs) == 0 {
			break
		}
		ps = qs
	}
	// A participle clause after a phrase naming no actor ("leading an
	// international coalition fighting the Islamic State group") or after
	// a preposition ("for deliberately targeting civilians") takes the
	// subject of the clause it hangs on.
	if st.tok(i).Tag == "VBG" && (len(ps) == 0 || !st.hasActors(ps)) {
		if len(ps) > 0 || st.tok(k).Tag == "IN" {
			return st.lastSubject
		}
	}
	return ps
}

func (st *sent) hasActorsEndingAt(k int) bool {
	pk, ok := st.phraseAt[k]
	return ok && len(st.d.Phrases[pk].Actors) > 0 && st.d.Phrases[pk].Last == k+1
}

func (st *sent) hasActors(ps []int) bool {
	for _, p := range ps {
		if len(st.d.Phrases[p].Actors) > 0 || st.d.Phrases[p].Pronoun {
			return true
		}
	}
	return false
}

// coordinated returns the phrase ending at token k and any joined to it by
// "and" or commas before it ("Moscow and Damascus").
func (st *sent) coordinated(k int) []int {
	pk, ok := st.phraseAt[k]
	if !ok || st.d.Phrases[pk].Last != k+1 {
		return nil
	}
	out := []int{pk}
	for {
		p := st.d.Phrases[pk]
		c := p.First - 1
		if c-1 < st.first {
			break
		}
		w := st.tok(c).Text
		if w != "and" && w != "," {
			break
		}
		qk, ok := st.phraseAt[c-1]
		if !ok || st.d.Phrases[qk].Place || st.d.Phrases[qk].Last != c {
			break
		}
		q := st.d.Phrases[qk]
		if len(q.Actors) == 0 && len(p.Actors) == 0 {
			break
		}
		out = append([]int{qk}, out...)
		pk = qk
	}
	// Of coordinated phrases, those naming actors speak for the group:
	// "French rail and refinery workers" is the workers.
	named := out[:0:0]
	for _, k := range out {
		if len(st.d.Phrases[k].Actors) > 0 || st.d.Phrases[k].Pronoun {
			named = append(named, k)
		}
	}
	if len(named) > 0 && len(named) < len(out) {
		return named
	}
	return out
}

// actorsOf resolves phrases to actors, pronouns to their antecedents.
func (st *sent) actorsOf(ps []int, speaker []sitrep.Actor) []sitrep.Actor {
	var out []sitrep.Actor
	for _, pk := range ps {
		p := st.d.Phrases[pk]
		if p.Pronoun {
			out = append(out, st.antecedent(pk, speaker)...)
			continue
		}
		if len(p.Actors) == 0 && p.Modifier >= 0 {
			// "repelled an army offensive": the army.
			out = append(out, st.d.Actors[p.Modifier])
			continue
		}
		if len(p.Actors) == 0 && memberWords[st.lemma(p.Head)] {
			// "the members of the UN Security Council", "leaders of the
			// rebel movement": the body they belong to.
			out = append(out, st.fromPhrase(p)...)
			continue
		}
		for _, a := range p.Actors {
			out = append(out, st.possessed(pk, st.d.Actors[a], speaker))
		}
	}
	return out
}

// possessed gives an actor of unknown country the country of the owner a
// possessive pronoun names: "the ministry denied that its aircraft ..." is
// that ministry's country's aircraft.
func (st *sent) possessed(pk int, a sitrep.Actor, speaker []sitrep.Actor) sitrep.Actor {
	p := st.d.Phrases[pk]
	if len(a.Code) < 6 || p.First-1 < st.first || st.tok(p.First-1).Tag != "PRP$" || p.Modifier >= 0 {
		return a
	}
	w := strings.ToLower(st.tok(p.First - 1).Text)
	if w != "its" && w != "their" && w != "his" && w != "her" && w != "our" {
		return a
	}
	var owners []sitrep.Actor
	if w == "our" {
		owners = speaker
	} else {
		for k := pk - 1; k >= 0 && st.d.Phrases[k].Sentence == st.si; k-- {
			q := st.d.Phrases[k]
			if q.Place || q.Pronoun || len(q.Actors) == 0 {
				continue
			}
			if tg := st.tok(q.Head).Tag; w == "its" && (tg == "NNS" || tg == "NNPS") {
				continue // "Turkey said Syrian forces shelled its posts": not the forces'
			}
			owners = st.actorsOf([]int{k}, speaker)
			break
		}
	}
	for _, o := range owners {
		role := a.Code[3:]
		if (role == "MIL" || role == "REB") && (strings.HasPrefix(o.Code, "IMG") || strings.HasSuffix(o.Code, "REB") || strings.HasSuffix(o.Code, "UAF")) {
			// "the SDF said its fighters": the group's own fighters.
			a.Code, a.Country, a.Role = o.Code, o.Country, o.Role
			return a
		}
		if o.Country != nil {
			// "the Israeli military said its forces": the owner's country,
			// not one the sentence's other actors suggest.
			c := *o.Country
			a.Code = c + a.Code[3:]
			a.Country = &c
			return a
		}
	}
	return a
}

// antecedent resolves a pronoun phrase: "we" and "I" to the sentence's
// speaker; others to the nearest actor phrase before it in the sentence,
// else to the first in the previous sentence.
func (st *sent) antecedent(pk int, speaker []sitrep.Actor) []sitrep.Actor {
	p := st.d.Phrases[pk]
	w := strings.ToLower(st.tok(p.First).Text)
	if w == "we" || w == "i" || w == "us" {
		return speaker
	}
	// "Turkey ... said it planned": the subject of the saying verb, read
	// from the tree when the pronoun is the subject of the reported clause.
	st.antDepth++
	defer func() { st.antDepth-- }()
	if st.antDepth < 4 && p.Sentence == st.si && st.reports() && sitrep.HasRel(st.d.Rel(p.Head), "nsubj") {
		if v := st.d.Head(p.Head); v >= 0 && st.d.Rel(v) == "ccomp" {
			if say := st.d.Head(v); say >= 0 && nlp.Reporting(st.lemma(say)) {
				if subj := st.d.Dependent(say, "nsubj"); subj >= 0 {
					if sk, ok := st.phraseAt[subj]; ok && sk != pk {
						return st.actorsOf([]int{sk}, speaker)
					}
				}
			}
		}
	}
	k := p.First - 1
	if k >= st.first && strings.EqualFold(st.tok(k).Text, "that") {
		k--
	}
	if k >= st.first && isVerb(st.tok(k).Tag) && nlp.Reporting(st.lemma(k)) {
		if subj := st.subjectPhrases(k); len(subj) > 0 && subj[0] != pk {
			return st.actorsOf(subj, speaker)
		}
	}
	for k := pk - 1; k >= 0; k-- {
		q := st.d.Phrases[k]
		if q.Sentence < st.si-1 {
			break
		}
		if q.Sentence == st.si-1 {
			// The previous sentence's subject: its first actor phrase.
			first := -1
			for m := k; m >= 0 && st.d.Phrases[m].Sentence == st.si-1; m-- {
				if len(st.d.Phrases[m].Actors) > 0 && !st.d.Phrases[m].Place {
					first = m
				}
			}
			if first >= 0 {
				return st.actorsOf(st.allCoordinated(first), nil)
			}
			break
		}
		if len(q.Actors) > 0 && !q.Place {
			return st.actorsOf(st.allCoordinated(k), nil)
		}
	}
	return nil
}

func (st *sent) allCoordinated(pk int) []int {
	p := st.d.Phrases[pk]
	if ps := st.coordinatedIn(p); len(ps) > 0 {
		return ps
	}
	return []int{pk}
}

func (st *sent) coordinatedIn(p sitrep.Phrase) []int {
	s := sent{c: st.c, d: st.d, si: p.Sentence, first: st.d.Sentences[p.Sentence].First, last: st.d.Sentences[p.Sentence].Last, phraseAt: map[int]int{}}
	for k, q := range st.d.Phrases {
		if q.Sentence == p.Sentence {
			for t := q.First; t < q.Last; t++ {
				s.phraseAt[t] = k
			}
		}
	}
	return s.coordinated(p.Last - 1)
}

// event builds the events of one match.
func (st *sent) event(p *Pattern, head, end, tgt int, nominal bool) {
	if _, ok := st.c.Codebook[p.Code]; !ok {
		return
	}
	modality := sitrep.Asserted
	var sources, targets []sitrep.Actor
	g := st.chain(head)
	passive := false
	if !nominal {
		if neg := st.negated(g, head); neg {
			return
		}
		modality = st.modality(g, head)
		if st.tok(head).Tag == "VBN" {
			for k := g; k < head; k++ {
				if l := st.lemma(k); l == "be" || l == "get" {
					passive = true
				}
			}
			if !passive && end < st.last && strings.EqualFold(st.tok(end).Text, "by") {
				passive = true // "forces backed by Russian air power"
			}
		}
	}
	speaker, claimMod := st.claimant(head, g)
	if passive {
		subj := st.subjectPhrases(head)
		if len(subj) == 0 && g-1 >= st.first {
			subj = st.coordinated(g - 1)
		}
		targets = st.actorsOf(subj, speaker)
		if bk, _ := st.byPhrase(end); bk >= 0 {
			sources = st.actorsOf(st.withCoordinated(bk), speaker)
		}
	} else if nominal {
		sources = st.nominalSource(head, end, speaker)
		if tgt >= 0 {
			targets = st.actorsOf(st.withCoordinated(tgt), speaker)
		}
	} else {
		sources = st.actorsOf(st.subjectPhrases(head), speaker)
		if tgt < 0 {
			tgt, _ = st.objectFrom(end)
		}
		if tgt < 0 || len(st.actorsOf([]int{tgt}, speaker)) == 0 {
			if pk := st.prepTarget(end); pk >= 0 {
				tgt = pk
			}
		}
		if tgt >= 0 {
			targets = st.actorsOf(st.withCoordinated(tgt), speaker)
		}
	}
	agentless := false
	if ta, ok := st.treeArgs(head, nominal, speaker); ok {
		switch {
		case ta.passive && !nominal:
			// The tree's passive reading: whoever is killed is never the
			// source ("Seventeen soldiers have been killed").
			sources, targets = ta.sources, ta.targets
			agentless = len(ta.sources) == 0 && len(ta.targets) > 0
		case !nominal && len(ta.sources) > 0 && st.accusedOf(head):
			// "accused Armenia of shelling": the accused is the source.
			sources = ta.sources
			if len(ta.targets) > 0 {
				targets = ta.targets
			}
		default:
			// The tree fills what word order missed, and brings in the
			// coordinated actors it did not see ("the government and
			// armed opposition groups signed").
			if len(sources) == 0 || len(ta.sources) > len(sources) {
				sources = ta.sources
			}
			if len(targets) == 0 || len(ta.targets) > len(targets) {
				targets = ta.targets
			}
		}
	}
	if !nominal && (strings.HasPrefix(p.Code, "11") || strings.HasPrefix(p.Code, "12")) && st.d.Parsed(st.si) {
		// Condemning or rejecting an act is aimed at whoever did it:
		// "condemned the Russian attacks on Kyiv" targets RUS, "denounced
		// arrests by the authorities" the government.
		for _, o := range st.d.Dependents(head, "obj") {
			if len(st.actorsOf(st.phrasesOf([]int{o}), speaker)) > 0 {
				break
			}
			if owner := st.actOwner(o, speaker); len(owner) > 0 {
				targets = owner
				break
			}
		}
	}
	if !nominal && conflictCode(p.Code) && st.d.Parsed(st.si) {
		// The weapon or attack that did it, when the sentence names one
		// ("a roadside bomb killed", "killed by a roadside bomb", "killed
		// in Israeli air strikes"), gives the precise code; a weapon as
		// subject is no actor, and the act is coded without a source.
		var around []int
		subj := st.subjectWord(head)
		if subj >= 0 && len(sources) == 0 {
			around = append(around, subj)
		}
		around = append(around, st.d.Dependents(head, "obl:agent")...)
		for _, o := range st.d.Dependents(head, "obl") {
			if c := st.d.Dependent(o, "case"); c >= 0 && instrumentCases[st.lemma(c)] {
				around = append(around, o)
			}
		}
		// "were killed when a missile launched by Houthi rebels hit a
		// house": the weapon of the clause that tells how.
		for _, a := range st.d.Dependents(head, "advcl") {
			if m := st.d.Dependent(a, "mark"); m >= 0 && (st.lemma(m) == "when" || st.lemma(m) == "as" || st.lemma(m) == "after") {
				if s := st.d.Dependent(a, "nsubj"); s >= 0 {
					around = append(around, s)
				}
			}
		}
		for _, w := range around {
			q, weapon := st.instrument(w)
			if q == nil && !weapon {
				continue
			}
			if len(sources) == 0 {
				// "Israeli air strikes killed", "a missile launched by
				// Houthi rebels": whoever fired the weapon.
				if owner := st.actOwner(w, speaker); len(owner) > 0 {
					sources = owner
				}
			}
			if q != nil && q.Code != p.Code && (p.Code == "190" || strings.HasPrefix(q.Code, p.Code)) {
				r := *p
				r.Code = q.Code
				r.Text = p.Text + " + " + q.Text
				p = &r
			}
			if len(sources) == 0 && w == subj {
				agentless = true
			}
			if len(sources) > 0 {
				agentless = false
			}
			if mutualFight(st.lemma(w)) && w != subj {
				// "killed in clashes between X and Y": either side may have
				// killed them; the clash is coded on its own.
				agentless = false
			}
			break
		}
	}
	if len(targets) == 0 && conflictCode(p.Code) {
		// A conflict act with no one named as its target is aimed at the
		// place it happened, as PETRARCH2 codes it ("air strikes in
		// Gaza" target PSE).
		if t, ok := st.placeTarget(head); ok && !(len(sources) == 1 && sources[0].Code == t.Code) {
			targets = []sitrep.Actor{t} // but a country does not act on itself
		}
	}

	if len(sources) == 0 && len(targets) == 0 {
		return
	}
	if claimMod != "" && (modality == sitrep.Asserted || claimMod == sitrep.Denied) {
		modality = claimMod
	}
	var claimant *sitrep.Actor
	if claimMod != "" && len(speaker) > 0 {
		c := speaker[0]
		claimant = &c
	}
	if mutual := mutualFight(st.lemma(head)) && conflictCode(p.Code); mutual && len(sources) == 0 && len(targets) > 1 {
		// "clashes between government forces and insurgents": each side
		// fights the other.
		sources = targets
		targets = nil
	}
	if len(targets) == 0 && len(sources) > 1 && (reciprocal(p.Code) || mutualFight(st.lemma(head)) && conflictCode(p.Code)) {
		// "Turkey and Russia signed an agreement": each with the other.
		for i, s := range sources {
			for j, t := range sources {
				if i != j && s.Text != "" && t.Text != "" && (s.Start != t.Start || s.Code != t.Code) {
					st.add(p, s, t, modality, claimant, head, end)
				}
			}
		}
		return
	}
	if len(sources) == 0 {
		sources = []sitrep.Actor{{}}
	}
	if len(targets) == 0 {
		targets = []sitrep.Actor{{}}
	}
	for _, s := range sources {
		if s.Code == "" && s.Text == "" && !agentless {
			continue // an event needs someone who acts, unless it is a passive without one
		}
		targets := targets
		for k, t := range targets {
			if t.Code == "" {
				// An unknown name as target is more often a place than an
				// actor ("an assault on rebel-held eastern Aleppo"): the
				// place's country is the target, as PETRARCH2 codes it.
				targets[k] = sitrep.Actor{}
				if pt, ok := st.placeIn(t.Start, t.End); ok {
					targets[k] = pt
				}
			}
		}
		p := p
		if strings.HasPrefix(p.Code, "19") && p.Code != "195" && airborne(s.Text) {
			p = airPattern(p) // "warplanes pounded": aerial weapons
		}
		if len(s.Code) == 3 && s.Country != nil && !st.countryNamed(s) && (strings.HasPrefix(p.Code, "18") || strings.HasPrefix(p.Code, "19") || strings.HasPrefix(p.Code, "20")) {
			// "Russian shelling": a country's force is its military; a
			// country named as the actor ("Turkey launched airstrikes")
			// stays the country, as CAMEO codes it.
			s.Code += "MIL"
			r := "MIL"
			s.Role = &r
		}
		for _, t := range targets {
			p := p
			if p.Code == "040" && st.thirdPlace(head, s, t) {
				p = thirdPlacePattern // "met in Geneva": CAMEO 044
			}
			st.add(p, s, t, modality, claimant, head, end)
			if t.Text != "" && s.Text != "" && (symmetric(p.Code) || mutualFight(st.lemma(head)) && conflictCode(p.Code)) {
				// "X held talks with Y", "troops clashed with gunmen":
				// each does it with the other.
				st.add(p, t, s, modality, claimant, head, end)
			}
		}
	}
}

// actOwner returns who did the act named by noun o: the actor its
// phrase names as modifier ("Russian attacks"), its possessor ("Moscow's
// annexation"), or its agent ("arrests by the authorities", "the strike
// carried out by the army").
func (st *sent) actOwner(o int, speaker []sitrep.Actor) []sitrep.Actor {
	d := st.d
	if !isNoun(d.Tokens[o].Tag) {
		return nil
	}
	if pk, ok := st.phraseAt[o]; ok {
		if p := d.Phrases[pk]; p.Modifier >= 0 && len(p.Actors) == 0 {
			return []sitrep.Actor{d.Actors[p.Modifier]}
		}
	}
	var cands []int
	cands = append(cands, d.Dependents(o, "nmod:poss")...)
	for _, m := range d.Dependents(o, "nmod", "obl:agent") {
		if c := d.Dependent(m, "case"); c >= 0 && st.lemma(c) == "by" {
			cands = append(cands, m)
		}
	}
	for _, a := range d.Dependents(o, "acl") {
		cands = append(cands, d.Dependents(a, "obl:agent")...)
	}
	for _, c := range cands {
		if as := st.actorsOf(st.phrasesOf(append([]int{c}, d.Dependents(c, "conj")...)), speaker); len(as) > 0 {
			return as
		}
	}
	return nil
}

// namingPattern stands for the coder's rule that calling someone
// something ("called the plan a betrayal") is disapproval.
var namingPattern = &Pattern{Code: "111", Text: "call $T a ... (naming)", Source: "coder"}

// namesAs reports whether verb i ("call") has an object and a second
// noun it calls the object: an xcomp, or a second object.
func (st *sent) namesAs(i int) bool {
	d := st.d
	if !d.Parsed(st.si) || d.Dependent(i, "obj") < 0 {
		return false
	}
	if x := d.Dependent(i, "xcomp"); x >= 0 && isNoun(d.Tokens[x].Tag) {
		return true
	}
	return len(d.Dependents(i, "obj", "iobj")) > 1
}

// ownActVerbs govern an act their subject did: "launched an offensive",
// "confirmed the raids", "claimed the attack".
var ownActVerbs = map[string]bool{"launch": true, "carry": true, "conduct": true, "stage": true, "mount": true,
	"begin": true, "start": true, "continue": true, "intensify": true, "step": true, "escalate": true, "resume": true,
	"perform": true, "undertake": true, "order": true, "confirm": true, "announce": true, "acknowledge": true,
	"admit": true, "claim": true, "execute": true, "wage": true, "make": true, "impose": true, "extend": true,
	"expand": true, "open": true, "unleash": true, "press": true, "lead": true, "deliver": true, "fire": true}

// memberWords name people by the body they belong to or speak for: "the
// members of the Security Council" act as the Council.
var memberWords = map[string]bool{"member": true, "representative": true, "delegation": true, "delegate": true,
	"envoy": true, "leader": true, "leadership": true, "official": true, "head": true, "chief": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "negotiator": true, "team": true}

// thirdPlacePattern stands for the coder's rule that a meeting in a
// country neither side belongs to is a meeting at a third location.
var thirdPlacePattern = &Pattern{Code: "044", Text: "meet (in a third country)", Source: "coder"}

// thirdPlace reports whether the clause of verb head names a place in a
// country that is neither s's nor t's, both of whose countries are known.
func (st *sent) thirdPlace(head int, s, t sitrep.Actor) bool {
	if s.Country == nil || t.Country == nil || *s.Country == "" || *t.Country == "" || strings.HasPrefix(s.Code, "IGO") || strings.HasPrefix(t.Code, "IGO") {
		return false
	}
	pl, ok := st.placeTarget(head)
	return ok && pl.Code != *s.Country && pl.Code != *t.Country
}

// symmetric codes are acts two parties do together, whoever is named
// first: consulting, talking by telephone, meeting, negotiating.
func symmetric(code string) bool {
	switch code {
	case "040", "041", "044", "046":
		return true
	}
	return false
}

func (st *sent) duplicate(ev sitrep.Event) bool {
	code := func(a *sitrep.Actor) string {
		if a == nil {
			return ""
		}
		if a.Code == "" {
			return "?" + a.Text
		}
		return a.Code
	}
	for _, e := range st.events {
		if e.Cameo == ev.Cameo && code(e.Source) == code(ev.Source) && code(e.Target) == code(ev.Target) {
			return true
		}
	}
	return false
}

// evidence records the words that fired and the pattern.
func (st *sent) evidence(ev *sitrep.Event, p *Pattern, head, end int) {
	d := st.d
	start, stop := d.Tokens[head].Start, d.Tokens[end-1].End
	if ev.Source != nil && ev.Source.Start < start && ev.Source.Start >= d.Sentences[st.si].Start {
		start = ev.Source.Start
	}
	if ev.Target != nil && ev.Target.End > stop && ev.Target.End <= d.Sentences[st.si].End {
		stop = ev.Target.End
	}
	ev.Evidence = sitrep.Evidence{
		Text: d.Article.Text[start:stop], Start: start, End: stop,
		Pattern: p.Code + " " + p.Text + " (" + p.Source + ")",
	}
}

// withCoordinated extends a target phrase with phrases joined to it by "and".
func (st *sent) withCoordinated(pk int) []int {
	out := []int{pk}
	names := func(k int) bool { return len(st.actorsOf([]int{k}, nil)) > 0 }
	if !names(pk) {
		return out
	}
	for n := 0; n < 8; n++ {
		p := st.d.Phrases[pk]
		c := p.Last
		// "the head of Iran's Quds Force": the item ends after its "of".
		if c+1 < st.last && st.low.text[c] == "of" {
			if qk, ok := st.phraseAt[c+1]; ok {
				c = st.d.Phrases[qk].Last
			}
		}
		if c+1 >= st.last || (st.tok(c).Text != "and" && st.tok(c).Text != ",") {
			return out
		}
		k := c + 1
		if k < st.last && st.tok(k).Text == "and" {
			k++ // ", and"
		}
		for k < st.last && (st.tok(k).Tag == "DT" || st.tok(k).Tag == "PRP$") {
			k++
		}
		qk, ok := st.phraseAt[k]
		if !ok || st.d.Phrases[qk].First != k || st.d.Phrases[qk].Place || !names(qk) {
			return out
		}
		out = append(out, qk)
		pk = qk
	}
	return out
}

// objectFrom finds a direct object after a verb phrase ending at j.
func (st *sent) objectFrom(j int) (int, int) {
	if j < st.last {
		if t := st.tok(j).Tag; t == "IN" || t == "TO" || t == "," || t == ":" || t == "." || isVerb(t) {
			return -1, j
		}
	}
	return st.phraseFrom(j)
}

// targetPreps introduce the one an action is aimed at when the pattern
// does not say: "rallied against the government", "appealed to Iran",
// "demanded that Russia withdraw".
var targetPreps = map[string]bool{"against": true, "on": true, "at": true, "to": true,
	"toward": true, "towards": true, "with": true, "that": true, "upon": true}

// prepTarget finds an actor in a phrase introduced by a target preposition
// within a few words after j, without crossing a clause boundary.
func (st *sent) prepTarget(j int) int {
	for k := j; k < st.last && k <= j+6; k++ {
		t := st.tok(k)
		if t.Tag == "," || t.Tag == ":" || t.Tag == "." || (isVerb(t.Tag) && k > j) {
			return -1
		}
		if targetPreps[strings.ToLower(t.Text)] && (t.Tag == "IN" || t.Tag == "TO") {
			if pk, _ := st.phraseFrom(k + 1); pk >= 0 {
				p := st.d.Phrases[pk]
				if !p.Place && (len(p.Actors) > 0 || p.Modifier >= 0) {
					return pk
				}
			}
		}
	}
	return -1
}

// byPhrase finds "by X" within a few tokens after j.
func (st *sent) byPhrase(j int) (int, int) {
	for k := j; k < st.last && k <= j+3; k++ {
		if strings.EqualFold(st.tok(k).Text, "by") {
			return st.phraseFrom(k + 1)
		}
		if t := st.tok(k).Tag; t == "," || t == "." || isVerb(t) {
			break
		}
	}
	return -1, j
}

// nominalSource finds who carries out a nominal event: a modifier of the
// noun ("an army offensive", "Russia's bombing"), a "by" phrase after it,
// or the subject of the verb that governs it ("Assad's forces launched an
// assault on").
func (st *sent) nominalSource(head, end int, speaker []sitrep.Actor) []sitrep.Actor {
	if pk, ok := st.phraseAt[head]; ok {
		p := st.d.Phrases[pk]
		if p.Modifier >= 0 {
			return []sitrep.Actor{st.d.Actors[p.Modifier]}
		}
		if len(p.Actors) > 0 && p.Head != head {
			return st.actorsOf([]int{pk}, speaker)
		}
	}
	if bk, _ := st.byPhrase(end); bk >= 0 {
		return st.actorsOf(st.withCoordinated(bk), speaker)
	}
	// The governing verb: the nearest verb before the noun's phrase.
	start := head
	if pk, ok := st.phraseAt[head]; ok {
		start = st.d.Phrases[pk].First
	}
	for k := start - 1; k >= st.first && k >= start-3; k-- {
		t := st.tok(k).Tag
		if isVerb(t) {
			if !ownActVerbs[st.lemma(k)] {
				// "the Observatory said fighting reached ...", "condemned
				// the attack": who reports or judges an act did not do it.
				return nil
			}
			return st.actorsOf(st.subjectPhrases(k), speaker)
		}
		if !filler(t) && t != "RP" {
			break
		}
	}
	return nil
}

// fromPhrase returns the actors of an "of"/"from" phrase after p: "a
// fighter from the Failaq al-Sham rebel group".
func (st *sent) fromPhrase(p sitrep.Phrase) []sitrep.Actor {
	if p.Last+1 < st.last && (strings.EqualFold(st.tok(p.Last).Text, "from") || strings.EqualFold(st.tok(p.Last).Text, "of")) {
		if qk, _ := st.phraseFrom(p.Last + 1); qk >= 0 {
			return st.actorsOf([]int{qk}, nil)
		}
	}
	return nil
}

// negated reports a negation in the verb group [g, head).
func (st *sent) negated(g, head int) bool {
	for k := g; k < head; k++ {
		switch strings.ToLower(st.tok(k).Text) {
		case "not", "n't", "n’t", "never":
			return true
		}
	}
	return false
}

// modality reads the verb group for future, intention and conditionals.
func (st *sent) modality(g, head int) string {
	cond := false
	for k := st.first; k < head; k++ {
		if l := strings.ToLower(st.tok(k).Text); l == "if" || l == "unless" {
			cond = true
		}
	}
	m := sitrep.Asserted
	for k := g; k < head; k++ {
		t := st.tok(k)
		switch strings.ToLower(t.Text) {
		case "will", "'ll", "’ll", "shall", "wo":
			m = sitrep.Intended
		case "would":
			m = sitrep.Hypothetical
		case "could", "might", "may":
			m = sitrep.Hypothetical
		}
		if t.Tag == "TO" && k > g && intention[st.lemma(k-1)] {
			m = sitrep.Intended
		}
		if t.Tag == "TO" && k > g && isVerb(st.tok(k-1).Tag) && st.lemma(k-1) != "have" && m == sitrep.Asserted {
			m = sitrep.Intended
		}
	}
	if cond && m != sitrep.Asserted {
		return sitrep.Conditional
	}
	if cond {
		return sitrep.Conditional
	}
	return m
}

// claimant finds who reports the event at head, whose verb group starts at
// g: the subject of a saying verb before it ("Toner said Washington had
// walked away"), an attribution after it ("..., said a fighter"), or
// "according to X". It returns the speaker and the modality the frame
// gives (claimed or denied), or "" when the sentence is not reported speech.
func (st *sent) claimant(head, g int) ([]sitrep.Actor, string) {
	if v, _ := st.accusedAct(head); v >= 0 {
		// "Azerbaijan accused Armenia of shelling": the accuser claims it.
		if sp := st.actorsOf(st.treeSubject(v, 0), nil); len(sp) > 0 {
			return sp, sitrep.Claimed
		}
	}
	sp, mod, lost := st.orderClaimant(head, g)
	if len(sp) == 0 && lost {
		// A saying verb came before the event but word order found no
		// subject for it; the tree may ("Turkey, long one of the main
		// foes of Assad but ..., said it planned to"). Only then is the
		// sentence parsed here.
		sp, mod = st.treeClaimant(head)
	}
	return sp, mod
}

// orderClaimant is claimant read from word order alone. lost reports a
// saying verb before the event whose subject word order could not find.
func (st *sent) orderClaimant(head, g int) (sp []sitrep.Actor, mod string, lost bool) {
	// A saying verb before the event.
	for k := g - 1; k >= st.first; k-- {
		t := st.tok(k)
		if !isVerb(t.Tag) || !nlp.Reporting(st.lemma(k)) {
			continue
		}
		subj, seen := st.subjects[k]
		if !seen {
			subj = st.subjectPhrases(k)
		}
		sp := st.actorsOf(subj, nil)
		if len(sp) == 0 {
			lost = true
			continue
		}
		mod := sitrep.Claimed
		if st.lemma(k) == "deny" {
			mod = sitrep.Denied
		}
		return sp, mod, false
	}
	// An attribution after it: "..., X said." or "..., said X."
	for k := head + 1; k < st.last; k++ {
		t := st.tok(k)
		if strings.EqualFold(t.Text, "according") && k+1 < st.last && st.tok(k+1).Text == "to" {
			if pk, _ := st.phraseFrom(k + 2); pk >= 0 {
				if sp := st.actorsOf([]int{pk}, nil); len(sp) > 0 {
					return sp, sitrep.Claimed, false
				}
			}
		}
		if !isVerb(t.Tag) || !nlp.Reporting(st.lemma(k)) {
			continue
		}
		prev := st.tok(k - 1).Text
		if pk, ok := st.phraseAt[k-1]; ok && st.d.Phrases[pk].Last == k {
			before := st.d.Phrases[pk].First - 1
			if before >= st.first {
				if w := st.tok(before).Text; w == "," || w == "”" || w == "\"" || w == "''" || w == "’" {
					if sp := st.actorsOf(st.coordinated(k-1), nil); len(sp) > 0 {
						return sp, sitrep.Claimed, false
					}
				}
			}
		}
		if prev == "," || prev == "”" || prev == "\"" || prev == "’" {
			if pk, _ := st.phraseFrom(k + 1); pk >= 0 {
				// "said a fighter from the Failaq al-Sham rebel group"
				p := st.d.Phrases[pk]
				if sp := st.actorsOf([]int{pk}, nil); len(sp) > 0 && !strings.HasPrefix(sp[0].Code, "---") {
					return sp, sitrep.Claimed, false
				}
				if sp := st.fromPhrase(p); len(sp) > 0 {
					return sp, sitrep.Claimed, false
				}
				if sp := st.actorsOf([]int{pk}, nil); len(sp) > 0 {
					return sp, sitrep.Claimed, false
				}
				if p.Last+1 < st.last && (strings.EqualFold(st.tok(p.Last).Text, "from") || strings.EqualFold(st.tok(p.Last).Text, "of")) {
					if qk, _ := st.phraseFrom(p.Last + 1); qk >= 0 {
						if sp := st.actorsOf([]int{qk}, nil); len(sp) > 0 {
							return sp, sitrep.Claimed, false
						}
					}
				}
			}
		}
	}
	return nil, "", lost
}

// treeSubject finds the subject of verb i in the dependency tree: its
// nsubj (with the subjects coordinated with it); for a verb without one,
// the subject of the verb it completes (xcomp: "vowed to retake") or is
// coordinated with (conj: "shelled the town and killed"), or the noun a
// relative clause hangs on ("the rebels, who attacked"). It returns the
// phrases that hold those words, and nothing when the tree names no
// subject that is an actor or a pronoun, so that the caller can fall back
// on word order.
func (st *sent) treeSubject(i, depth int) []int {
	d := st.d
	if depth > 4 || !d.Parsed(st.si) {
		return nil
	}
	if v, accused := st.accusedAct(i); v >= 0 && d.Dependent(i, "nsubj") < 0 {
		return st.phrasesOf(append([]int{accused}, d.Dependents(accused, "conj")...))
	}
	if subjs := d.Dependents(i, "nsubj", "csubj"); len(subjs) > 0 {
		// The nearest subject that names someone: a dateline the parser
		// took for a second subject names no one.
		for k := len(subjs) - 1; k >= 0; k-- {
			subj := st.antecedentOf(subjs[k], i)
			if subj < 0 {
				continue
			}
			if ps := st.phrasesOf(append([]int{subj}, d.Dependents(subj, "conj")...)); len(ps) > 0 || k == 0 {
				return ps
			}
		}
		return nil
	}
	switch rel := d.Rel(i); {
	case rel == "xcomp" || rel == "conj":
		if h := d.Head(i); h >= 0 && isVerb(d.Tokens[h].Tag) {
			return st.treeSubject(h, depth+1)
		}
	case sitrep.HasRel(rel, "advcl") && d.Tokens[i].Tag == "VBG" && d.Dependent(i, "mark") < 0:
		// "raided a village, killing 15 people": the raiders kill.
		if h := d.Head(i); h >= 0 && isVerb(d.Tokens[h].Tag) {
			return st.treeSubject(h, depth+1)
		}
	case sitrep.HasRel(rel, "acl") && (d.Tokens[i].Tag != "VBN" || st.misreadRelative(i)):
		if h := d.Head(i); h >= 0 && isNoun(d.Tokens[h].Tag) {
			return st.phrasesOf([]int{h})
		}
	}
	return nil
}

// accuseVerbs take the accused as object and the act as a clause with
// "of" or "for": "accused Armenia of shelling", "blamed the rebels for
// attacking".
var accuseVerbs = map[string]bool{"accuse": true, "blame": true, "charge": true, "suspect": true,
	"condemn": true, "criticize": true, "criticise": true, "denounce": true, "fault": true}

// accusedAct reports whether verb i is the act someone is accused of:
// the clause after "of"/"for" that hangs on an accusing verb or on its
// object. It returns the accusing verb and the accused word, or -1.
func (st *sent) accusedAct(i int) (int, int) {
	d := st.d
	if !d.Parsed(st.si) || !isVerb(d.Tokens[i].Tag) {
		return -1, -1
	}
	m := d.Dependent(i, "mark")
	if m < 0 || (st.lemma(m) != "of" && st.lemma(m) != "for") {
		return -1, -1
	}
	h := d.Head(i)
	if h < 0 {
		return -1, -1
	}
	switch rel := d.Rel(i); {
	case sitrep.HasRel(rel, "advcl") && accuseVerbs[st.lemma(h)]:
		if o := d.Dependent(h, "obj"); o >= 0 {
			return h, o
		}
	case sitrep.HasRel(rel, "acl") && d.Rel(h) == "obj":
		if v := d.Head(h); v >= 0 && accuseVerbs[st.lemma(v)] {
			return v, h
		}
	}
	return -1, -1
}

func (st *sent) accusedOf(i int) bool { v, _ := st.accusedAct(i); return v >= 0 }

// misreadRelative reports whether verb i, which the parser took for a
// participle modifying a noun ("An explosion killed four civilians" read
// as "an explosion [that was] killed ..."), is the sentence's main verb:
// the noun is the root, and the participle has a direct object, which a
// passive participle cannot have.
func (st *sent) misreadRelative(i int) bool {
	d := st.d
	h := d.Head(i)
	return h >= 0 && d.Head(h) < 0 && isNoun(d.Tokens[h].Tag) && d.Tokens[i].Tag == "VBN" &&
		sitrep.HasRel(d.Rel(i), "acl") && d.Dependent(i, "obj") >= 0 && d.Dependent(i, "aux", "aux:pass") < 0
}

// subjectWord returns the word that is the subject of verb i in the tree,
// or -1.
func (st *sent) subjectWord(i int) int {
	if s := st.d.Dependent(i, "nsubj"); s >= 0 {
		return s
	}
	if st.misreadRelative(i) {
		return st.d.Head(i)
	}
	return -1
}

// phrasesOf returns the actor or pronoun phrases holding tokens, in order,
// each once.
func (st *sent) phrasesOf(tokens []int) []int {
	var out []int
	for _, t := range tokens {
		pk, ok := st.phraseAt[t]
		if !ok {
			continue
		}
		p := st.d.Phrases[pk]
		if p.Place || (!p.Pronoun && len(st.actorsOf([]int{pk}, nil)) == 0) || slices.Contains(out, pk) {
			continue
		}
		out = append(out, pk)
	}
	return out
}

// treeClaimant reads the claimant from the tree: climbing from the event's
// word through the clauses that hold it (xcomp, conj, ccomp, parataxis) to
// the nearest saying verb that takes one of them as what it reports, whose
// subject is the claimant ("Turkey said it planned to make a proposal",
// "Twelve were killed, activists said").
func (st *sent) treeClaimant(head int) ([]sitrep.Actor, string) {
	d := st.d
	if !st.reports() || !d.Parsed(st.si) {
		return nil, ""
	}
	// A nominal event ("a proposal to Washington") is read from the clause
	// its noun belongs to.
	for n := 0; n < 3 && !isVerb(d.Tokens[head].Tag); n++ {
		if head = d.Head(head); head < 0 {
			return nil, ""
		}
	}
	child := head
	for n, h := 0, d.Head(head); h >= 0 && n < 8; n, h = n+1, d.Head(h) {
		rel := d.Rel(child)
		if rel != "xcomp" && rel != "conj" && rel != "ccomp" && rel != "parataxis" && rel != "advcl" {
			return nil, ""
		}
		if isVerb(d.Tokens[h].Tag) && nlp.Reporting(st.lemma(h)) && (rel == "ccomp" || rel == "parataxis") {
			sp := st.actorsOf(st.treeSubject(h, 0), nil)
			if len(sp) == 0 {
				return nil, ""
			}
			if st.lemma(h) == "deny" {
				return sp, sitrep.Denied
			}
			return sp, sitrep.Claimed
		}
		child = h
	}
	return nil, ""
}

// reports reports whether the sentence has a saying verb, without which
// there is no claimant to look for in the tree (and no need to parse).
func (st *sent) reports() bool {
	for k := st.first; k < st.last; k++ {
		if isVerb(st.tok(k).Tag) && nlp.Reporting(st.lemma(k)) {
			return true
		}
	}
	return false
}

// treeRoles are an event's participants as the dependency tree has them.
type treeRoles struct {
	sources, targets []sitrep.Actor
	passive          bool
}

// targetCases are the prepositions that introduce the target of an act:
// "fired on", "an assault against", "talks with", "sent to".
var targetCases = map[string]bool{"against": true, "on": true, "at": true, "with": true, "to": true,
	"into": true, "over": true, "upon": true, "toward": true, "towards": true, "onto": true}

// treeArgs reads an event's participants from the tree. For a verb: a
// passive's nsubj:pass is the target and its obl:agent the source; an
// active verb's subject (treeSubject) is the source and its object, or
// else an obl with a target preposition, the target; a light verb's object
// passes its own target on ("carried out strikes on Idlib"). For a noun:
// its nmod with a target preposition ("an assault on the city"). ok is
// false when the sentence is not parsed.
func (st *sent) treeArgs(head int, nominal bool, speaker []sitrep.Actor) (treeRoles, bool) {
	d := st.d
	var r treeRoles
	if !d.Parsed(st.si) {
		return r, false
	}
	withConj := func(ts []int) []int {
		out := append([]int(nil), ts...)
		for _, t := range ts {
			out = append(out, d.Dependents(t, "conj")...)
		}
		return out
	}
	actors := func(ts []int) []sitrep.Actor {
		return st.actorsOf(st.phrasesOf(withConj(ts)), speaker)
	}
	if nominal {
		r.targets = actors(st.casedDeps(head, "nmod"))
		return r, true
	}
	if pass := d.Dependents(head, "nsubj:pass"); len(pass) > 0 || d.Dependent(head, "aux:pass") >= 0 {
		r.passive = true
		// "journalists who were kidnapped": the relative pronoun stands
		// for the noun the clause hangs on.
		for k, t := range pass {
			if a := st.antecedentOf(t, head); a >= 0 {
				pass[k] = a
			}
		}
		r.targets = actors(pass)
		r.sources = actors(d.Dependents(head, "obl:agent"))
		if len(r.sources) == 0 {
			// "killed in the Turkish bombardment", "wounded in Israeli
			// air strikes": the attack's author is the killing's source.
			for _, o := range d.Dependents(head, "obl") {
				if len(st.c.Verbs.nouns[st.lemma(o)]) == 0 {
					continue
				}
				if src := st.nominalSource(o, o+1, speaker); len(src) > 0 {
					r.sources = src
					break
				}
			}
		}
		return r, true
	}
	r.sources = st.actorsOf(st.treeSubject(head, 0), speaker)
	objs := d.Dependents(head, "obj", "iobj")
	r.targets = actors(objs)
	if len(r.targets) == 0 {
		r.targets = actors(st.casedDeps(head, "obl"))
	}
	if len(r.targets) == 0 {
		for _, o := range objs {
			if r.targets = actors(st.casedDeps(o, "nmod")); len(r.targets) > 0 {
				break
			}
		}
	}
	return r, true
}

// instrumentCases introduce the weapon or attack an act was done with or
// in: "killed by a bomb", "killed in an air strike", "wounded with a knife".
var instrumentCases = map[string]bool{"by": true, "in": true, "with": true, "during": true}

// weaponWords are nouns of weapons and attacks that no verb pattern names
// on their own: as the subject of a killing they are no actor.
var weaponWords = map[string]bool{"explosion": true, "blast": true, "bomb": true, "explosive": true, "device": true,
	"mine": true, "landmine": true, "gunfire": true, "fire": true, "shell": true, "shrapnel": true, "attack": true,
	"strike": true, "airstrike": true, "missile": true, "rocket": true, "grenade": true, "bullet": true,
	"shelling": true, "bombing": true, "violence": true, "fighting": true, "clash": true, "raid": true,
	"ambush": true, "assault": true, "offensive": true, "barrage": true, "drone": true, "mortar": true}

// instrument looks in the phrase headed by word w for a weapon or attack:
// the conflict noun pattern that matches there, the most precise first
// ("a roadside bomb" 1833), and whether the head is a weapon word at all.
func (st *sent) instrument(w int) (*Pattern, bool) {
	d := st.d
	if _, ok := st.phraseAt[w]; ok && len(st.actorsOf(st.phrasesOf([]int{w}), nil)) > 0 && !weaponWords[st.lemma(w)] {
		return nil, false // an actor ("militants"), not a weapon
	}
	if !isNoun(d.Tokens[w].Tag) {
		return nil, false
	}
	f, l := d.Subtree(w)
	var best *Pattern
	for k := f; k < l; k++ {
		if !isNoun(d.Tokens[k].Tag) && d.Tokens[k].Tag != "JJ" && d.Tokens[k].Tag != "VBG" {
			continue
		}
		for _, q := range st.c.Verbs.nouns[st.lemma(k)] {
			if q.Code == Discard || !conflictCode(q.Code) {
				continue
			}
			if _, _, ok := st.match(q, k); !ok {
				continue
			}
			if best == nil || len(q.Code) > len(best.Code) || len(q.Code) == len(best.Code) && len(q.Head) > len(best.Head) {
				best = q
			}
		}
	}
	if best == nil {
		if code := weaponCodes[st.lemma(w)]; code != "" {
			best = &Pattern{Code: code, Text: "@" + st.lemma(w) + " (weapon)", Source: "coder"}
		}
	}
	return best, best != nil || weaponWords[st.lemma(w)]
}

// weaponCodes are the codes of weapons no noun pattern names alone:
// missiles and drones are aerial weapons (195), rockets, shells and mortars
// artillery (194), as the Phoenix-coded news codes them.
var weaponCodes = map[string]string{"missile": "195", "drone": "195", "airstrike": "195", "warplane": "195",
	"rocket": "194", "shell": "194", "mortar": "194", "artillery": "194", "shelling": "194"}

// casedDeps returns the dependents of h with relation rel (subtypes
// included) whose case word is a target preposition.
func (st *sent) casedDeps(h int, rel string) []int {
	var out []int
	for _, t := range st.d.Dependents(h, rel) {
		if c := st.d.Dependent(t, "case"); c >= 0 && targetCases[strings.ToLower(st.d.Tokens[c].Text)] {
			out = append(out, t)
		}
	}
	return out
}

// conflictCode reports whether code is an act of force or coercion
// (CAMEO roots 17 to 20).
func conflictCode(code string) bool {
	return len(code) >= 2 && code[0] == '1' && code[1] >= '7' || strings.HasPrefix(code, "20")
}

// placeTarget returns the country of the first place named in the event's
// clause (inside the subtree of its head), as an actor.
func (st *sent) placeTarget(head int) (sitrep.Actor, bool) {
	d := st.d
	lo, hi := d.Tokens[st.first].Start, d.Tokens[st.last-1].End
	if d.Parsed(st.si) {
		f, l := d.Subtree(head)
		lo, hi = d.Tokens[f].Start, d.Tokens[l-1].End
	}
	return st.placeIn(lo, hi)
}

// placeIn returns the country of the first place named within the bytes
// [lo, hi), as an actor.
func (st *sent) placeIn(lo, hi int) (sitrep.Actor, bool) {
	for _, pm := range st.d.Places {
		if pm.Start < lo || pm.End > hi || pm.Country == "" {
			continue
		}
		c := actors.ActorCountry(pm.Country)
		return sitrep.Actor{Text: pm.Text, Code: c, Country: &c, Start: pm.Start, End: pm.End}, true
	}
	return sitrep.Actor{}, false
}

// otherSide returns the side that holds place t in a civil war, against
// source s of the same country: the rebels, where the sentence calls the
// place or the fighting rebel-held, insurgent or opposition, for a state
// force; the state's forces, where it says government- or regime-held,
// for rebels. Otherwise it returns no actor.
func (st *sent) otherSide(s, t sitrep.Actor) sitrep.Actor {
	role := s.Code[3:]
	state := role == "" || strings.HasPrefix(role, "MIL") || strings.HasPrefix(role, "GOV") || strings.HasPrefix(role, "COP")
	rebel := strings.HasPrefix(role, "REB") || strings.HasPrefix(role, "UAF") || strings.HasPrefix(role, "OPP")
	cue := func(words ...string) bool {
		for k := st.first; k < st.last; k++ {
			w := st.low.text[k]
			for _, c := range words {
				if strings.HasPrefix(w, c) {
					return true
				}
			}
		}
		return false
	}
	c := t.Code
	switch {
	case state && cue("rebel", "insurgent", "opposition-held", "militant", "jihadist", "rebellious"):
		t.Code = c + "REB"
	case rebel && cue("government-held", "regime-held", "government-controlled", "regime-controlled", "army-held"):
		t.Code = c + "MIL"
	default:
		return sitrep.Actor{}
	}
	r := t.Code[3:]
	t.Role = &r
	return t
}

// placeSpan reports whether actor a is a place named in the text, taken
// as the target of an act aimed at it ("shelled Homs": SYR).
func (st *sent) placeSpan(a sitrep.Actor) bool {
	for _, pm := range st.d.Places {
		if pm.Start == a.Start && pm.End == a.End {
			return true
		}
	}
	return false
}

// located gives an actor coded without a country the country where it
// acts (actors.Locate).
func (st *sent) located(a sitrep.Actor) sitrep.Actor {
	return actors.Locate(st.d, st.si, a, st.home)
}

// countryNamed reports whether actor a is a country named as such
// ("Turkey"), not a demonym modifier ("Turkish", "Russian shelling"): its
// last word is a proper noun.
func (st *sent) countryNamed(a sitrep.Actor) bool {
	for k := st.first; k < st.last; k++ {
		if st.tok(k).End == a.End {
			return strings.HasPrefix(st.tok(k).Tag, "NNP")
		}
	}
	return false
}

// antecedentOf returns word t of the clause headed by verb v, or, when t
// is a relative pronoun ("who", "which", "that"), the noun the relative
// clause hangs on; -1 for a relative pronoun outside a relative clause.
func (st *sent) antecedentOf(t, v int) int {
	d := st.d
	if tg := d.Tokens[t].Tag; tg != "WDT" && tg != "WP" && !strings.EqualFold(d.Tokens[t].Text, "that") {
		return t
	}
	if sitrep.HasRel(d.Rel(v), "acl") {
		return d.Head(v)
	}
	return -1
}
