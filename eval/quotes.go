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
// the speaker overlaps the gold source and the cue the gold cue. Gold
// attributions group as direct (content in quotation marks) or indirect.
func Quotes(code CodeFunc, gold io.Reader, maxErrors int) (*Report, error) {
	rep := &Report{Task: "quotes and claims (content overlap >= 50%)", ByGroup: map[string]Score{}, Extra: map[string]float64{}}
	sc := bufio.NewScanner(gold)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	srcOK, cueOK, matched := 0, 0, 0
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
			if t := strings.TrimSpace(contentText(at.Content)); strings.ContainsAny(firstLast(t), "“”\"") {
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
				if len(rep.Errors) < maxErrors {
					rep.Errors = append(rep.Errors, fmt.Sprintf("%s: missed %s attribution %q (source %q)", g.ID, group, clipText(contentText(at.Content)), contentText(at.Source)))
				}
			} else {
				used[best] = true
				gs.TP++
				rep.Overall.TP++
				matched++
				c := rec.Claims[best]
				if c.Speaker != nil && overlap(ranges(at.Source), toRune[c.Speaker.Start], toRune[c.Speaker.End]) > 0 {
					srcOK++
				}
				if c.Cue.End > c.Cue.Start && overlap(ranges(at.Cue), toRune[c.Cue.Start], toRune[c.Cue.End]) > 0 {
					cueOK++
				}
			}
			rep.ByGroup[group] = gs
		}
		for k := range used {
			if !used[k] {
				rep.Overall.FP++
				group := "indirect"
				if rec.Claims[k].Direct {
					group = "direct"
				}
				gs := rep.ByGroup[group]
				gs.FP++
				rep.ByGroup[group] = gs
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if rep.Cases == 0 {
		return nil, fmt.Errorf("gold file has no documents")
	}
	if matched > 0 {
		rep.Extra["speaker right on matched (overlaps gold source)"] = ratio(srcOK, matched)
		rep.Extra["cue right on matched"] = ratio(cueOK, matched)
	}
	return rep, nil
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
