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

func code(t *testing.T, text string) sitrep.Record {
	t.Helper()
	return newPipeline(t).Code(sitrep.Article{ID: "t", Text: text, Published: "2016-10-05"})
}

// claimsOf lists a record's claims as "speaker: content" (speaker text, or
// "-"), with "(via mention)" when the speaker came from a pronoun.
func claimsOf(r sitrep.Record) []string {
	var out []string
	for _, c := range r.Claims {
		sp := "-"
		if c.Speaker != nil {
			sp = c.Speaker.Text
		}
		if c.SpeakerMention != nil {
			sp += " (via " + c.SpeakerMention.Text + ")"
		}
		out = append(out, sp+": "+c.Content.Text)
	}
	return out
}

// Two apostrophes are quotation marks, as the New York Times writes them,
// and a quote interrupted by its attribution is one quote.
func TestDoubleApostropheQuotes(t *testing.T) {
	text := "''We will rebuild the bridge,'' said Ana Ruiz, the mayor. ''It will take a year.''"
	r := code(t, text)
	if len(r.Quotes) != 1 {
		t.Fatalf("quotes %+v, want one", r.Quotes)
	}
	q := r.Quotes[0]
	if len(q.Parts) != 2 || q.Parts[0].Text != "We will rebuild the bridge," || q.Parts[1].Text != "It will take a year." {
		t.Errorf("parts %+v", q.Parts)
	}
	if q.Speaker == nil || q.Speaker.Text != "Ana Ruiz" {
		t.Errorf("speaker %+v, want Ana Ruiz", q.Speaker)
	}
	if len(r.Claims) != 1 || !r.Claims[0].Direct {
		t.Errorf("claims %q, want the one direct claim", claimsOf(r))
	}
}

// Short scare quotes with no saying verb are no quotes; a word quoted
// after a verb that names or judges it is.
func TestScareQuotes(t *testing.T) {
	r := code(t, "Troops began a “de-escalation” along the border on Monday.")
	if len(r.Quotes) != 0 || len(r.Claims) != 0 {
		t.Errorf("scare quote taken as speech: quotes %+v claims %q", r.Quotes, claimsOf(r))
	}
	r = code(t, "The governor called the plan a “disgrace” on Monday.")
	if len(r.Quotes) != 1 {
		t.Errorf("quotes %+v, want “disgrace”, which the governor called the plan", r.Quotes)
	}
}

// A speaker is never taken from inside a quotation: the pronoun's
// antecedent is found before the quote, and kept as the mention.
func TestPronounSpeaker(t *testing.T) {
	r := code(t, "Maria Lopez, the health minister, visited the camp on Monday.\n\n“Hesitation will cost lives and the face of the crisis will change,” she said.")
	if len(r.Quotes) != 1 || r.Quotes[0].Speaker == nil {
		t.Fatalf("quotes %+v", r.Quotes)
	}
	q := r.Quotes[0]
	if q.Speaker.Text != "Maria Lopez" {
		t.Errorf("speaker %q, want Maria Lopez", q.Speaker.Text)
	}
	if q.SpeakerMention == nil || q.SpeakerMention.Text != "she" {
		t.Errorf("speaker mention %+v, want she", q.SpeakerMention)
	}
	// Gender: "he" is not the woman named just before.
	r = code(t, "Mr. Okafor met Ms. Lindqvist in Oslo. He said the talks would resume in May.")
	if got := claimsOf(r); len(got) != 1 || got[0] != "Mr. Okafor (via He): the talks would resume in May" {
		t.Errorf("claims %q, want Mr. Okafor's", got)
	}
}

// "According to" an analysis, and stance verbs, make claims with their
// speakers; denials are denied.
func TestClaimCues(t *testing.T) {
	cases := []struct{ text, want string }{
		{"The strike killed 12 people, according to an Associated Press analysis of hospital records.", "Associated Press: The strike killed 12 people"},
		{"According to the survey, most residents want the mine closed.", "survey: most residents want the mine closed"},
		{"The minister dismissed the report as propaganda.", "minister: the report as propaganda"},
		{"The opposition welcomed the ceasefire.", "opposition: the ceasefire"},
		{"Officials insisted that the convoy had been attacked by rebels.", "Officials: the convoy had been attacked by rebels"},
		{"The union urged members to return to work.", "union: members to return to work"},
		{"The army denied that its troops had fired on protesters.", "army: its troops had fired on protesters"},
		{"Aid groups warned that the camps could run out of water.", "Aid groups: the camps could run out of water"},
	}
	for _, c := range cases {
		r := code(t, c.text)
		got := claimsOf(r)
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%q:\n got %q\nwant [%q]", c.text, got, c.want)
		}
	}
	r := code(t, "The army denied that its troops had fired on protesters.")
	if len(r.Claims) == 1 && r.Claims[0].Modality != sitrep.Denied {
		t.Errorf("denial's modality %q", r.Claims[0].Modality)
	}
}

