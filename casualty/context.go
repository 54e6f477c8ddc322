package casualty

import (
	"strings"
	"time"

	"sitrep"
)

// victimPhrase returns the noun phrase a count qualifies ("10 regime
// fighters", "293 civilians"), skipping "of them"/"of the", or -1.
func (x *extractor) victimPhrase(q quantity) int {
	j := q.last
	if j+1 < x.last && strings.EqualFold(x.tok(j).Text, "of") {
		j++ // "hundreds of people", "20 of them"
	}
	for k := j; k < x.last && k <= j+1; k++ {
		if pk, ok := x.phraseAt[k]; ok && x.d.Phrases[pk].Head >= q.last {
			return pk
		}
		if x.tok(k).Tag != "DT" && x.tok(k).Tag != "JJ" {
			break
		}
	}
	return -1
}

// person reports whether a phrase names people (an actor, or a noun of
// people the dictionaries treat as an agent).
func (x *extractor) person(pk int) bool {
	p := x.d.Phrases[pk]
	return len(p.Actors) > 0 || p.Pronoun
}

// kindAt returns the outcome token i reports, if any.
func (x *extractor) kindAt(i int) string {
	l := x.lemma(i)
	k := kindOf[l]
	if k == "" {
		k = kindOf[strings.ToLower(x.tok(i).Text)]
	}
	if i+2 < x.last && strings.EqualFold(x.tok(i+1).Text, "to") && strings.EqualFold(x.tok(i+2).Text, "death") {
		return "killed" // "stabbed to death", "beaten to death"
	}
	switch l {
	case "force", "drive":
		// "forced 45,000 people from their homes", "driven 5,000 residents out"
		for k := i + 1; k < x.last && k <= i+8; k++ {
			if w := strings.ToLower(x.tok(k).Text); w == "homes" || w == "out" || w == "flee" || w == "leave" || w == "evacuate" {
				return "displaced"
			}
		}
		return ""
	case "leave":
		if i+1 < x.last && strings.EqualFold(x.tok(i+1).Text, "homeless") {
			return "displaced"
		}
		return ""
	case "round":
		if i+1 >= x.last || !strings.EqualFold(x.tok(i+1).Text, "up") {
			return ""
		}
	case "hold":
		if i+1 < x.last && (x.lemma(i+1) == "talk" || x.lemma(i+1) == "meeting" || x.lemma(i+1) == "election") {
			return ""
		}
	case "claim", "cost", "take":
		// "claimed more than 4,000 lives", "cost 12 lives"
		for k := i + 1; k < x.last && k <= i+6; k++ {
			if w := x.low[k]; w == "lives" || w == "life" {
				return "killed"
			}
		}
		return ""
	case "shoot":
		if i+1 < x.last && strings.EqualFold(x.tok(i+1).Text, "dead") {
			return "killed"
		}
		return "wounded"
	}
	return k
}

