package timex

// Rules for amounts of time: durations, points counted back ("five days
// ago"), and recurrences ("daily", "every Thursday").

import (
	"strconv"
)

// approxMods are the modifiers a duration's span takes ("nearly forty
// years", "more than four hours", "at least 20 more years", "up to 180
// days"), as TimeML annotators mostly did; "about", "over", "almost",
// "only" and "just" they mostly left out. Each is a sequence of words.
var approxMods = [][]string{{"nearly"}, {"around"}, {"roughly"}, {"approximately"}, {"some"},
	{"more", "than"}, {"less", "than"}, {"fewer", "than"}, {"at", "least"}, {"at", "most"}, {"up", "to"},
	{"no", "more", "than"}, {"no", "less", "than"}, {"not", "more", "than"}}

// number reads an amount: digits, "two", "twenty four", "2 1/2", "1.5",
// "a", "a few", "several", "a couple of", "half a", "one and a half"; a
// negative amount is unknown ("several"). It returns the next token.
func (m *matcher) number(j int, allowA bool) (float64, int, bool) {
	w := m.w(j)
	switch {
	case w.k == kA && allowA:
		if m.is(j+1, "few") {
			return -1, j + 2, true
		}
		if m.is(j+1, "couple") && m.is(j+2, "of") {
			return 2, j + 3, true
		}
		if m.is(j+1, "dozen") {
			return 12, j + 2, true
		}
		if m.is(j+1, "hundred") {
			return 100, j + 2, true
		}
		if m.is(j+1, "half") { // "a half hour"
			return 0.5, j + 2, true
		}
		return 1, j + 1, true
	case w.k == kQuant:
		switch m.low(j) {
		case "couple":
			if m.is(j+1, "of") {
				return 2, j + 2, true
			}
			return 0, j, false
		case "dozens", "hundreds":
			if m.is(j+1, "of") {
				return -1, j + 2, true
			}
			return 0, j, false
		}
		return -1, j + 1, true
	case m.is(j, "half") && m.k(j+1) == kA:
		return 0.5, j + 2, true
	case w.k == kDecimal:
		f, err := strconv.ParseFloat(m.text(j), 64)
		return f, j + 1, err == nil
	case w.k == kNum:
		if len(m.text(j)) == 4 && isDigits(m.text(j)) && w.v >= 1000 {
			return 0, j, false // a year, not an amount
		}
		n := float64(w.v)
		j++
		// "twenty four", "one hundred", "2 1/2"
		if !isDigits(m.text(j-1)) && n >= 20 && n < 100 && int(n)%10 == 0 && m.k(j) == kNum && !isDigits(m.text(j)) && m.w(j).v < 10 {
			n += float64(m.w(j).v)
			j++
		}
		if m.is(j, "hundred") || m.is(j, "thousand") {
			n *= float64(m.w(j).v)
			j++
		}
		if m.k(j) == kFraction && isDigits(m.text(j-1)) {
			t := m.text(j)
			n += float64(t[0]-'0') / float64(t[2]-'0')
			j++
		}
		if m.is(j, "and") && m.is(j+1, "a") && m.is(j+2, "half") && m.k(j+3) == kUnit {
			n += 0.5
			j += 3
		}
		return n, j, true
	}
	return 0, j, false
}

