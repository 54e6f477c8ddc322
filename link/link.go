// Package link gives each coded event and casualty the place and the time
// it happened: the place and time named in its own sentence, nearest to
// the words that coded it; failing that, for places, one named in the
// sentence before, then the dateline; for times, the publication date,
// with precision "publication" saying that is all that is known. A time
// that dates a subset of a count ("including 20 yesterday") does not date
// the whole. It is a coder and runs after the event and casualty coders.
package link

import (
	"strings"

	"sitrep"
)

// Coder links events and casualties to places and times. It implements
// sitrep.Coder.
type Coder struct{}

// Code fills Place and Date of r's events and casualties.
func (Coder) Code(d *sitrep.Doc, r *sitrep.Record) {
	dateline := datelinePlace(d)
	for i := range r.Events {
		e := &r.Events[i]
		if e.Place == nil {
			e.Place = placeFor(d, e.Sentence, e.Evidence.Start, e.Evidence.End, dateline)
		}
		if e.Date == nil {
			e.Date = timeFor(d, e.Sentence, e.Evidence.Start, e.Evidence.End)
		}
	}
	// Subsets first: a time that dates a subset ("including 20 yesterday")
	// does not date the whole ("the deaths of 293 civilians" over "the 15
	// days since").
	taken := map[int]map[int]bool{} // parent casualty -> time mentions its parts use
	for i := range r.Casualties {
		c := &r.Casualties[i]
		if c.PartOf == nil {
			continue
		}
		start, end := casualtySpan(d, c)
		if c.Date == nil {
			if k := nearestTime(d, c.Sentence, start, end, nil); k >= 0 {
				t := d.Times[k].Time
				c.Date = &t
				if taken[*c.PartOf] == nil {
					taken[*c.PartOf] = map[int]bool{}
				}
				taken[*c.PartOf][k] = true
			}
		}
	}
	for i := range r.Casualties {
		c := &r.Casualties[i]
		if c.PartOf != nil && *c.PartOf < i {
			parent := r.Casualties[*c.PartOf]
			if c.Place == nil {
				c.Place = parent.Place
			}
		}
		start, end := casualtySpan(d, c)
		if c.Place == nil {
			c.Place = placeFor(d, c.Sentence, start, end, dateline)
		}
		if c.Date == nil {
			if k := nearestTime(d, c.Sentence, start, end, taken[i]); k >= 0 {
				t := d.Times[k].Time
				c.Date = &t
			} else {
				c.Date = publication(d)
			}
		}
	}
}

// casualtySpan locates a casualty's words in its sentence.
func casualtySpan(d *sitrep.Doc, c *sitrep.Casualty) (int, int) {
	s := d.Sentences[c.Sentence]
	text := d.Article.Text[s.Start:s.End]
	if k := indexOf(text, c.Text); k >= 0 {
		return s.Start + k, s.Start + k + len(c.Text)
	}
	return s.Start, s.End
}

