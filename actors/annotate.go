package actors

import (
	"strings"

	"sitrep"
)

// Annotator finds the noun phrases of each sentence and codes the actors
// they name. It implements sitrep.Annotator.
type Annotator struct {
	Dict *Dict
}

// piece is a dictionary match over tokens [first, last).
type piece struct {
	first, last int
	e           entry
}

// Annotate adds Phrases and Actors to d.
func (a *Annotator) Annotate(d *sitrep.Doc) {
	st := &docState{dict: a.Dict, doc: d, names: map[string]sitrep.Actor{}, lastBetween: -1}
	st.pub = d.Article.Published
	st.country = st.datelineCountry()
	for si := range d.Sentences {
		st.sentence(si)
	}
}

// sentenceCountry returns the one country a sentence's dictionary phrases
// name (countries, demonyms, capitals, and named actors of a country), or
// "" when it names none or several.
func (st *docState) sentenceCountry(ps []piece) string {
	// Armed groups and forces cross borders (al-Shabaab in Kenya), so
	// their country counts only when nothing else names one.
	strong, weak := "", ""
	strongN, weakN := 0, 0
	note := func(c string, armed bool) {
		if armed {
			if weak != c {
				weakN++
			}
			weak = c
			return
		}
		if strong != c {
			strongN++
		}
		strong = c
	}
	for k, p := range ps {
		switch p.e.kind {
		case kCountry, kSeat:
			note(p.e.code[:3], false)
		case kAdjective:
			// "Russian warplanes bombed a hospital", "Russian shelling hit
			// Kherson": armed forces and their weapons act abroad, so
			// their country says nothing of the others'.
			if p.last < len(st.doc.Tokens) && p.last < st.doc.Sentences[st.doc.SentenceAt(st.doc.Tokens[p.first].Start)].Last && weaponNouns[strings.ToLower(st.doc.Tokens[p.last].Lemma)] {
				continue
			}
			n := k + 1
			for n < len(ps) && ps[n].e.kind == kAdjective && ps[n].first-ps[n-1].last <= 2 {
				n++ // "Russian and Syrian warplanes"
			}
			if n < len(ps) && ps[n].e.kind == kAgent && ps[n].e.code == "MIL" && ps[n].first-ps[n-1].last <= 2 {
				continue
			}
			note(p.e.code[:3], false)
		case kNamed:
			if len(p.e.code) >= 6 && st.dict.countries[p.e.code[:3]] != "" {
				role := p.e.code[3:6]
				note(p.e.code[:3], role == "MIL" || role == "REB")
			}
		}
	}
	switch {
	case strongN == 1:
		return strong
	case strongN == 0 && weakN == 1:
		return weak
	}
	return ""
}

type docState struct {
	dict    *Dict
	doc     *sitrep.Doc
	pub     sitrep.Date
	country string // the dateline's country, for agents named without one
	// lastBetween is the index of the last phrase read after "between"
	// or "among" (or coordinated with one), -1 when none.
	lastBetween int
	// datelineEnd is the token that ends a wire dateline ("KABUL,
	// Afghanistan —"); the phrases before it are places.
	datelineEnd int
	// sentCountry is the one country the current sentence names, if any;
	// it takes precedence over the dateline's.
	sentCountry string
	// names maps a surname to the actor a full mention coded ("Toner" ->
	// USAGOV after "State Department spokesman Mark Toner").
	names map[string]sitrep.Actor
}

// datelineCountry reads the country of a wire dateline ("ALEPPO, Syria
// (Sitrep Wire) —") in the first sentence.
func (st *docState) datelineCountry() string {
	if len(st.doc.Sentences) == 0 {
		return ""
	}
	toks := st.doc.SentenceTokens(0)
	for i, t := range toks {
		if i > 12 {
			break
		}
		if t.Tag == ":" || t.Text == "—" || t.Text == "--" || t.Text == "-" {
			for _, p := range st.pieces(toks[:i], 0) {
				if p.e.kind == kCountry || p.e.kind == kSeat {
					st.datelineEnd = st.doc.Sentences[0].First + i
					return p.e.code[:3]
				}
			}
			if wireDateline(toks[:i]) {
				// "UNITED NATIONS, Feb. 12 (Xinhua) —": a dateline, though
				// it names no country; its words are no actor.
				st.datelineEnd = st.doc.Sentences[0].First + i
			}
			return ""
		}
	}
	return ""
}

