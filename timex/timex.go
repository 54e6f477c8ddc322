// Package timex finds temporal expressions in news text and resolves them
// against the publication date, TIMEX3 style.
//
// # Recognition
//
// Each token of a sentence is classified once by a table lookup on its
// lower-case text (month and weekday names and abbreviations, units of
// time, number words, ordinals, modifiers) or by reading its digits (years,
// days, decades, clock times, ISO and slashed dates, hyphenated compounds
// such as "two-year", "mid-October", "third-quarter"). Hand-written rules
// then match token sequences starting at each token, and the longest match
// wins. No regular expressions run per token and classifying a token does
// not allocate.
//
// Spans follow TimeML: they take "the", "early", "late", "mid-", "last",
// "next", "this" and approximators ("nearly", "more than", "at least") but
// not the preposition before them ("on Monday" is "Monday", "since 2012" is
// "2012").
//
// What is not a time: counts ("293 civilians", "2000 people": a four-digit
// number is a year only where its neighbours do not make it a count), ages
// ("a 69-year-old", "five years old"), "may" the modal (tagged MD), "march"
// the verb or noun (a month name must be capitalised, and "March" and "May"
// stand alone only after "in", "since", "until", "by", "last", "next",
// "early", ...), "Bloody Sunday", "USA Today". A time of day alone ("2
// a.m.") is skipped; with its day ("at 2 a.m. on Monday", "10 p.m.
// Wednesday") it is part of the day's expression.
//
// # Values
//
// Time.Value is a TIMEX3 value and StartDate..EndDate the calendar days it
// covers; Precision names the granularity:
//
//	day      "2016-10-03"  yesterday, Monday, March 28, late Tuesday, five days ago,
//	                       2016-10-05; "this morning", "Tuesday night" and a time of
//	                       day with its day give the day's value (no "TNI", "T02:00")
//	week     "2016-W39"    last week, this week (ISO weeks, Monday to Sunday)
//	weekend  "2016-W39-WE" the weekend, last weekend
//	month    "2016-09"     last month, in March, March 2016, mid-October
//	quarter  "2016-Q3"     the third quarter, the latest quarter
//	half     "2016-H1"     the first half
//	season   "2016-SU"     this summer, last fall (northern, meteorological)
//	year     "2015"        last year, 2012, earlier this year, two years ago
//	decade   "199"         the 1990s (TIMEX3 writes a decade as its first three digits)
//	century  "19"          the 20th century
//	duration "P15D"        two days, the past 24 hours ("PT24H"), 2 1/2 years
//	                       ("P2Y6M"), two decades ("P20Y"), years ("PXY")
//	set      "P1D"         daily, every Thursday ("XXXX-WXX-4"), every other day ("P2D")
//	vague    "PAST_REF"    recently, the past; "FUTURE_REF": the future
//
// "now" and "currently" are PRESENT_REF, dated to the publication day with
// precision day. Edge words narrow the dates but keep the value, in thirds
// that follow the calendar: "early October" is "2016-10" from the 1st to the
// 10th, "mid-October" the 11th to the 20th, "early next year" January to
// April; "earlier this year" is "2016" from January 1 to the publication
// date; "since 2012" is "2012" running to the publication date. Durations
// counted back or on from the publication date carry the dates they cover:
// "the 15 days since ..." is "P15D" from 15 days before publication to
// publication, "the next two weeks" from publication on; "for three years"
// is "P3Y" with no dates, and so is an unknown amount ("the past few
// days": "PXD").
//
// # Resolution
//
// Relative expressions count from the publication date (the reference).
// Where the direction is open (a bare weekday or month, a date without a
// year, a quarter, the weekend, a holiday), the nearest verb group before
// the expression in its sentence (or, failing one, after it) decides: a
// modal ("will", "'ll", "would", "may"), "be to", "plan to", "expected
// to", "set to", "scheduled for", "due", "as soon as" point forward, a past
// perfect ("had been due to expire Friday") back. A possessive ("Friday's
// attack") reads as the past.
//
//   - A weekday is the latest on or before the publication date (the same
//     weekday is the publication day), or, looking forward, the first on or
//     after it; "last Monday" and "next Monday" are strictly before and
//     after.
//   - A month is the latest not after the publication month, or the first
//     not before it looking forward ("by February", "until", "through"
//     look forward too).
//   - A month and day without a year is the latest on or before the
//     publication date, unless the same date comes within the next 60 days
//     ("payable Dec. 15", "extended to Nov. 16") or the verb looks forward.
//   - A quarter later in the year than the publication date is last year's
//     unless the verb looks forward.
//
// "The following day", "the previous Friday", "two days later", "that
// year" count from the last day (for days and weeks) or period (for longer
// units) the text gave before them, and are left unresolved when there is
// none. "A year earlier" and "a year ago" in a text about a quarter are the
// same quarter a year before ("third-quarter profit ... a year earlier");
// otherwise "ago" counts from the publication date at the granularity of
// its unit ("five days ago" a day, "two years ago" a year).
//
// With no reference date, relative expressions are still recognised but
// left unresolved: empty Value and dates, with the Precision they would
// have. Nothing is guessed. Expressions that carry their own year ("March
// 28, 2016", "2012", "the 1990s"), durations, recurrences and the REF
// values resolve all the same.
package timex

