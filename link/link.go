// Package link gives each coded event and casualty the place and the time
// it happened: the place and time named in its own sentence, nearest to
// the words that coded it; failing that, for places, one named in the
// sentence before, then the dateline; for times, the publication date,
// with precision "publication" saying that is all that is known. A time
// that dates a subset of a count ("including 20 yesterday") does not date
// the whole. It is a coder and runs after the event and casualty coders.
package link

import (
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
// sentence si.
func placeFor(d *sitrep.Doc, si, start, end int, dateline *sitrep.Place) *sitrep.Place {
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
