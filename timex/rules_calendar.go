package timex

// Rules for calendar periods: dates with month names, months, years,
// decades, centuries, quarters, seasons, and periods relative to the
// reference ("last week", "earlier this year").

import (
	"strconv"
	"strings"
)

// monthDate: explicit dates with a month name. "March 28", "Sept. 30",
// "Oct. 5, 2016", "28 March 2016", "the 28th of March", "March 2016",
// "March of 2016", "June last year", "early October", "mid-October", "the
// end of November", "last April", and a bare month where the context makes
// it one ("in March").
func (m *matcher) monthDate(i int) (expr, bool) {
	j := i
	e := expr{}
	// Prefixes: an edge or a relation.
	switch w := m.w(j); {
	case m.is(j, "the") && m.isAny(j+1, "middle", "end", "beginning", "start") && m.is(j+2, "of"):
		e.edge = edgeOf(m.low(j + 1))
		j += 3
	case w.k == kEdge && (w.v == edgeEarly || w.v == edgeMid || w.v == edgeLate):
		e.edge = int(w.v)
		j++
	case w.k == kRel && (w.v == relLast || w.v == relNext || w.v == relThis || w.v == relPast || w.v == relComing):
		e.rel = int(w.v)
		j++
	case w.k == kCompound:
		c, _ := readCompound(m.text(j))
		if c.month == 0 {
			return e, false
		}
		e.k, e.m, e.edge, e.needDir = eMonth, c.month, c.edge, true
		e.last = j + 1
		m.monthYear(&e)
		return e, true
	}
	// "the 28th of March", "28 March", "28th March"
	if j == i || e.edge != 0 {
		k := j
		if m.is(k, "the") && m.k(k+1) == kOrd && m.is(k+2, "of") && m.k(k+3) == kMonth {
			d := int(m.w(k + 1).v)
			if d >= 1 && d <= 31 && m.capital(k+3) {
				e.k, e.m, e.d, e.needDir = eMonthDay, int(m.w(k+3).v), d, true
				e.last = k + 4
				m.monthYear(&e)
				return e, m.valid(&e)
			}
		}
		if (m.k(k) == kNum && len(m.text(k)) <= 2 || m.k(k) == kOrd) && m.k(k+1) == kMonth && m.capital(k+1) {
			d := int(m.w(k).v)
			if d >= 1 && d <= 31 && !m.is(k-1, "$") {
				e.k, e.m, e.d, e.needDir = eMonthDay, int(m.w(k+1).v), d, true
				e.last = k + 2
				m.monthYear(&e)
				return e, m.valid(&e)
			}
		}
	}
	w := m.w(j)
	if w.k != kMonth || !m.capital(j) {
		return e, false
	}
	e.m = int(w.v)
	j++
	// "March 28", "Sept. 30th", "March 28, 2016", "last Oct. 23"
	if e.rel != relPast && (m.k(j) == kNum && len(m.text(j)) <= 2 || m.k(j) == kOrd) {
		d := int(m.w(j).v)
		if d >= 1 && d <= 31 && !m.isAny(j+1, "%", "percent", "per", "-") && m.k(j+1) != kUnit {
			e.k, e.d, e.needDir = eMonthDay, d, true
			e.last = j + 1
			m.monthYear(&e)
			return e, m.valid(&e)
		}
	}
	e.k, e.last, e.needDir = eMonth, j, true
	if m.monthYear(&e) {
		return e, true
	}
	if w.abbr {
		return e, false
	}
	// A bare month name: only where the words around make it one.
	if e.edge != 0 || e.rel != 0 {
		return e, true
	}
	if w.v == 5 && m.tag(j-1) == "MD" {
		return e, false
	}
	if w.v == 5 && strings.HasPrefix(m.tag(j), "VB") {
		return e, false // "Theresa May said"
	}
	if m.has(j-2, fMonthPrep) {
		return e, true
	}
	if w.v == 3 || w.v == 5 {
		return e, false
	}
	if m.has(j-2, fWeakMonthPrep) {
		return e, true
	}
	// Other months stand alone unless they look like part of a name
	// ("April Glaspie", "General June").
	if m.name(j-2) || m.name(j) {
		return e, false
	}
	return e, m.tag(j-1) == "NNP" || m.tag(j-1) == "NN"
}

