package casualty_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"sitrep"
	"sitrep/engine"
	"sitrep/eval"
	"sitrep/pipeline"
)

func newPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	p, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func code(a *sitrep.Actor) string {
	if a == nil {
		return "-"
	}
	return a.Code
}

// short renders a casualty: "killed 293 (293-293) SYRCVL by - cause airstrike rep SYROPPHRI".
func short(c sitrep.Casualty) string {
	high := "?"
	if c.Count.High != nil {
		high = fmt.Sprint(*c.Count.High)
	}
	cause := "-"
	if c.Cause != nil {
		cause = *c.Cause
	}
	s := fmt.Sprintf("%s %d (%d-%s) %s by %s cause %s rep %s", c.Kind, c.Count.Best, c.Count.Low, high,
		code(c.Victims), code(c.Perpetrator), cause, code(c.ReportedBy))
	if c.PartOf != nil {
		s += fmt.Sprintf(" part_of %d", *c.PartOf)
	}
	if c.Background {
		s += " background"
	}
	return s
}

func casualties(t *testing.T, p *pipeline.Pipeline, published, text string) []string {
	t.Helper()
	r := p.Code(sitrep.Article{ID: "t", Text: text, Published: sitrep.Date(published)})
	var out []string
	for _, c := range r.Casualties {
		out = append(out, short(c))
	}
	return out
}

func TestCountForms(t *testing.T) {
	p := newPipeline(t)
	cases := []struct{ text, want string }{
		{"At least six civilians have been killed in the town.", "killed 6 (6-?) ---CVL"},
		{"Two people were killed and 18 were wounded.", "killed 2 (2-2) ---CVL|wounded 18 (18-18) ---CVL"},
		{"The death toll from the blast rose to 13.", "killed 13 (13-13) -"},
		{"Gunmen killed between 20 and 30 villagers.", "killed 20 (20-30) ---CVL"},
		{"Nearly 300 people died in the floods.", "killed 300 (270-300) ---CVL"},
		{"Dozens of protesters were detained.", "detained 24 (24-99) ---CVL"},
		{"A 69-year-old woman was killed.", "killed 1 (1-1) ---CVL"},
		{"The strike killed a family of five.", "killed 5 (5-5)"},
		{"Some 1.2 million people have been displaced.", "displaced 1200000 (1080000-1320000) ---CVL"},
		{"Forty-three students went missing.", "missing 43 (43-43) ---CVL"},
		{"The shelling killed 20 people, including 10 children.", "killed 20 (20-20) ---CVL|killed 10 (10-10) ---CVL by - cause shelling rep - part_of 0"},
		{"The 45-year-old man spent 15 days in hospital and paid $300 for 12 vehicles.", ""},
		{"Thousands of protesters marched through the capital.", ""},
		{"The insurgency killed 17,000 people between 1996 and 2006.", "killed 17000 (17000-17000) ---CVL by - cause - rep - background"},
	}
	for _, c := range cases {
		got := strings.Join(casualties(t, p, "2016-10-05", c.text), "|")
		if c.want == "" {
			if got != "" {
				t.Errorf("%q: want no casualties, got %q", c.text, got)
			}
			continue
		}
		for _, w := range strings.Split(c.want, "|") {
			if !strings.Contains(got, w) {
				t.Errorf("%q:\n got %q\nwant %q", c.text, got, w)
			}
		}
	}
}

// The seed article's dead and besieged, with victims, causes and who
// reports them.
func TestSeedCasualties(t *testing.T) {
	b, err := os.ReadFile("../../shared/seed/000_1af0f9234ddb5838.txt")
	if err != nil {
		t.Skipf("seed article not present: %v", err)
	}
	got := strings.Join(casualties(t, newPipeline(t), "2016-10-05", string(b)), "\n")
	for _, w := range []string{
		"besieged 250000 (250000-?) SYRCVL by - cause - rep USA",
		"killed 10 (10-10) SYRMIL by SYRREB cause - rep SYRREB",
		"killed 293 (293-293) SYRCVL by - cause airstrike rep SYROPPHRI",
		"killed 20 (20-20) SYRCVL by - cause airstrike rep SYROPPHRI part_of 2",
		"killed 25 (25-25) - by SYRREB cause shelling rep SYROPPHRI",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("seed: missing %q in\n%s", w, got)
		}
	}
}

