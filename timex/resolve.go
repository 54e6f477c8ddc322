package timex

import (
	"time"

	"sitrep"
)

// context is what resolution needs beyond the expression: the reference
// date, the tense of the expression's verb, and the last period and the
// last day the text gave (for "the following year", "two days later").
type context struct {
	ref    time.Time
	hasRef bool
	dir    int
	last   *period // the last period the text named
	day    *period // the last day the text named
}

// resolve turns e into a Time. It also returns the calendar period e names,
// when it names one, for later expressions to count from.
func (e *expr) resolve(c *context) (sitrep.Time, *period) {
	switch e.k {
	case eRef:
		switch e.ref {
		case refPresent:
			t := sitrep.Time{Value: "PRESENT_REF", Precision: "day"}
			if c.hasRef {
				t.StartDate, t.EndDate = sitrep.DateOf(c.ref), sitrep.DateOf(c.ref)
			}
			return t, nil
		case refPast:
			return sitrep.Time{Value: "PAST_REF", Precision: "vague"}, nil
		default:
			return sitrep.Time{Value: "FUTURE_REF", Precision: "vague"}, nil
		}
	case eSet:
		return sitrep.Time{Value: e.set, Precision: "set"}, nil
	case eDuration:
		t := sitrep.Time{Value: durationValue(e.n, e.u), Precision: "duration"}
		if e.anchor != 0 && c.hasRef && e.n >= 0 {
			other := addUnits(c.ref, float64(e.anchor)*e.n, e.u)
			switch {
			case !writable(other):
				// Off the calendar a Date writes: no dates.
			case e.anchor < 0:
				t.StartDate, t.EndDate = sitrep.DateOf(other), sitrep.DateOf(c.ref)
			default:
				t.StartDate, t.EndDate = sitrep.DateOf(c.ref), sitrep.DateOf(other)
			}
		}
		return t, nil
	}
	p, g, ok := e.period(c)
	if !ok || !writable(p.start) || !writable(p.end) {
		// Unknown, or off the calendar a Date writes ("the last decade"
		// in year 1): left unresolved.
		return sitrep.Time{Precision: precisionName[g]}, nil
	}
	if e.since && c.hasRef && c.ref.After(p.start) {
		p.end = c.ref
	}
	return p.time(), &p
}

// writable reports whether t's day can be written as a Date, YYYY-MM-DD.
func writable(t time.Time) bool { return t.Year() >= 0 && t.Year() <= 9999 }