// wireDateline reports whether the words before a dash are a wire
// dateline: they open with a word in capitals ("UNITED NATIONS, Feb. 12",
// "GOMA") or carry an agency in brackets ("(Reuters)", "(AP)").
func wireDateline(toks []sitrep.Token) bool {
	if len(toks) == 0 {
		return false
	}
	for k := 0; k+2 < len(toks); k++ {
		if toks[k].Text == "(" && toks[k+2].Text == ")" {
			switch toks[k+1].Text {
			case "AP", "Reuters", "AFP", "Xinhua", "CNN", "UPI", "dpa", "IANS", "PTI", "Anadolu", "Bernama", "Sputnik", "TASS", "IRNA", "WAM", "SPA", "KUNA", "APA", "Yonhap", "Kyodo":
				return true
			}
		}
	}
	w := toks[0].Text
	letters := 0
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters >= 3
}

// pieces finds the dictionary phrases in toks, longest first from the left.
// base is the index of toks[0] in Doc.Tokens.
func (st *docState) pieces(toks []sitrep.Token, base int) []piece {
	var out []piece
	for i := 0; i < len(toks); {
		best, bestLen := entry{}, 0
		// Names, countries and seats: matched on words, with case checks.
		n := st.dict.names
		for j := i; j < len(toks); j++ {
			n = n.next[norm(toks[j].Text)]
			if n == nil {
				break
			}
			if len(n.entries) > 0 && j+1-i >= bestLen {
				if e, ok := st.pick(n.entries, toks[i:j+1]); ok {
					best, bestLen = e, j+1-i
				}
			}
		}
		// Agents: matched on lemmas.
		n = st.dict.agents
		for j := i; j < len(toks); j++ {
			n = n.next[strings.ToLower(toks[j].Lemma)]
			if n == nil {
				break
			}
			if len(n.entries) > 0 && j+1-i > bestLen && isNounish(toks[j].Tag) {
				best, bestLen = n.entries[len(n.entries)-1], j+1-i
			}
		}
		if bestLen == 0 {
			i++
			continue
		}
		out = append(out, piece{first: base + i, last: base + i + bestLen, e: best})
		i += bestLen
	}
	return out
}

// pick chooses among a phrase's entries the one that fits the text's case
// and, for named actors, the publication date.
func (st *docState) pick(es []entry, toks []sitrep.Token) (entry, bool) {
	var best entry
	found := false
	for k := len(es) - 1; k >= 0; k-- {
		e := es[k]
		fits := true
		for w := range e.form {
			if !caseFits(e.form[w], toks[w].Text) {
				fits = false
				break
			}
		}
		if !fits {
			continue
		}
		if e.kind != kNamed || st.pub == "" {
			if !found || e.kind == kNamed && best.kind != kNamed {
				best, found = e, true
			}
			if st.pub == "" && e.kind == kNamed && found && best.kind == kNamed && e.to == "" {
				best = e // without a date, prefer the office held last
			}
			continue
		}
		if (e.from == "" || e.from <= st.pub) && (e.to == "" || st.pub < e.to) {
			return e, true
		}
		if !found {
			// Out of office at the date: keep the country, as an elite.
			e.code = outOfOffice(e.code)
			best, found = e, true
		}
	}
	return best, found
}

// outOfOffice turns a state code into its country's elite code ("USAGOV"
// -> "USAELI") for a person named outside the dates of the office.
func outOfOffice(code string) string {
	if len(code) >= 6 && isCode(code[:3], 3, 3) && !strings.HasPrefix(code, "IGO") && !strings.HasPrefix(code, "IMG") && !strings.HasPrefix(code, "NGO") {
		return code[:3] + "ELI"
	}
	return code
}

func isNounish(tag string) bool {
	return strings.HasPrefix(tag, "NN") || tag == "JJ" || tag == "VBG" || tag == "PRP"
}

// npTag reports whether a token with this tag can be part of a noun phrase.
func npTag(tag string) bool {
	switch tag {
	case "DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS":
		return true
	}
	return false
}

