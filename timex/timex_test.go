package timex_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sitrep"
	"sitrep/eval"
	"sitrep/nlp"
	"sitrep/pipeline"
	"sitrep/timex"
)

// pub is the publication date of the table tests: a Wednesday.
const pub sitrep.Date = "2016-10-05"

var (
	anOnce sync.Once
	an     *nlp.Analyzer
	anErr  error
)

func analyzer(t testing.TB) *nlp.Analyzer {
	anOnce.Do(func() { an, anErr = nlp.New() })
	if anErr != nil {
		t.Fatal(anErr)
	}
	return an
}

func annotate(t testing.TB, text string, published sitrep.Date) []sitrep.TimeMention {
	d := analyzer(t).Analyze(&sitrep.Article{Text: text, Published: published})
	timex.Annotator{}.Annotate(d)
	for _, m := range d.Times {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("%q: mention text %q is not the text at [%d, %d): %q", text, m.Text, m.Start, m.End, text[m.Start:m.End])
		}
	}
	return d.Times
}

// want is one expected mention: its text, value, dates and precision.
// Empty dates mean none.
type want struct {
	text, value, start, end, precision string
}

func (w want) String() string {
	return fmt.Sprintf("%q=%q [%s..%s] %s", w.text, w.value, w.start, w.end, w.precision)
}

func got(m sitrep.TimeMention) want {
	return want{m.Text, m.Value, string(m.StartDate), string(m.EndDate), m.Precision}
}

// day is a mention of one resolved day.
func day(text, d string) want { return want{text, d, d, d, "day"} }

type tcase struct {
	text string
	want []want
}

func runCases(t *testing.T, published sitrep.Date, cases []tcase) {
	t.Helper()
	for _, c := range cases {
		ms := annotate(t, c.text, published)
		var g []string
		for _, m := range ms {
			g = append(g, got(m).String())
		}
		var w []string
		for _, x := range c.want {
			w = append(w, x.String())
		}
		if strings.Join(g, "\n") != strings.Join(w, "\n") {
			t.Errorf("%q (published %q):\n got  %s\n want %s", c.text, published, strings.Join(g, "\n      "), strings.Join(w, "\n      "))
		}
	}
}

func TestDeicticDays(t *testing.T) {
	runCases(t, pub, []tcase{
		{"Rebels shelled the city today.", []want{day("today", "2016-10-05")}},
		{"The council meets tonight.", []want{day("tonight", "2016-10-05")}},
		{"Five people were killed yesterday.", []want{day("yesterday", "2016-10-04")}},
		{"The talks resume tomorrow.", []want{day("tomorrow", "2016-10-06")}},
		{"The convoy left the day before yesterday.", []want{day("the day before yesterday", "2016-10-03")}},
		{"Airstrikes hit the market this morning.", []want{day("this morning", "2016-10-05")}},
		{"Fighting continued this afternoon and this evening.", []want{day("this afternoon", "2016-10-05"), day("this evening", "2016-10-05")}},
		{"Gunmen attacked a checkpoint last night.", []want{day("last night", "2016-10-04")}},
		{"The ministry said late Tuesday that 20 died.", []want{day("late Tuesday", "2016-10-04")}},
		{"The bombing began early on Monday.", []want{day("early on Monday", "2016-10-03")}},
		{"Shelling resumed on Tuesday night.", []want{day("Tuesday night", "2016-10-04")}},
		{"Troops withdrew yesterday morning.", []want{day("yesterday morning", "2016-10-04")}},
		{"The attack happened at 2 a.m. on Monday.", []want{day("2 a.m. on Monday", "2016-10-03")}},
	})
}

