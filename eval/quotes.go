package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"sitrep"
)

// polnearSpan is a PolNeAR span list: [[start, end], ...] with its text.
type polnearSpan struct {
	Spans [][2]int `json:"spans"`
	Text  string   `json:"text"`
}

type polnearAttribution struct {
	Source  []polnearSpan `json:"source"`
	Cue     []polnearSpan `json:"cue"`
	Content []polnearSpan `json:"content"`
}

type polnearDoc struct {
	ID           string               `json:"id"`
	Text         string               `json:"text"`
	Attributions []polnearAttribution `json:"attributions"`
}

// ranges flattens span lists into [start, end) pairs.
func ranges(ss []polnearSpan) [][2]int {
	var out [][2]int
	for _, s := range ss {
		out = append(out, s.Spans...)
	}
	return out
}

func overlap(a [][2]int, start, end int) int {
	n := 0
	for _, r := range a {
		lo, hi := max(r[0], start), min(r[1], end)
		if hi > lo {
			n += hi - lo
		}
	}
	return n
}

func length(a [][2]int) int {
	n := 0
	for _, r := range a {
		n += r[1] - r[0]
	}
	return n
}

// Quotes scores attribution against PolNeAR-style gold: each attribution's
// content, source and cue spans. A predicted claim (direct quote or
// indirect report) matches a gold attribution when their contents overlap
// by at least half of the shorter; on matched pairs it reports how often
// the speaker is right and the cue overlaps the gold cue. Gold attributions
// group as direct (content in quotation marks, the New York Times's two
// apostrophes among them) or indirect.
//
// The speaker is right when it overlaps the gold source, or when the gold
// source is a pronoun ("he said") and the speaker is that pronoun's
// antecedent: the gold has no coreference, so the antecedent is taken to be
// the nearest earlier gold source that is not a pronoun. A speaker names a
// source when their spans overlap or they share their last word ("Donald
// Trump" and "Trump", wherever the speaker was named). The speaker-aware score counts a match only
// when its speaker is right: its F1 is what a reader of "who said what"
// gets.
func Quotes(code CodeFunc, gold io.Reader, maxErrors int) (*Report, error) {
	rep := &Report{Task: "quotes and claims (content overlap >= 50%)", ByGroup: map[string]Score{}, Extra: map[string]float64{}}
	sc := bufio.NewScanner(gold)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	srcOK, cueOK, matched := 0, 0, 0
	var aware Score
	causes, perCause := map[string]int{}, map[string]int{}
	addErr := func(cause, msg string) {
		causes[cause]++
		if perCause[cause] < maxErrors {
			perCause[cause]++
			rep.Errors = append(rep.Errors, fmt.Sprintf("%-17s %s", cause+":", msg))
		}
	}
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g polnearDoc
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("gold line %d: invalid JSON: %v", line, err)
		}
		if g.Text == "" {
			return nil, fmt.Errorf("gold line %d: no text", line)
		}
		// The gold offsets count characters of the text as given; code the
		// text unchanged so that sitrep's byte offsets can be compared.
		rec := code(sitrep.Article{ID: g.ID, Text: g.Text})
		toRune := runeIndex(g.Text)
		rep.Cases++
		used := make([]bool, len(rec.Claims))
		for _, at := range g.Attributions {
			content := ranges(at.Content)
			if len(content) == 0 {
				continue
			}
			group := "indirect"
			if t := strings.TrimSpace(contentText(at.Content)); strings.ContainsAny(firstLast(t), "“”\"") || strings.HasPrefix(t, "''") || strings.HasSuffix(t, "''") {
				group = "direct"
			}
			best, bestOv := -1, 0
			for k, c := range rec.Claims {
				if used[k] {
					continue
				}
				s, e := toRune[c.Content.Start], toRune[c.Content.End]
				ov := overlap(content, s, e)
				shorter := min(length(content), e-s)
				if shorter > 0 && 2*ov >= shorter && ov > bestOv {
					best, bestOv = k, ov
				}
			}
			gs := rep.ByGroup[group]
			if best < 0 {
				gs.FN++
				rep.Overall.FN++
				aware.FN++
				addErr("missed "+group, fmt.Sprintf("%s %q (source %q)", g.ID, clipText(contentText(at.Content)), contentText(at.Source)))
				rep.ByGroup[group] = gs
				continue
			}
			used[best] = true
			gs.TP++
			rep.Overall.TP++
			matched++
			rep.ByGroup[group] = gs
			c := rec.Claims[best]
			if c.Cue.End > c.Cue.Start && overlap(ranges(at.Cue), toRune[c.Cue.Start], toRune[c.Cue.End]) > 0 {
				cueOK++
			}
			if speakerRight(c.Speaker, at, g, toRune) || relativeRight(c, at, toRune) {
				srcOK++
				aware.TP++
				continue
			}
			aware.FN++
			aware.FP++
			got := "none"
			cause := "no speaker"
			if c.Speaker != nil {
				got, cause = fmt.Sprintf("%q", c.Speaker.Text), "wrong speaker"
			}
			addErr(cause, fmt.Sprintf("%s %q: source %q, got %s", g.ID, clipText(c.Content.Text), contentText(at.Source), got))
		}
		for k := range used {
			if used[k] {
				continue
			}
			rep.Overall.FP++
			aware.FP++
			group := "indirect"
			if rec.Claims[k].Direct {
				group = "direct"
			}
			gs := rep.ByGroup[group]
			gs.FP++
			rep.ByGroup[group] = gs
			sp := "none"
			if s := rec.Claims[k].Speaker; s != nil {
				sp = s.Text
			}
			addErr("spurious "+group, fmt.Sprintf("%s %q (speaker %q, cue %q)", g.ID, clipText(rec.Claims[k].Content.Text), sp, rec.Claims[k].Cue.Text))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if rep.Cases == 0 {
		return nil, fmt.Errorf("gold file has no documents")
	}
	if matched > 0 {
		rep.Extra["speaker right on matched (source or its antecedent)"] = ratio(srcOK, matched)
		rep.Extra["cue right on matched"] = ratio(cueOK, matched)
	}
	for c, n := range causes {
		rep.Extra["errors: "+c] = float64(n)
	}
	rep.Extra["indirect recall"] = rep.ByGroup["indirect"].Recall()
	rep.Extra["speaker-aware precision"] = aware.Precision()
	rep.Extra["speaker-aware recall"] = aware.Recall()
	rep.Extra["speaker-aware F1"] = aware.F1()
	return rep, nil
}

