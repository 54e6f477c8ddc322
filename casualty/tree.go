package casualty

import (
	"strings"

	"sitrep"
)

// treeCounts reads from the dependency tree the counts that word order
// missed or got short: the victims of a verb of killing, wounding,
// abducting or detaining are its passive subject or its object, and they
// are counted from their numbers, coordinated victims added up: "4 members
// of the GNA forces were killed" is 4, "Two police officers, one civil
// servant and one local resident were killed" 4, "gunmen assassinated an
// army colonel" 1, and in "a police sergeant was killed and another
// wounded" the second verb's subject is one more victim. A count word order
// already found for the same kind is kept, or raised to the tree's total
// when the tree saw a list it did not.
func (x *extractor) treeCounts(found []int) []int {
	d := x.d
	if !d.Parsed(x.si) {
		return found
	}
	var lastVictims []int
	for v := x.first; v < x.last; v++ {
		kind := kindOf[x.lemma(v)]
		if kind == "" {
			kind = kindOf[x.low[v]]
		}
		predicate := x.tok(v).Tag == "JJ" && d.Dependent(v, "cop") >= 0 // "eight officers are dead"
		nominal := strings.HasPrefix(x.tok(v).Tag, "NN") && kind == "killed" && x.lemma(v) != "dead" && x.lemma(v) != "body"
		verbal := strings.HasPrefix(x.tok(v).Tag, "VB") || (x.tok(v).Tag == "JJ" && d.Rel(v) == "conj") || predicate || nominal
		if !verbal || (kind != "killed" && kind != "wounded" && kind != "abducted" && kind != "detained") {
			continue
		}
		if h := d.Head(v); d.Rel(v) == "conj" && h >= 0 {
			// "killing and injuring 13 people": one figure for both.
			if kh := kindOf[x.lemma(h)]; kh != kind && (kh == "killed" || kh == "wounded") && (kind == "killed" || kind == "wounded") &&
				h == v-2 && (x.low[v-1] == "and" || x.low[v-1] == "or") {
				continue
			}
		}
		passive := d.Dependent(v, "aux:pass") >= 0
		victims := d.Dependents(v, "nsubj:pass")
		var agent *sitrep.Actor
		switch {
		case nominal:
			// "the killing of the 13 officers", "the deaths of five
			// soldiers".
			for _, m := range d.Dependents(v, "nmod") {
				if c := d.Dependent(m, "case"); c >= 0 && x.low[c] == "of" && d.Dependent(m, "nummod") >= 0 {
					victims = []int{m}
					break
				}
			}
		case predicate:
			victims = d.Dependents(v, "nsubj")
		case len(victims) > 0:
			if a := d.Dependent(v, "obl:agent"); a >= 0 {
				agent = x.actorAt(a)
			}
		case !passive:
			victims = d.Dependents(v, "obj")
			if s := d.Dependent(v, "nsubj"); s >= 0 {
				agent = x.actorAt(s)
			}
		}
		if len(victims) == 0 && d.Rel(v) == "conj" && len(lastVictims) > 0 {
			// "was killed and another wounded": the elided subject is
			// the word before the verb.
			if k := v - 1; k > x.first && (x.low[k] == "another" || x.low[k] == "one") {
				victims = []int{k}
			}
		}
		if len(victims) > 1 {
			// A dateline the parser took for a second subject counts no
			// one: keep the subjects with a number.
			var counted []int
			for _, g := range victims {
				if x.countOf(g) > 0 {
					counted = append(counted, g)
				}
			}
			victims = counted
		}
		if len(victims) == 0 {
			continue
		}
		n := victims[0]
		var group []int
		for _, g := range victims {
			group = append(group, g)
			group = append(group, d.Dependents(g, "conj")...)
		}
		total := 0
		var members []member // the list's counted members, when it is one
		for gi, g := range group {
			c := x.countOf(g)
			if c <= 0 && gi > 0 && group[gi-1] == g-1 {
				continue // "three police officers" split by the parser: one noun
			}
			if c <= 0 {
				total = 0
				break
			}
			total += c
			members = append(members, member{g, c})
		}
		if total == 0 || total > maxCount {
			continue
		}
		lastVictims = group
		if x.combined(v) {
			continue // "killed, injured or kidnapped"
		}
		if k := x.figure(found, total, kind); k >= 0 {
			found = x.parts(found, k, members, kind) // a figure already told
			continue
		}
		if k := x.told(total, kind); len(members) > 1 && k >= 0 {
			found = x.parts(found, k, members, kind) // the total, told earlier
			continue
		}
		if len(members) > 1 {
			// A list with no total told: each member is its own count
			// ("two rebel fighters and nine government troops were
			// killed" is 2 and 9), which together make the list's sum.
		list:
			for _, m := range members {
				victims := x.actorAt(m.word)
				for _, f := range found {
					if c := x.r.Casualties[f]; c.Kind == kind && c.Count.Best == m.count && actorCode(c.Victims) == actorCode(victims) {
						continue list // word order found this member
					}
				}
				c := sitrep.Casualty{Kind: kind, Count: exact(m.count), Sentence: x.si, Perpetrator: agent}
				c.Victims = victims
				if c.Perpetrator == nil {
					c.Perpetrator = x.perpetrator(v)
				}
				first, last := d.Subtree(m.word)
				x.complete(&c, first, min(last, x.last))
				found = x.add(c, found)
			}
			continue
		}
		if k := x.sameKind(found, kind); k >= 0 {
			continue
		}
		first, last := d.Subtree(n)
		if l := group[len(group)-1]; l > n {
			_, last = d.Subtree(l)
		}
		c := sitrep.Casualty{Kind: kind, Count: exact(total), Sentence: x.si, Perpetrator: agent}
		if pk, ok := x.phraseAt[n]; ok {
			c.Victims = x.victimActor(pk)
		}
		if c.Perpetrator == nil {
			c.Perpetrator = x.perpetrator(v)
		}
		x.complete(&c, first, min(last, x.last))
		n0 := len(x.r.Casualties)
		found = x.add(c, found)
		if len(x.r.Casualties) > n0 {
			found = x.parts(found, len(x.r.Casualties)-1, members, kind)
		}
	}
	return found
}