// monthYear reads a year after a month or a day ("March 2016", "March 28,
// 2016", "March of 2016", "June last year", "January nineteen
// ninety-seven") and reports whether it found one.
func (m *matcher) monthYear(e *expr) bool {
	j := e.last
	if m.is(j, ",") && m.isYear(j+1) {
		j++
	} else if m.is(j, "of") && (m.isYear(j+1) || m.isAny(j+1, "last", "this", "next") && m.is(j+2, "year")) {
		j++
	}
	if m.isYear(j) {
		e.y, _ = strconv.Atoi(m.text(j))
		e.last = j + 1
		return true
	}
	if y, k, ok := m.spokenYear(j); ok {
		e.y, e.last = y, k
		return true
	}
	if m.isAny(j, "last", "this", "next") && m.is(j+1, "year") {
		e.yearOff, e.hasYOff = yearOffOf(m.low(j)), true
		e.last = j + 2
		return true
	}
	return false
}

func (m *matcher) valid(e *expr) bool {
	y := e.y
	if y == 0 {
		y = 2000 // a leap year: February 29 may be meant
	}
	return validDate(y, e.m, e.d)
}

// isYear reports whether token i is a four-digit year.
func (m *matcher) isYear(i int) bool {
	t := m.text(i)
	if len(t) != 4 || m.k(i) != kNum {
		return false
	}
	v := m.w(i).v
	return v >= 1000 && v < 2200
}

// spokenYear reads a year in words: "nineteen ninety-six", "two thousand
// (and) one".
func (m *matcher) spokenYear(j int) (int, int, bool) {
	if m.k(j) != kNum || m.text(j) == "" || m.text(j)[0] >= '0' && m.text(j)[0] <= '9' {
		return 0, j, false
	}
	a := int(m.w(j).v)
	if a >= 11 && a <= 20 && m.k(j+1) == kNum && !isDigits(m.text(j+1)) {
		b := int(m.w(j + 1).v)
		if b >= 10 && b < 100 {
			return a*100 + b, j + 2, true
		}
	}
	if a == 2 && m.is(j+1, "thousand") {
		k := j + 2
		if m.is(k, "and") && m.k(k+1) == kNum && !isDigits(m.text(k+1)) {
			k++
		}
		if m.k(k) == kNum && !isDigits(m.text(k)) && m.w(k).v < 100 {
			return 2000 + int(m.w(k).v), k + 1, true
		}
		return 2000, k, true
	}
	return 0, j, false
}