// casualty reads what a count counts from the words around it.
func (x *extractor) casualty(q quantity) (sitrep.Casualty, bool) {
	c := sitrep.Casualty{Count: q.count, Sentence: x.si}
	vp := x.victimPhrase(q)
	others := false
	after := q.last
	// "left four dead and several others injured": an outcome word right
	// after the number gives the kind of that number, whatever a longer
	// phrase around it says.
	if q.last < x.last {
		switch x.low[q.last] {
		case "dead", "killed", "injured", "wounded", "missing":
			if !x.combined(q.last) {
				c.Kind = x.kindAt(q.last)
				// "four dead and ...": no noun follows, so the phrase
				// around is not the victims; "13 dead civilians" keeps them.
				if n := q.last + 1; n >= x.last || !strings.HasPrefix(x.tok(n).Tag, "NN") {
					vp, after = -1, q.last+1
				}
			}
		}
	}
	if vp >= 0 {
		p := x.d.Phrases[vp]
		after = p.Last
		head := x.lemma(p.Head)
		if k := x.kindAt(p.Head); k != "" && (k == "killed" || k == "wounded" || k == "killed_or_wounded" || k == "missing") {
			c.Kind = k // "25 deaths", "13 dead", "40 injured"
		} else if !x.person(vp) {
			if notPeople[head] {
				return c, false
			}
			if head == "other" || head == "more" {
				others = true // "injured 20 others": people, like the count before
			} else {
				vp = -1
				after = q.last
			}
		}
	}
	// After: "were killed", "have been wounded", "died", "trapped under siege".
	if c.Kind == "" {
		k := after
		// "8,000 people from north-eastern Mali fled": over a short
		// prepositional phrase.
		if k+1 < x.last && x.tok(k).Tag == "IN" && !strings.EqualFold(x.tok(k).Text, "of") {
			if pk, ok := x.phraseAt[k+1]; ok && x.d.Phrases[pk].Last-k <= 5 {
				k = x.d.Phrases[pk].Last
			}
		}
		for k < x.last && (x.tok(k).Tag == "RB" || x.lemma(k) == "be" || x.lemma(k) == "have" || x.tok(k).Tag == "MD" || x.lemma(k) == "reportedly") {
			k++
		}
		if k < x.last {
			// Any tag: the model tags "died" as a noun after a number.
			c.Kind = x.kindAt(k)
			if c.Kind == "" && k+1 < x.last && (x.lemma(k) == "go" || x.lemma(k) == "report" || x.lemma(k) == "remain" || x.lemma(k) == "leave" || x.lemma(k) == "fear" || x.lemma(k) == "believe" || x.lemma(k) == "presume") {
				c.Kind = x.kindAt(k + 1) // "went missing", "were reported missing", "are feared dead"
			}
			if c.Kind != "" {
				c.Perpetrator = x.byAgent(k + 1)
			}
		}
		// "were among the dead"
		if c.Kind == "" && k+2 < x.last && x.lemma(k) == "among" {
			c.Kind = x.kindAt(k + 2)
		}
	}
	// Before: "killed 10 regime fighters", "the deaths of 293", "the death
	// toll rose to 13", "including 20".
	partOf := -1
	if c.Kind == "" || q.first > x.first {
		b := q.first - 1
		for b >= x.first && (x.tok(b).Tag == "DT" || x.tok(b).Tag == "RB" && !strings.EqualFold(x.tok(b).Text, "including")) {
			b--
		}
		if b > x.first && strings.EqualFold(x.tok(b).Text, "dead") && x.lemma(b-1) == "shoot" {
			b-- // "shot dead two protesters"
		}
		if b >= x.first {
			switch {
			case strings.EqualFold(x.tok(b).Text, "including") || x.lemma(b) == "among" || (x.lemma(b) == "whom" && b > x.first) ||
				(strings.EqualFold(x.tok(b).Text, "them") && b > x.first && x.lemma(b-1) == "among"):
				partOf = x.lastInSentence()
			case strings.EqualFold(x.tok(b).Text, "of") && b > x.first && x.kindAt(b-1) != "":
				if c.Kind == "" {
					c.Kind = x.kindAt(b - 1) // "the deaths of 293 civilians"
				}
			case (strings.EqualFold(x.tok(b).Text, "to") || strings.EqualFold(x.tok(b).Text, "at")) && x.tollBefore(b):
				c.Kind = "killed" // "the death toll rose to 13"
			case strings.HasPrefix(x.tok(b).Tag, "VB") && c.Kind == "":
				if k := x.kindAt(b); k != "" && ((vp >= 0 && (others || x.person(vp))) || x.clauseEnds(q.last) || q.last < x.last && x.low[q.last] == "lives") {
					c.Kind = k
					// "killing and injuring 13 people": one figure for both.
					if b-2 >= x.first && (x.low[b-1] == "and" || x.low[b-1] == "or") {
						if k2 := x.kindAt(b - 2); k2 == "killed" && k == "wounded" || k2 == "wounded" && k == "killed" {
							c.Kind = "killed_or_wounded"
						}
					}
					c.Perpetrator = x.perpetrator(b)
				}
			}
		}
	}
	// "10 of them seriously", "two of whom"
	if partOf < 0 && q.last+1 < x.last && strings.EqualFold(x.tok(q.last).Text, "of") {
		if w := strings.ToLower(x.tok(q.last + 1).Text); w == "them" || w == "whom" || w == "those" {
			partOf = x.lastInSentence()
		}
	}
	if partOf >= 0 {
		parent := x.r.Casualties[partOf]
		if c.Kind == "" {
			c.Kind = parent.Kind
		}
		if vp < 0 {
			c.Victims = parent.Victims
		}
		if c.Perpetrator == nil {
			c.Perpetrator = parent.Perpetrator
		}
		c.PartOf = &partOf
	}
	if c.Kind == "" {
		return c, false
	}
	// "Two people were killed and 18 were wounded": the same people.
	if vp < 0 && c.PartOf == nil {
		if k := x.lastInSentence(); k >= 0 {
			c.Victims = x.r.Casualties[k].Victims
		}
	}
	if vp >= 0 && x.person(vp) {
		if a := x.victimActor(vp); a != nil {
			c.Victims = a
		}
	}
	end := q.last
	if vp >= 0 {
		end = max(end, x.d.Phrases[vp].Last)
	}
	if c.Kind == "killed" && x.combined(q.last) {
		c.Kind = "killed_or_wounded" // "450 dead and wounded": not a death toll
	}
	x.complete(&c, q.first, end)
	if c.PartOf != nil {
		if pc := x.r.Casualties[*c.PartOf].Cause; pc != nil {
			c.Cause = pc // "air strikes and shelling, including 20": the same causes
		}
	}
	return c, true
}

