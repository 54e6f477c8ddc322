package timex

// Rules for days: deictic days, weekdays, days with a time of day, numeric
// dates, holidays, and days counted from the last date given.

import (
	"strconv"
	"strings"
)

// deictic: today, tonight, yesterday, tomorrow, with an edge ("late
// yesterday") and a part of the day ("yesterday morning"); "last night",
// "this morning", "the day before yesterday".
func (m *matcher) deictic(i int) (expr, bool) {
	j, edge := i, 0
	if m.k(j) == kEdge && m.w(j).v != edgeMid {
		edge = int(m.w(j).v)
		j++
	}
	e := expr{k: eCal, u: uDay}
	switch {
	case m.k(j) == kDeictic:
		// "USA Today", "Sudan Today": a name, not a day.
		if m.capital(j) && m.name(j-1) {
			return e, false
		}
		e.off = int(m.w(j).v)
		night := m.w(j).u == uHour
		j++
		if !night && m.k(j) == kPOD && !m.w(j).plural {
			j++
		}
	case m.is(j, "last") && m.k(j+1) == kPOD && m.w(j+1).v == podNight:
		e.off = -1
		j += 2
	case m.is(j, "this") && m.k(j+1) == kPOD && m.w(j+1).v != podNight:
		j += 2
	case edge == 0 && m.is(j, "the") && m.is(j+1, "day") && m.isAny(j+2, "before", "after") && m.k(j+3) == kDeictic:
		e.off = int(m.w(j + 3).v)
		if m.is(j+2, "before") {
			e.off--
		} else {
			e.off++
		}
		j += 4
	default:
		return e, false
	}
	e.edge, e.last = edge, j
	return e, true
}

// refWord: now, currently, current, nowadays, recently, lately, "the
// past", "the (near) future", "the present", "these days".
func (m *matcher) refWord(i int) (expr, bool) {
	e := expr{k: eRef}
	switch w := m.w(i); {
	case w.k == kRef:
		if m.is(i, "current") && m.tag(i) != "JJ" {
			return e, false
		}
		// "current account" is economics, not a time.
		if m.is(i, "current") && m.isAny(i+1, "account", "accounts", "affairs") {
			return e, false
		}
		// "Now, ...": a discourse marker.
		if m.is(i, "now") && m.capital(i) && m.is(i+1, ",") {
			return e, false
		}
		e.ref, e.last = int(w.v), i+1
		return e, true
	case m.is(i, "these") && m.is(i+1, "days"):
		e.ref, e.last = refPresent, i+2
		return e, true
	case m.is(i, "the"):
		j := i + 1
		if m.isAny(j, "near", "foreseeable", "distant", "immediate", "recent", "not-too-distant") {
			j++
		}
		switch {
		case m.is(j, "past") && m.k(j+1) != kNum && m.k(j+1) != kQuant && m.k(j+1) != kUnit && m.w(j+1).u == uNone:
			e.ref = refPast
		case m.is(j, "future"):
			e.ref = refFuture
		case m.is(j, "present") && j == i+1:
			e.ref = refPresent
		default:
			return e, false
		}
		e.last = j + 1
		return e, true
	}
	return e, false
}

// weekday: [early|late|last|next|this] Monday [morning|night] [, Oct. 3],
// "early on Monday"; plural weekdays are recurrences.
func (m *matcher) weekday(i int) (expr, bool) {
	j := i
	e := expr{k: eWeekday, needDir: true}
	switch w := m.w(j); {
	case w.k == kEdge && w.v != edgeMid:
		e.edge = int(w.v)
		j++
		if m.is(j, "on") {
			j++
		}
	case m.is(j, "this") && m.isAny(j+1, "past", "coming"):
		e.rel = relLast
		if m.is(j+1, "coming") {
			e.rel = relComing
		}
		j += 2
	case m.is(j, "the") && m.isAny(j+1, "previous", "preceding", "following") && m.k(j+2) == kWeekday:
		// "the previous Friday": counted from the last date given.
		e.rel = relPrevious
		if m.is(j+1, "following") {
			e.rel = relFollowing
		}
		j += 2
	case w.k == kRel && (w.v == relLast || w.v == relNext || w.v == relThis || w.v == relComing || w.v == relPast):
		e.rel = int(w.v)
		j++
	}
	w := m.w(j)
	if w.k != kWeekday || !m.capital(j) || m.has(j-1, fDayName) && j == i && m.capital(j-1) {
		return e, false
	}
	if w.plural {
		if j != i {
			return e, false
		}
		return expr{k: eSet, set: "XXXX-WXX-" + strconv.Itoa(int(w.v)), last: j + 1}, true
	}
	e.wd = int(w.v)
	j++
	if m.k(j) == kPOD && !m.w(j).plural {
		j++
	}
	// "Monday, Oct. 3" or "Monday Oct. 3": the date says which Monday.
	k := j
	if m.is(k, ",") {
		k++
	}
	if m.k(k) == kMonth {
		if d, ok := m.monthDate(k); ok && d.k == eMonthDay {
			d.edge = e.edge
			return d, true
		}
	}
	e.last = j
	return e, true
}

