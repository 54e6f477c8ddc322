package timex

import (
	"strconv"
	"strings"
	"time"

	"sitrep"
)

// gran is the granularity of a calendar period.
type gran uint8

const (
	gDay gran = iota + 1
	gWeek
	gWeekend
	gMonth
	gQuarter
	gHalf
	gSeason
	gYear
	gDecade
	gCentury
)

// precisionName is the Time.Precision of each granularity.
var precisionName = [...]string{
	gDay: "day", gWeek: "week", gWeekend: "weekend", gMonth: "month", gQuarter: "quarter",
	gHalf: "half", gSeason: "season", gYear: "year", gDecade: "decade", gCentury: "century",
}

// period is a stretch of calendar days [start, end] named by a TIMEX3 value
// at some granularity.
type period struct {
	start, end time.Time
	g          gran
	value      string
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func daysIn(y, m int) int { return date(y, m+1, 0).Day() }

func validDate(y, m, d int) bool {
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// addMonths moves t by k months, keeping the day where the month allows
// and clamping it to the month's last day where it does not.
func addMonths(t time.Time, k int) time.Time {
	y, m := t.Year(), int(t.Month())-1+k
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	d := min(t.Day(), daysIn(y, m+1))
	return date(y, m+1, d)
}

// addUnits moves t by n units (n may be fractional or negative).
func addUnits(t time.Time, n float64, u unit) time.Time {
	switch u {
	case uSecond, uMinute:
		return t
	case uHour:
		return t.AddDate(0, 0, int(roundAway(n/24)))
	case uDay:
		return t.AddDate(0, 0, int(roundAway(n)))
	case uWeek, uWeekend:
		return t.AddDate(0, 0, int(roundAway(7*n)))
	case uFortnight:
		return t.AddDate(0, 0, int(roundAway(14*n)))
	case uMonth:
		return addMonths(t, int(roundAway(n)))
	case uQuarter:
		return addMonths(t, int(roundAway(3*n)))
	case uYear:
		return addMonths(t, int(roundAway(12*n)))
	case uDecade:
		return addMonths(t, int(roundAway(120*n)))
	case uCentury:
		return addMonths(t, int(roundAway(1200*n)))
	}
	return t
}

// roundAway rounds to the nearest integer, halves away from zero, and whole
// parts of a day up ("the past 24 hours" reaches back one day, "36 hours"
// two).
func roundAway(x float64) float64 {
	if x >= 0 {
		return float64(int(x + 0.999))
	}
	return -float64(int(-x + 0.999))
}

func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

func dayPeriod(t time.Time) period {
	return period{start: t, end: t, g: gDay, value: t.Format(time.DateOnly)}
}

// weekPeriod is the ISO week holding t, Monday to Sunday ("2016-W39").
func weekPeriod(t time.Time) period {
	wd := (int(t.Weekday()) + 6) % 7 // Monday 0
	mon := t.AddDate(0, 0, -wd)
	y, w := t.ISOWeek()
	return period{start: mon, end: mon.AddDate(0, 0, 6), g: gWeek, value: pad(y, 4) + "-W" + pad(w, 2)}
}

// weekendPeriod is the Saturday and Sunday of the ISO week holding t.
func weekendPeriod(t time.Time) period {
	p := weekPeriod(t)
	return period{start: p.end.AddDate(0, 0, -1), end: p.end, g: gWeekend, value: p.value + "-WE"}
}

func monthPeriod(y, m int) period {
	return period{start: date(y, m, 1), end: date(y, m, daysIn(y, m)), g: gMonth, value: pad(y, 4) + "-" + pad(m, 2)}
}

func quarterPeriod(y, q int) period {
	return period{start: date(y, 3*q-2, 1), end: date(y, 3*q+1, 0), g: gQuarter, value: pad(y, 4) + "-Q" + strconv.Itoa(q)}
}

func halfPeriod(y, h int) period {
	return period{start: date(y, 6*h-5, 1), end: date(y, 6*h+1, 0), g: gHalf, value: pad(y, 4) + "-H" + strconv.Itoa(h)}
}

// seasonPeriod is a meteorological season of the northern hemisphere:
// spring March to May, summer June to August, fall September to November,
// winter December to February (winter 2016 ends in February 2017).
func seasonPeriod(y, s int) period {
	codes := [...]string{"", "SP", "SU", "FA", "WI"}
	start := date(y, 3*s, 1)
	return period{start: start, end: addMonths(start, 3).AddDate(0, 0, -1), g: gSeason, value: pad(y, 4) + "-" + codes[s]}
}

func yearPeriod(y int) period {
	return period{start: date(y, 1, 1), end: date(y, 12, 31), g: gYear, value: pad(y, 4)}
}

// decadePeriod is the decade starting in year y0 ("199": 1990-1999).
func decadePeriod(y0 int) period {
	y0 -= y0 % 10
	return period{start: date(y0, 1, 1), end: date(y0+9, 12, 31), g: gDecade, value: pad(y0/10, 3)}
}

// centuryPeriod is the hundred years starting in y0 ("19": 1900-1999, the
// TIMEX3 value of "the 20th century").
func centuryPeriod(y0 int) period {
	y0 -= y0 % 100
	return period{start: date(y0, 1, 1), end: date(y0+99, 12, 31), g: gCentury, value: pad(y0/100, 2)}
}

// periodAt is the period of granularity g holding t.
func periodAt(g gran, t time.Time) period {
	switch g {
	case gWeek:
		return weekPeriod(t)
	case gWeekend:
		return weekendPeriod(t)
	case gMonth:
		return monthPeriod(t.Year(), int(t.Month()))
	case gQuarter:
		return quarterPeriod(t.Year(), (int(t.Month())+2)/3)
	case gHalf:
		return halfPeriod(t.Year(), (int(t.Month())+5)/6)
	case gSeason:
		m := int(t.Month())
		if m <= 2 {
			return seasonPeriod(t.Year()-1, seasonWinter)
		}
		return seasonPeriod(t.Year(), m/3)
	case gYear:
		return yearPeriod(t.Year())
	case gDecade:
		return decadePeriod(t.Year())
	case gCentury:
		return centuryPeriod(t.Year())
	}
	return dayPeriod(t)
}

// unitGran is the granularity of a calendar unit.
func unitGran(u unit) gran {
	switch u {
	case uWeek:
		return gWeek
	case uWeekend:
		return gWeekend
	case uMonth:
		return gMonth
	case uQuarter:
		return gQuarter
	case uYear:
		return gYear
	case uDecade:
		return gDecade
	case uCentury:
		return gCentury
	}
	return gDay
}

// narrow keeps the part of p that an edge modifier names: the first, middle
// or last third for early, mid and late (and for "the beginning" and "the
// end"), and the part before or after the reference for "earlier" and
// "later" ("earlier this month": from the 1st to the reference). Thirds
// follow the calendar: days 1-10, 11-20 and 21-end of a month; January to
// April, May to August and September to December of a year; years 0-3, 4-6
// and 7-9 of a decade. A day is left whole.
func (p period) narrow(edge int, ref time.Time, hasRef bool) period {
	if edge == 0 || p.g == gDay {
		return p
	}
	switch edge {
	case edgeEarlier:
		if hasRef && !ref.Before(p.start) && !ref.After(p.end) {
			p.end = ref
		}
		return p
	case edgeLater:
		if hasRef && !ref.Before(p.start) && !ref.After(p.end) {
			p.start = ref
		}
		return p
	}
	// The two cuts between thirds, as the first day of the second and of
	// the last third.
	var cut1, cut2 time.Time
	switch p.g {
	case gMonth:
		cut1, cut2 = p.start.AddDate(0, 0, 10), p.start.AddDate(0, 0, 20)
	case gYear:
		cut1, cut2 = p.start.AddDate(0, 4, 0), p.start.AddDate(0, 8, 0)
	case gDecade:
		cut1, cut2 = p.start.AddDate(4, 0, 0), p.start.AddDate(7, 0, 0)
	case gCentury:
		cut1, cut2 = p.start.AddDate(33, 0, 0), p.start.AddDate(67, 0, 0)
	default:
		n := int(p.end.Sub(p.start).Hours()/24) + 1
		cut1, cut2 = p.start.AddDate(0, 0, n/3), p.start.AddDate(0, 0, n-n/3)
	}
	switch edge {
	case edgeEarly, edgeStart:
		p.end = cut1.AddDate(0, 0, -1)
	case edgeMid:
		p.start, p.end = cut1, cut2.AddDate(0, 0, -1)
	case edgeLate, edgeEnd:
		p.start = cut2
	}
	return p
}

// time is p as a sitrep.Time.
func (p period) time() sitrep.Time {
	return sitrep.Time{Value: p.value, StartDate: sitrep.DateOf(p.start), EndDate: sitrep.DateOf(p.end), Precision: precisionName[p.g]}
}

// durationValue writes n units as a TIMEX3 duration ("P15D", "PT24H",
// "P2.5Y"); a negative n is an unknown number ("PXY": "years", "several
// years").
//
// Decades and centuries of known length are written in years ("P20Y"), as
// TimeBank does; fractions go down a unit where it divides evenly ("2 1/2
// years" is "P2Y6M", "5 1/2 hours" "PT5H30M").
func durationValue(n float64, u unit) string {
	num := "X"
	if n >= 0 {
		switch u {
		case uFortnight:
			n, u = 2*n, uWeek
		case uDecade:
			n, u = 10*n, uYear
		case uCentury:
			n, u = 100*n, uYear
		}
		if whole := float64(int(n)); whole != n {
			if sub, k := smaller(u); sub != uNone && (n-whole)*k == float64(int((n-whole)*k)) {
				rest := durationValue((n-whole)*k, sub)
				head := ""
				if whole > 0 {
					head = durationValue(whole, u)
				}
				switch {
				case head == "":
					return rest
				case strings.HasPrefix(rest, "PT") && !strings.HasPrefix(head, "PT"):
					return head + rest[1:] // "P1DT12H"
				case strings.HasPrefix(rest, "PT"):
					return head + rest[2:] // "PT5H30M"
				default:
					return head + rest[1:] // "P2Y6M"
				}
			}
		}
		num = strconv.FormatFloat(n, 'f', -1, 64)
	} else if u == uFortnight {
		u = uWeek
	}
	switch u {
	case uSecond:
		return "PT" + num + "S"
	case uMinute:
		return "PT" + num + "M"
	case uHour:
		return "PT" + num + "H"
	case uDay:
		return "P" + num + "D"
	case uWeek:
		return "P" + num + "W"
	case uWeekend:
		return "P" + num + "WE"
	case uMonth:
		return "P" + num + "M"
	case uQuarter:
		return "P" + num + "Q"
	case uYear:
		return "P" + num + "Y"
	case uDecade:
		return "P" + num + "DE"
	case uCentury:
		return "P" + num + "CE"
	}
	return ""
}

// smaller is the next smaller unit and how many of it make one u.
func smaller(u unit) (unit, float64) {
	switch u {
	case uYear:
		return uMonth, 12
	case uDay:
		return uHour, 24
	case uWeek:
		return uDay, 7
	case uHour:
		return uMinute, 60
	case uMinute:
		return uSecond, 60
	}
	return uNone, 0
}

// easter is the date of Easter Sunday in year y (Gregorian computus).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date(y, month, day)
}

// holiday is the day of holiday h in year y.
func holiday(h, y int) time.Time {
	switch h {
	case holChristmas:
		return date(y, 12, 25)
	case holChristmasEve:
		return date(y, 12, 24)
	case holNewYear:
		return date(y, 1, 1)
	case holNewYearEve:
		return date(y, 12, 31)
	case holThanksgiving: // the fourth Thursday of November
		first := date(y, 11, 1)
		off := (int(time.Thursday) - int(first.Weekday()) + 7) % 7
		return first.AddDate(0, 0, off+21)
	case holEaster:
		return easter(y)
	}
	return time.Time{}
}