// year: "1990", "fiscal 1989", "early 1990", "mid-1996", "the end of 1990",
// "the year 2000", "the 1988 period", decades ("the 1990s", "the late
// 1970s", "'90s", "mid-1990s") and centuries ("the 20th century",
// "21st-century").
func (m *matcher) year(i int) (expr, bool) {
	j := i
	e := expr{}
	the := false
	switch w := m.w(j); {
	case m.is(j, "the") && m.isAny(j+1, "middle", "end", "beginning", "start") && m.is(j+2, "of"):
		e.edge = edgeOf(m.low(j + 1))
		j += 3
	case m.is(j, "the"):
		the = true
		j++
	case w.k == kEdge && (w.v == edgeEarly || w.v == edgeMid || w.v == edgeLate):
		e.edge = int(w.v)
		j++
	}
	if m.is(j, "the") && e.edge != 0 {
		the = true
		j++
	}
	if e.edge == 0 && m.k(j) == kEdge && the && (m.w(j).v == edgeEarly || m.w(j).v == edgeMid || m.w(j).v == edgeLate) {
		e.edge = int(m.w(j).v) // "the late 1970s"
		j++
	}
	if m.isAny(j, "fiscal", "calendar") && m.isYear(j+1) {
		j++
	}
	if the && m.is(j, "year") && (m.isYear(j+1) || m.k(j+1) == kNum) {
		j++
	}
	switch w := m.w(j); {
	case w.k == kYearDec:
		e.k, e.y, e.last = eDecade, int(w.v), j+1
		return e, true
	case w.k == kCompound:
		c, _ := readCompound(m.text(j))
		switch {
		case c.decade != 0 && c.month == 0:
			e.k, e.y, e.edge, e.last = eDecade, c.decade, c.edge, j+1
			return e, true
		case c.year != 0 && c.month == 0:
			e.k, e.y, e.edge, e.last = eYear, c.year, c.edge, j+1
			return e, true
		case c.century != 0:
			e.k, e.y, e.last = eCentury, (c.century-1)*100, j+1
			return e, true
		}
		return e, false
	case the && w.k == kDecadeWord:
		// "the nineties": of the twentieth century, as news of these decades
		// means.
		e.k, e.y, e.last = eDecade, 1900+int(w.v), j+1
		return e, true
	case w.k == kOrd && m.is(j+1, "century") && w.v >= 1 && w.v <= 22:
		e.k, e.y, e.last = eCentury, (int(w.v)-1)*100, j+2
		return e, true
	case w.k == kNum:
		if y, k, ok := m.spokenYear(j); ok && (the || e.edge != 0 || k > j+1 && y >= 1900) {
			e.k, e.y, e.last = eYear, y, k
			return e, true
		}
		if !m.isYear(j) {
			return e, false
		}
		y := int(w.v)
		prev := m.low(j - 1)
		ctx := m.has(j-1, fYearPrep) || e.edge != 0
		if m.has(j-1, fCountCue) || m.has(j+1, fMeasure) || m.k(j+1) == kUnit {
			return e, false
		}
		if !ctx && (y < 1900 || y > 2100) {
			return e, false
		}
		// "2000 people", "1500 troops": a count followed by what is counted
		// ("in 2012 elections" is still a year).
		if (m.tag(j+1) == "NNS" || m.tag(j+1) == "NNPS") && (!ctx || prev == "and" || prev == "," || prev == "the") && !the {
			return e, false
		}
		e.k, e.y, e.last = eYear, y, j+1
		if the && m.isAny(j+1, "period", "season") {
			e.last = j + 2
		} else if the && e.edge == 0 && j == i+1 {
			// "the 2012 elections": the year alone, without "the", is
			// matched from the next token.
			return e, false
		}
		return e, true
	}
	return e, false
}

// quarterQual are the words that pick a quarter relative to the
// reference: off is in quarters from the current one ("the latest quarter"
// is the last finished one).
var quarterQual = map[string]int{"latest": -1, "last": -1, "previous": -1, "past": -1, "prior": -1,
	"recent": -1, "current": 0, "this": 0, "next": 1, "coming": 1, "year-ago": -5, "year-earlier": -5,
	"same": -5, "comparable": -5}