// clockTime reads a time of day: "2 a.m.", "10:35 p.m.", "noon",
// "midnight", "10:35", with a zone after it ("GMT", "(0735 GMT)", "local
// time"). It returns the next token.
func (m *matcher) clockTime(j int) (int, bool) {
	switch {
	case m.k(j) == kNum && m.w(j).v >= 1 && m.w(j).v <= 12 && m.k(j+1) == kAMPM && isDigits(m.text(j)):
		j += 2
	case m.k(j) == kClock:
		j++
		if m.k(j) == kAMPM {
			j++
		}
	default:
		return j, false
	}
	switch {
	case m.isAny(j, "gmt", "utc", "est", "edt", "cst", "pst", "bst", "cet"):
		j++
	case m.is(j, "local") && m.is(j+1, "time"):
		j += 2
	}
	if m.is(j, "(") {
		k := j + 1
		for k < len(m.toks) && k < j+6 && !m.is(k, ")") {
			k++
		}
		if m.is(k, ")") {
			j = k + 1
		}
	}
	return j, true
}

// clock: a time of day with the day it falls on ("10 p.m. Wednesday",
// "2 a.m. on Monday", "noon Thursday", "5 p.m. EST Nov. 9"). The value is
// the day's; a time of day alone is skipped.
func (m *matcher) clock(i int) (expr, bool) {
	j := i
	if m.isAny(j, "about", "around", "approximately") {
		j++
	}
	j, ok := m.clockTime(j)
	if !ok {
		return expr{}, false
	}
	if m.is(j, ",") {
		j++
	}
	if m.is(j, "on") {
		j++
	}
	if e, ok := m.deictic(j); ok && e.u == uDay {
		return e, true
	}
	if e, ok := m.weekday(j); ok && e.k != eSet {
		return e, true
	}
	if e, ok := m.monthDate(j); ok && e.k == eMonthDay {
		return e, true
	}
	return expr{}, false
}

// numeric: "2016-10-05", "10/25/2016".
func (m *matcher) numeric(i int) (expr, bool) {
	var y, mo, d int
	var ok bool
	switch m.k(i) {
	case kISO:
		y, mo, d, ok = readISO(m.text(i))
	case kSlash:
		y, mo, d, ok = readSlash(m.text(i))
	}
	if !ok {
		return expr{}, false
	}
	return expr{k: eDate, y: y, m: mo, d: d, last: i + 1}, true
}

// holiday: "Christmas", "Christmas Day", "Christmas Eve", "New Year's Day",
// "New Year's Eve", "Thanksgiving (Day)", "Easter (Sunday)", with a year
// or "last"/"next".
func (m *matcher) holiday(i int) (expr, bool) {
	j := i
	e := expr{k: eHoliday, needDir: true}
	if m.isAny(j, "last", "next", "this") {
		e.rel = int(m.w(j).v)
		j++
	}
	switch {
	case m.k(j) == kHoliday && m.capital(j):
		e.s = int(m.w(j).v)
		j++
		switch {
		case e.s == holChristmas && m.is(j, "eve") && m.capital(j):
			e.s = holChristmasEve
			j++
		case m.capital(j) && (e.s == holChristmas && m.is(j, "day") || e.s == holThanksgiving && m.is(j, "day") || e.s == holEaster && m.is(j, "sunday")):
			j++
		default:
			// A bare name is a day only where the words around make it one,
			// not in "Easter week", "Christmas trees", "Easter Island".
			if e.rel == 0 && !m.isAny(i-1, "on", "at", "by", "before", "after", "since", "until", "over", "for", "during", "around", "till", "of") {
				return e, false
			}
		}
	case m.is(j, "new") && m.is(j+1, "year") && m.capital(j+1) && m.is(j+2, "'s") && m.isAny(j+3, "day", "eve") && m.capital(j+3):
		e.s = holNewYear
		if m.is(j+3, "eve") {
			e.s = holNewYearEve
		}
		j += 4
	default:
		return e, false
	}
	if m.isYear(j) {
		e.y = int(m.w(j).v)
		e.needDir = false
		j++
	}
	e.last = j
	return e, true
}