import (
	"sync"
	"time"

	"sitrep"
)

// Annotator finds and resolves temporal expressions; it implements
// sitrep.Annotator, appending a sitrep.TimeMention per expression to
// Doc.Times in text order. The reference date is the article's
// publication date. It is safe for concurrent use.
type Annotator struct{}

var wordPool = sync.Pool{New: func() any { s := make([]word, 0, 256); return &s }}

// Annotate appends the temporal expressions of d to d.Times.
func (Annotator) Annotate(d *sitrep.Doc) {
	c := context{}
	if d.Article != nil {
		c.ref, c.hasRef = d.Article.Published.Time()
	}
	text := ""
	if d.Article != nil {
		text = d.Article.Text
	}
	wp := wordPool.Get().(*[]word)
	defer wordPool.Put(wp)
	for si := range d.Sentences {
		s := &d.Sentences[si]
		if s.Last <= s.First {
			continue
		}
		toks := d.Tokens[s.First:s.Last]
		ws := (*wp)[:0]
		found := false
		for i := range toks {
			w := classify(toks[i].Text)
			if w.k != kNone && w.k != kKey {
				found = true
			}
			ws = append(ws, w)
		}
		*wp = ws
		if !found {
			continue
		}
		m := matcher{toks: toks, ws: ws}
		for i := 0; i < len(toks); {
			if !m.canStart(i) {
				i++
				continue
			}
			e, ok := m.match(i)
			if !ok {
				i++
				continue
			}
			d.Times = append(d.Times, m.mention(&e, &c, text))
			i = e.last
		}
	}
}

// mention resolves e and makes its TimeMention.
func (m *matcher) mention(e *expr, c *context, text string) sitrep.TimeMention {
	if m.is(e.first-1, "since") {
		e.since = true
	}
	c.dir = 0
	switch {
	case e.since:
		c.dir = -1
	case e.needDir:
		c.dir = tense(m.toks, e.first, e.last)
		// "by February", "until Nov. 16", "through January": a month or
		// date reached from now.
		if (e.k == eMonth || e.k == eMonthDay) && m.isAny(e.first-1, "by", "until", "till") ||
			e.k == eMonth && m.is(e.first-1, "through") {
			c.dir = 1
		}
	}
	t, p := e.resolve(c)
	if p != nil {
		c.last = p
		if p.g == gDay {
			c.day = p
		}
	}
	start, end := m.toks[e.first].Start, m.toks[e.last-1].End
	if end <= len(text) {
		t.Text = text[start:end]
	}
	return sitrep.TimeMention{Time: t, Start: start, End: end}
}

// Resolve finds the first temporal expression in toks (the tokens of text,
// as the text layer made them, with their tags) and resolves it against
// ref, the publication date (may be empty). There being no sentence around
// the tokens, open directions are read from the tokens alone and default to
// the past. Time.Text is the matched part of text when the tokens' offsets
// fall inside it (counted from the first token), else text. It reports
// false when toks hold no expression.
func Resolve(text string, toks []sitrep.Token, ref sitrep.Date) (sitrep.Time, bool) {
	if len(toks) == 0 {
		return sitrep.Time{}, false
	}
	ws := make([]word, len(toks))
	for i := range toks {
		ws[i] = classify(toks[i].Text)
	}
	m := matcher{toks: toks, ws: ws}
	c := context{}
	var rt time.Time
	rt, c.hasRef = ref.Time()
	c.ref = rt
	for i := range toks {
		if !m.canStart(i) {
			continue
		}
		e, ok := m.match(i)
		if !ok {
			continue
		}
		base := toks[0].Start
		mt := m.mention(&e, &c, "")
		mt.Time.Text = text
		if s, en := mt.Start-base, mt.End-base; s >= 0 && en <= len(text) && s <= en {
			mt.Time.Text = text[s:en]
		}
		return mt.Time, true
	}
	return sitrep.Time{}, false
}