// singular reads one victim: "a 69-year-old woman was killed", "killing a
// police officer".
func (x *extractor) singular(i int) (sitrep.Casualty, bool) {
	w := strings.ToLower(x.tok(i).Text)
	if w != "a" && w != "an" {
		return sitrep.Casualty{}, false
	}
	pk, ok := x.phraseAt[i+1]
	if !ok || i+1 >= x.last {
		// "a 69-year-old woman": the age may not be in the phrase.
		if i+2 < x.last {
			pk, ok = x.phraseAt[i+2]
		}
		if !ok {
			return sitrep.Casualty{}, false
		}
	}
	p := x.d.Phrases[pk]
	if !x.person(pk) || p.Pronoun || p.First > i+2 || strings.HasPrefix(x.tok(p.Head).Tag, "NNS") {
		return sitrep.Casualty{}, false
	}
	c := sitrep.Casualty{Count: exact(1), Sentence: x.si}
	k := p.Last
	for k < x.last && (x.lemma(k) == "be" || x.lemma(k) == "have" || x.tok(k).Tag == "RB") {
		k++
	}
	if k < x.last && k > p.Last && x.tok(k).Tag == "VBN" {
		c.Kind = x.kindAt(k)
		c.Perpetrator = x.byAgent(k + 1)
	}
	if c.Kind == "" && i > x.first && strings.HasPrefix(x.tok(i-1).Tag, "VB") {
		c.Kind = x.kindAt(i - 1)
		c.Perpetrator = x.perpetrator(i - 1)
	}
	if c.Kind == "" || c.Kind == "besieged" || c.Kind == "displaced" {
		return sitrep.Casualty{}, false
	}
	c.Victims = x.victimActor(pk)
	x.complete(&c, i, p.Last)
	return c, true
}

// tollBefore reports a death toll earlier in the clause: "the death toll
// from Friday's bombing has risen to 13".
func (x *extractor) tollBefore(b int) bool {
	for k := b - 1; k >= x.first && k >= b-25; k-- {
		if x.lemma(k) == "toll" {
			return true
		}
		if _, n := x.number(k); n > 0 && x.tok(k).Tag == "CD" {
			return false
		}
	}
	return false
}

// clauseEnds reports whether the count closes its clause ("killing 14.").
func (x *extractor) clauseEnds(j int) bool {
	if j >= x.last {
		return true
	}
	t := x.tok(j)
	return t.Tag == "," || t.Tag == "." || t.Tag == ":" || t.Tag == "IN" || t.Tag == "CC"
}