func TestWeekdays(t *testing.T) {
	runCases(t, pub, []tcase{
		// Past: the latest such day on or before publication.
		{"Rebels attacked the town on Monday.", []want{day("Monday", "2016-10-03")}},
		{"Government forces retook the town on Thursday.", []want{day("Thursday", "2016-09-29")}},
		{"The minister said on Wednesday that talks had failed.", []want{day("Wednesday", "2016-10-05")}},
		{"The UN said Sunday it had suspended aid.", []want{day("Sunday", "2016-10-02")}},
		{"Friday's attack killed 12.", []want{day("Friday", "2016-09-30")}},
		// Forward: a modal, "be to", "plan to", "expected to", "next".
		{"The council will meet on Monday.", []want{day("Monday", "2016-10-10")}},
		{"He'll travel to Geneva on Friday.", []want{day("Friday", "2016-10-07")}},
		{"The envoys are to meet on Monday.", []want{day("Monday", "2016-10-10")}},
		{"They plan to vote on Thursday.", []want{day("Thursday", "2016-10-06")}},
		{"The ceasefire is expected to start on Saturday.", []want{day("Saturday", "2016-10-08")}},
		{"On Monday, the council will vote.", []want{day("Monday", "2016-10-10")}},
		{"Talks resume next Monday.", []want{day("next Monday", "2016-10-10")}},
		{"Talks collapsed last Monday.", []want{day("last Monday", "2016-10-03")}},
		{"The vote is scheduled for Wednesday.", []want{day("Wednesday", "2016-10-05")}},
	})
}

func TestRelativePeriods(t *testing.T) {
	runCases(t, pub, []tcase{
		{"Clashes killed 40 last week.", []want{{"last week", "2016-W39", "2016-09-26", "2016-10-02", "week"}}},
		{"Aid arrived this week.", []want{{"this week", "2016-W40", "2016-10-03", "2016-10-09", "week"}}},
		{"Talks resume next week.", []want{{"next week", "2016-W41", "2016-10-10", "2016-10-16", "week"}}},
		{"The siege began last month.", []want{{"last month", "2016-09", "2016-09-01", "2016-09-30", "month"}}},
		{"Prices rose this month.", []want{{"this month", "2016-10", "2016-10-01", "2016-10-31", "month"}}},
		{"The truce collapsed earlier this month.", []want{{"earlier this month", "2016-10", "2016-10-01", "2016-10-05", "month"}}},
		{"The war displaced millions last year.", []want{{"last year", "2015", "2015-01-01", "2015-12-31", "year"}}},
		{"Exports fell this year.", []want{{"this year", "2016", "2016-01-01", "2016-12-31", "year"}}},
		{"The city fell earlier this year.", []want{{"earlier this year", "2016", "2016-01-01", "2016-10-05", "year"}}},
		{"Elections are due early next year.", []want{{"early next year", "2017", "2017-01-01", "2017-04-30", "year"}}},
		{"Protests spread over the weekend.", []want{{"the weekend", "2016-W39-WE", "2016-10-01", "2016-10-02", "weekend"}}},
		{"The summit will be held this weekend.", []want{{"this weekend", "2016-W40-WE", "2016-10-08", "2016-10-09", "weekend"}}},
		{"Results for the fourth quarter will be released in January.", []want{
			{"the fourth quarter", "2016-Q4", "2016-10-01", "2016-12-31", "quarter"}, {"January", "2017-01", "2017-01-01", "2017-01-31", "month"}}},
		{"Revenue fell in the first half of 2015.", []want{{"the first half of 2015", "2015-H1", "2015-01-01", "2015-06-30", "half"}}},
		{"The army retook the town last fall.", []want{{"last fall", "2015-FA", "2015-09-01", "2015-11-30", "season"}}},
		{"Profit rose in the third quarter.", []want{{"the third quarter", "2016-Q3", "2016-07-01", "2016-09-30", "quarter"}}},
	})
}