// duration: amounts of time, and periods counted back or on from the
// reference. "two days", "a week", "five hours", "the nine months",
// "nearly forty years", "a year and a half", "the past 24 hours", "the last
// three months", "the next two weeks", "the 15 days since ...", "the past
// week", "for years", "recent years", "the coming days", "two-year"; and
// points counted back: "five days ago", "a year earlier", "two days later".
func (m *matcher) duration(i int) (expr, bool) {
	j := i
	e := expr{k: eDuration}
	// A compound adjective: "a two-year contract", "24-hour".
	if m.k(j) == kCompound {
		c, _ := readCompound(m.text(j))
		if c.u == uNone || c.ord != 0 {
			return e, false
		}
		if m.isAny(j+1, "old", "olds") || m.capital(j) && m.name(j+1) {
			return e, false // an age, or a name: "the Six-Day War"
		}
		e.n, e.u, e.last = c.n, c.u, j+1
		return e, true
	}
	hasMod := false
	for _, mod := range approxMods {
		ok := true
		for k, w := range mod {
			if !m.is(j+k, w) {
				ok = false
				break
			}
		}
		if ok {
			j += len(mod)
			hasMod = true
			break
		}
	}
	rel, the := 0, false
	if !hasMod && m.is(j, "the") {
		the = true
		j++
	}
	if w := m.w(j); w.k == kRel || m.isAny(j, "first", "final", "latest", "last") {
		switch {
		case m.isAny(j, "past", "last", "previous", "preceding"):
			rel = relPast
		case m.isAny(j, "next", "coming", "following", "upcoming"):
			rel = relComing
		case m.is(j, "recent"):
			rel = relRecent
		case m.isAny(j, "first", "final", "latest"):
			rel = relFirst // "the first nine months": a plain duration
		default:
			return e, false
		}
		if rel == relPast && !the && m.is(j, "last") && m.k(j+1) == kUnit && !m.w(j+1).plural {
			return e, false // "last week": a calendar week (relUnit)
		}
		if (m.isAny(j, "following", "previous", "preceding") || m.is(j, "next") && the && !m.isAny(i-1, "over", "in", "within", "during", "for")) && m.k(j+1) == kUnit && !m.w(j+1).plural {
			return e, false // "the following day", "the next day": anaphor ("over the next year" is not)
		}
		j++
	}
	if the && rel == 0 && m.k(j) == kUnit {
		return e, false // "the week", "the years"
	}
	n, k, ok := m.number(j, !the || rel != 0)
	if ok && (m.is(j, "one") || m.k(j) == kA) && m.isAny(k, "of", "another") {
		return e, false // "one of", "a second"
	}
	if !ok {
		// No amount: "the past week", "for years", "recent years", "the
		// coming days".
		w := m.w(j)
		if w.k != kUnit || hasMod {
			return e, false
		}
		switch {
		case rel == relRecent && w.plural:
			return expr{k: eDuration, n: -1, u: w.u, anchor: -1, last: j + 1}, true
		case rel == relComing && w.plural && (the || m.isAny(i, "coming", "upcoming")):
			return expr{k: eDuration, n: -1, u: w.u, anchor: 1, last: j + 1}, true
		case (rel == relPast || rel == relComing) && !w.plural && w.u != uWeekend:
			if m.is(j+1, "of") {
				return e, false
			}
			e.n, e.u, e.anchor = 1, w.u, -1
			if rel == relComing {
				e.anchor = 1
			}
			e.last = j + 1
			return e, true
		case rel == 0 && !the && w.plural && w.u != uWeekend && w.u != uQuarter && m.isAny(i-1, "for", "in", "within", "over", "after", "during", "of", "from"):
			e.n, e.u, e.last = -1, w.u, j+1
			return e, true
		}
		return e, false
	}
	j = k
	for m.isAny(j, "more", "additional", "full", "straight", "consecutive", "successive", "long", "whole", "entire") {
		j++
	}
	w := m.w(j)
	if w.u == uNone || w.k != kUnit && !(w.k == kOrd && w.u == uSecond && isDigits(m.text(k-1))) {
		return e, false
	}
	if m.capital(j) && j > 0 {
		return e, false // a name: "the Seven Years' War"
	}
	if w.u == uQuarter && (m.is(j+1, "of") || n < 1 && n >= 0 || m.k(k-1) == kA) || w.u == uWeekend && m.k(k-1) == kA {
		return e, false // "three quarters of", "a quarter", "a weekend"
	}
	e.n, e.u = n, w.u
	j++
	if m.is(j, "and") && m.is(j+1, "a") && m.is(j+2, "half") && n >= 0 {
		e.n += 0.5
		j += 3
	}
	if m.isAny(j, "old", "olds") || m.is(j, "of") && m.is(j+1, "age") {
		return e, false // an age
	}
	e.last = j
	if n < 0 && rel == 0 && (m.k(j) == kAgo || m.is(j, "earlier")) {
		return expr{k: eRef, ref: refPast, last: j + 1}, true // "years ago", "several days earlier"
	}
	switch {
	case m.k(j) == kAgo && rel == 0:
		e.k, e.last = eAgo, j+1
	case m.is(j, "earlier") && rel == 0 && !the:
		e.k, e.n, e.last = eShift, -e.n, j+1
	case m.is(j, "later") && rel == 0 && !the:
		e.k, e.fromLast, e.vague, e.last = eShift, true, n < 0, j+1
	case m.is(j, "from") && m.is(j+1, "now") && rel == 0:
		e.k, e.anchor, e.last = eDuration, 1, j+2
	case rel == relPast || rel == relRecent:
		e.anchor = -1
	case rel == relComing:
		e.anchor = 1
	case m.is(j, "since") && (the || m.isAny(i-1, "in", "for", "over")):
		e.anchor = -1
	}
	if !hasMod && !the && rel == 0 && e.k == eDuration && e.n == 1 && m.k(i) == kA {
		// "$1 billion a year", "interviews a day": a rate.
		if t := m.tag(i - 1); t == "CD" || t == "NNS" || t == "NN" || m.is(i-1, "times") || m.isAny(i-1, "once", "twice") {
			return expr{k: eSet, set: durationValue(1, e.u), last: j}, true
		}
	}
	return e, true
}