// quarter: "the third quarter (of 2016)", "third-quarter", "the fiscal
// first quarter", "the latest quarter", "the year-ago quarter", "last
// year's fourth quarter", "the first half", "first-half".
func (m *matcher) quarter(i int) (expr, bool) {
	j := i
	e := expr{k: eQuarter}
	the := false
	if m.is(j, "the") {
		the = true
		j++
	}
	// "1989's third quarter", "this year's third quarter"
	if m.isYear(j) && m.is(j+1, "'s") {
		e.y = int(m.w(j).v)
		j += 2
	} else if m.isAny(j, "this", "last", "next") && m.is(j+1, "year") && m.is(j+2, "'s") {
		e.yearOff, e.hasYOff = yearOffOf(m.low(j)), true
		j += 3
	}
	if m.is(j, "fiscal") {
		j++
	}
	qualified := false
	switch w := m.w(j); {
	case w.k == kCompound && j == i:
		c, _ := readCompound(m.text(j))
		if c.ord == 0 {
			return e, false
		}
		e.q, e.half, e.needDir, e.last = c.ord, c.half, true, j+1
		return e, true
	case w.k == kOrd && (m.is(j+1, "quarter") || m.is(j+1, "fiscal") && m.is(j+2, "quarter")) && w.v >= 1 && w.v <= 4,
		w.k == kOrd && m.is(j+1, "half") && w.v >= 1 && w.v <= 2:
		e.q = int(w.v)
		e.half = m.is(j+1, "half")
		e.needDir = true
		qualified = true
		j++
	default:
		q := m.low(j)
		if w.k == kCompound {
			c, _ := readCompound(m.text(j))
			q = c.rel // "year-ago", "year-earlier"
		}
		if off, ok := quarterQual[q]; ok && (the || off == -1 && m.is(j, "last") || off >= 0) {
			if e.y != 0 || e.hasYOff {
				return e, false
			}
			e.k, e.u, e.off = eCal, uQuarter, off
			qualified = true
			j++
		}
	}
	if m.is(j, "fiscal") {
		j++
	}
	if e.half {
		if !m.is(j, "half") || !the && e.y == 0 && !e.hasYOff {
			return e, false
		}
		// "the first half of the year" is not the first half of a century.
	} else if !m.is(j, "quarter") || m.w(j).plural {
		return e, false
	}
	j++
	if !qualified {
		if !the || e.y != 0 || e.hasYOff {
			return e, false
		}
		e.k, e.u, e.off = eCal, uQuarter, -1 // "the quarter": the one being reported
	}
	if !the && e.k == eQuarter && e.y == 0 && !e.hasYOff && !m.capital(i) && m.tag(i-1) == "DT" {
		// "a third quarter": a count.
		return e, false
	}
	// "of 1990", "of this year", "of the year"
	if e.k == eQuarter && e.y == 0 && !e.hasYOff && m.isAny(j, "of", "in") {
		switch {
		case m.isYear(j + 1):
			e.y = int(m.w(j + 1).v)
			j += 2
		case m.isAny(j+1, "last", "this", "next") && m.is(j+2, "year"):
			e.yearOff, e.hasYOff = yearOffOf(m.low(j+1)), true
			j += 3
		case m.is(j+1, "fiscal") && m.isYear(j+2):
			e.y = int(m.w(j + 2).v)
			j += 3
		}
	}
	if e.y != 0 || e.hasYOff {
		e.needDir = false
	}
	e.last = j
	return e, true
}

