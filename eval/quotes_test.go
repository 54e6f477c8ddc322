package eval

import (
	"encoding/json"
	"strings"
	"testing"

	"sitrep"
)

// quoteGold builds a PolNeAR-style gold line for text from (source,
// content) substrings, each found at its first occurrence at or after the
// previous attribution's content.
func quoteGold(t *testing.T, text string, pairs ...[2]string) string {
	t.Helper()
	span := func(s string) []polnearSpan {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("%q not in text", s)
		}
		r := len([]rune(text[:i]))
		return []polnearSpan{{Spans: [][2]int{{r, r + len([]rune(s))}}, Text: s}}
	}
	var ats []polnearAttribution
	for _, p := range pairs {
		ats = append(ats, polnearAttribution{Source: span(p[0]), Content: span(p[1])})
	}
	b, err := json.Marshal(polnearDoc{ID: "d", Text: text, Attributions: ats})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func claimOf(text, speaker, content string, direct bool) sitrep.Claim {
	c := sitrep.Claim{Direct: direct}
	i := strings.Index(text, content)
	c.Content = sitrep.Span{Text: content, Start: i, End: i + len(content)}
	if speaker != "" {
		j := strings.Index(text, speaker)
		c.Speaker = &sitrep.Actor{Text: speaker, Start: j, End: j + len(speaker)}
	}
	return c
}

// TestQuotesSpeakerAware checks the speaker-aware score: a match counts
// only with the right speaker, and a pronoun source is right when the
// speaker is its antecedent (the nearest earlier gold source).
func TestQuotesSpeakerAware(t *testing.T) {
	text := "Ms. Vega said the bridge was closed. “It will reopen soon,” she added. Officials said repairs had begun."
	gold := quoteGold(t, text,
		[2]string{"Ms. Vega", "the bridge was closed"},
		[2]string{"she", "“It will reopen soon,”"},
		[2]string{"Officials", "repairs had begun"},
	)
	rec := sitrep.Record{Claims: []sitrep.Claim{
		claimOf(text, "Ms. Vega", "the bridge was closed", false),
		claimOf(text, "Vega", "It will reopen soon,", true),   // the pronoun's antecedent
		claimOf(text, "Ms. Vega", "repairs had begun", false), // wrong speaker
		claimOf(text, "Officials", "Officials said", false),   // spurious
	}}
	code := func(sitrep.Article) sitrep.Record { return rec }
	rep, err := Quotes(code, strings.NewReader(gold), 10)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Overall.TP != 3 || rep.Overall.FP != 1 || rep.Overall.FN != 0 {
		t.Errorf("content score %+v, want 3 tp 1 fp 0 fn", rep.Overall)
	}
	// Speaker-aware: 2 right of 4 predicted and 3 gold.
	if got, want := rep.Extra["speaker-aware precision"], 0.5; got != want {
		t.Errorf("speaker-aware precision %.3f, want %.3f", got, want)
	}
	if got, want := rep.Extra["speaker-aware recall"], 2.0/3; got != want {
		t.Errorf("speaker-aware recall %.3f, want %.3f", got, want)
	}
	if got := rep.Extra["indirect recall"]; got != 1 {
		t.Errorf("indirect recall %.3f, want 1", got)
	}
	if rep.ByGroup["direct"].TP != 1 {
		t.Errorf("the quoted content is not scored as direct: %+v", rep.ByGroup)
	}
	// A speaker that is neither the source nor its antecedent is wrong,
	// and so is no speaker.
	rec.Claims[1] = claimOf(text, "Officials", "It will reopen soon,", true)
	rep, _ = Quotes(code, strings.NewReader(gold), 10)
	if got, want := rep.Extra["speaker-aware recall"], 1.0/3; got != want {
		t.Errorf("with a wrong antecedent: speaker-aware recall %.3f, want %.3f", got, want)
	}
}

// TestQuotesRelativeAndNames checks that a speaker named by its last word
// elsewhere ("Vega" for "Ms. Vega") is right, and that a relative pronoun
// source is right when the claim gives it as the speaker's mention.
func TestQuotesRelativeAndNames(t *testing.T) {
	text := "Ms. Vega said the bridge was closed. Drivers who said they were stuck waited. Later Vega said work goes on."
	gold := quoteGold(t, text,
		[2]string{"who", "they were stuck"},
		[2]string{"Later Vega", "work goes on"},
	)
	rel := claimOf(text, "Drivers", "they were stuck", false)
	i := strings.Index(text, "who")
	rel.SpeakerMention = &sitrep.Span{Text: "who", Start: i, End: i + 3}
	named := claimOf(text, "Ms. Vega", "work goes on", false)
	code := func(sitrep.Article) sitrep.Record { return sitrep.Record{Claims: []sitrep.Claim{rel, named}} }
	rep, err := Quotes(code, strings.NewReader(gold), 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Extra["speaker-aware recall"]; got != 1 {
		t.Errorf("speaker-aware recall %.3f, want 1", got)
	}
	rel.SpeakerMention = nil
	code = func(sitrep.Article) sitrep.Record { return sitrep.Record{Claims: []sitrep.Claim{rel, named}} }
	rep, _ = Quotes(code, strings.NewReader(gold), 0)
	if got := rep.Extra["speaker-aware recall"]; got != 0.5 {
		t.Errorf("without the relative pronoun as mention: speaker-aware recall %.3f, want 0.5", got)
	}
}