// locatives are prepositions after which a capital or country is a place,
// not an actor ("in Damascus", "across Syria").
var locatives = map[string]bool{
	"in": true, "at": true, "near": true, "across": true, "throughout": true,
	"inside": true, "outside": true, "around": true, "within": true, "into": true,
	"from": true, "through": true, "toward": true, "towards": true, "over": true,
	"of": false, "between": true, "north": true, "south": true, "east": true, "west": true,
}

// weakAgents head a phrase without giving it a role of their own when a
// stronger agent modifies them: "rebel commander" is REB, "army spokesman" MIL.
var weakAgents = map[string]bool{
	"official": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"leader": true, "commander": true, "chief": true, "head": true, "member": true,
	"source": true, "representative": true, "delegation": true, "negotiator": true,
	"general": true, "unit": true, "group": true, "fighter": true, "force": true,
	"position": true, "post": true, "outpost": true, "base": true, "convoy": true,
	"checkpoint": true, "patrol": true, "barracks": true,
}

var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true,
	"them": true, "him": true, "us": true}

// sentence chunks sentence si into noun phrases and codes their actors.
func (st *docState) sentence(si int) {
	d := st.doc
	s := d.Sentences[si]
	toks := d.Tokens[s.First:s.Last]
	ps := st.pieces(toks, s.First)
	st.sentCountry = st.sentenceCountry(ps)
	inPiece := make([]int, len(toks)) // piece index + 1 covering the token
	for k, p := range ps {
		for t := p.first; t < p.last; t++ {
			inPiece[t-s.First] = k + 1
		}
	}
	for i := 0; i < len(toks); {
		tk := toks[i]
		if inPiece[i] == 0 && !npTag(tk.Tag) {
			if tk.Tag == "PRP" && pronouns[strings.ToLower(tk.Text)] {
				d.Phrases = append(d.Phrases, sitrep.Phrase{Sentence: si, First: s.First + i, Last: s.First + i + 1, Head: s.First + i, Modifier: -1, Pronoun: true})
			}
			i++
			continue
		}
		j := i
		for j < len(toks) {
			if inPiece[j] != 0 {
				if j > i && nounBreak(toks[j-1], toks[j], tokAt(toks, j+1)) && inPiece[j-1] != inPiece[j] {
					break
				}
				j = ps[inPiece[j]-1].last - s.First
				continue
			}
			t := toks[j]
			if j > i && nounBreak(toks[j-1], t, tokAt(toks, j+1)) {
				break
			}
			if npTag(t.Tag) && !(t.Tag == "CD" && j > i && toks[j-1].Tag == "NNS") {
				j++
				continue
			}
			// Coordinated modifiers: "Russian and Syrian warplanes", "US and
			// European officials" (but not "Britain and France condemned").
			if (t.Text == "and" || t.Text == ",") && j > i && j+1 < len(toks) && isModifier(toks[j-1], inPiece[j-1], ps, true) &&
				isModifier(toks[j+1], inPiece[j+1], ps, false) && continuesToNoun(toks, j+1, inPiece) {
				j++
				continue
			}
			// "pro-government", "Iranian-backed": hyphenated modifiers tagged oddly.
			if strings.Contains(t.Text, "-") && j+1 < len(toks) && npTag(toks[j+1].Tag) {
				j++
				continue
			}
			break
		}
		if j == i {
			j = i + 1
		}
		st.phrase(si, s.First+i, s.First+j, ps, inPiece, s.First)
		i = j
	}
}

// weaponNouns name attacks and weapons; a demonym before them ("Russian
// shelling") tells whose weapon, not where.
var weaponNouns = setOf("shelling", "strike", "airstrike", "attack", "missile", "rocket",
	"drone", "bombardment", "bombing", "artillery", "fire", "raid", "offensive", "shell",
	"air", "warplane", "jet", "force", "troop", "soldier", "army", "military")

// tokAt returns toks[i], or an empty token past the end.
func tokAt(toks []sitrep.Token, i int) sitrep.Token {
	if i < len(toks) {
		return toks[i]
	}
	return sitrep.Token{}
}

