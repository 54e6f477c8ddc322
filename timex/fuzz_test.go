package timex_test

// Fuzz target for recognising and resolving temporal expressions against
// a publication date. scripts/fuzz.sh runs it.

import (
	"fmt"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/timex"
)

// watchdog crashes the process, with every goroutine's stack, when one
// fuzz input runs longer than d: the fuzzer then keeps the input as a
// crasher, where a hang would only stall it.
func watchdog(d time.Duration, what string) (stop func() bool) {
	return time.AfterFunc(d, func() {
		debug.SetTraceback("all")
		panic(fmt.Sprintf("%s: input still running after %s", what, d))
	}).Stop
}

var precisions = map[string]bool{
	"day": true, "week": true, "weekend": true, "month": true, "quarter": true, "half": true, "season": true,
	"year": true, "decade": true, "century": true, "duration": true, "set": true, "vague": true,
}

// pubDate turns a fuzzed number into a publication day between years 1
// and 9999.
func pubDate(days uint32) sitrep.Date {
	first := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	n := int(days % uint32(last.Sub(first).Hours()/24+1))
	return sitrep.DateOf(first.AddDate(0, 0, n))
}

// daysTo is the pubDate number of d.
func daysTo(d string) uint32 {
	t, _ := time.Parse(time.DateOnly, d)
	return uint32(t.Sub(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// checkTime checks one resolved time.
func checkTime(t *testing.T, where string, tm sitrep.Time) {
	t.Helper()
	if !precisions[tm.Precision] {
		t.Fatalf("%s: precision %q", where, tm.Precision)
	}
	for _, d := range []sitrep.Date{tm.StartDate, tm.EndDate} {
		if p, err := sitrep.ParseDate(string(d)); err != nil || p != d {
			t.Fatalf("%s: %q is not a YYYY-MM-DD date", where, d)
		}
	}
	if (tm.StartDate == "") != (tm.EndDate == "") || tm.StartDate > tm.EndDate {
		t.Fatalf("%s: dates %q..%q", where, tm.StartDate, tm.EndDate)
	}
	if tm.Value == "" && tm.StartDate != "" {
		t.Fatalf("%s: dates without a value", where)
	}
	if tm.Precision == "duration" && !strings.HasPrefix(tm.Value, "P") {
		t.Fatalf("%s: duration value %q", where, tm.Value)
	}
	if tm.Precision == "day" && tm.Value != "" && tm.Value != "PRESENT_REF" && (tm.Value != string(tm.StartDate) || tm.StartDate != tm.EndDate) {
		t.Fatalf("%s: day %q covers %q..%q", where, tm.Value, tm.StartDate, tm.EndDate)
	}
	if tm.Precision == "year" && tm.Value != "" && !strings.HasPrefix(string(tm.StartDate), tm.Value) {
		t.Fatalf("%s: year %q starts on %q", where, tm.Value, tm.StartDate)
	}
}

// FuzzAnnotate finds and resolves the times of a text published on a
// fuzzed day (or on none). Mentions are in text order, each inside one
// sentence and reading its text; dates are real days in order, a day's
// value is its date, a year's value starts its dates; which spans are
// recognised does not depend on the publication date, only how they
// resolve; and
// Resolve on a sentence finds that sentence's first mention.
func FuzzAnnotate(f *testing.F) {
	pub := daysTo("2016-10-05")
	for _, s := range []string{
		"Air strikes killed 14 people on Wednesday, a day after talks collapsed in Geneva last week.",
		"The ceasefire, agreed on Sept. 9, 2016, held until Monday night; fighting resumed at 2 a.m. on Tuesday.",
		"In the first half of 2015 and the third quarter, profits rose; a year earlier they fell. The following day, prices rose.",
		"Since 2012, more than 250,000 people have died. In the 1990s and the 20th century, two decades of war.",
		"The talks will resume next month, in early October or mid-November, and again every Thursday and daily.",
		"Five days ago, 2 1/2 years, the past 24 hours, the next two weeks, several years, for three years.",
		"Christmas, Easter 2017, Ramadan, last summer, this fall, the weekend, next weekend, recently, now, in the future.",
		"On 2016-10-05 and 10/25/2016 and 25/10/2016 and 2016-13-45 and 9999-12-31 and 0000-01-01 and 1/2.",
		"March 28 he said he may march in May. The 69-year-old was five years old. 293 civilians in 2000 people.",
		"", " ", "\xff\xfe", "Monday Monday Monday Monday", strings.Repeat("next ", 50) + "year",
		"in the year 10000 and year 0 and the 100th century, the 0th quarter, Q5 2016, the 99th century",
		"'90s ’90s '00s 1990s 2000s 10:35 24:00 99:99 12:60",
	} {
		f.Add(s, pub, false)
		f.Add(s, pub, true)
	}
	f.Add("Next year, next month, tomorrow, next week, the next decade and the next century.", daysTo("9999-12-31"), false)
	f.Add("Last year, last month, yesterday, last week, the last decade, five years ago, the previous century.", daysTo("0001-01-01"), false)
	f.Fuzz(func(t *testing.T, text string, days uint32, noRef bool) {
		defer watchdog(10*time.Second, "FuzzAnnotate")()
		published := pubDate(days)
		if noRef {
			published = ""
		}
		d := analyzer(t).Analyze(&sitrep.Article{Text: text, Published: published})
		timex.Annotator{}.Annotate(d)
		prevEnd := 0
		for i, m := range d.Times {
			where := fmt.Sprintf("%q published %q: mention %d %+v", text, published, i, m)
			if m.Start < prevEnd || m.Start >= m.End || m.End > len(text) || text[m.Start:m.End] != m.Text {
				t.Fatalf("%s: span out of order or not its text", where)
			}
			prevEnd = m.End
			if s := d.SentenceAt(m.Start); s < 0 || s != d.SentenceAt(m.End-1) {
				t.Fatalf("%s: not within one sentence", where)
			}
			checkTime(t, where, m.Time)
			if published == "" && m.Value == "" && m.StartDate != "" {
				t.Fatalf("%s: guessed dates without a reference", where)
			}
		}

		// Recognition does not depend on the reference date.
		other := sitrep.Date("2016-10-05")
		if published == other {
			other = ""
		}
		d2 := analyzer(t).Analyze(&sitrep.Article{Text: text, Published: other})
		timex.Annotator{}.Annotate(d2)
		if spans(d.Times) != spans(d2.Times) {
			t.Fatalf("%q: mentions published %q\n%s\ndiffer from those published %q\n%s", text, published, spans(d.Times), other, spans(d2.Times))
		}

		// Resolve finds a sentence's first mention.
		for si, s := range d.Sentences {
			tm, ok := timex.Resolve(s.Text, d.SentenceTokens(si), published)
			var first *sitrep.TimeMention
			for k := range d.Times {
				if d.Times[k].Start >= s.Start && d.Times[k].End <= s.End {
					first = &d.Times[k]
					break
				}
			}
			if ok != (first != nil) {
				t.Fatalf("%q: Resolve on sentence %d found %v (%+v), Annotate %v", text, si, ok, tm, first)
			}
			if ok {
				checkTime(t, fmt.Sprintf("%q: Resolve on sentence %d: %+v", text, si, tm), tm)
				if tm.Text != first.Text {
					t.Fatalf("%q: Resolve on sentence %d found %q, Annotate %q", text, si, tm.Text, first.Text)
				}
			}
		}
	})
}

func spans(ms []sitrep.TimeMention) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "[%d,%d) %q\n", m.Start, m.End, m.Text)
	}
	return b.String()
}