// member is one counted item of a list of victims: its word and number.
type member struct{ word, count int }

// parts adds the members of a list of victims as parts of the total
// count k: "Eight police officers and five investigators are dead" is 13,
// with parts 8 and 5. A part word order already found is pointed at the
// total instead of told twice.
func (x *extractor) parts(found []int, k int, members []member, kind string) []int {
	if len(members) < 2 {
		return found
	}
	for _, m := range members {
		dup := false
		for _, f := range found {
			c := &x.r.Casualties[f]
			if f != k && c.Kind == kind && c.Count.Best == m.count && (c.PartOf == nil || *c.PartOf == k) {
				kk := k
				c.PartOf = &kk
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		kk := k
		c := sitrep.Casualty{Kind: kind, Count: exact(m.count), Sentence: x.si, PartOf: &kk, Perpetrator: x.r.Casualties[k].Perpetrator}
		c.Victims = x.actorAt(m.word)
		first, last := x.d.Subtree(m.word)
		x.complete(&c, first, min(last, x.last))
		c.PartOf = &kk
		found = x.add(c, found)
	}
	return found
}

// countOf reads how many people word n stands for: its number ("4
// members"), one for a singular noun after "a", "an", "one" or "another",
// or the word itself when it is "another" or "one".
func (x *extractor) countOf(n int) int {
	d := x.d
	if notPeople[x.lemma(n)] {
		return 0
	}
	m := d.Dependent(n, "nummod")
	if m < 0 {
		// "Two police officers" parsed with the number on the compound.
		for _, c := range d.Dependents(n, "compound") {
			if m = d.Dependent(c, "nummod"); m >= 0 {
				break
			}
		}
	}
	if m >= 0 {
		if v, used := x.number(m); used > 0 {
			return v
		}
	}
	switch x.low[n] {
	case "another", "one":
		return 1
	}
	// One person named by office or standing: "the security chief of X
	// was arrested", "Machado's security chief".
	if t := x.tok(n).Tag; (t == "NN" || t == "NNP") && singlePerson[x.lemma(n)] {
		if det := d.Dependent(n, "det"); det >= 0 && (x.low[det] == "the" || x.low[det] == "this" || x.low[det] == "that") || d.Dependent(n, "nmod:poss") >= 0 {
			return 1
		}
	}
	// Without a number, only a word that names people counts as one.
	if pk, ok := x.phraseAt[n]; !ok || (!x.person(pk) && x.d.Phrases[pk].Modifier < 0) {
		return 0
	}
	if t := x.tok(n).Tag; t == "NN" || t == "NNP" {
		if det := d.Dependent(n, "det"); det >= 0 {
			switch x.low[det] {
			case "a", "an", "another", "one":
				return 1
			}
		}
	}
	return 0
}

// singlePerson are nouns that name one person by office or standing, so
// that "the mayor was arrested" counts one.
var singlePerson = map[string]bool{"chief": true, "leader": true, "mayor": true, "governor": true, "commander": true,
	"colonel": true, "general": true, "journalist": true, "activist": true, "official": true, "spokesman": true,
	"spokeswoman": true, "minister": true, "lawmaker": true, "senator": true, "judge": true, "prosecutor": true,
	"cleric": true, "imam": true, "priest": true, "pilot": true, "reporter": true, "photographer": true,
	"candidate": true, "president": true, "deputy": true, "head": true, "director": true, "editor": true, "doctor": true}

// actorAt returns the actor of the phrase holding token i, if any.
func (x *extractor) actorAt(i int) *sitrep.Actor {
	if pk, ok := x.phraseAt[i]; ok {
		return x.victimActor(pk)
	}
	return nil
}

// sameKind returns the index of a casualty of kind among found, or -1.
func (x *extractor) sameKind(found []int, kind string) int {
	for _, k := range found {
		if x.r.Casualties[k].Kind == kind {
			return k
		}
	}
	return -1
}

// told returns the index of a count of kind with best total told in an
// earlier sentence of the article, or -1.
func (x *extractor) told(total int, kind string) int {
	for k, c := range x.r.Casualties {
		if c.Sentence < x.si && c.Kind == kind && c.Count.Best == total && c.PartOf == nil && !c.Background {
			return k
		}
	}
	return -1
}

// figure returns the index among found of a casualty of kind, or a
// combined one, that already gives total, or -1.
func (x *extractor) figure(found []int, total int, kind string) int {
	for _, k := range found {
		c := x.r.Casualties[k]
		if c.Count.Best == total && (c.Kind == kind || c.Kind == "killed_or_wounded") {
			return k
		}
	}
	return -1
}

// treePerpetrator reads from the tree who did what a count reports: from
// the count up to the verb of killing or wounding it belongs to, the
// verb's obl:agent when the victims are its passive subject ("were killed
// by militants"), its subject when they are its object ("militants killed
// 10"). A reporter is never the perpetrator: a saying verb ends the climb.
func (x *extractor) treePerpetrator(t int) *sitrep.Actor {
	d := x.d
	if !d.Parsed(x.si) {
		return nil
	}
	for n := 0; n < 4; n++ {
		h := d.Head(t)
		if h < 0 {
			return nil
		}
		rel := d.Rel(t)
		k := kindOf[x.lemma(h)]
		if strings.HasPrefix(x.tok(h).Tag, "VB") && (k == "killed" || k == "wounded" || k == "abducted") {
			switch {
			case sitrep.HasRel(rel, "nsubj:pass"):
				if a := d.Dependent(h, "obl:agent"); a >= 0 {
					return x.actorAt(a)
				}
				return nil
			case rel == "obj":
				if s := d.Dependent(h, "nsubj"); s >= 0 {
					return x.actorAt(s)
				}
				return nil
			}
			return nil
		}
		if strings.HasPrefix(x.tok(h).Tag, "VB") {
			return nil // another verb: the count is not its victims
		}
		t = h
	}
	return nil
}