func TestCasualtyGold(t *testing.T) {
	f, err := os.Open("testdata/casualties_gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := eval.Casualties(newPipeline(t).Code, f, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("casualty gold: %d cases, kind+count P %.3f R %.3f F1 %.3f", rep.Cases, rep.Overall.Precision(), rep.Overall.Recall(), rep.Overall.F1())
	for _, fld := range []string{"field count range", "field victims", "field perpetrator", "field cause", "field reported_by", "field part_of", "field background"} {
		s := rep.ByGroup[fld]
		t.Logf("  %-18s P %.3f R %.3f", fld, s.Precision(), s.Recall())
	}
	if rep.Overall.F1() < 0.85 {
		t.Errorf("kind+count F1 %.3f below 0.85", rep.Overall.F1())
	}
}

func BenchmarkSeed(b *testing.B) {
	text, err := os.ReadFile("../../shared/seed/000_1af0f9234ddb5838.txt")
	if err != nil {
		b.Skipf("seed article not present: %v", err)
	}
	p := newPipeline(b)
	a := sitrep.Article{ID: "seed", Text: string(text), Published: "2016-10-05"}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		p.Code(a)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// Tolls of a whole war, or guesses at one, are background; counts with a
// duration of another kind are not.
func TestLongTollsAreBackground(t *testing.T) {
	p := newPipeline(t)
	for _, tc := range []struct {
		text       string
		background bool
	}{
		{"The two sides signed a truce on Wednesday, raising hopes of an end to a two-year war that has killed tens of thousands of people.", true},
		{"Researchers estimate that hundreds of thousands of people may have died from violence and hunger.", true},
		{"More than 3,000 civilians have been killed over the past three years, the monitor said.", true},
		{"At least 500 people have been killed since the war began, officials said.", true},
		{"A military court jailed 14 protesters for three years each, a lawyer said.", false},
		{"Up to 40 people may have been killed in a landslide at a gold mine, a local official said.", false},
		{"A 69-year-old woman was killed when a shell hit her house on Monday.", false},
	} {
		got := casualties(t, p, "2024-06-01", tc.text)
		if len(got) == 0 {
			t.Errorf("%q: no count found", tc.text)
			continue
		}
		if bg := strings.HasSuffix(got[0], " background"); bg != tc.background {
			t.Errorf("%q: %s; want background %v", tc.text, got[0], tc.background)
		}
	}
}

// Numbers past any toll (or past what an int holds) are not counts.
func TestHugeNumbersAreNotCounts(t *testing.T) {
	p := newPipeline(t)
	for _, text := range []string{
		"99999999999999999999 people were wounded in the blast.",
		"A hundred hundred hundred hundred hundred people were killed.",
		"Some 5000000-99999999999999999999 people were displaced.",
	} {
		for _, c := range casualties(t, p, "2024-06-01", text) {
			if strings.Contains(c, "-") && strings.Contains(c, " -9") {
				t.Errorf("%q: negative count %s", text, c)
			}
		}
		r := p.Code(sitrep.Article{ID: "t", Text: text, Published: "2024-06-01"})
		for _, c := range r.Casualties {
			if c.Count.Best < 0 || c.Count.Low < 0 || c.Count.Best > 1_000_000_000 || c.Count.High != nil && *c.Count.High < c.Count.Best {
				t.Errorf("%q: count %+v", text, c.Count)
			}
		}
	}
}

// TestCountsFromTheTree checks the counts read from the dependency tree
// (issue 15's cases): victims as a passive subject or an object, counted
// from their numbers and added up across a list, an elided second victim,
// and a figure of dead and wounded together that is no death toll.
func TestCountsFromTheTree(t *testing.T) {
	p := newPipeline(t)
	kindCount := func(text string) []string {
		r := p.Code(sitrep.Article{ID: "t", Text: text, Published: "2020-05-05"})
		var out []string
		for _, c := range r.Casualties {
			s := fmt.Sprintf("%s %d", c.Kind, c.Count.Best)
			if c.PartOf != nil {
				s += fmt.Sprintf(" part of %d", *c.PartOf)
			}
			out = append(out, s)
		}
		return out
	}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"4 members of the GNA forces were killed on Sunday.", []string{"killed 4"}},
		// A list with no total told is one count per member, four deaths
		// in all; with its total told, the members are its parts.
		{"Two police officers, one civil servant and one local resident were killed in the attack.", []string{"killed 2", "killed 1", "killed 1"}},
		{"Nine people were killed in the raid.\n\nSix soldiers and three police officers are dead, the army said.", []string{"killed 9", "killed 6 part of 0", "killed 3 part of 0"}},
		{"A police sergeant was killed and another wounded.", []string{"killed 1", "wounded 1"}},
		{"Gunmen assassinated an army colonel in Benghazi.", []string{"killed 1"}},
		{"Sixteen people were killed and 20 wounded in the attack.", []string{"killed 16", "wounded 20"}},
		{"More than 450 dead and wounded were reported.", []string{"killed_or_wounded 450"}},
		{"At least 12 people were killed, injured or kidnapped.", []string{"killed_or_wounded 12"}},
		{"The bombing left four dead and several others injured.", []string{"killed 4", "wounded 3"}},
		{"Five people are feared dead after the attack.", []string{"killed 5"}},
		{"Gunmen opened fire on the bus, killling 12 passengers.", []string{"killed 12"}},
		{"Six soldiers and three police officers are dead after the raid.", []string{"killed 6", "killed 3"}},
		{"The killing of the 11 miners on Friday drew protests.", []string{"killed 11"}},
		{"A shell hit the market, killing and injuring 21 people.", []string{"killed_or_wounded 21"}},
		{"Rebels kill 14 soldiers in ambush\n\nRebels ambushed a convoy on Monday, killing 14 government soldiers, the army said.", []string{"killed 14"}},
		{"One villager was killed in the north. One herder was killed in the south.", []string{"killed 1", "killed 1"}},
		{"KABUL (Reuters) - The district governor was killed on Sunday, officials said.", []string{"killed 1"}},
	} {
		got := kindCount(c.text)
		sort.Strings(got)
		sort.Strings(c.want)
		if strings.Join(got, ", ") != strings.Join(c.want, ", ") {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

// TestRunningTotalsAreBackground checks that a toll counted since a date or
// an event is background, not an incident on that date.
func TestRunningTotalsAreBackground(t *testing.T) {
	p := newPipeline(t)
	r := p.Code(sitrep.Article{ID: "t", Text: "More than 320 people have been killed since the truce collapsed on Sept. 19.", Published: "2016-10-05"})
	if len(r.Casualties) != 1 || !r.Casualties[0].Background || r.Casualties[0].Count.Best != 320 {
		t.Errorf("casualties %+v", r.Casualties)
	}
}

// TestSourcesDisagreeIsOneCount checks that figures two sources give for
// one toll make one count from the lower to the higher, not two counts.
func TestSourcesDisagreeIsOneCount(t *testing.T) {
	p := newPipeline(t)
	r := p.Code(sitrep.Article{ID: "t", Text: "At least 12 were killed, according to a local journalist; nearly 60, activists said.", Published: "2016-10-05"})
	if len(r.Casualties) != 1 {
		t.Fatalf("casualties %+v", r.Casualties)
	}
	c := r.Casualties[0].Count
	if c.Best != 12 || c.Low != 12 || c.High == nil || *c.High != 60 {
		t.Errorf("count %+v, want best 12, low 12, high 60", c)
	}
}

// TestEarlierTollsAreBackground checks that tolls a conflict has taken
// over its course, and incidents dated more than a month before the
// report, are background, while the report's own incident is not, even
// beside a clause about the past.
func TestEarlierTollsAreBackground(t *testing.T) {
	p := newPipeline(t)
	for _, c := range []struct {
		text       string
		background bool
	}{
		{"The insurgency has claimed more than 4,000 lives.", true},
		{"The army's crackdown has left more than 900 people dead, a rights group said.", true},
		{"In March, a car bomb killed at least 27 people in the capital.", true},
		{"Officials said in February that six soldiers were killed by rebel fire.", true},
		{"Six soldiers were killed on Monday near the town, from where rebels were driven out two years ago.", false},
		{"Gunmen killed 12 villagers on Sunday.", false},
	} {
		r := p.Code(sitrep.Article{ID: "t", Text: c.text, Published: "2021-09-20"})
		if len(r.Casualties) != 1 {
			t.Errorf("%q: casualties %+v", c.text, r.Casualties)
			continue
		}
		if r.Casualties[0].Background != c.background {
			t.Errorf("%q: background %v, want %v", c.text, r.Casualties[0].Background, c.background)
		}
	}
}

// TestRevisedTollKeepsLatest checks that a figure the article tells as an
// earlier one, since outgrown, is dropped, and parts keep their totals.
func TestRevisedTollKeepsLatest(t *testing.T) {
	p := newPipeline(t)
	text := "Nineteen police officers have been killed in the attack on the academy.\n\nOfficials had earlier said 11 police officers were killed."
	r := p.Code(sitrep.Article{ID: "t", Text: text, Published: "2021-09-20"})
	var got []string
	for _, c := range r.Casualties {
		got = append(got, fmt.Sprintf("%s %d", c.Kind, c.Count.Best))
	}
	if strings.Join(got, ", ") != "killed 19" {
		t.Errorf("casualties %q, want only killed 19", got)
	}
}

// TestLaterTotalAndLatestFigure checks that a list's members become parts
// of a total told after them, and that a figure told as the latest
// replaces a smaller one told before it.
func TestLaterTotalAndLatestFigure(t *testing.T) {
	p := newPipeline(t)
	text := "Six soldiers and three police officers are dead after the ambush.\n\nThe killing of the nine members of the security forces drew condemnation."
	r := p.Code(sitrep.Article{ID: "t", Text: text, Published: "2021-09-20"})
	parts := 0
	for _, c := range r.Casualties {
		if c.PartOf != nil && r.Casualties[*c.PartOf].Count.Best == 9 {
			parts++
		}
	}
	if len(r.Casualties) != 3 || parts != 2 {
		t.Errorf("casualties %+v, want 9 with parts 6 and 3", r.Casualties)
	}
	text = "The attack killed two soldiers and injured more than 20.\n\nThe attack left two soldiers killed and 26 wounded, according to the latest report."
	r = p.Code(sitrep.Article{ID: "t", Text: text, Published: "2021-09-20"})
	var got []string
	for _, c := range r.Casualties {
		got = append(got, fmt.Sprintf("%s %d", c.Kind, c.Count.Best))
	}
	sort.Strings(got)
	if strings.Join(got, ", ") != "killed 2, wounded 26" {
		t.Errorf("casualties %q, want killed 2, wounded 26", got)
	}
}