// relUnit: calendar periods relative to the reference. "last week", "this
// month", "next year", "earlier this year", "late last month", "the
// weekend", "this weekend", "the year", "the week", "year-ago",
// "year-end", "the end of the year", "the beginning of next month".
func (m *matcher) relUnit(i int) (expr, bool) {
	j := i
	e := expr{k: eCal}
	if m.is(j, "the") && m.isAny(j+1, "end", "beginning", "start", "middle") && m.is(j+2, "of") {
		e.edge = edgeOf(m.low(j + 1))
		j += 3
	} else if m.k(j) == kEdge {
		e.edge = int(m.w(j).v)
		j++
	}
	if e.edge == 0 && m.is(j, "year") && (m.is(j+1, "end") || m.is(j+1, "'s") && m.is(j+2, "end")) && !m.is(j-1, "the") {
		// "by year end", "at year's end"
		last := j + 2
		if m.is(j+1, "'s") {
			last++
		}
		return expr{k: eMonthDay, m: 12, d: 31, needDir: true, last: last}, true
	}
	if m.k(j) == kCompound && e.edge == 0 {
		c, _ := readCompound(m.text(j))
		switch c.rel {
		case "year-ago", "year-earlier":
			// "year-earlier results": last year, or the same quarter a year
			// before in a report about a quarter.
			return expr{k: eShift, n: -1, u: uYear, last: j + 1}, true
		case "year-end":
			e.k, e.m, e.d, e.needDir, e.last = eMonthDay, 12, 31, true, j+1
			return e, true
		}
		return e, false
	}
	// rel is the offset in units from the reference; the definite "the
	// week", "the year" has none of its own (hasRel false).
	rel, hasRel, the := 0, true, false
	switch {
	case m.isAny(j, "last", "this", "next", "current"):
		rel = yearOffOf(m.low(j))
	case m.is(j, "the"):
		the = true
		hasRel = false
		if m.isAny(j+1, "current", "present") {
			j++
			hasRel = true
		}
	default:
		return e, false
	}
	j++
	if m.isAny(j, "fiscal", "full", "calendar") && m.is(j+1, "year") {
		j++ // "the current fiscal year", "the full year"
	}
	w := m.w(j)
	if w.plural || w.k != kUnit {
		return e, false
	}
	switch w.u {
	case uWeek, uMonth, uYear, uWeekend, uDecade, uCentury:
	default:
		return e, false
	}
	if m.capital(j) && (j-1 > 0 || !m.capital(j-1)) {
		return e, false // a capitalised unit is a name: "This Week", a television programme
	}
	e.u = w.u
	j++
	if !hasRel {
		// "the week", "the year", "the weekend": this one (a weekend is
		// placed by tense); "the year ended June 30" is a duration.
		switch w.u {
		case uYear:
			if m.isAny(j, "ended", "ending", "through", "to", "before", "after", "earlier", "ago") || m.is(j, "-") {
				if m.isAny(j, "ended", "ending") {
					return expr{k: eDuration, n: 1, u: uYear, last: j}, true
				}
				return e, false
			}
			// "by the end of the year", "the year": the reference year.
		case uWeek, uWeekend:
			if m.isAny(j, "before", "after", "earlier", "ended", "ending") {
				return e, false
			}
		case uMonth:
			if e.edge == 0 {
				return e, false
			}
		default:
			return e, false
		}
		if w.u == uWeekend {
			e.needDir = true
		}
	}
	if m.is(j, "'s") && w.u == uYear && m.k(j+1) == kOrd {
		return e, false // "last year's third quarter": the quarter rule reads it
	}
	if m.is(j, "of") && e.edge == 0 {
		return e, false // "the week of March 3"
	}
	if w.u == uWeekend && rel == 0 && !the {
		e.needDir, e.rel = true, relThis
	}
	e.off, e.last = rel, j
	return e, true
}

// season: "last fall", "this summer", "the winter of 1994", "summer 2016",
// "early next spring".
func (m *matcher) season(i int) (expr, bool) {
	j := i
	e := expr{k: eSeason}
	if m.k(j) == kEdge && m.w(j).v != edgeEarlier && m.w(j).v != edgeLater {
		e.edge = int(m.w(j).v)
		j++
	}
	the := false
	switch {
	case m.isAny(j, "last", "this", "next", "past", "coming"):
		e.rel = int(m.w(j).v)
		j++
	case m.is(j, "the"):
		the = true
		j++
	}
	if m.k(j) != kSeason || m.w(j).plural {
		return e, false
	}
	e.s = int(m.w(j).v)
	j++
	switch {
	case m.is(j, "of") && m.isYear(j+1):
		e.y = int(m.w(j + 1).v)
		j += 2
	case m.is(j, "of") && m.isAny(j+1, "last", "this", "next") && m.is(j+2, "year"):
		e.yearOff, e.hasYOff = yearOffOf(m.low(j+1)), true
		j += 3
	case m.is(j, "of"):
		if y, k, ok := m.spokenYear(j + 1); ok {
			e.y = y
			j = k
		}
	case m.isYear(j) && !the:
		e.y = int(m.w(j).v)
		j++
	}
	if e.rel == 0 && e.y == 0 && !e.hasYOff {
		if the || e.edge == 0 || m.is(i, "fall") {
			return e, false
		}
		e.needDir = true
	}
	e.last = j
	return e, true
}