func TestExplicitDates(t *testing.T) {
	month := func(text, v, s, e string) want { return want{text, v, s, e, "month"} }
	runCases(t, pub, []tcase{
		{"The offensive began on March 28.", []want{day("March 28", "2016-03-28")}},
		{"The offensive began on 28 March.", []want{day("28 March", "2016-03-28")}},
		{"The offensive began on March 28, 2015.", []want{day("March 28, 2015", "2015-03-28")}},
		{"The deadline passed on Sept. 30.", []want{day("Sept. 30", "2016-09-30")}},
		{"The report is dated Oct. 5, 2016.", []want{day("Oct. 5, 2016", "2016-10-05")}},
		{"Filed on 2016-10-05 in Geneva.", []want{day("2016-10-05", "2016-10-05")}},
		{"Filed on 10/25/2015 in Geneva.", []want{day("10/25/2015", "2015-10-25")}},
		{"Filed on 10/05/2016 in Geneva.", nil}, // month and day cannot be told apart
		{"The talks will resume on Nov. 16.", []want{day("Nov. 16", "2016-11-16")}},
		{"The offer was extended to Nov. 16.", []want{day("Nov. 16", "2016-11-16")}},
		{"Aleppo was besieged in March.", []want{month("March", "2016-03", "2016-03-01", "2016-03-31")}},
		{"The siege began in December.", []want{month("December", "2015-12", "2015-12-01", "2015-12-31")}},
		{"The siege began in March 2015.", []want{month("March 2015", "2015-03", "2015-03-01", "2015-03-31")}},
		{"Elections will be held in March.", []want{month("March", "2017-03", "2017-03-01", "2017-03-31")}},
		{"Talks stalled in mid-October.", []want{month("mid-October", "2016-10", "2016-10-11", "2016-10-20")}},
		{"Talks stalled in early September.", []want{month("early September", "2016-09", "2016-09-01", "2016-09-10")}},
		{"The group was founded in 2012.", []want{{"2012", "2012", "2012-01-01", "2012-12-31", "year"}}},
		{"Violence peaked in the 1990s.", []want{{"the 1990s", "199", "1990-01-01", "1999-12-31", "decade"}}},
		{"The truce was signed on the 15th.", []want{day("the 15th", "2016-09-15")}},
		{"Mosul fell in June last year.", []want{month("June last year", "2015-06", "2015-06-01", "2015-06-30")}},
		{"It has stood since the 20th century.", []want{{"the 20th century", "19", "1900-01-01", "2016-10-05", "century"}}},
		{"Aid arrived on Christmas Day.", []want{day("Christmas Day", "2015-12-25")}},
		{"The talks held on Monday, Oct. 3 failed.", []want{day("Monday, Oct. 3", "2016-10-03")}},
		{"Unrest grew through the nineties.", []want{{"the nineties", "199", "1990-01-01", "1999-12-31", "decade"}}},
		{"Between 2010 and 2012, the war spread.", []want{{"2010", "2010", "2010-01-01", "2010-12-31", "year"}, {"2012", "2012", "2012-01-01", "2012-12-31", "year"}}},
		{"Voters rejected Sunday's referendum.", []want{day("Sunday", "2016-10-02")}},
		{"The deal must be ratified by February.", []want{month("February", "2017-02", "2017-02-01", "2017-02-28")}},
		{"The war ended in late 1995.", []want{{"late 1995", "1995", "1995-09-01", "1995-12-31", "year"}}},
	})
}

func TestDurations(t *testing.T) {
	dur := func(text, v, s, e string) want { return want{text, v, s, e, "duration"} }
	runCases(t, pub, []tcase{
		{"In the 15 days since the collapse of the ceasefire, 400 died.", []want{dur("the 15 days", "P15D", "2016-09-20", "2016-10-05")}},
		{"Over the past 24 hours, 30 were killed.", []want{dur("the past 24 hours", "PT24H", "2016-10-04", "2016-10-05")}},
		{"Fighting intensified in the past week.", []want{dur("the past week", "P1W", "2016-09-28", "2016-10-05")}},
		{"Prices doubled in the past three months.", []want{dur("the past three months", "P3M", "2016-07-05", "2016-10-05")}},
		{"Aid will be delivered over the next two weeks.", []want{dur("the next two weeks", "P2W", "2016-10-05", "2016-10-19")}},
		{"The group has fought since 2012.", []want{{"2012", "2012", "2012-01-01", "2016-10-05", "year"}}},
		{"The town has been besieged since March.", []want{{"March", "2016-03", "2016-03-01", "2016-10-05", "month"}}},
		{"He was held for three years.", []want{dur("three years", "P3Y", "", "")}},
		{"The war has lasted nearly forty years.", []want{dur("nearly forty years", "P40Y", "", "")}},
		{"He served 2 1/2 years in prison.", []want{dur("2 1/2 years", "P2Y6M", "", "")}},
		{"They signed a two-year deal.", []want{dur("two-year", "P2Y", "", "")}},
		{"Talks dragged on for years.", []want{dur("years", "PXY", "", "")}},
		{"The town was shelled five days ago.", []want{day("five days ago", "2016-09-30")}},
		{"The convoy left a week ago.", []want{day("a week ago", "2016-09-28")}},
		{"The deal was signed two years ago.", []want{{"two years ago", "2014", "2014-01-01", "2014-12-31", "year"}}},
		{"The fighters were trained daily.", []want{{"daily", "P1D", "", "", "set"}}},
		{"The council meets every Thursday.", []want{{"every Thursday", "XXXX-WXX-4", "", "", "set"}}},
		{"Convoys left every other day.", []want{{"every other day", "P2D", "", "", "set"}}},
	})
}