// nounBreak reports whether a noun phrase must end between prev and t: a
// plural noun or a noun before an adjective ends one ("Russian forces |
// target Syrian civilians", where the tagger read "target" as a noun).
func nounBreak(prev, t, after sitrep.Token) bool {
	if t.Tag == "POS" {
		return false
	}
	if prev.Tag == "NNS" || prev.Tag == "NNPS" {
		// A plural ends the phrase, but not inside a compound ("human
		// rights activist") unless the next word starts another phrase:
		// "Russian forces target Syrian civilians".
		if t.Tag == "NN" && !strings.HasPrefix(after.Tag, "JJ") && after.Tag != "DT" && !strings.HasPrefix(after.Tag, "NN") {
			return false
		}
		return true
	}
	// "target Syrian civilians", but not "the U.N. special envoy".
	return (prev.Tag == "NN" || prev.Tag == "NNS") && strings.HasPrefix(t.Tag, "JJ")
}

// isModifier reports whether a token can be one of coordinated modifiers:
// an adjective or demonym, or, on the left only, a country ("US and
// European officials").
func isModifier(t sitrep.Token, pieceIdx int, ps []piece, left bool) bool {
	if pieceIdx != 0 {
		k := ps[pieceIdx-1].e.kind
		if left {
			return k == kAdjective || k == kCountry
		}
		return k == kAdjective && t.Tag != "NNP" && t.Tag != "NNPS"
	}
	return t.Tag == "JJ"
}

func continuesToNoun(toks []sitrep.Token, j int, inPiece []int) bool {
	for k := j; k < len(toks) && k < j+4; k++ {
		if strings.HasPrefix(toks[k].Tag, "NN") || inPiece[k] != 0 && k > j {
			return true
		}
		if !npTag(toks[k].Tag) && inPiece[k] == 0 {
			return false
		}
	}
	return false
}