func indexOf(s, sub string) int {
	if sub == "" {
		return -1
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// datelinePlace is the place a wire dateline names ("ALEPPO, Syria —"):
// the first place mention, if it ends within the first 60 bytes and
// before a dash.
func datelinePlace(d *sitrep.Doc) *sitrep.Place {
	if len(d.Places) == 0 || len(d.Sentences) == 0 {
		return nil
	}
	p := d.Places[0]
	if p.Start > 40 || d.SentenceAt(p.Start) != 0 {
		return nil
	}
	rest := d.Article.Text[p.End:min(len(d.Article.Text), p.End+60)]
	for _, dash := range []string{"—", " -", "--", "–", "("} {
		if indexOf(rest, dash) >= 0 {
			pl := p.Place
			return &pl
		}
	}
	return nil
}

// placeFor picks the place of something coded from text [start, end) in
// sentence si: the place its own clause puts it at ("jets struck a market
// in Idlib"), else the place of its sentence nearest to its words, else one
// of the sentence before, else the dateline's.
func placeFor(d *sitrep.Doc, si, start, end int, dateline *sitrep.Place) *sitrep.Place {
	if k := clausePlace(d, si, start, end); k >= 0 {
		p := d.Places[k].Place
		p.Via = d.Places[k].Text
		return &p
	}
	best, bestDist := -1, 1<<30
	for k, p := range d.Places {
		if d.SentenceAt(p.Start) != si {
			continue
		}
		dist := gap(start, end, p.Start, p.End)
		if p.Start >= end {
			dist /= 2 // "... killed 14 civilians in Aleppo": places follow what happened there
		}
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best < 0 && si > 0 {
		// The sentence before: the report goes on about the same place.
		for k := len(d.Places) - 1; k >= 0; k-- {
			if d.SentenceAt(d.Places[k].Start) == si-1 {
				best = k
				break
			}
		}
	}
	if best >= 0 {
		p := d.Places[best].Place
		p.Via = d.Places[best].Text
		return &p
	}
	return dateline
}

// clauseLocatives are the prepositions of a phrase that places what its
// verb says: "in", "near", "at", "outside", ...
var clauseLocatives = map[string]bool{
	"in": true, "near": true, "at": true, "outside": true, "inside": true, "around": true,
	"across": true, "throughout": true, "on": true, "into": true, "within": true, "over": true,
}

// clausePlace returns the place (an index into d.Places) that the clause
// of the words [start, end) puts them at: a location whose phrase hangs on
// the words' head by an oblique with a locative preposition ("killed in
// Aleppo"), possibly through the noun it names ("in the city of Aleppo",
// "in eastern Aleppo"); the nearest in the tree when there are several.
// It returns -1 when the sentence has no tree or no such place.
func clausePlace(d *sitrep.Doc, si, start, end int) int {
	if si < 0 || si >= len(d.Sentences) || !d.Parsed(si) {
		return -1
	}
	s := d.Sentences[si]
	// The head of the words: the token of the span whose head lies outside it.
	head := -1
	for k := s.First; k < s.Last; k++ {
		t := d.Tokens[k]
		if t.Start < start || t.End > end {
			continue
		}
		h := d.Head(k)
		if h < 0 || d.Tokens[h].Start < start || d.Tokens[h].End > end {
			if head < 0 || strings.HasPrefix(t.Tag, "VB") && !strings.HasPrefix(d.Tokens[head].Tag, "VB") {
				head = k
			}
		}
	}
	if head < 0 {
		return -1
	}
	best, bestLen := -1, 1<<30
	for k, p := range d.Places {
		if p.Start < s.Start || p.End > s.End {
			continue
		}
		// The place's own head token.
		ph := -1
		for t := s.First; t < s.Last; t++ {
			if d.Tokens[t].Start >= p.Start && d.Tokens[t].End <= p.End {
				h := d.Head(t)
				if h < 0 || d.Tokens[h].Start < p.Start || d.Tokens[h].End > p.End {
					ph = t
					break
				}
			}
		}
		if ph < 0 {
			continue
		}
		// Up from the place through nouns to the token hanging on head:
		// "in Aleppo" on the verb, or on its object ("bombed a market in
		// Saraqib"); a locative preposition on the way.
		hasLocative := func(t int) bool {
			for _, c := range d.Dependents(t, "case") {
				if clauseLocatives[strings.ToLower(d.Tokens[c].Text)] {
					return true
				}
			}
			return false
		}
		n, t := 0, ph
		locative := hasLocative(ph)
		for ; n < 4 && t >= 0 && d.Head(t) != head; n++ {
			r := d.Rel(t)
			if !sitrep.HasRel(r, "nmod") && !sitrep.HasRel(r, "compound") && !sitrep.HasRel(r, "appos") && !sitrep.HasRel(r, "flat") && !sitrep.HasRel(r, "amod") {
				t = -1
				break
			}
			t = d.Head(t)
			if t >= 0 && hasLocative(t) {
				locative = true
			}
		}
		if t < 0 || d.Head(t) != head {
			continue
		}
		if r := d.Rel(t); !sitrep.HasRel(r, "obl") && !sitrep.HasRel(r, "obj") && !sitrep.HasRel(r, "advmod") && r != "nsubj:pass" {
			continue
		}
		if locative && n < bestLen {
			best, bestLen = k, n
		}
	}
	return best
}

// timeFor picks the time of something coded from text [start, end) in
// sentence si, or the publication date.
func timeFor(d *sitrep.Doc, si, start, end int) *sitrep.Time {
	if k := nearestTime(d, si, start, end, nil); k >= 0 {
		t := d.Times[k].Time
		return &t
	}
	return publication(d)
}

// nearestTime returns the dated time mention of sentence si nearest to
// [start, end), leaving out those in skip, or -1.
func nearestTime(d *sitrep.Doc, si, start, end int, skip map[int]bool) int {
	best, bestDist := -1, 1<<30
	for k, t := range d.Times {
		if skip[k] || d.SentenceAt(t.Start) != si || (t.StartDate == "" && t.EndDate == "") {
			continue
		}
		if dist := gap(start, end, t.Start, t.End); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	return best
}

// publication is the publication date as a time, with precision
// "publication" saying that nothing nearer was found; nil without one.
func publication(d *sitrep.Doc) *sitrep.Time {
	pub := d.Article.Published
	if pub == "" {
		return nil
	}
	return &sitrep.Time{Value: string(pub), StartDate: pub, EndDate: pub, Precision: "publication"}
}

// gap is the distance in bytes between two spans (0 when they overlap).
func gap(s1, e1, s2, e2 int) int {
	switch {
	case e2 <= s1:
		return s1 - e2
	case e1 <= s2:
		return s2 - e1
	}
	return 0
}
