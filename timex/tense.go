package timex

import (
	"strings"

	"sitrep"
)

// tense says whether the verb an expression belongs to looks forward from
// the publication date (+1: "will meet on Monday", "is to meet", "plans to
// meet", "is scheduled for Monday"), back (-1:
// "met on Monday", "has met", "was killed"), or neither (0). It reads the
// nearest verb group before the expression in its sentence, or, when there
// is none, the first one after it ("On Monday, the council will meet").
// A possessive expression ("Wednesday's ruling") names an event, not the
// time of a verb: 0.
func tense(toks []sitrep.Token, first, last int) int {
	if last < len(toks) && (toks[last].Text == "'s" || toks[last].Text == "’s") {
		return 0
	}
	for i := first - 1; i >= 0; i-- {
		t := &toks[i]
		if isVerb(t.Tag) {
			a := i
			for a > 0 && (isVerb(toks[a-1].Tag) || isAdverb(toks[a-1]) || toks[a-1].Tag == "TO") {
				a--
			}
			return groupTense(toks, a, i)
		}
		if futureCue(t, i, toks) {
			return 1
		}
		if t.Tag == "." || t.Text == ";" {
			break
		}
	}
	for i := last; i < len(toks); i++ {
		t := &toks[i]
		if isVerb(t.Tag) {
			b := i
			for b+1 < len(toks) && (isVerb(toks[b+1].Tag) || isAdverb(toks[b+1])) {
				b++
			}
			return groupTense(toks, i, b)
		}
		if t.Tag == "." {
			break
		}
	}
	return 0
}

func isVerb(tag string) bool { return strings.HasPrefix(tag, "VB") || tag == "MD" }

func isAdverb(t sitrep.Token) bool {
	return t.Tag == "RB" || t.Tag == "RBR" || t.Text == "not" || t.Text == "n't"
}

// futureCue reports words that point forward without a verb: "due on
// Monday", "as soon as Tuesday", "scheduled for Monday" (tagged as an
// adjective).
func futureCue(t *sitrep.Token, i int, toks []sitrep.Token) bool {
	switch strings.ToLower(t.Text) {
	case "due", "scheduled", "slated", "soon", "upcoming":
		return true
	case "early": // "as early as Tuesday"
		return i > 0 && strings.EqualFold(toks[i-1].Text, "as")
	}
	return false
}

// planVerb reports verbs that put what they govern ahead of them ("plans
// to", "planned a demonstration for Saturday", "is scheduled to").
// The lemmatizer stems some of these ("schedul"), so the text is read.
func planVerb(w string) bool {
	w = strings.ToLower(w)
	for _, p := range []string{"plan", "schedul", "expect", "slate", "intend", "aim", "hope", "prepar", "vow", "promis", "threaten", "seek", "want"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// groupTense reads the verb group toks[a..b] (auxiliaries, adverbs, "to",
// and the head verb last).
func groupTense(toks []sitrep.Token, a, b int) int {
	for i := a; i <= b; i++ {
		if toks[i].Tag == "VBD" && toks[i].Lemma == "have" && i < b {
			return -1 // "had been scheduled to expire Friday": a past plan
		}
	}
	past := false
	for i := a; i <= b; i++ {
		t := &toks[i]
		switch t.Tag {
		case "MD":
			switch strings.ToLower(t.Text) {
			case "will", "'ll", "’ll", "shall", "wo", "would", "may", "might", "must", "should", "can":
				return 1
			}
		case "TO":
			// "is to meet", "plans to meet", "expected to meet", "ready to leave"
			if i > 0 && i < b {
				p := &toks[i-1]
				if p.Lemma == "be" && p.Tag != "VBD" || planVerb(p.Text) || p.Text == "set" || p.Text == "ready" || p.Text == "likely" || p.Text == "going" {
					return 1
				}
			}
		case "VBD":
			if planVerb(t.Text) && i == b {
				return 1 // "planned a demonstration on Saturday"
			}
			past = true
		case "VBN":
			if planVerb(t.Text) && i == b {
				return 1 // "is scheduled for Monday"
			}
			if i > a && toks[i-1].Lemma == "have" {
				past = true
			}
		case "VBZ", "VBP":
			if t.Lemma == "be" && i < b && toks[b].Tag == "VBG" {
				return 1 // "is meeting on Monday"
			}
		}
	}
	if past || toks[b].Tag == "VBN" {
		return -1
	}
	return 0
}