// phrase codes the noun phrase over tokens [first, last).
func (st *docState) phrase(si, first, last int, ps []piece, inPiece []int, base int) {
	d := st.doc
	toks := d.Tokens
	// Trim determiners and possessive pronouns from the front.
	for first < last-1 && inPiece[first-base] == 0 && (toks[first].Tag == "DT" || toks[first].Tag == "PDT" || toks[first].Tag == "PRP$" || toks[first].Tag == "CD") {
		first++
	}
	// "at least three soldiers", "at most": a quantifier, not a locative
	// "at" before the phrase.
	for first < last-1 && first > base && strings.EqualFold(toks[first-1].Text, "at") &&
		(strings.EqualFold(toks[first].Text, "least") || strings.EqualFold(toks[first].Text, "most")) {
		first++
		for first < last-1 && toks[first].Tag == "CD" {
			first++
		}
	}
	head := last - 1
	for head > first && (toks[head].Tag == "POS" || toks[head].Tag == "CD") {
		head--
	}
	ph := sitrep.Phrase{Sentence: si, First: first, Last: last, Head: head, Modifier: -1, Place: last <= st.datelineEnd}
	uncodedPlace := false // an unknown name after "of" is more often a place
	between := false      // after "between" or "among", or coordinated with such a phrase
	if first > base && !ph.Place {
		prev := strings.ToLower(toks[first-1].Text)
		if k := first - 1; toks[k].Tag == "DT" && k > base {
			prev = strings.ToLower(toks[k-1].Text)
		}
		ph.Place = locatives[prev]
		uncodedPlace = prev == "of"
		between = prev == "between" || prev == "among"
		// "in Syria and Iraq": a place coordinated with a place.
		if (prev == "and" || prev == ",") && len(d.Phrases) > 0 {
			q := d.Phrases[len(d.Phrases)-1]
			if q.Place && q.Sentence == si && q.Last == first-1 {
				ph.Place = true
				between = st.lastBetween == len(d.Phrases)-1
			}
		}
	}
	defer func() {
		if between {
			st.lastBetween = len(d.Phrases) - 1
		}
	}()
	// The pieces inside the phrase, and which one holds the head.
	var in []piece
	headPiece := -1
	for k := first; k < last; k++ {
		if p := inPiece[k-base]; p != 0 {
			pc := ps[p-1]
			if len(in) == 0 || in[len(in)-1].first != pc.first {
				in = append(in, pc)
			}
			if k == head {
				headPiece = len(in) - 1
			}
		}
	}
	text := func(a, b int) string { return d.Article.Text[toks[a].Start:toks[b-1].End] }
	var codes []sitrep.Actor
	switch {
	case len(in) == 0:
		// An unknown proper name: a surname met before with its title, or
		// an actor the dictionaries do not know, reported by its words.
		// A surname met before counts whatever its tag: at the start of a
		// sentence the tagger may take "Toner" for a common noun.
		_, met := st.names[toks[head].Text]
		if (strings.HasPrefix(toks[head].Tag, "NNP") || met && isCapital(toks[head].Text)) && !ph.Place {
			if a, ok := st.names[toks[head].Text]; ok {
				a.Text, a.Start, a.End = text(first, last), toks[first].Start, toks[last-1].End
				codes = append(codes, a)
			} else if !uncodedPlace && uncodedName(toks[first:last]) {
				codes = append(codes, sitrep.Actor{Text: text(first, last), Start: toks[first].Start, End: toks[last-1].End})
			}
		}
	case headPiece >= 0 && in[headPiece].e.kind == kNamed:
		codes = append(codes, st.actor(in[headPiece].e.code, in[headPiece].e, text(first, last), first, last))
	case headPiece >= 0 && in[headPiece].e.kind == kAgent:
		codes = st.agentPhrase(in, headPiece, text(first, last), first, last, si)
		// "clashes between government forces and rebels": people, not a
		// place.
		if between {
			ph.Place = false
		}
	case headPiece >= 0 && (in[headPiece].e.kind == kCountry || in[headPiece].e.kind == kSeat):
		if ph.Place {
			break
		}
		// A country named as an actor is its bare code, as CAMEO and
		// Phoenix code it ("Israel launched" is ISR); a capital or seat
		// of power is its government ("Moscow said" is RUSGOV).
		e := in[headPiece].e
		codes = append(codes, st.actor(e.code, e, text(first, last), first, last))
	case headPiece >= 0 && in[headPiece].e.kind == kAdjective:
		// A plural demonym alone ("Palestinians were killed") is the
		// country, as Phoenix codes it; so is a name that doubles as a
		// demonym standing alone as a noun ("the US accused").
		if toks[head].Tag == "NNPS" || toks[head].Tag == "NNS" || toks[head].Tag == "NNP" && in[headPiece].last == last {
			codes = append(codes, st.actor(in[headPiece].e.code, in[headPiece].e, text(first, last), first, last))
		}
	default:
		// The head is an unknown word; a title before it codes the phrase
		// ("State Department spokesman Mark Toner"), else the phrase names
		// no actor but its modifier may ("an army offensive").
		if strings.HasPrefix(toks[head].Tag, "NNP") && lastKind(in) == kAgent {
			codes = st.agentPhrase(in, len(in)-1, text(first, last), first, last, si)
			if len(codes) == 1 && codes[0].Code != "" {
				st.names[toks[head].Text] = codes[0]
			}
		} else if len(in) > 0 {
			// The modifier nearest the head speaks for the phrase.
			m := in[len(in)-1]
			var mod sitrep.Actor
			switch m.e.kind {
			case kAgent:
				if mods := st.agentPhrase(in, len(in)-1, text(in[0].first, m.last), in[0].first, m.last, si); len(mods) > 0 {
					mod = mods[0]
				}
			case kNamed:
				mod = st.actor(m.e.code, m.e, text(m.first, m.last), m.first, m.last)
			case kSeat:
				mod = st.actor(m.e.code, m.e, text(m.first, m.last), m.first, m.last)
			case kCountry:
				// "Pakistan's record", "Turkey, long one of ...": the
				// country, named, is its bare code.
				mod = st.actor(m.e.code, m.e, text(m.first, m.last), m.first, m.last)
			case kAdjective:
				mod = st.actor(m.e.code, m.e, text(m.first, m.last), m.first, m.last)
			}
			if mod.Code != "" {
				ph.Modifier = len(d.Actors)
				d.Actors = append(d.Actors, mod)
			}
		}
	}
	for _, a := range codes {
		ph.Actors = append(ph.Actors, len(d.Actors))
		d.Actors = append(d.Actors, a)
	}
	// Remember surnames of fully named people for later bare mentions.
	if len(codes) == 1 && codes[0].Code != "" && last-first >= 2 && strings.HasPrefix(toks[last-1].Tag, "NNP") {
		st.names[toks[last-1].Text] = codes[0]
	}
	d.Phrases = append(d.Phrases, ph)
}

// uncodedName reports whether a phrase the dictionaries do not know looks
// like the name of someone who can act: proper nouns, not a date word.
func uncodedName(toks []sitrep.Token) bool {
	if len(toks) > 6 {
		return false
	}
	for _, t := range toks {
		if notNames[strings.ToLower(t.Text)] {
			return false
		}
	}
	return true
}