func TestRefsAndAnaphora(t *testing.T) {
	runCases(t, pub, []tcase{
		{"The town is now under siege.", []want{{"now", "PRESENT_REF", "2016-10-05", "2016-10-05", "day"}}},
		{"The group recently seized the town.", []want{{"recently", "PAST_REF", "", "", "vague"}}},
		{"Peace is unlikely in the near future.", []want{{"the near future", "FUTURE_REF", "", "", "vague"}}},
		{"The siege began on March 28. The following day, 20 died.", []want{day("March 28", "2016-03-28"), day("The following day", "2016-03-29")}},
		{"Rebels entered the town on Monday. Two days later, they withdrew.", []want{day("Monday", "2016-10-03"), day("Two days later", "2016-10-05")}},
		{"The following day, 20 died.", []want{{"The following day", "", "", "", "day"}}}, // nothing to count from
		{"Stocks fell on Monday, down 4% from the previous Friday.", []want{day("Monday", "2016-10-03"), day("the previous Friday", "2016-09-30")}},
		{"The group was founded in 1995. The following year, it split.", []want{
			{"1995", "1995", "1995-01-01", "1995-12-31", "year"}, {"The following year", "1996", "1996-01-01", "1996-12-31", "year"}}},
		{"The quake struck on Monday. Nine hours later, another hit.", []want{day("Monday", "2016-10-03"), day("Nine hours later", "2016-10-03")}},
		{"Third-quarter profit rose to $5 million from $4 million a year earlier.", []want{
			{"Third-quarter", "2016-Q3", "2016-07-01", "2016-09-30", "quarter"}, {"a year earlier", "2015-Q3", "2015-07-01", "2015-09-30", "quarter"}}},
		{"The state was founded a year earlier.", []want{{"a year earlier", "2015", "2015-01-01", "2015-12-31", "year"}}},
	})
}

// TestNoReferenceDate: relative expressions are recognised but not
// resolved; those that carry their own year, and durations, are.
func TestNoReferenceDate(t *testing.T) {
	runCases(t, "", []tcase{
		{"Five people were killed yesterday.", []want{{"yesterday", "", "", "", "day"}}},
		{"Rebels attacked the town on Monday.", []want{{"Monday", "", "", "", "day"}}},
		{"Clashes killed 40 last week.", []want{{"last week", "", "", "", "week"}}},
		{"The siege began in March.", []want{{"March", "", "", "", "month"}}},
		{"The offensive began on March 28.", []want{{"March 28", "", "", "", "day"}}},
		{"The town was shelled five days ago.", []want{{"five days ago", "", "", "", "day"}}},
		{"Over the past 24 hours, 30 were killed.", []want{{"the past 24 hours", "PT24H", "", "", "duration"}}},
		{"The offensive began on March 28, 2015.", []want{day("March 28, 2015", "2015-03-28")}},
		{"The group was founded in 2012.", []want{{"2012", "2012", "2012-01-01", "2012-12-31", "year"}}},
		{"He was held for three years.", []want{{"three years", "P3Y", "", "", "duration"}}},
		{"The town is now under siege.", []want{{"now", "PRESENT_REF", "", "", "day"}}},
	})
}