// period is the calendar period a dated expression names, or, when it
// cannot be known (no reference date, no earlier date to count from), the
// granularity it would have and false.
func (e *expr) period(c *context) (period, gran, bool) {
	ref := c.ref
	switch e.k {
	case eDate:
		return dayPeriod(date(e.y, e.m, e.d)), gDay, true
	case eYear:
		return yearPeriod(e.y).narrow(e.edge, ref, c.hasRef), gYear, true
	case eDecade:
		return decadePeriod(e.y).narrow(e.edge, ref, c.hasRef), gDecade, true
	case eCentury:
		return centuryPeriod(e.y).narrow(e.edge, ref, c.hasRef), gCentury, true
	case eMonth:
		if y, ok := e.year(c); ok {
			return monthPeriod(y, e.m).narrow(e.edge, ref, c.hasRef), gMonth, true
		}
		if !c.hasRef {
			return period{}, gMonth, false
		}
		y, rm := ref.Year(), int(ref.Month())
		switch {
		case e.rel == relLast || e.rel == relPast:
			if e.m >= rm {
				y--
			}
		case e.rel == relNext || e.rel == relComing:
			if e.m <= rm {
				y++
			}
		case e.rel == relThis:
		case c.dir > 0:
			if e.m < rm {
				y++
			}
		default:
			if e.m > rm {
				y--
			}
		}
		return monthPeriod(y, e.m).narrow(e.edge, ref, c.hasRef), gMonth, true
	case eMonthDay:
		if y, ok := e.year(c); ok {
			if e.m == 0 || !validDate(y, e.m, e.d) {
				return period{}, gDay, false
			}
			return dayPeriod(date(y, e.m, e.d)), gDay, true
		}
		if !c.hasRef {
			return period{}, gDay, false
		}
		if e.m == 0 { // "the 15th": this month's, or the one before or after
			y, m := ref.Year(), int(ref.Month())
			cand := func(k int) (time.Time, bool) {
				t := addMonths(date(y, m, 1), k)
				return date(t.Year(), int(t.Month()), e.d), e.d <= daysIn(t.Year(), int(t.Month()))
			}
			t, ok := cand(0)
			switch {
			case c.dir > 0 && (t.Before(ref) || !ok):
				t, ok = cand(1)
			case c.dir <= 0 && (t.After(ref) || !ok):
				t, ok = cand(-1)
			}
			if !ok {
				return period{}, gDay, false
			}
			return dayPeriod(t), gDay, true
		}
		at := func(y int) (time.Time, bool) { return date(y, e.m, e.d), validDate(y, e.m, e.d) }
		dir := c.dir
		switch e.rel {
		case relLast, relPast:
			dir = -2
		case relNext, relComing:
			dir = 2
		}
		if dir == 0 {
			dir = -1 // news reports the past
		}
		t, ok := pick(ref, dir, at)
		if dir == -1 {
			// A past verb does not always place a date without a year in
			// the past: "extended the offer to Nov. 16", "declared a
			// dividend payable Dec. 15". A date within the next two months
			// is taken as the one meant.
			if next, ok2 := pick(ref, 1, at); ok2 && next.Sub(ref) <= 60*24*time.Hour {
				t, ok = next, true
			}
		}
		if !ok {
			return period{}, gDay, false
		}
		return dayPeriod(t), gDay, true
	case eHoliday:
		if e.y != 0 {
			return dayPeriod(holiday(e.s, e.y)), gDay, true
		}
		if !c.hasRef {
			return period{}, gDay, false
		}
		dir := c.dir
		switch e.rel {
		case relLast:
			dir = -2
		case relNext:
			dir = 2
		}
		t, _ := pick(ref, dir, func(y int) (time.Time, bool) { return holiday(e.s, y), true })
		return dayPeriod(t), gDay, true
	case eQuarter:
		g := gQuarter
		if e.half {
			g = gHalf
		}
		mk := func(y int) period {
			if e.half {
				return halfPeriod(y, e.q)
			}
			return quarterPeriod(y, e.q)
		}
		if y, ok := e.year(c); ok {
			return mk(y), g, true
		}
		if !c.hasRef {
			return period{}, g, false
		}
		y := ref.Year()
		cur := (int(ref.Month()) + 2) / 3
		if e.half {
			cur = (int(ref.Month()) + 5) / 6
		}
		// A quarter later in the year than the reference is last year's,
		// unless the verb looks forward.
		if c.dir <= 0 && e.q > cur {
			y--
		}
		return mk(y), g, true
	case eSeason:
		if y, ok := e.year(c); ok {
			return seasonPeriod(y, e.s).narrow(e.edge, ref, c.hasRef), gSeason, true
		}
		if !c.hasRef {
			return period{}, gSeason, false
		}
		var best period
		found := false
		for y := ref.Year() - 2; y <= ref.Year()+1; y++ {
			p := seasonPeriod(y, e.s)
			var ok bool
			switch {
			case e.rel == relLast || e.rel == relPast:
				ok = p.end.Before(ref)
			case e.rel == relNext || e.rel == relComing:
				ok = p.start.After(ref)
			case e.rel == relThis:
				ok = y == ref.Year() || e.s == seasonWinter && int(ref.Month()) <= 2 && y == ref.Year()-1
			case c.dir > 0:
				ok = !p.end.Before(ref)
			default:
				ok = !p.start.After(ref)
			}
			if !ok {
				continue
			}
			// The latest for the past, the earliest for the future.
			forward := e.rel == relNext || e.rel == relComing || e.rel == 0 && c.dir > 0
			if !found || (forward && p.start.Before(best.start)) || (!forward && p.start.After(best.start)) {
				best, found = p, true
			}
		}
		if !found {
			return period{}, gSeason, false
		}
		return best.narrow(e.edge, ref, c.hasRef), gSeason, true
	case eWeekday:
		if e.rel == relPrevious || e.rel == relFollowing {
			// "the previous Friday": before the last day given.
			if c.day == nil {
				return period{}, gDay, false
			}
			ref = c.day.start
		} else if !c.hasRef {
			return period{}, gDay, false
		}
		diff := (e.wd - (int(ref.Weekday())+6)%7 - 1 + 7) % 7 // days forward to the weekday
		var off int
		switch {
		case e.rel == relLast || e.rel == relPast || e.rel == relPrevious:
			off = diff - 7
			if diff == 0 {
				off = -7
			}
		case e.rel == relNext || e.rel == relFollowing:
			off = diff
			if diff == 0 {
				off = 7
			}
		case e.rel == relComing || c.dir > 0:
			off = diff
		default:
			off = diff - 7
			if diff == 0 {
				off = 0
			}
		}
		return dayPeriod(ref.AddDate(0, 0, off)), gDay, true
	case eCal:
		g := unitGran(e.u)
		if !c.hasRef {
			return period{}, g, false
		}
		var p period
		if e.u == uWeekend && e.needDir {
			// "the weekend", "this weekend": the last one for the past, the
			// next one otherwise ("this weekend"), or the last one for "the
			// weekend" with no tense to go by.
			p = weekendPeriod(ref)
			wd := int(ref.Weekday())
			inWeekend := wd == 0 || wd == 6
			past := c.dir < 0 || c.dir == 0 && e.rel == 0
			if past && !inWeekend {
				p = weekendPeriod(ref.AddDate(0, 0, -7))
			}
		} else {
			p = periodAt(g, addUnits(ref, float64(e.off), e.u))
		}
		return p.narrow(e.edge, ref, true), g, true
	case eAgo:
		g := agoGran(e.n, e.u)
		if e.n < 0 {
			return period{}, g, false
		}
		if p, ok := quarterBack(c, e.n, e.u); ok {
			return p, gQuarter, true
		}
		if !c.hasRef {
			return period{}, g, false
		}
		return periodAt(g, addUnits(ref, -e.n, e.u)), g, true
	case eShift:
		// Days and hours count from the last day given ("24 hours later"
		// after "in December" and "on Sunday" counts from Sunday), longer
		// units from the last period.
		base := c.last
		if e.u <= uFortnight {
			base = c.day
		}
		if base == nil && !e.fromLast && c.hasRef {
			b := periodAt(agoGran(e.n, e.u), ref)
			base = &b
		}
		if base == nil || e.vague {
			return period{}, gDay, false
		}
		if p, ok := quarterBack(c, -e.n, e.u); ok && !e.fromLast {
			return p, gQuarter, true
		}
		g := max(base.g, agoGran(e.n, e.u))
		n := e.n
		if e.u == uHour {
			n = float64(int(n/24)) * 24 // "nine hours later": still that day, for all we know
		}
		return periodAt(g, addUnits(base.start, n, e.u)), g, true
	}
	return period{}, gDay, false
}

