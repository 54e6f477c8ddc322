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

// goldTimex is one TIMEX3 annotation: its text, its character offsets
// [start, end) into the document text, its type (DATE, TIME, DURATION,
// SET) and its value.
type goldTimex struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// timexDoc is one line of a TIMEX3 gold file (TimeBank, AQUAINT): the
// document text, its creation time (the publication date, possibly with a
// time of day) and its annotations.
type timexDoc struct {
	ID     string      `json:"id"`
	DCT    string      `json:"dct"`
	Text   string      `json:"text"`
	Timex3 []goldTimex `json:"timex3"`
}

// Times scores temporal expressions against TIMEX3 gold, TempEval-3 style.
// Each document is coded with its creation date as the publication date.
// A predicted mention matches a gold one when their spans overlap
// (lenient; Overall) or are equal (strict), one to one, preferring the
// largest overlap. ByGroup holds "strict", "lenient", "value" (a lenient
// match counts only when the values are equal: value F1), and per gold
// TIMEX3 type rows "type DATE", ... (lenient; a spurious mention is
// counted against the type its value suggests). Extra holds the value
// accuracy over lenient and over strict matches, as TempEval-3 reports
// it. Gold offsets count characters; sitrep's count bytes and are
// converted.
func Times(code CodeFunc, gold io.Reader, maxErrors int) (*Report, error) {
	rep := &Report{Task: "temporal expressions (TIMEX3, lenient span overlap)", ByGroup: map[string]Score{}, Extra: map[string]float64{}}
	var strict, lenient, value Score
	valOK, valStrictOK, strictN := 0, 0, 0
	sc := bufio.NewScanner(gold)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g timexDoc
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("gold line %d: invalid JSON: %v", line, err)
		}
		if g.Text == "" {
			return nil, fmt.Errorf("gold line %d: no text", line)
		}
		dct := g.DCT
		if len(dct) > 10 {
			dct = dct[:10] // "1998-03-22T14:57:00": the day
		}
		pub, err := sitrep.ParseDate(dct)
		if err != nil {
			return nil, fmt.Errorf("gold line %d: dct: %v", line, err)
		}
		rec := code(sitrep.Article{ID: g.ID, Text: g.Text, Published: pub, Lang: "en"})
		rep.Cases++
		toRune := runeIndex(g.Text)
		type span struct{ s, e int }
		pred := make([]span, len(rec.Times))
		for k, t := range rec.Times {
			if t.Start < 0 || t.End > len(g.Text) || t.Start > t.End {
				return nil, fmt.Errorf("%s: time mention %q has offsets [%d, %d) outside the text", g.ID, t.Text, t.Start, t.End)
			}
			pred[k] = span{toRune[t.Start], toRune[t.End]}
		}
		// Match gold to predictions one to one, largest overlap first.
		type pair struct{ gi, pi, ov int }
		var pairs []pair
		for gi, gt := range g.Timex3 {
			for pi, p := range pred {
				if ov := min(gt.End, p.e) - max(gt.Start, p.s); ov > 0 {
					pairs = append(pairs, pair{gi, pi, ov})
				}
			}
		}
		sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].ov > pairs[b].ov })
		gMatch := make([]int, len(g.Timex3))
		pMatch := make([]int, len(pred))
		for k := range gMatch {
			gMatch[k] = -1
		}
		for k := range pMatch {
			pMatch[k] = -1
		}
		for _, p := range pairs {
			if gMatch[p.gi] < 0 && pMatch[p.pi] < 0 {
				gMatch[p.gi], pMatch[p.pi] = p.pi, p.gi
			}
		}
		for gi, gt := range g.Timex3 {
			typ := "type " + gt.Type
			ts := rep.ByGroup[typ]
			pi := gMatch[gi]
			if pi < 0 {
				lenient.FN++
				strict.FN++
				value.FN++
				ts.FN++
				rep.ByGroup[typ] = ts
				if len(rep.Errors) < maxErrors {
					rep.Errors = append(rep.Errors, fmt.Sprintf("%s: missed %s %q = %s", g.ID, gt.Type, gt.Text, gt.Value))
				}
				continue
			}
			ts.TP++
			rep.ByGroup[typ] = ts
			lenient.TP++
			pt := rec.Times[pi]
			same := sameValue(gt.Value, pt.Value)
			exact := pred[pi].s == gt.Start && pred[pi].e == gt.End
			if exact {
				strict.TP++
				strictN++
				if same {
					valStrictOK++
				}
			} else {
				strict.FN++
				strict.FP++
				if len(rep.Errors) < maxErrors {
					rep.Errors = append(rep.Errors, fmt.Sprintf("%s: span of %s %q, got %q", g.ID, gt.Type, gt.Text, pt.Text))
				}
			}
			if same {
				value.TP++
				valOK++
			} else {
				value.FN++
				value.FP++
				if len(rep.Errors) < maxErrors {
					rep.Errors = append(rep.Errors, fmt.Sprintf("%s: %s %q = %s, got %q = %q (dct %s) in %q", g.ID, gt.Type, gt.Text, gt.Value, pt.Text, pt.Value, dct, around(g.Text, gt.Start, gt.End)))
				}
			}
		}
		for pi, t := range rec.Times {
			if pMatch[pi] >= 0 {
				continue
			}
			lenient.FP++
			strict.FP++
			value.FP++
			typ := "type " + timexType(t.Time)
			ts := rep.ByGroup[typ]
			ts.FP++
			rep.ByGroup[typ] = ts
			if len(rep.Errors) < maxErrors {
				rep.Errors = append(rep.Errors, fmt.Sprintf("%s: spurious %q = %q", g.ID, t.Text, t.Value))
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if rep.Cases == 0 {
		return nil, fmt.Errorf("gold file has no documents")
	}
	rep.Overall = lenient
	rep.ByGroup["strict"] = strict
	rep.ByGroup["lenient"] = lenient
	rep.ByGroup["value"] = value
	rep.Extra["value accuracy (lenient matches)"] = ratio(valOK, lenient.TP)
	rep.Extra["value accuracy (strict matches)"] = ratio(valStrictOK, strictN)
	rep.Extra["value F1"] = value.F1()
	rep.Extra["strict F1"] = strict.F1()
	rep.Extra["lenient F1"] = lenient.F1()
	return rep, nil
}

// around is the text near rune offsets [s, e), for error messages.
func around(text string, s, e int) string {
	r := []rune(text)
	lo, hi := max(0, s-60), min(len(r), e+40)
	return strings.ReplaceAll(string(r[lo:hi]), "\n", " ")
}

// sameValue compares TIMEX3 values, ignoring case and the zero padding of
// week numbers, which the gold writes both ways ("2000-W7", "1998-W07").
func sameValue(gold, pred string) bool {
	return strings.EqualFold(padWeek(gold), padWeek(pred))
}

func padWeek(v string) string {
	k := strings.Index(v, "-W")
	if k < 0 || k+3 > len(v) {
		return v
	}
	rest := v[k+2:]
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	if n == 1 {
		return v[:k+2] + "0" + rest
	}
	return v
}

// timexType is the TIMEX3 type a predicted value suggests.
func timexType(t sitrep.Time) string {
	switch {
	case t.Precision == "set":
		return "SET"
	case t.Precision == "duration":
		return "DURATION"
	case strings.Contains(t.Value, "T") && !strings.HasSuffix(t.Value, "_REF"):
		return "TIME"
	}
	return "DATE"
}
