// Package casualty counts the human cost news reports: people killed,
// wounded, missing, detained, abducted, displaced, besieged or evacuated,
// with the victims, the perpetrator, the cause, who reports the figure,
// whether it is part of a larger count and whether it is background
// history rather than news.
//
// It is a coder: it runs after the actor annotator, the attribution
// annotator and the event coder, and reads their output (noun phrases and
// actors for victims, events for perpetrators, claims for reporters).
//
// How counts are read (the rules ACLED users expect to see written down):
// an exact figure is best = low = high; "at least N", "more than N" and
// "over N" give best = low = N and no upper bound; "nearly N" gives low
// 90% of N, high N; "about", "around", "some", "roughly" give 90%..110%;
// "up to N" gives low 1, high N; ranges ("between 20 and 30", "20-30")
// give best = low = the lower figure, high the upper; "a dozen" is 12;
// "dozens" 24 (up to 99); "scores" 40 (up to 99); "hundreds" 200 (up to
// 999); "thousands" 2,000 (up to 9,999); "tens of thousands" 20,000;
// "several" and "a few" 3 (up to 9); one named or singular victim ("a
// 69-year-old woman was killed") is 1; "a family of five" is 5.
package casualty

import (
	"strings"

	"sitrep"
	"sitrep/actors"
	"sitrep/nlp"
)

// Coder extracts casualties. It implements sitrep.Coder.
type Coder struct{}

type extractor struct {
	d           *sitrep.Doc
	low         []string // each token's text in lower case
	r           *sitrep.Record
	si          int
	first, last int
	phraseAt    map[int]int
	seen        map[string][]int // kind|best -> counts told so far
	home        string           // the country the report is about (actors.HomeCountry)
}

func (x *extractor) tok(i int) *sitrep.Token { return &x.d.Tokens[i] }
func (x *extractor) lemma(i int) string      { return strings.ToLower(x.d.Tokens[i].Lemma) }

// Code writes the casualties of d into r.
func (Coder) Code(d *sitrep.Doc, r *sitrep.Record) {
	x := &extractor{d: d, r: r, phraseAt: map[int]int{}, seen: map[string][]int{}, low: make([]string, len(d.Tokens)), home: actors.HomeCountry(d)}
	for i, t := range d.Tokens {
		x.low[i] = strings.ToLower(t.Text)
	}
	for k, p := range d.Phrases {
		for t := p.First; t < p.Last; t++ {
			x.phraseAt[t] = k
		}
	}
	for si, s := range d.Sentences {
		x.si, x.first, x.last = si, s.First, s.Last
		x.sentence()
	}
	x.partsOfLaterTotal()
	x.dropRevised()
}

// revisedCues mark a figure as one a toll has since outgrown: "Authorities
// had earlier announced 12 soldiers were killed", "initially put the toll
// at".
var revisedCues = map[string]bool{"earlier": true, "initially": true, "previously": true, "initial": true, "originally": true, "preliminary": true}

// dropRevised removes the counts an article tells as superseded by a
// later, larger figure of the same kind for the same people: the toll
// keeps its latest figure only.
func (x *extractor) dropRevised() {
	cs := x.r.Casualties
	drop := make([]bool, len(cs))
	for i, c := range cs {
		if c.PartOf != nil || c.Background {
			continue
		}
		for j, o := range cs {
			if j == i || o.Kind != c.Kind || o.Sentence == c.Sentence || o.PartOf != nil || o.Background ||
				o.Count.Best <= c.Count.Best || !sameVictims(o.Victims, c.Victims) {
				continue
			}
			// c told as an earlier figure, or o as the latest one.
			if x.sentenceHas(c.Sentence, revisedCues) || o.Sentence > c.Sentence && x.sentenceHas(o.Sentence, latestCues) {
				drop[i] = true
				break
			}
		}
	}
	newIndex := make([]int, len(cs))
	var out []sitrep.Casualty
	for i, c := range cs {
		newIndex[i] = -1
		if drop[i] {
			continue
		}
		newIndex[i] = len(out)
		out = append(out, c)
	}
	if len(out) == len(cs) {
		return
	}
	for k := range out {
		if p := out[k].PartOf; p != nil {
			if n := newIndex[*p]; n >= 0 {
				out[k].PartOf = &n
			} else {
				out[k].PartOf = nil
			}
		}
	}
	x.r.Casualties = out
}