// quarterBack reads "a year ago" and "a year earlier" in a report about a
// quarter ("third-quarter profit rose to $5 million from $4 million a year
// earlier") as the same quarter a year before.
func quarterBack(c *context, n float64, u unit) (period, bool) {
	if c.last == nil || c.last.g != gQuarter || u != uYear || n != float64(int(n)) || n <= 0 {
		return period{}, false
	}
	return periodAt(gQuarter, addUnits(c.last.start, -n, uYear)), true
}

// year is the year an expression gives itself (explicitly or relative to
// the reference: "June last year").
func (e *expr) year(c *context) (int, bool) {
	switch {
	case e.y != 0:
		return e.y, true
	case e.hasYOff && c.hasRef:
		return c.ref.Year() + e.yearOff, true
	}
	return 0, false
}

// agoGran is the granularity of a point counted back n units: days for
// hours, days and weeks, months for months (and fractions of years), and
// so on.
func agoGran(n float64, u unit) gran {
	switch u {
	case uMonth:
		return gMonth
	case uQuarter:
		return gQuarter
	case uYear, uDecade, uCentury:
		if n != float64(int(n)) {
			return gMonth
		}
		return gYear
	}
	return gDay
}

// pick chooses the year of a yearless date: the latest on or before the
// reference for the past (dir < 0; strictly before for -2), the earliest on
// or after it for the future (dir > 0; strictly after for 2), and the
// nearest when the tense says nothing.
func pick(ref time.Time, dir int, at func(y int) (time.Time, bool)) (time.Time, bool) {
	var best time.Time
	found := false
	bestDist := time.Duration(1<<63 - 1)
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		t, ok := at(y)
		if !ok {
			continue
		}
		d := t.Sub(ref)
		switch {
		case dir == -2 && d >= 0, dir == -1 && d > 0, dir == 2 && d <= 0, dir == 1 && d < 0:
			continue
		}
		if d < 0 {
			d = -d
		}
		// Ties go to the past.
		if !found || d < bestDist || d == bestDist && t.Before(best) {
			best, bestDist, found = t, d, true
		}
	}
	return best, found
}
