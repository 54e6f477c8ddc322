package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/export"
)

func acledRows(t *testing.T, r *sitrep.Record) [][]string {
	t.Helper()
	var b bytes.Buffer
	w := export.NewACLED(&b, sitrep.Filter{})
	if err := w.Write(r); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

func killed(n, sentence int) sitrep.Casualty {
	return sitrep.Casualty{Kind: "killed", Count: sitrep.Count{Best: n, Low: n, High: &n}, Sentence: sentence}
}

// The dead of every sentence of the article are on its rows, once: those
// of a sentence with no event of its own go on the first row; background
// tolls, parts of a larger count and the wounded are not fatalities.
func TestACLEDFatalitiesFromEverySentence(t *testing.T) {
	r := record() // 14 killed in sentence 0, which has two events
	part, bg := killed(3, 2), killed(500, 3)
	zero := 0
	part.PartOf = &zero
	bg.Background = true
	wounded := killed(9, 2)
	wounded.Kind = "wounded"
	r.Casualties = append(r.Casualties, killed(5, 2), part, bg, wounded)
	rows := acledRows(t, r)
	if len(rows) != 2 {
		t.Fatalf("rows %v", rows)
	}
	if rows[0][18] != "19" || rows[1][18] != "0" {
		t.Errorf("fatalities %s and %s, want 19 (14 + 5 from a sentence with no event) and 0", rows[0][18], rows[1][18])
	}
}

// An article whose deaths no event carries still gets a row, typed by the
// cause and the victims; deaths in an accident get none.
func TestACLEDRowFromCasualties(t *testing.T) {
	syr, cvl := "SYR", "CVL"
	r := sitrep.NewRecord(sitrep.Article{ID: "a2", Source: "Wire", Published: "2016-10-06"})
	c := killed(2, 0)
	c.Victims = &sitrep.Actor{Text: "farmers", Code: "SYRCVL", Country: &syr, Role: &cvl}
	c.Text = "Two farmers were killed in Idlib"
	r.Casualties = []sitrep.Casualty{c, killed(1, 1)}
	rows := acledRows(t, &r)
	if len(rows) != 1 {
		t.Fatalf("rows %v, want one", rows)
	}
	if rows[0][3] != "Violence against civilians" || rows[0][18] != "3" || rows[0][8] != "SYRCVL: farmers" || rows[0][9] != "7" {
		t.Errorf("row %v: want violence against civilians, 3 dead, farmers as actor 2", rows[0])
	}
	flood := "flood"
	r.Casualties[0].Cause, r.Casualties[1].Cause = &flood, &flood
	r.Casualties[0].Count.Best = 5
	if rows := acledRows(t, &r); len(rows) != 0 {
		t.Errorf("deaths in a flood gave rows %v", rows)
	}
}

// Force against civilians is violence against civilians, not a battle;
// an air strike stays remote violence whoever it hits.
func TestACLEDCivilianTarget(t *testing.T) {
	r := record()
	syr, cvl, reb := "SYR", "CVL", "REB"
	r.Events = []sitrep.Event{
		{ID: "a1-0", Sentence: 0, Source: &sitrep.Actor{Text: "gunmen", Code: "SYRREB", Country: &syr, Role: &reb},
			Target: &sitrep.Actor{Text: "farmers", Code: "SYRCVL", Country: &syr, Role: &cvl}, Cameo: "190", Root: "19", Quad: 4},
		{ID: "a1-1", Sentence: 1, Source: &sitrep.Actor{Text: "rebels", Code: "SYRREB", Country: &syr, Role: &reb},
			Target: &sitrep.Actor{Text: "the army", Code: "SYRMIL"}, Cameo: "190", Root: "19", Quad: 4},
		{ID: "a1-2", Sentence: 2, Target: &sitrep.Actor{Text: "civilians", Code: "SYRCVL", Country: &syr, Role: &cvl}, Cameo: "195", Root: "19", Quad: 4},
	}
	rows := acledRows(t, r)
	got := []string{}
	for _, row := range rows {
		got = append(got, row[3]+"/"+row[4])
	}
	want := "Violence against civilians/Attack|Battles/Armed clash|Explosions/Remote violence/Air/drone strike"
	if strings.Join(got, "|") != want {
		t.Errorf("event types %q, want %q", strings.Join(got, "|"), want)
	}
}

// An actor's text stops before the event's verb: a headline's words read
// as one name ("Gunmen Attack Farmers") give the actor "Gunmen".
func TestActorTextWithoutVerb(t *testing.T) {
	r := sitrep.NewRecord(sitrep.Article{ID: "a3", Published: "2016-10-06", Text: "Gunmen Attack Farmers In Benue"})
	r.Events = []sitrep.Event{{ID: "a3-0", Source: &sitrep.Actor{Text: "Gunmen Attack Farmers", Code: "NGAREB", Start: 0, End: 21},
		Cameo: "190", Root: "19", Quad: 4, Evidence: sitrep.Evidence{Text: "Gunmen Attack", Start: 0, End: 13, Pattern: "190 @attack (builtin/verbs.txt:1)"}}}
	rows := acledRows(t, &r)
	if len(rows) != 1 || rows[0][5] != "NGAREB: Gunmen" {
		t.Errorf("ACLED actor1 %q, want %q", rows[0][5], "NGAREB: Gunmen")
	}
	var b bytes.Buffer
	if err := export.NewGDELT(&b, sitrep.Filter{}).Write(&r); err != nil {
		t.Fatal(err)
	}
	if f := strings.Split(b.String(), "\t"); f[6] != "GUNMEN" {
		t.Errorf("GDELT Actor1Name %q, want GUNMEN", f[6])
	}
	// An actor that ends before the verb is left whole.
	r.Events[0].Source = &sitrep.Actor{Text: "Armed gunmen", Code: "NGAREB", Start: 0, End: 12}
	r.Events[0].Evidence = sitrep.Evidence{Text: "Armed gunmen attacked", Start: 0, End: 21, Pattern: "190 attack (builtin/verbs.txt:1)"}
	if rows := acledRows(t, &r); rows[0][5] != "NGAREB: Armed gunmen" {
		t.Errorf("ACLED actor1 %q, want the whole actor", rows[0][5])
	}
}

// DATEADDED is when the article was stored, whenever the export runs;
// unknown, it is left empty.
func TestGDELTDateAdded(t *testing.T) {
	stored := time.Date(2016, 10, 6, 12, 30, 5, 0, time.FixedZone("x", 2*3600))
	var b bytes.Buffer
	g := export.NewGDELT(&b, sitrep.Filter{Cameo: "19"})
	g.Added = func(id string) (time.Time, bool) { return stored, id == "a1" }
	if err := g.Write(record()); err != nil {
		t.Fatal(err)
	}
	f := strings.Split(strings.Split(b.String(), "\n")[0], "\t")
	if f[59] != "20161006103005" {
		t.Errorf("DATEADDED %q, want the stored time in UTC 20161006103005", f[59])
	}
	b.Reset()
	g.Added = nil
	if err := g.Write(record()); err != nil {
		t.Fatal(err)
	}
	if f := strings.Split(strings.Split(b.String(), "\n")[0], "\t"); f[59] != "" {
		t.Errorf("DATEADDED %q with no stored time, want empty", f[59])
	}
}