// TestNotTimes: counts, ages, the modal "may", "the march", a clock time
// alone, names.
func TestNotTimes(t *testing.T) {
	runCases(t, pub, []tcase{
		{"The attack killed 293 civilians.", nil},
		{"A 69-year-old man and a five-year-old girl died.", nil},
		{"The boy, five years old, survived.", nil},
		{"The talks may collapse.", nil},
		{"May said the talks may collapse.", nil},
		{"Prime Minister Theresa May said Britain would act.", nil},
		{"Thousands joined the march on the capital.", nil},
		{"Protesters march to the square.", nil},
		{"The Long March began.", nil},
		{"The blast happened at 2 a.m.", nil},
		{"Some 2000 people fled and 1500 troops arrived.", nil},
		{"The fund holds $2012 in cash.", nil},
		{"Marchers commemorated Bloody Sunday.", nil},
		{"The editor of USA Today resigned.", nil},
		{"One of the fighters was killed.", nil},
		{"A quarter of the population fled.", nil},
		{"She came second in the race.", nil},
		{"Black September claimed the attack.", nil},
		{"Israel won the Six-Day War.", nil},
		{"Britain fought the Seven Years' War.", nil},
		{"Winds reached 170 kilometres per hour.", nil},
	})
}

func TestResolve(t *testing.T) {
	d := analyzer(t).Analyze(&sitrep.Article{Text: "last week"})
	tm, ok := timex.Resolve("last week", d.Tokens, pub)
	if !ok || tm.Value != "2016-W39" || tm.Text != "last week" || tm.StartDate != "2016-09-26" {
		t.Errorf("Resolve(last week) = %+v, %v", tm, ok)
	}
	d = analyzer(t).Analyze(&sitrep.Article{Text: "on Monday"})
	if tm, ok := timex.Resolve("on Monday", d.Tokens, pub); !ok || tm.Value != "2016-10-03" || tm.Text != "Monday" {
		t.Errorf("Resolve(on Monday) = %+v, %v", tm, ok)
	}
	if _, ok := timex.Resolve("the town", analyzer(t).Analyze(&sitrep.Article{Text: "the town"}).Tokens, pub); ok {
		t.Errorf("Resolve(the town) found a time")
	}
}

// TestEvalTimesScoring checks eval.Times on a made-up document: character
// offsets after a non-ASCII letter, strict and lenient matches, value F1,
// week numbers written without padding, a miss and a spurious mention.
func TestEvalTimesScoring(t *testing.T) {
	text := "Café owners fled on Monday and in week 7, for days."
	gold := `{"id": "d1", "dct": "2016-02-17T10:00:00", "text": "` + text + `", "timex3": [` +
		`{"text": "Monday", "start": 20, "end": 26, "type": "DATE", "value": "2016-02-15"},` +
		`{"text": "week 7", "start": 34, "end": 40, "type": "DATE", "value": "2016-W7"},` +
		`{"text": "days", "start": 46, "end": 50, "type": "DURATION", "value": "PXD"}]}`
	span := func(s string, v string) sitrep.TimeMention {
		k := strings.Index(text, s)
		return sitrep.TimeMention{Time: sitrep.Time{Value: v, Text: s}, Start: k, End: k + len(s)}
	}
	code := func(a sitrep.Article) sitrep.Record {
		if a.Published != "2016-02-17" {
			t.Errorf("published %q, want the day of the dct", a.Published)
		}
		r := sitrep.NewRecord(a)
		r.Times = []sitrep.TimeMention{span("fled", "PAST_REF"), span("Monday", "2016-02-15"), span("week", "2016-W07")}
		return r
	}
	rep, err := eval.Times(code, strings.NewReader(gold), 10)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, s eval.Score, tp, fp, fn int) {
		if s.TP != tp || s.FP != fp || s.FN != fn {
			t.Errorf("%s: tp/fp/fn %d/%d/%d, want %d/%d/%d", name, s.TP, s.FP, s.FN, tp, fp, fn)
		}
	}
	check("lenient", rep.Overall, 2, 1, 1)
	check("strict", rep.ByGroup["strict"], 1, 2, 2)
	check("value", rep.ByGroup["value"], 2, 1, 1)
	check("type DURATION", rep.ByGroup["type DURATION"], 0, 0, 1)
	check("type DATE", rep.ByGroup["type DATE"], 2, 1, 0)
	if acc := rep.Extra["value accuracy (lenient matches)"]; acc != 1 {
		t.Errorf("value accuracy %v, want 1", acc)
	}
}