// set: recurrences. "daily", "weekly", "annually", "every day", "each
// Thursday", "every two years", "every other day", "once a week", "twice a
// year", "per day".
func (m *matcher) set(i int) (expr, bool) {
	j := i
	e := expr{k: eSet}
	w := m.w(j)
	if w.k == kSetAdv {
		e.set, e.last = durationValue(1, w.u), j+1
		return e, true
	}
	if m.isAny(j, "once", "twice") || m.k(j) == kNum && m.is(j+1, "times") {
		if m.isAny(j, "once", "twice") {
			j++
		} else {
			j += 2
		}
		if !m.isAny(j, "a", "an", "per", "each", "every") || m.k(j+1) != kUnit || m.w(j+1).plural {
			return e, false
		}
		e.set, e.last = durationValue(1, m.w(j+1).u), j+2
		return e, true
	}
	// "per day"; "kilometres per hour" is a speed.
	if m.is(j, "per") && m.k(j+1) == kUnit && !m.w(j+1).plural && m.w(j+1).u >= uDay {
		e.set, e.last = durationValue(1, m.w(j+1).u), j+2
		return e, true
	}
	if !m.isAny(j, "every", "each") {
		return e, false
	}
	j++
	n, other := 1.0, false
	if m.is(j, "other") {
		j++
		other = true // "every other day": every two days
	}
	if m.k(j) == kNum && !other {
		n = float64(m.w(j).v)
		j++
	}
	switch w := m.w(j); {
	case w.k == kUnit && (n == 1) == !w.plural:
		if other {
			n = 2
		}
		e.set = durationValue(n, w.u)
	case w.k == kWeekday && n == 1 && m.capital(j):
		e.set = "XXXX-WXX-" + strconv.Itoa(int(w.v))
	case w.k == kMonth && n == 1 && m.capital(j) && !w.abbr:
		e.set = "XXXX-" + pad(int(w.v), 2)
	case w.k == kPOD && n == 1:
		e.set = "XXXX-XX-XXT" + [...]string{"", "MO", "AF", "EV", "NI"}[w.v]
	case w.k == kSeason && n == 1:
		e.set = "XXXX-" + [...]string{"", "SP", "SU", "FA", "WI"}[w.v]
	default:
		return e, false
	}
	e.last = j + 1
	return e, true
}