// A transcript's label and a colon give a quote its speaker; a relative
// pronoun gives the noun it describes, kept as the mention.
func TestSpeakerLabelsAndRelatives(t *testing.T) {
	r := code(t, "\"HOST: Will you run again?\"\n\nThe senator announced a new plan: “We will cut taxes for farmers.”\n\nThe farmers, who said they had lost everything, marched to the capital.")
	var got []string
	for _, q := range r.Quotes {
		got = append(got, speaker(q.Speaker)+" "+q.Text)
	}
	want := "?HOST HOST: Will you run again?|---LEG We will cut taxes for farmers."
	if strings.Join(got, "|") != want {
		t.Errorf("quotes %q, want %q", strings.Join(got, "|"), want)
	}
	found := false
	for _, c := range claimsOf(r) {
		found = found || c == "farmers (via who): they had lost everything"
	}
	if !found {
		t.Errorf("claims %q lack the farmers'", claimsOf(r))
	}
}

// A quote within a quote is part of it, and a quote split around its
// attribution joined by "but" is still one.
func TestNestedQuotes(t *testing.T) {
	r := code(t, "“People tell me, ‘It does not matter who wins,’ and I answer them every day,” said Omar Haddad, a shopkeeper.")
	if len(r.Quotes) != 1 || !strings.HasPrefix(r.Quotes[0].Text, "People tell me, ‘It does not matter who wins,’ and I answer") {
		t.Errorf("quotes %+v, want the whole quote with the one inside it", r.Quotes)
	}
	r = code(t, "“I respect the judge,” Omar Haddad said, but “this ruling is wrong.”")
	if len(r.Quotes) != 1 || len(r.Quotes[0].Parts) != 2 {
		t.Errorf("quotes %+v, want one in two parts", r.Quotes)
	}
}

// The attribution after a quote or a report is never the report: "...,"
// said Ms. Ortiz, gives the quote, not a claim that says "Ms. Ortiz"; a
// parenthetical attribution reports the words on both sides of it.
func TestAttributionIsNotTheReport(t *testing.T) {
	r := code(t, "“The water is rising,” said Elena Ortiz, a local engineer.")
	if got := claimsOf(r); len(got) != 1 || got[0] != "Elena Ortiz: The water is rising," {
		t.Errorf("claims %q, want only the quote", got)
	}
	r = code(t, "The new dam, Ms. Ortiz said, will hold back the river for a decade.")
	if got := claimsOf(r); len(got) != 1 || !strings.Contains(got[0], "will hold back the river") || !strings.HasPrefix(got[0], "Ms. Ortiz: The new dam") {
		t.Errorf("claims %q, want Ms. Ortiz's words on both sides", got)
	}
	r = code(t, "In a statement on Monday, the ministry said: “We will rebuild.”")
	for _, c := range r.Claims {
		if !c.Direct {
			t.Errorf("indirect claim %q: the quote after the colon is the claim", c.Content.Text)
		}
	}
}

// Two joined stance verbs make two claims; a headline's colon makes one.
func TestJoinedCuesAndHeadlines(t *testing.T) {
	r := code(t, "In his speech, Graham urged lawmakers to fund the dam, and criticized the agency's delays.")
	want := "Graham: lawmakers to fund the dam|Graham: the agency's delays"
	if got := strings.Join(claimsOf(r), "|"); got != want {
		t.Errorf("claims %q, want %q", got, want)
	}
	r = code(t, "Poll: Most Voters Back the Dam Project\n\nThe vote is in May.")
	if got := claimsOf(r); len(got) != 1 || got[0] != "Poll: Most Voters Back the Dam Project" {
		t.Errorf("headline claims %q", got)
	}
}

// A party-and-state tag between a speaker and the verb, and verbs that
// attribute a quote they follow, find the quote's speaker.
func TestQuoteAttributionForms(t *testing.T) {
	cases := []struct{ text, want string }{
		{"“We were ready,” Sen. Claire Vance (D-Mo.) said.", "Sen. Claire Vance"},
		{"“Our children deserve better schools,” the letter reads.", "letter"},
	}
	for _, c := range cases {
		r := code(t, c.text)
		if len(r.Quotes) != 1 || r.Quotes[0].Speaker == nil || r.Quotes[0].Speaker.Text != c.want {
			t.Errorf("%q: quotes %+v, want speaker %q", c.text, r.Quotes, c.want)
		}
	}
}