// latestCues mark a figure as the latest of a toll: "according to the
// latest report", "the toll rose to 26".
var latestCues = map[string]bool{"latest": true, "updated": true, "revised": true, "rose": true, "risen": true, "climbed": true, "increased": true}

// partsOfLaterTotal makes the members of a list told in one sentence parts
// of a total told later that they add up to: "Eight police officers and
// five investigators are dead ... the killing of the 13 officers".
func (x *extractor) partsOfLaterTotal() {
	cs := x.r.Casualties
	for t := range cs {
		total := cs[t]
		if total.PartOf != nil || total.Background {
			continue
		}
		bySentence := map[int][]int{}
		for k, c := range cs {
			if k != t && c.Sentence < total.Sentence && c.Kind == total.Kind && c.PartOf == nil && !c.Background {
				bySentence[c.Sentence] = append(bySentence[c.Sentence], k)
			}
		}
		for _, ks := range bySentence {
			sum := 0
			for _, k := range ks {
				sum += cs[k].Count.Best
			}
			if len(ks) < 2 || sum != total.Count.Best {
				continue
			}
			for _, k := range ks {
				tt := t
				cs[k].PartOf = &tt
			}
			break
		}
	}
}

// sentenceHas reports whether sentence si has one of the words in cues.
func (x *extractor) sentenceHas(si int, cues map[string]bool) bool {
	s := x.d.Sentences[si]
	for k := s.First; k < s.Last; k++ {
		if cues[x.low[k]] {
			return true
		}
	}
	return false
}

// kindOf maps a lemma to the outcome it reports.
var kindOf = map[string]string{
	"kill": "killed", "die": "killed", "dead": "killed", "death": "killed", "slay": "killed",
	"massacre": "killed", "execute": "killed", "assassinate": "killed", "killing": "killed", "slaying": "killed",
	"killling": "killed", "kiled": "killed", "killled": "killed", // as typed in a hurry "behead": "killed", "murder": "killed",
	"fatality": "killed", "body": "killed", "perish": "killed", "drown": "killed",
	"wound": "wounded", "injure": "wounded", "hurt": "wounded", "injury": "wounded",
	"injured": "wounded", "wounded": "wounded", "casualty": "killed_or_wounded",
	"missing": "missing", "unaccounted": "missing", "miss": "missing", "died": "killed",
	"arrest": "detained", "detain": "detained", "jail": "detained", "imprison": "detained",
	"hold": "detained", "round": "detained", "capture": "detained", "detention": "detained",
	"abduct": "abducted", "kidnap": "abducted", "hostage": "abducted", "seize": "abducted",
	"displace": "displaced", "flee": "displaced", "uproot": "displaced", "homeless": "displaced",
	"besiege": "besieged", "trap": "besieged", "encircle": "besieged", "siege": "besieged",
	"evacuate": "evacuated",
}

// notPeople are nouns after a number that show it counts no people.
var notPeople = map[string]bool{
	"year": true, "day": true, "hour": true, "week": true, "month": true, "minute": true,
	"km": true, "kilometre": true, "kilometer": true, "mile": true, "metre": true, "meter": true,
	"percent": true, "%": true, "dollar": true, "euro": true, "pound": true, "$": true,
	"vehicle": true, "car": true, "truck": true, "tank": true, "building": true, "home": true,
	"house": true, "village": true, "town": true, "time": true, "round": true, "shell": true,
	"rocket": true, "missile": true, "bomb": true, "plane": true, "aircraft": true, "drone": true,
	"ton": true, "tonne": true, "acre": true, "hectare": true, "point": true, "seat": true,
	"vote": true, "case": true, "attack": true, "strike": true, "incident": true, "district": true,
	"province": true, "country": true, "state": true, "school": true, "hospital": true,
	"mosque": true, "church": true, "shop": true, "apartment": true, "floor": true,
	"page": true, "a.m.": true, "p.m.": true, "billion": true,
}