func (x *extractor) lastInSentence() int {
	for k := len(x.r.Casualties) - 1; k >= 0; k-- {
		if x.r.Casualties[k].Sentence == x.si {
			return k
		}
		break
	}
	return -1
}

func (x *extractor) victimActor(pk int) *sitrep.Actor {
	p := x.d.Phrases[pk]
	if len(p.Actors) == 0 {
		return nil
	}
	a := x.d.Actors[p.Actors[0]]
	return &a
}

// byAgent reads "by X" after a passive.
func (x *extractor) byAgent(j int) *sitrep.Actor {
	for k := j; k < x.last && k <= j+2; k++ {
		if strings.EqualFold(x.tok(k).Text, "by") {
			for m := k + 1; m < x.last && m <= k+3; m++ {
				if pk, ok := x.phraseAt[m]; ok {
					return x.victimActor(pk)
				}
			}
		}
	}
	return nil
}

// perpetrator finds who did what the verb at v reports: the source of an
// event coded from that verb.
func (x *extractor) perpetrator(v int) *sitrep.Actor {
	start := x.tok(v).Start
	for _, e := range x.r.Events {
		if e.Sentence == x.si && e.Source != nil && e.Evidence.Start <= start && start < e.Evidence.End {
			s := *e.Source
			return &s
		}
	}
	return nil
}

// complete fills in the cause, the reporter, the perpetrator from the
// sentence's violent events, and the background flag.
func (x *extractor) complete(c *sitrep.Casualty, qFirst, qLast int) {
	d := x.d
	s := d.Sentences[x.si]
	c.Text = d.Article.Text[x.tok(qFirst).Start:x.tok(qLast-1).End]
	if cause := x.cause(qFirst); cause != "" {
		c.Cause = &cause
	}
	if c.Perpetrator == nil && (c.Kind == "killed" || c.Kind == "wounded" || c.Kind == "killed_or_wounded") {
		for _, e := range x.r.Events {
			if e.Sentence == x.si && e.Source != nil && (e.Root == "18" || e.Root == "19" || e.Root == "20") {
				if c.Victims == nil || e.Source.Code != c.Victims.Code {
					p := *e.Source
					c.Perpetrator = &p
					break
				}
			}
		}
	}
	c.Perpetrator = armed(c.Perpetrator)
	// Who reports it: the speaker of a claim that holds the count.
	start := x.tok(qFirst).Start
	for _, cl := range d.Claims {
		if cl.Speaker != nil && cl.Content.Start <= start && start < cl.Content.End {
			sp := *cl.Speaker
			c.ReportedBy = &sp
			break
		}
	}
	if c.ReportedBy == nil {
		for _, e := range x.r.Events {
			if e.Sentence == x.si && e.Claimant != nil {
				cl := *e.Claimant
				c.ReportedBy = &cl
				break
			}
		}
	}
	// A monitor, the press or a health service that reports a toll did
	// not cause it (a party claiming its own attack may have).
	if c.Perpetrator != nil && c.ReportedBy != nil && c.Perpetrator.Code == c.ReportedBy.Code && monitor(c.ReportedBy.Code) {
		c.Perpetrator = nil
	}
	// Background: a year before publication near the count ("an
	// insurgency that killed 17,000 people between 1996 and 2006").
	pubYear := ""
	if len(d.Article.Published) >= 4 {
		pubYear = string(d.Article.Published[:4])
	}
	for k := max(s.First, qFirst-12); k < s.Last && k < qLast+12; k++ {
		t := x.tok(k).Text
		if len(t) == 4 && t >= "1900" && t <= "2100" && t[0] >= '1' && (pubYear == "" || t < pubYear) && x.tok(k).Tag == "CD" {
			c.Background = true
			break
		}
	}
	// Or a conflict's toll over years or months ("a two-year war that has
	// killed tens of thousands", "over the past three years", "since the
	// war began").
	if !c.Background {
		c.Background = x.longToll(max(s.First, qFirst-12), min(s.Last, qLast+12))
	}
	// Or a toll a long-running conflict "has" taken ("the conflict has
	// claimed thousands of lives", "the crackdown has left more than 3,100
	// people dead").
	if !c.Background {
		c.Background = x.conflictToll(qFirst)
	}
	// Or an incident told with a date more than a month before the report
	// ("In January, a suicide attack killed at least 32 people").
	if !c.Background {
		c.Background = x.datedEarlier(qFirst)
	}
	// Or a running total "since" a date or an event ("more than 320
	// killed since the truce collapsed on Sept. 19"): cumulative, not an
	// incident on that date.
	for k := qLast; !c.Background && k < s.Last && k < qLast+8; k++ {
		if x.low[k] == "since" {
			c.Background = true
		}
	}
}

