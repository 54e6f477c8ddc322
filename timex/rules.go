package timex

import (
	"sitrep"
)

// ekind is the kind of a recognised expression, which decides how it is
// resolved.
type ekind uint8

const (
	eNone     ekind = iota
	eCal            // a calendar period relative to the reference: u, off ("last week", "yesterday")
	eWeekday        // a day of the week: wd, rel
	eMonthDay       // month m, day d, year y (0: from the reference)
	eMonth          // month m, year y or yearOff
	eYear           // year y
	eDecade         // decade starting y
	eCentury        // century starting y
	eQuarter        // quarter (or half) q of year y or yearOff
	eSeason         // season s, year y or yearOff or rel
	eHoliday        // holiday h, year y
	eDate           // an absolute day y-m-d
	eAgo            // n units before the reference ("five days ago")
	eShift          // n units from the last date mentioned ("a year earlier", "the following day")
	eDuration       // n units, anchored back (-1), forward (+1) or not (0)
	eRef            // PRESENT_REF, PAST_REF, FUTURE_REF
	eSet            // a recurrence
)

// expr is a recognised temporal expression before resolution: the tokens
// it covers, what kind it is, and the parts the rules read.
type expr struct {
	first, last int // tokens [first, last) of the sentence
	k           ekind

	y, m, d  int
	yearOff  int  // "June last year": the reference year + yearOff
	hasYOff  bool // yearOff is set
	wd       int
	q        int
	half     bool
	s        int // season or holiday
	u        unit
	off      int
	n        float64 // amount; < 0 for an unknown amount
	anchor   int     // durations: -1 back from the reference, +1 forward
	edge     int
	rel      int
	ref      int
	set      string
	since    bool // preceded by "since": the period runs to the reference
	needDir  bool // resolution depends on tense
	vague    bool // an unknown amount ("years later")
	fromLast bool // eShift relative to the last date mentioned only
}

// matcher runs the rules over one sentence.
type matcher struct {
	toks []sitrep.Token
	ws   []word
}

func (m *matcher) k(i int) kind {
	if i < 0 || i >= len(m.ws) {
		return kNone
	}
	return m.ws[i].k
}

func (m *matcher) w(i int) word {
	if i < 0 || i >= len(m.ws) {
		return word{}
	}
	return m.ws[i]
}

func (m *matcher) text(i int) string {
	if i < 0 || i >= len(m.toks) {
		return ""
	}
	return m.toks[i].Text
}

func (m *matcher) tag(i int) string {
	if i < 0 || i >= len(m.toks) {
		return ""
	}
	return m.toks[i].Tag
}

// low is token i in lower case, as the lexicon has it, or "" for a word
// the lexicon does not know.
func (m *matcher) low(i int) string {
	if i < 0 || i >= len(m.ws) {
		return ""
	}
	return m.ws[i].low
}

// is reports whether token i is s (lower case), ignoring its case. Every s
// the rules ask about is in the lexicon, so this is a plain comparison.
func (m *matcher) is(i int, s string) bool {
	return i >= 0 && i < len(m.ws) && m.ws[i].low == s
}

// isAny reports whether token i is one of ss (lower case).
func (m *matcher) isAny(i int, ss ...string) bool {
	if i < 0 || i >= len(m.ws) {
		return false
	}
	for _, s := range ss {
		if m.ws[i].low == s {
			return true
		}
	}
	return false
}

// name reports whether token i is a capitalised proper noun that is no
// word of time ("USA" of "USA Today", "Black" of "Black September").
func (m *matcher) name(i int) bool {
	k := m.k(i)
	return i >= 0 && m.capital(i) && m.tag(i) == "NNP" && (k == kNone || k == kKey)
}

// has reports whether token i has lexicon flag f.
func (m *matcher) has(i int, f uint16) bool {
	return i >= 0 && i < len(m.ws) && m.ws[i].f&f != 0
}

// edgeOf reads the noun of "the middle/end/beginning/start of".
func edgeOf(s string) int {
	switch s {
	case "middle":
		return edgeMid
	case "end":
		return edgeEnd
	}
	return edgeStart
}

// yearOffOf reads "last", "this", "next" as years (or other units) from
// the reference.
func yearOffOf(s string) int {
	switch s {
	case "last":
		return -1
	case "next":
		return 1
	}
	return 0
}

// capital reports whether token i starts with a capital letter.
func (m *matcher) capital(i int) bool {
	t := m.text(i)
	return t != "" && t[0] >= 'A' && t[0] <= 'Z'
}

// canStart reports whether an expression may start at token i: a word of
// time or number, or a function word ("the", "a", "every", "about")
// followed by a word that may go on with it ("the streets", "the old
// city" start nothing), or a quantifier before a unit ("several years").
func (m *matcher) canStart(i int) bool {
	switch m.ws[i].k {
	case kNone, kKey:
		return false
	case kFunc, kA:
		k := m.k(i + 1)
		return k != kNone && (k != kKey || m.has(i+1, fFollow))
	case kQuant:
		return m.k(i+1) == kUnit || m.is(i+1, "of")
	}
	return true
}

// match finds the longest expression starting at token i.
func (m *matcher) match(i int) (expr, bool) {
	best := expr{}
	try := func(e expr, ok bool) {
		if ok && e.last > best.last {
			best = e
		}
	}
	try(m.deictic(i))
	try(m.refWord(i))
	try(m.weekday(i))
	try(m.monthDate(i))
	try(m.year(i))
	try(m.quarter(i))
	try(m.relUnit(i))
	try(m.season(i))
	try(m.duration(i))
	try(m.set(i))
	try(m.clock(i))
	try(m.numeric(i))
	try(m.holiday(i))
	try(m.dayOfMonth(i))
	try(m.anaphor(i))
	if best.first < i {
		best.first = i
	}
	return best, best.last > i
}