// causeList maps words to the cause of casualties they name.
var causeList = []struct{ words, cause string }{
	{"air strike|airstrike|air raid|airstrikes|air strikes|warplane|jet|bombing raid|aerial", "airstrike"},
	{"barrel bomb", "barrel bomb"},
	{"drone", "drone"},
	{"landmine|land mine|mine blast", "landmine"},
	{"suicide bomb|suicide bombing|suicide bomber|suicide attack", "suicide bombing"},
	{"car bomb|truck bomb|vehicle bomb", "car bomb"},
	{"roadside bomb|ied|improvised explosive", "roadside bomb"},
	{"shelling|shell|artillery|mortar|bombardment", "shelling"},
	{"rocket", "rocket"},
	{"missile", "missile"},
	{"gunfire|shooting|gunmen|gunman|shot|sniper|bullet|opened fire", "gunfire"},
	{"clash|fighting|battle", "clashes"},
	{"explosion|blast|bomb|grenade", "explosion"},
	{"stabbing|stabbed|knife|machete", "stabbing"},
	{"execution|executed|beheaded", "execution"},
	{"beating|beaten", "beating"},
	{"tear gas|teargas", "tear gas"},
	{"stampede", "stampede"},
	{"earthquake|quake|tremor", "earthquake"},
	{"flood|flooding|floodwaters", "flood"},
	{"cyclone|hurricane|typhoon", "cyclone"},
	{"landslide|mudslide", "landslide"},
	{"storm", "storm"},
	{"collapse|collapsed", "collapse"},
	{"crash", "crash"},
	{"fire|blaze", "fire"},
}

// causeWord is one phrase naming a cause, filed under its first word.
type causeWord struct {
	words []string
	cause string
}

// causes indexes causeList by first word, built once.
var causes = func() map[string][]causeWord {
	m := map[string][]causeWord{}
	for _, c := range causeList {
		for _, w := range strings.Split(c.words, "|") {
			ws := strings.Split(w, " ")
			m[ws[0]] = append(m[ws[0]], causeWord{ws, c.cause})
		}
	}
	return m
}()

// sentence finds the counts of the current sentence.
func (x *extractor) sentence() {
	var found []int // indices into r.Casualties made in this sentence
	for i := x.first; i < x.last; i++ {
		q, ok := x.quantityAt(i)
		if !ok {
			if c, ok := x.singular(i); ok {
				found = x.add(c, found)
			}
			continue
		}
		if x.notACount(q) {
			i = q.last - 1
			continue
		}
		c, ok := x.casualty(q)
		if ok {
			if c.Perpetrator == nil && (c.Kind == "killed" || c.Kind == "wounded" || c.Kind == "abducted") {
				c.Perpetrator = x.treePerpetrator(q.first)
			}
			found = x.add(c, found)
		} else if len(found) > 0 && x.otherSource(q) {
			x.widen(found[len(found)-1], q.count)
		}
		i = q.last - 1
	}
	x.treeCounts(found)
}

// add stores a casualty unless the same count was already told. Victims
// and perpetrators named without a country get the one where they are
// (actors.Locate).
func (x *extractor) add(c sitrep.Casualty, found []int) []int {
	for _, a := range []**sitrep.Actor{&c.Victims, &c.Perpetrator} {
		if *a != nil {
			l := actors.Locate(x.d, x.si, **a, x.home)
			*a = &l
		}
	}
	// The same figure told again (in the headline, the lead and a later
	// quote) is one count, whether or not each telling names the victims
	// as precisely: "kill 17 soldiers" and "17 Malian troops were killed".
	key := c.Kind + "|" + itoa(c.Count.Best)
	if c.PartOf == nil && c.Count.Best > 1 {
		// (One death told twice cannot be told from two deaths told
		// once each; single victims are kept apart.)
		for _, k := range x.seen[key] {
			prev := &x.r.Casualties[k]
			if prev.PartOf != nil || prev.Background != c.Background || !sameVictims(prev.Victims, c.Victims) {
				continue
			}
			// Keep what the later telling adds.
			if prev.Victims == nil || strings.HasPrefix(actorCode(prev.Victims), "---") && c.Victims != nil {
				prev.Victims = c.Victims
			}
			if prev.Perpetrator == nil {
				prev.Perpetrator = c.Perpetrator
			}
			if prev.Cause == nil {
				prev.Cause = c.Cause
			}
			if prev.Place == nil {
				prev.Place = c.Place
			}
			if prev.ReportedBy == nil {
				prev.ReportedBy = c.ReportedBy
			}
			return found
		}
	}
	x.r.Casualties = append(x.r.Casualties, c)
	if c.PartOf == nil {
		x.seen[key] = append(x.seen[key], len(x.r.Casualties)-1)
	}
	return append(found, len(x.r.Casualties)-1)
}