var notNames = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.",
	"gmt", "utc", "story", "highlights", "related", "reuters", "ap", "afp", "xinhua")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func lastKind(in []piece) kind {
	if len(in) == 0 {
		return 0
	}
	return in[len(in)-1].e.kind
}

// agentPhrase codes a phrase whose head (or title) is a generic agent: the
// role from the strongest agent, the country from a country, adjective,
// seat or named actor in the phrase, else from the dateline. Coordinated
// countries give one actor each.
func (st *docState) agentPhrase(in []piece, headIdx int, text string, first, last, si int) []sitrep.Actor {
	role := in[headIdx].e.code
	src := in[headIdx].e
	if weakAgents[strings.ToLower(in[headIdx].e.name)] {
		armed := in[headIdx].e.code == "MIL" || in[headIdx].e.code == "REB"
		for k := headIdx - 1; k >= 0; k-- {
			if in[k].e.kind == kAgent {
				role, src = in[k].e.code, in[k].e
				if armed && role == "GOV" {
					role = "MIL" // "regime fighters", "government forces"
				}
				break
			}
			if in[k].e.kind == kSeat && len(in[k].e.code) == 6 {
				role = in[k].e.code[3:]
			}
		}
	}
	var countries []string
	var named *entry
	for k := 0; k < len(in); k++ {
		e := in[k].e
		switch e.kind {
		case kCountry, kAdjective:
			countries = append(countries, e.code)
		case kSeat:
			countries = append(countries, e.code[:3])
		case kNamed:
			ee := e
			named = &ee
		}
	}
	if named != nil && len(countries) == 0 {
		if c := named.code; len(c) >= 6 && (strings.HasSuffix(c, "REB") || strings.HasSuffix(c, "UAF")) {
			// "Islamic Jihad gunmen", "Houthi fighters", "Hezbollah's
			// leader": an armed group's people are the group itself.
			return []sitrep.Actor{st.actor(named.code, *named, text, first, last)}
		}
		if c := named.code; len(c) >= 6 && isCode(c[:3], 3, 3) && !strings.HasPrefix(c, "IGO") && !strings.HasPrefix(c, "IMG") && !strings.HasPrefix(c, "NGO") {
			countries = append(countries, c[:3])
		} else {
			return []sitrep.Actor{st.actor(named.code, *named, text, first, last)}
		}
	}
	if len(countries) == 0 {
		c := st.sentCountry
		if c == "" {
			c = st.country
		}
		if c == "" || (role == "UAF" || role == "CRM") && !localArmedGroup(text) {
			// Unidentified gunmen and bandits are nobody's unless the
			// phrase says whose ("Palestinian gunmen"); militias and armed
			// groups are the country's where they fight ("rival militias
			// in Tripoli": LBYUAF).
			c = "---"
		}
		countries = append(countries, c)
	}
	seen := map[string]bool{}
	var out []sitrep.Actor
	for _, c := range countries {
		if seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, st.actor(c+role, src, text, first, last))
	}
	return out
}

// localArmedGroup reports whether an agent's words name a militia or armed
// group, which belongs to the country it fights in.
func localArmedGroup(text string) bool {
	t := strings.ToLower(text)
	return strings.Contains(t, "militia") || strings.Contains(t, "armed group")
}

// actor builds a coded actor from a code and the entry that gave it.
func (st *docState) actor(code string, e entry, text string, first, last int) sitrep.Actor {
	toks := st.doc.Tokens
	a := sitrep.Actor{Text: text, Code: code, Start: toks[first].Start, End: toks[last-1].End}
	if len(code) >= 3 && (isCode(code[:3], 3, 3) && st.dict.countries[code[:3]] != "") {
		c := code[:3]
		a.Country = &c
		if len(code) >= 6 {
			r := code[3:6]
			a.Role = &r
		}
	} else if len(code) >= 6 && code[:3] == "---" {
		r := code[3:6]
		a.Role = &r
	} else if len(code) >= 3 {
		r := code[:3] // IGO, IMG, NGO
		a.Role = &r
	}
	if e.kind == kNamed {
		n := e.name
		a.Name = &n
	}
	return a
}

// isCapital reports whether w begins with a capital letter.
func isCapital(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }
