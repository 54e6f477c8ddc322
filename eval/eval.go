// Package eval scores sitrep against gold data: each task reads a JSON Lines
// gold file and returns precision, recall and F1 with the counts behind them.
// Later stages add their tasks here (events, casualties, quotes, places,
// times); the text layer's task is sentence segmentation.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"sitrep"
)

// Score is a precision/recall count.
type Score struct {
	TP, FP, FN int
}

// Precision is TP / (TP + FP), or 0 when nothing was predicted.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is TP / (TP + FN), or 0 when there was nothing to find.
func (s Score) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is the result of one task: an overall score and, where the gold
// data groups its cases, a score per group.
type Report struct {
	Task    string
	Cases   int
	Overall Score
	ByGroup map[string]Score
	// Errors lists some of the cases that went wrong, for a person to read.
	Errors []string
	// Extra holds further figures a task reports (name -> value).
	Extra map[string]float64
	// Confusion counts (gold, predicted) label pairs, where a task has one.
	Confusion map[[2]string]int
	// Causes counts errors by their cause ("missed", "wrong target" ...),
	// where a task tells them apart.
	Causes map[string]int
}

// Write prints the report as a table.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "%s: %d cases\n", r.Task, r.Cases)
	fmt.Fprintf(w, "%-22s %9s %9s %9s %7s %7s %7s\n", "", "precision", "recall", "F1", "tp", "fp", "fn")
	line := func(name string, s Score) {
		fmt.Fprintf(w, "%-22s %9.4f %9.4f %9.4f %7d %7d %7d\n", name, s.Precision(), s.Recall(), s.F1(), s.TP, s.FP, s.FN)
	}
	line("overall", r.Overall)
	groups := make([]string, 0, len(r.ByGroup))
	for g := range r.ByGroup {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, g := range groups {
		line("  "+g, r.ByGroup[g])
	}
	keys := make([]string, 0, len(r.Extra))
	for k := range r.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "%s: %.4f\n", k, r.Extra[k])
	}
	if len(r.Confusion) > 0 {
		writeConfusion(w, r.Confusion)
	}
	if len(r.Causes) > 0 {
		causes := make([]string, 0, len(r.Causes))
		for c := range r.Causes {
			causes = append(causes, c)
		}
		sort.Slice(causes, func(i, j int) bool {
			if r.Causes[causes[i]] != r.Causes[causes[j]] {
				return r.Causes[causes[i]] > r.Causes[causes[j]]
			}
			return causes[i] < causes[j]
		})
		fmt.Fprintln(w, "errors by cause:")
		for _, c := range causes {
			fmt.Fprintf(w, "  %-14s %5d\n", c, r.Causes[c])
		}
	}
	for _, e := range r.Errors {
		if r.Causes != nil {
			fmt.Fprintf(w, "  %s\n", e)
			continue
		}
		fmt.Fprintf(w, "  miss: %s\n", e)
	}
}

// writeConfusion prints a confusion table: gold labels down, predicted
// across, only labels that occur.
func writeConfusion(w io.Writer, m map[[2]string]int) {
	set := map[string]bool{}
	for k := range m {
		set[k[0]], set[k[1]] = true, true
	}
	labels := make([]string, 0, len(set))
	for l := range set {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	fmt.Fprintf(w, "confusion (rows gold, columns predicted; -- none):\n%4s", "")
	for _, l := range labels {
		fmt.Fprintf(w, "%4s", l)
	}
	fmt.Fprintln(w)
	for _, g := range labels {
		fmt.Fprintf(w, "%4s", g)
		for _, p := range labels {
			if n := m[[2]string{g, p}]; n > 0 {
				fmt.Fprintf(w, "%4d", n)
			} else {
				fmt.Fprintf(w, "%4s", ".")
			}
		}
		fmt.Fprintln(w)
	}
}

// segmentCase is one line of a segmentation gold file: a text and its
// sentences, each a verbatim substring, in order.
type segmentCase struct {
	ID        string   `json:"id"`
	Kind      string   `json:"kind"`
	Text      string   `json:"text"`
	Sentences []string `json:"sentences"`
}

// Segmentation scores sentence boundaries: a boundary is the byte offset
// where a sentence ends (the end of the text excluded), and a predicted
// boundary is right when it falls on a gold one. Cases group by "kind".
// maxErrors caps the cases listed in Report.Errors.
func Segmentation(an sitrep.Analyzer, gold io.Reader, maxErrors int) (*Report, error) {
	rep := &Report{Task: "sentence segmentation (boundaries)", ByGroup: map[string]Score{}, Extra: map[string]float64{}}
	sc := bufio.NewScanner(gold)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	exact, total := 0, 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c segmentCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("gold line %d: invalid JSON: %v", line, err)
		}
		goldEnds, err := sentenceEnds(c.Text, c.Sentences)
		if err != nil {
			return nil, fmt.Errorf("gold line %d (%s): %v", line, c.ID, err)
		}
		d := an.Analyze(&sitrep.Article{Text: c.Text})
		pred := map[int]bool{}
		for _, s := range d.Sentences {
			if s.End < len(strings.TrimRight(c.Text, " \n\t")) {
				pred[s.End] = true
			}
		}
		var s Score
		for e := range goldEnds {
			if pred[e] {
				s.TP++
			} else {
				s.FN++
			}
		}
		for e := range pred {
			if !goldEnds[e] {
				s.FP++
			}
		}
		rep.Cases++
		g := rep.ByGroup[c.Kind]
		g.TP, g.FP, g.FN = g.TP+s.TP, g.FP+s.FP, g.FN+s.FN
		rep.ByGroup[c.Kind] = g
		rep.Overall.TP += s.TP
		rep.Overall.FP += s.FP
		rep.Overall.FN += s.FN
		total += len(c.Sentences)
		for _, ps := range d.Sentences {
			for _, gs := range c.Sentences {
				if ps.Text == gs {
					exact++
					break
				}
			}
		}
		if (s.FP > 0 || s.FN > 0) && len(rep.Errors) < maxErrors {
			var got []string
			for _, ps := range d.Sentences {
				got = append(got, ps.Text)
			}
			rep.Errors = append(rep.Errors, fmt.Sprintf("%s (%s): got %q", c.ID, c.Kind, got))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if rep.Cases == 0 {
		return nil, fmt.Errorf("gold file has no cases")
	}
	rep.Extra["sentences exactly right (share of gold sentences)"] = ratio(exact, total)
	return rep, nil
}

// sentenceEnds finds each gold sentence in text, in order, and returns the
// offsets where all but the last end.
func sentenceEnds(text string, sents []string) (map[int]bool, error) {
	ends := map[int]bool{}
	pos := 0
	for i, s := range sents {
		k := strings.Index(text[pos:], s)
		if k < 0 {
			return nil, fmt.Errorf("sentence %d %q not found in order in the text", i, clipText(s))
		}
		pos += k + len(s)
		if i < len(sents)-1 {
			ends[pos] = true
		}
	}
	return ends, nil
}

func clipText(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}
