package attrib_test

import (
	"os"
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

func speaker(a *sitrep.Actor) string {
	if a == nil {
		return "-"
	}
	s := a.Code
	if s == "" {
		s = "?" + a.Text
	}
	if a.Name != nil {
		s += " (" + *a.Name + ")"
	}
	return s
}

func TestQuoteForms(t *testing.T) {
	p := newPipeline(t)
	cases := []struct{ text, want string }{
		{"“We will not retreat,” said Interior Minister Ahmed Ali.", "We will not retreat, -> ---GOV"},
		{"Kerry told reporters: “The door is still open.”", "The door is still open. -> USAGOV (John Kerry)"},
		// A quote interrupted by its attribution is one quote.
		{"“It was a direct hit,” the spokesman said. “Nobody survived.”", "It was a direct hit, + Nobody survived. -> ---GOV"},
		{"“We will not retreat,” the commander said, “whatever it costs.”", "We will not retreat, + whatever it costs. -> ---MIL"},
		{"\"We are ready,\" he said.", "We are ready, -> -"},
	}
	for _, c := range cases {
		r := p.Code(sitrep.Article{ID: "t", Text: c.text, Published: "2016-10-05"})
		var got []string
		for _, q := range r.Quotes {
			if c.text[q.Start:q.End] != q.Text {
				t.Errorf("quote offsets do not read its text: %+v", q)
			}
			text := q.Text
			if len(q.Parts) > 0 {
				var parts []string
				for _, p := range q.Parts {
					if c.text[p.Start:p.End] != p.Text || p.Start < q.Start || p.End > q.End {
						t.Errorf("quote part offsets do not read its text: %+v", p)
					}
					parts = append(parts, p.Text)
				}
				text = strings.Join(parts, " + ")
			}
			got = append(got, text+" -> "+speaker(q.Speaker))
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.text, g, c.want)
		}
	}
}

// Every quote in the seed article carries its speaker.
func TestSeedQuotes(t *testing.T) {
	b, err := os.ReadFile("../../shared/seed/000_1af0f9234ddb5838.txt")
	if err != nil {
		t.Skipf("seed article not present: %v", err)
	}
	r := newPipeline(t).Code(sitrep.Article{ID: "seed", Text: string(b), Published: "2016-10-05"})
	want := map[string]string{
		"diplomatic, military, intelligence and economic options": "---GOV",
		"Just because we’ve temporarily suspended":                "USAGOV",
		"We’re examining closely our approach going forward,":     "USAGOV",
		"And in that regard, the departments/agencies":            "USAGOV",
		"But essentially our view remains the same,":              "USAGOV",
		"Our stress is still on a political resolution.":          "USAGOV",
		"with frustration, outrage and sadness,":                  "USAGOV",
		"We repelled their attempt to advance in Sheikh Saed":     "SYRREB (Abdullah al-Halabi)",
	}
	for prefix, sp := range want {
		found := false
		for _, q := range r.Quotes {
			starts := strings.HasPrefix(q.Text, prefix)
			for _, p := range q.Parts {
				starts = starts || strings.HasPrefix(p.Text, prefix)
			}
			if starts {
				found = true
				if got := speaker(q.Speaker); got != sp {
					t.Errorf("quote %q: speaker %s, want %s", prefix, got, sp)
				}
			}
		}
		if !found {
			t.Errorf("quote %q not found", prefix)
		}
	}
	// The claims that contradict each other are each party's.
	var claims []string
	for _, c := range r.Claims {
		if !c.Direct {
			claims = append(claims, c.Speaker.Code+": "+c.Content.Text)
		}
	}
	all := strings.Join(claims, "\n")
	for _, w := range []string{"SYRGOV: they target only militants", "---REB: they inflicted losses on pro-government fighters", "SYROPPHRI: it had documented the deaths of 293 civilians"} {
		if !strings.Contains(all, w) {
			t.Errorf("claims lack %q:\n%s", w, all)
		}
	}
}

func TestPolNeAR(t *testing.T) {
	f, err := os.Open("../../shared/data/quotes/polnear_dev.jsonl")
	if err != nil {
		t.Skipf("PolNeAR dev data not present (%v)", err)
	}
	defer f.Close()
	rep, err := eval.Quotes(newPipeline(t).Code, f, 0)
	if err != nil {
		t.Fatal(err)
	}
	d, i := rep.ByGroup["direct"], rep.ByGroup["indirect"]
	t.Logf("PolNeAR dev (%d docs): content P %.3f R %.3f F1 %.3f; direct P %.3f R %.3f; indirect P %.3f R %.3f; speaker %.3f, cue %.3f on matched",
		rep.Cases, rep.Overall.Precision(), rep.Overall.Recall(), rep.Overall.F1(), d.Precision(), d.Recall(), i.Precision(), i.Recall(),
		rep.Extra["speaker right on matched (overlaps gold source)"], rep.Extra["cue right on matched"])
	if d.Recall() < 0.9 {
		t.Errorf("direct quote recall %.3f below 0.9", d.Recall())
	}
}

// TestClaimsFromTheTree checks claims whose speaker word order cannot find
// (a long apposition between subject and verb) and whose content is the
// saying verb's clausal complement.
func TestClaimsFromTheTree(t *testing.T) {
	p := newPipeline(t)
	text := "Turkey, long one of the main foes of Assad but which has lately repaired its damaged ties with his ally Russia, said it planned to make a proposal to Washington and Moscow."
	r := p.Code(sitrep.Article{ID: "t", Text: text, Published: "2016-10-05"})
	var got []string
	for _, c := range r.Claims {
		got = append(got, speaker(c.Speaker)+": "+c.Content.Text)
	}
	want := "TUR: it planned to make a proposal to Washington and Moscow"
	if len(got) != 1 || got[0] != want {
		t.Errorf("claims %q, want [%q]", got, want)
	}
}

// TestSpeakerNotFromInsideTheQuote checks that a pronoun speaker is never
// resolved to a name inside the quote it speaks.
func TestSpeakerNotFromInsideTheQuote(t *testing.T) {
	p := newPipeline(t)
	r := p.Code(sitrep.Article{ID: "t", Text: "\u201cTurkey will not allow this,\u201d he said.", Published: "2016-10-05"})
	if len(r.Quotes) != 1 {
		t.Fatalf("quotes %+v", r.Quotes)
	}
	if sp := r.Quotes[0].Speaker; sp != nil && (sp.Code == "TUR" || sp.Text == "Turkey" || sp.Text == "this") {
		t.Errorf("speaker taken from inside the quote: %+v", sp)
	}
}