// tollSubjects are what takes a long toll: "the war has killed".
var tollSubjects = map[string]bool{"war": true, "conflict": true, "insurgency": true, "uprising": true, "crackdown": true,
	"violence": true, "fighting": true, "rebellion": true, "occupation": true, "crisis": true, "campaign": true, "unrest": true}

// conflictToll reports whether the count at token q is what a conflict
// has taken over its course: the verb it belongs to is in the present
// perfect ("has claimed", "have killed", "has left") and its subject is a
// war, conflict, insurgency or crackdown, or the relative pronoun of one.
func (x *extractor) conflictToll(q int) bool {
	d := x.d
	if !d.Parsed(x.si) {
		return false
	}
	v := q
	for n := 0; n < 6 && v >= 0 && !strings.HasPrefix(x.tok(v).Tag, "VB"); n++ {
		v = d.Head(v)
	}
	if v < 0 || !strings.HasPrefix(x.tok(v).Tag, "VB") {
		return false
	}
	perfect := false
	for _, a := range d.Dependents(v, "aux") {
		if x.lemma(a) == "have" {
			perfect = true
		}
	}
	if !perfect {
		return false
	}
	subj := d.Dependent(v, "nsubj")
	if subj >= 0 && (x.tok(subj).Tag == "WDT" || x.low[subj] == "that") && sitrep.HasRel(d.Rel(v), "acl") {
		subj = d.Head(v) // "an insurgency that has killed thousands"
	}
	return subj >= 0 && tollSubjects[x.lemma(subj)]
}

// datedEarlier reports whether the clause of the count at token q dates
// what it tells more than 31 days before the article was published: a
// date attached to the count's verb, not one inside a clause of its own
// ("north of the capital, from where militants were routed six years ago").
func (x *extractor) datedEarlier(q int) bool {
	d := x.d
	pub, ok := d.Article.Published.Time()
	if !ok || !d.Parsed(x.si) {
		return false
	}
	v := q
	for n := 0; n < 6 && v >= 0 && !strings.HasPrefix(x.tok(v).Tag, "VB"); n++ {
		v = d.Head(v)
	}
	if v < 0 {
		return false
	}
	for _, tm := range d.Times {
		if tm.EndDate == "" || tm.Start < x.tok(x.first).Start || tm.End > x.tok(x.last-1).End {
			continue
		}
		e, ok := tm.EndDate.Time()
		if !ok || pub.Sub(e) <= 31*24*time.Hour {
			continue
		}
		t := -1
		for k := x.first; k < x.last; k++ {
			if x.tok(k).Start >= tm.Start {
				t = k
				break
			}
		}
		if t >= 0 && t <= x.first+2 {
			return true // "In January, ...": the sentence's own date
		}
		// Up from the date to the count's verb, through no clause of its
		// own; or to a verb that reports the count's clause, since a report
		// dated earlier dates what it reports ("said in June that four
		// soldiers were killed").
		dated := map[int]bool{}
		for n := 0; t >= 0 && n < 8; n++ {
			dated[t] = true
			r := d.Rel(t)
			if sitrep.HasRel(r, "acl") || sitrep.HasRel(r, "advcl") || r == "ccomp" || r == "parataxis" || r == "xcomp" {
				break
			}
			t = d.Head(t)
		}
		if dated[v] {
			return true
		}
		for c, h := v, d.Head(v); h >= 0; c, h = h, d.Head(h) {
			if r := d.Rel(c); r != "ccomp" && r != "parataxis" && r != "conj" && !sitrep.HasRel(r, "acl") {
				break
			}
			if dated[h] {
				return true
			}
		}
	}
	return false
}

