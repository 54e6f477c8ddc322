package actors_test

import (
	"os"
	"strings"
	"testing"

	"sitrep"
	"sitrep/actors"
	"sitrep/nlp"
)

func annotate(t *testing.T, published, text string) []sitrep.Actor {
	t.Helper()
	an, err := nlp.New()
	if err != nil {
		t.Fatal(err)
	}
	d, err := actors.Default()
	if err != nil {
		t.Fatal(err)
	}
	doc := an.Analyze(&sitrep.Article{Text: text, Published: sitrep.Date(published)})
	(&actors.Annotator{Dict: d}).Annotate(doc)
	for _, a := range doc.Actors {
		if text[a.Start:a.End] != a.Text {
			t.Errorf("actor %q at %d:%d reads %q", a.Text, a.Start, a.End, text[a.Start:a.End])
		}
	}
	return doc.Actors
}

func codes(as []sitrep.Actor) string {
	var out []string
	for _, a := range as {
		c := a.Code
		if c == "" {
			c = "?" + a.Text
		}
		out = append(out, c)
	}
	return strings.Join(out, " ")
}

func TestActorCoding(t *testing.T) {
	cases := []struct{ published, text, want string }{
		{"2016-10-05", "Obama spoke to Putin.", "USAGOV RUSGOV"},
		{"2020-10-05", "Obama spoke to Putin.", "USAELI RUSGOV"}, // out of office: an elite
		{"2016-10-05", "Syrian rebels fought Russian air power and Iranian ground forces.", "SYRREB RUSMIL IRNMIL"},
		{"2016-10-05", "Russian and Syrian warplanes pounded the town.", "RUSMIL SYRMIL"},
		{"2016-10-05", "Assad’s forces advanced.", "SYRMIL"},
		{"2016-10-05", "Washington and the Kremlin traded accusations.", "USAGOV RUSGOV"},
		{"2016-10-05", "The envoy arrived in Damascus on Monday.", "SYRGOV"}, // a capital after "in" is a place; it gives the envoy a country
		{"2016-10-05", "State Department spokesman Mark Toner said it. Toner added more.", "USAGOV USAGOV"},
		{"2016-10-05", "KABUL, Afghanistan — Militants attacked police.", "AFGREB AFGCOP"},
		{"2016-10-05", "The United Nations and NATO met.", "IGOUNO IGOWSTNAT"},
		{"2016-10-05", "Acme Holdings sued the ministry.", "?Acme Holdings ---GOV"},
	}
	for _, c := range cases {
		if got := codes(annotate(t, c.published, c.text)); got != c.want {
			t.Errorf("%q (%s): got %q, want %q", c.text, c.published, got, c.want)
		}
	}
}

func TestDictionaryErrorsNameTheLine(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/actors.txt", "USAGOV\t2009-01-20..2017-01-20\tBarack Obama\nbad line\nUSAGOV\t2017..2010\tX\n")
	writeFile(t, dir+"/countries.txt", "SY\tSyria\n")
	errs := actors.Check(dir)
	joined := ""
	for _, e := range errs {
		joined += e.Error() + "\n"
	}
	for _, want := range []string{"actors.txt:2: want CODE<TAB>DATES<TAB>names", "actors.txt:3: dates", "countries.txt:1: \"SY\" is not an ISO 3166-1 alpha-3 code"} {
		if !strings.Contains(joined, want) {
			t.Errorf("errors lack %q:\n%s", want, joined)
		}
	}
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNamedActorsByDate checks a few entries of the built-in actors.txt whose
// code changes with the date: a person's offices, a group's status.
func TestNamedActorsByDate(t *testing.T) {
	cases := []struct{ published, text, want string }{
		{"2017-05-01", "Pashinyan led the protest.", "ARMOPP"},
		{"2021-05-01", "Pashinyan met Aliyev.", "ARMGOV AZEGOV"},
		{"2016-05-01", "Riek Machar was sworn in.", "SSDGOV"},
		{"2018-05-01", "Riek Machar rejected the deal.", "SSDREB"},
		{"2022-05-01", "Dagalo met Burhan.", "SDNGOV SDNGOV"},
		{"2024-05-01", "Dagalo attacked Burhan.", "SDNREB SDNGOV"},
		{"2022-05-01", "Vjosa Osmani met Vucic.", "KSVGOV SRBGOV"},
		{"2019-05-01", "Suhail Shaheen met Khalilzad.", "IMGMUSTAL USAGOV"},
		{"2023-05-01", "Palestinian Islamic Jihad fired rockets.", "MEAREB"},
		{"2019-05-01", "Wagner Group mercenaries arrived.", "IMGWAG"}, // the line carries a comment
	}
	for _, c := range cases {
		if got := codes(annotate(t, c.published, c.text)); got != c.want {
			t.Errorf("%q (%s): got %q, want %q", c.text, c.published, got, c.want)
		}
	}
}

// TestCommentAfterSpaces checks that a comment after spaces ("  # approx")
// is not read as part of the last name of a line.
func TestCommentAfterSpaces(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/actors.txt", "NERGOV\t2010-01-01..\tZorbal Quantu; Quantu  # approx dates\n")
	d, err := actors.Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.AddDir(dir); err != nil {
		t.Fatal(err)
	}
	an, err := nlp.New()
	if err != nil {
		t.Fatal(err)
	}
	doc := an.Analyze(&sitrep.Article{Text: "Quantu met the envoy.", Published: "2020-01-01"})
	(&actors.Annotator{Dict: d}).Annotate(doc)
	if got := codes(doc.Actors); !strings.Contains(got, "NERGOV") {
		t.Errorf("got %q, want the name before the comment to match (NERGOV)", got)
	}
}