// pronouns are the gold sources whose speaker is their antecedent.
var pronouns = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "i": true, "we": true, "you": true,
	"him": true, "her": true, "them": true, "us": true, "me": true,
}

func isPronoun(s string) bool { return pronouns[strings.ToLower(strings.TrimSpace(s))] }

// speakerRight reports whether sp is the gold attribution's source, or the
// antecedent of a pronoun source (see Quotes).
func speakerRight(sp *sitrep.Actor, at polnearAttribution, g polnearDoc, toRune []int) bool {
	if sp == nil || sp.End <= sp.Start {
		return false
	}
	s, e := toRune[sp.Start], toRune[sp.End]
	if overlap(ranges(at.Source), s, e) > 0 {
		return true
	}
	src := ranges(at.Source)
	if len(src) == 0 {
		return false
	}
	if !isPronoun(contentText(at.Source)) {
		// The same person or body named elsewhere: "Trump" for "Donald
		// Trump", the speaker of the quotation before going on.
		w := lastWord(sp.Text)
		return w != "" && w == lastWord(contentText(at.Source))
	}
	// The nearest earlier gold source that can be the pronoun's antecedent:
	// not a pronoun, nor a relative one; for "he" and "she" a name (a
	// capitalised word past the first) that is not plural.
	person := false
	switch strings.ToLower(strings.TrimSpace(contentText(at.Source))) {
	case "he", "she", "him", "her", "i":
		person = true
	}
	var ante []polnearSpan
	anteEnd := -1
	for _, o := range g.Attributions {
		r := ranges(o.Source)
		t := strings.TrimSpace(contentText(o.Source))
		if len(r) == 0 || isPronoun(t) || isRelative(t) || person && !personName(t) {
			continue
		}
		if end := r[len(r)-1][1]; end <= src[0][0] && end > anteEnd {
			ante, anteEnd = o.Source, end
		}
	}
	if ante == nil {
		return false
	}
	if overlap(ranges(ante), s, e) > 0 {
		return true
	}
	w := lastWord(sp.Text)
	return w != "" && w == lastWord(contentText(ante))
}

// relativeRight reports whether the gold source is a relative pronoun
// ("supporters who said ...") that the claim names as its speaker's
// mention: the pronoun's antecedent is the noun its clause describes, which
// the syntax fixes.
func relativeRight(c sitrep.Claim, at polnearAttribution, toRune []int) bool {
	switch strings.ToLower(strings.TrimSpace(contentText(at.Source))) {
	case "who", "which", "that":
	default:
		return false
	}
	m := c.SpeakerMention
	return c.Speaker != nil && m != nil && m.End > m.Start && overlap(ranges(at.Source), toRune[m.Start], toRune[m.End]) > 0
}

func isRelative(s string) bool {
	switch strings.ToLower(s) {
	case "who", "which", "that", "whose", "whom":
		return true
	}
	return false
}

// personName reports whether a gold source may name one person: it has a
// capitalised word after its first and does not end in a plural ("Sen.
// Lindsey Graham", "Mr. Burman", "Trump"; not "Delegates", "The article").
func personName(t string) bool {
	if i := strings.IndexAny(t, "(,"); i > 0 {
		t = t[:i]
	}
	f := strings.Fields(t)
	if len(f) == 0 {
		return false
	}
	last := strings.TrimRight(f[len(f)-1], ".’'")
	if strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") && strings.ToLower(last[:1]) == last[:1] {
		return false
	}
	for k, w := range f {
		if k == 0 && len(f) > 1 {
			continue
		}
		if r := w[0]; r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}

// lastWord is the last word of a name, lower-cased, without a possessive
// or a bracket after it: "Donald Trump’s" -> "trump", "Rep. Jim Clyburn
// (D-S.C.)" -> "clyburn". Words that name no one ("the", "said") give "".
func lastWord(t string) string {
	if i := strings.IndexAny(t, "(,"); i > 0 {
		t = t[:i]
	}
	f := strings.Fields(strings.ToLower(strings.Trim(t, " .,’'\"")))
	if len(f) == 0 {
		return ""
	}
	w := strings.TrimSuffix(strings.TrimSuffix(f[len(f)-1], "’s"), "'s")
	if len(w) < 2 || isPronoun(w) || w == "said" || w == "says" || w == "who" || w == "which" || w == "that" {
		return ""
	}
	return w
}

func contentText(ss []polnearSpan) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, s.Text)
	}
	return strings.Join(parts, " … ")
}

func firstLast(t string) string {
	r := []rune(t)
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + string(r[len(r)-1])
}

// runeIndex maps each byte offset of s to its rune index (PolNeAR counts
// characters), with one extra entry for len(s).
func runeIndex(s string) []int {
	idx := make([]int, len(s)+1)
	n := 0
	for i := range s {
		for k := i; k < len(s) && (k == i || !startsRune(s[k])); k++ {
			idx[k] = n
		}
		n++
	}
	idx[len(s)] = n
	return idx
}

func startsRune(b byte) bool { return b&0xC0 != 0x80 }