// spanWords are durations that make a count a toll over a long time.
var spanWords = map[string]bool{"year": true, "years": true, "month": true, "months": true, "decade": true, "decades": true}

// conflictWords name what a long toll is the toll of.
var conflictWords = map[string]bool{"war": true, "conflict": true, "insurgency": true, "uprising": true, "campaign": true,
	"crisis": true, "civil": true, "offensive": true, "occupation": true, "rebellion": true}

// longToll reports, among tokens [from, to), a conflict's toll over months
// or years: "a two-year war" (not "a 69-year-old man", not "jailed for
// three years"), "over the past three years", "since the war began", or
// a guess at a whole toll ("may have died").
func (x *extractor) longToll(from, to int) bool {
	for k := from; k < to; k++ {
		low := x.low[k]
		if i := strings.LastIndexByte(low, '-'); i > 0 && spanWords[low[i+1:]] {
			for n := k + 1; n < to && n <= k+2; n++ {
				if conflictWords[x.lemma(n)] {
					return true
				}
			}
		}
		if spanWords[low] && k >= from+2 {
			p1, p2 := x.low[k-1], x.low[k-2]
			if (p2 == "past" || p2 == "last") && (x.tok(k-1).Tag == "CD" || numberWord[p1] || p1 == "several" || p1 == "few") {
				return true
			}
		}
		if low == "since" && k+2 < to && (x.low[k+1] == "the" || x.low[k+1] == "its") && conflictWords[x.lemma(k+2)] {
			return true
		}
		// A guess at a whole toll: "hundreds of thousands may have died".
		if (low == "may" || low == "might") && k+2 < to && x.low[k+1] == "have" && x.lemma(k+2) == "die" {
			return true
		}
	}
	return false
}

var numberWord = map[string]bool{"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "fifteen": true, "twenty": true}

// cause returns the cause named closest to token i in the sentence.
func (x *extractor) cause(i int) string {
	best, bestDist := "", 1<<30
	s := x.d.Sentences[x.si]
	for k := s.First; k < s.Last; k++ {
		for _, key := range [2]string{x.low[k], x.lemma(k)} {
			for _, c := range causes[key] {
				if x.phraseMatch(k, c.words) {
					dist := k - i
					if dist < 0 {
						dist = -dist
					}
					if dist < bestDist {
						best, bestDist = c.cause, dist
					}
				}
			}
		}
	}
	return best
}

// phraseMatch matches words (by text or lemma) at k.
func (x *extractor) phraseMatch(k int, words []string) bool {
	last := x.d.Sentences[x.si].Last
	for n, w := range words {
		if k+n >= last {
			return false
		}
		if x.low[k+n] != w && x.lemma(k+n) != w {
			return false
		}
	}
	return true
}

// combined reports a figure that counts the dead together with others:
// "more than 450 dead and wounded", "were killed, injured or kidnapped".
// Such a figure is no death toll and goes into no fatality total.
func (x *extractor) combined(from int) bool {
	for k := from; k < x.last && k < from+4; k++ {
		if x.kindAt(k) != "killed" {
			continue
		}
		for j := k + 1; j < x.last && j <= k+4; j++ {
			switch x.low[j] {
			case "and", "or", ",":
				continue
			}
			switch x.kindAt(j) {
			case "wounded", "abducted", "missing", "detained":
				return true
			}
			return false
		}
	}
	return false
}

// monitor reports whether an actor code is of those who count tolls
// rather than cause them: rights monitors, the press, aid groups, health
// services.
func monitor(code string) bool {
	for _, r := range []string{"HRI", "MED", "NGO", "HLH"} {
		if strings.HasSuffix(code, r) {
			return true
		}
	}
	return false
}