// Stance verbs with what they are about in a phrase, and positions stated
// with "be", make claims.
func TestStancePhrases(t *testing.T) {
	cases := []struct{ text, want string }{
		{"The mayor complained about the delays.", "mayor: the delays"},
		{"Graham has been critical of the plan.", "Graham: the plan"},
		{"The bishop is a staunch opponent of the death penalty.", "bishop: the death penalty"},
	}
	for _, c := range cases {
		if got := claimsOf(code(t, c.text)); len(got) != 1 || got[0] != c.want {
			t.Errorf("%q: claims %q, want [%q]", c.text, got, c.want)
		}
	}
	// A time or a place is not what a position is about.
	if got := claimsOf(code(t, "The mayor spoke on Monday.")); len(got) != 0 {
		t.Errorf("claims %q, want none", got)
	}
}

// A time between the speaker and the verb is not the speaker.
func TestTimeIsNoSpeaker(t *testing.T) {
	r := code(t, "Senator Ruiz on Tuesday said he would oppose the budget.")
	if got := claimsOf(r); len(got) != 1 || !strings.HasPrefix(got[0], "Senator Ruiz: he would oppose the budget") {
		t.Errorf("claims %q, want Senator Ruiz's", got)
	}
}

// A closing mark that opens a paragraph opens a quote, as some sites
// print it, and a subject the actor annotator left unchunked still speaks.
func TestReversedMarkAndUnchunkedSubject(t *testing.T) {
	r := code(t, "Readers wrote to us.\n\n”Fear. I am truly afraid of what comes next.” ― Rosa Delgado\n")
	if len(r.Quotes) != 1 || r.Quotes[0].Speaker == nil || r.Quotes[0].Speaker.Text != "Rosa Delgado" {
		t.Errorf("quotes %+v, want Rosa Delgado's", r.Quotes)
	}
	r = code(t, "Those close to the mayor say that she will run again.")
	if got := claimsOf(r); len(got) != 1 || got[0] != "Those close to the mayor: she will run again" {
		t.Errorf("claims %q", got)
	}
}

// A person named after "from" is a person, whatever the gazetteer says
// of the name, and a headline's colon gives a quote after it its source.
func TestHeadlineColonQuote(t *testing.T) {
	r := code(t, "A lesson from Loretta Lynch: 'Be the voice that people hear.'\n\nShe spoke in May.")
	if len(r.Quotes) != 1 || r.Quotes[0].Speaker == nil || r.Quotes[0].Speaker.Text != "Loretta Lynch" {
		t.Errorf("quotes %+v, want Loretta Lynch's", r.Quotes)
	}
}

// A quote within a quote in the same marks is part of it; a subject the
// actor annotator took for a place still speaks.
func TestSameMarkNestingAndSubjectPlaces(t *testing.T) {
	r := code(t, "“I would rather live in what he calls “hell” than live in fear,” said Rosa Delgado.")
	if len(r.Quotes) != 1 || !strings.HasSuffix(r.Quotes[0].Text, "than live in fear,") || r.Quotes[0].Speaker == nil {
		t.Errorf("quotes %+v, want one whole quote with its speaker", r.Quotes)
	}
	r = code(t, "In July, Gingrich dismissed the alliance as being in the “suburbs of St. Petersburg.”")
	for _, q := range r.Quotes {
		if q.Speaker == nil || q.Speaker.Text != "Gingrich" {
			t.Errorf("quote %q: speaker %+v, want Gingrich", q.Text, q.Speaker)
		}
	}
}

// "It" stands for the monitor that spoke just before, a body with a
// plural word in its name, not for a person or the press before it.
func TestItIsTheBody(t *testing.T) {
	r := code(t, "Local media said the army was advancing. The Syrian Observatory for Human Rights said it had counted 40 dead. It has documented 25 deaths in the west.")
	var last *sitrep.Claim
	for i := range r.Claims {
		if strings.HasPrefix(r.Claims[i].Content.Text, "25 deaths") {
			last = &r.Claims[i]
		}
	}
	if last == nil || last.Speaker == nil || !strings.Contains(last.Speaker.Text, "Observatory") {
		t.Errorf("claims %q: want the Observatory's 25 deaths", claimsOf(r))
	}
}