// sameVictims reports whether two tellings of a figure may be about the
// same people: either does not say who, or both name the same kind of
// people in the same country (or one of them in no known country).
func sameVictims(a, b *sitrep.Actor) bool {
	if a == nil || b == nil || a.Code == "" || b.Code == "" {
		return true
	}
	if a.Code == b.Code {
		return true
	}
	ca, cb := a.Code, b.Code
	if len(ca) < 6 || len(cb) < 6 {
		// A bare country against one of its groups: "17 Malians" and
		// "17 Malian soldiers".
		return ca[:min(3, len(ca))] == cb[:min(3, len(cb))]
	}
	if ca[3:] != cb[3:] {
		return false
	}
	return ca[:3] == cb[:3] || ca[:3] == "---" || cb[:3] == "---"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func actorCode(a *sitrep.Actor) string {
	if a == nil {
		return ""
	}
	return a.Code
}

// armed gives a country-only actor ("Russian" shelling) the military role
// of whoever fires a weapon.
func armed(a *sitrep.Actor) *sitrep.Actor {
	if a == nil || len(a.Code) != 3 || a.Country == nil {
		return a
	}
	b := *a
	b.Code += "MIL"
	r := "MIL"
	b.Role = &r
	return &b
}

// notACount rejects numbers that count no people: ages, years, times,
// money, distances, durations.
func (x *extractor) notACount(q quantity) bool {
	t := x.tok(q.first)
	if strings.Contains(strings.ToLower(t.Text), "year-old") || strings.HasPrefix(t.Text, "$") {
		return true
	}
	if q.last-q.first == 1 && len(t.Text) == 4 && t.Text >= "1800" && t.Text <= "2100" {
		return true // a year
	}
	if q.first > x.first {
		prev := strings.ToLower(x.tok(q.first - 1).Text)
		if prev == "$" || prev == "€" || prev == "£" || prev == "no." || prev == "aged" || prev == "age" {
			return true
		}
	}
	if q.last < x.last {
		next := x.lemma(q.last)
		if notPeople[next] || strings.HasPrefix(next, "-year") || next == "percent" {
			return true
		}
		if q.last+1 < x.last && notPeople[x.lemma(q.last+1)] && x.tok(q.last).Tag == "JJ" {
			return true // "15 armoured vehicles"
		}
	}
	return false
}

// otherSource reports a bare figure that another source gives for the
// count before it: "at least 12, according to a local journalist; nearly
// 60, activists said". The figure stands alone after a comma or semicolon
// and is followed by its source.
func (x *extractor) otherSource(q quantity) bool {
	if q.first <= x.first {
		return false
	}
	if p := x.low[q.first-1]; p != ";" && p != "," && p != "while" && p != "but" {
		return false
	}
	for k := q.last; k < x.last && k < q.last+5; k++ {
		if x.low[k] == "according" || (strings.HasPrefix(x.tok(k).Tag, "VB") && nlp.Reporting(x.lemma(k))) {
			return true
		}
	}
	return false
}

// widen makes the casualty at index i one count over both figures: the
// lower the low, the higher the high.
func (x *extractor) widen(i int, other sitrep.Count) {
	c := &x.r.Casualties[i]
	if other.Low < c.Count.Low {
		c.Count.Low = other.Low
	}
	hi := other.Best
	if other.High != nil {
		hi = *other.High
	}
	if c.Count.High == nil || hi > *c.Count.High {
		c.Count.High = intp(hi)
	}
}