// goldDir is where the project's dev data keeps the TimeBank and AQUAINT
// TIMEX3 files (TempEval-3's TBAQ-cleaned).
const goldDir = "../../shared/data/timex"

// TestGoldTimeML scores the annotator on TimeBank and AQUAINT. The rules
// were developed on these files, so the figures are development figures.
// Set TIMEX_REPORT to a directory to write the full reports there.
func TestGoldTimeML(t *testing.T) {
	p := &pipeline.Pipeline{Analyzer: analyzer(t), Annotators: []sitrep.Annotator{timex.Annotator{}}}
	// Minimums, just below what the annotator reaches.
	min := map[string]struct{ lenient, valueAcc, valueF1 float64 }{
		"timebank_timex3.jsonl": {0.92, 0.84, 0.78},
		"aquaint_timex3.jsonl":  {0.92, 0.82, 0.77},
	}
	for _, name := range []string{"timebank_timex3.jsonl", "aquaint_timex3.jsonl"} {
		f, err := os.Open(filepath.Join(goldDir, name))
		if err != nil {
			t.Skipf("gold data absent, not scored (%v)", err)
		}
		rep, err := eval.Times(p.Code, f, 2000)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if out := os.Getenv("TIMEX_REPORT"); out != "" {
			w, err := os.Create(filepath.Join(out, name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			rep.Write(w)
			w.Close()
		}
		s := rep.ByGroup["strict"]
		acc, vf1 := rep.Extra["value accuracy (lenient matches)"], rep.Extra["value F1"]
		t.Logf("%s: strict P/R/F1 %.3f/%.3f/%.3f; lenient P/R/F1 %.3f/%.3f/%.3f; value accuracy %.3f; value F1 %.3f",
			name, s.Precision(), s.Recall(), s.F1(), rep.Overall.Precision(), rep.Overall.Recall(), rep.Overall.F1(), acc, vf1)
		m := min[name]
		if rep.Overall.F1() < m.lenient || acc < m.valueAcc || vf1 < m.valueF1 {
			t.Errorf("%s: lenient F1 %.3f, value accuracy %.3f, value F1 %.3f; want at least %.2f, %.2f, %.2f",
				name, rep.Overall.F1(), acc, vf1, m.lenient, m.valueAcc, m.valueF1)
		}
	}
}

// benchText is a wire report dense in temporal expressions.
const benchText = `BEIRUT (Reuters) - Syrian and Russian warplanes struck rebel-held eastern Aleppo early on Monday, killing at least 25 people, a monitoring group said, in the heaviest bombardment since the ceasefire collapsed on Sept. 19.

The Syrian Observatory for Human Rights said 293 civilians had been killed in the 15 days since the collapse of the ceasefire, and more than 40 in the past 24 hours alone. The United Nations said last week that aid convoys would resume next Monday, and the Security Council will meet on Thursday to discuss the situation.

The army, which has besieged the area since July, said it would open two corridors for civilians this morning. A 69-year-old man told Reuters he had not left his home for three years. Five days ago, rebels launched a counter-offensive; they may march on the city's west in the coming weeks, officials said. Talks in Geneva in March 2016 and again in late September failed to end a war that began in 2011.`

// BenchmarkAnnotate measures the annotator alone on an analysed document
// (the text layer is not timed).
func BenchmarkAnnotate(b *testing.B) {
	d := analyzer(b).Analyze(&sitrep.Article{Text: benchText, Published: pub})
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		d.Times = d.Times[:0]
		timex.Annotator{}.Annotate(d)
	}
}