// dayOfMonth: "on the 15th": a day of the reference month (or, with a
// past verb, of the month before when the 15th is still to come).
func (m *matcher) dayOfMonth(i int) (expr, bool) {
	if !m.is(i, "the") || m.k(i+1) != kOrd || !isDigits(strings.TrimRight(m.text(i+1), "stndrh")) {
		return expr{}, false
	}
	d := int(m.w(i + 1).v)
	if d < 1 || d > 31 || !m.isAny(i-1, "on", "by", "until", "since", "from", "before", "after", "till") {
		return expr{}, false
	}
	if t := m.tag(i + 2); strings.HasPrefix(t, "NN") || strings.HasPrefix(t, "JJ") || m.is(i+2, "of") {
		return expr{}, false
	}
	return expr{k: eMonthDay, d: d, needDir: true, last: i + 2}, true
}

// anaphor: days and periods counted from the last date the text gave:
// "the following day", "the next day", "the previous week", "the day
// before", "that day", "the same day".
func (m *matcher) anaphor(i int) (expr, bool) {
	e := expr{k: eShift, fromLast: true}
	switch {
	case m.is(i, "the") && m.isAny(i+1, "following", "next", "previous", "preceding") && m.k(i+2) == kUnit && !m.w(i+2).plural &&
		!(m.is(i+1, "next") && m.isAny(i-1, "over", "in", "within", "during", "for")):
		u := m.w(i + 2).u
		if u != uDay && u != uWeek && u != uMonth && u != uYear && u != uWeekend {
			return e, false
		}
		e.n, e.u = 1, u
		if m.isAny(i+1, "previous", "preceding") {
			e.n = -1
		}
		e.last = i + 3
	case m.is(i, "the") && m.isAny(i+1, "following", "next") && m.k(i+2) == kPOD && m.w(i+2).v == podMorning:
		e.n, e.u, e.last = 1, uDay, i+3
	case m.is(i, "the") && m.is(i+1, "day") && m.isAny(i+2, "before", "after") && m.k(i+3) != kDeictic && !strings.HasPrefix(m.tag(i+3), "NN") && !strings.HasPrefix(m.tag(i+3), "DT") && !strings.HasPrefix(m.tag(i+3), "PRP"):
		e.n, e.u, e.last = 1, uDay, i+3
		if m.is(i+2, "before") {
			e.n = -1
		}
	case m.is(i, "that") && m.k(i+1) == kUnit && !m.w(i+1).plural && !strings.HasPrefix(m.tag(i+2), "VB"):
		switch u := m.w(i + 1).u; u {
		case uDay, uWeek, uMonth, uQuarter, uYear:
			e.n, e.u, e.last = 0, u, i+2
		default:
			return e, false
		}
	case m.is(i, "that") && m.k(i+1) == kPOD && !strings.HasPrefix(m.tag(i+2), "VB"):
		e.n, e.u, e.last = 0, uDay, i+2
	case m.is(i, "the") && m.is(i+1, "same") && m.isAny(i+2, "day", "night") && !m.is(i+3, "as"):
		e.n, e.u, e.last = 0, uDay, i+3
	case m.isAny(i, "later", "earlier") && m.is(i+1, "that") && (m.k(i+2) == kPOD || m.k(i+2) == kUnit && !m.w(i+2).plural):
		switch u := m.w(i + 2).u; {
		case m.k(i+2) == kPOD:
			e.u = uDay
		case u == uDay || u == uWeek || u == uMonth || u == uYear:
			e.u = u
		default:
			return e, false
		}
		e.n, e.last = 0, i+3
	default:
		return e, false
	}
	return e, true
}
