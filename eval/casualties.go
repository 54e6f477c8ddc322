package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"sitrep"
)

type goldCasualty struct {
	Kind        string  `json:"kind"`
	Best        int     `json:"best"`
	Low         int     `json:"low"`
	High        *int    `json:"high"`
	Victims     *string `json:"victims"`
	Perpetrator *string `json:"perpetrator"`
	Cause       *string `json:"cause"`
	ReportedBy  *string `json:"reported_by"`
	PartOf      *int    `json:"part_of"`
	Background  bool    `json:"background"`
}

type casualtyCase struct {
	ID         string         `json:"id"`
	Form       string         `json:"form"`
	Published  string         `json:"published"`
	Text       string         `json:"text"`
	Casualties []goldCasualty `json:"casualties"`
}

// Casualties scores counted outcomes. A predicted count matches a gold one
// of the same kind and best figure in the same text; the overall row scores
// that matching, and one row per field scores the field: a field is right
// when a matched pair agrees on it, and counts against precision when
// predicted wrongly or for an unmatched count, against recall when the
// gold value is missed. Rows per form score the matching per form.
func Casualties(code CodeFunc, gold io.Reader, maxErrors int) (*Report, error) {
	rep := &Report{Task: "casualties (kind + best count; fields on matched)", ByGroup: map[string]Score{}, Extra: map[string]float64{}}
	fields := []string{"field count range", "field victims", "field perpetrator", "field cause", "field reported_by", "field part_of", "field background"}
	sc := bufio.NewScanner(gold)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	sums, sumsRight := 0, 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c casualtyCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("gold line %d: invalid JSON: %v", line, err)
		}
		pub, err := sitrep.ParseDate(c.Published)
		if err != nil {
			return nil, fmt.Errorf("gold line %d: published: %v", line, err)
		}
		rec := code(sitrep.Article{ID: c.ID, Text: c.Text, Published: pub, Lang: "en"})
		rep.Cases++
		pred := rec.Casualties
		used := make([]bool, len(pred))
		pairOf := map[int]int{} // gold index -> pred index
		var s Score
		for gi, g := range c.Casualties {
			hit := -1
			for pi, p := range pred {
				if !used[pi] && p.Kind == g.Kind && p.Count.Best == g.Best {
					hit = pi
					break
				}
			}
			if hit < 0 {
				s.FN++
				continue
			}
			used[hit] = true
			pairOf[gi] = hit
			s.TP++
		}
		for _, u := range used {
			if !u {
				s.FP++
			}
		}
		rep.Overall.add(s)
		// The article's deaths: every killed count that is neither
		// background nor part of another, summed, as a user totals them.
		gsum, psum := 0, 0
		for _, g := range c.Casualties {
			if g.Kind == "killed" && !g.Background && g.PartOf == nil {
				gsum += g.Best
			}
		}
		for _, p := range pred {
			if p.Kind == "killed" && !p.Background && p.PartOf == nil {
				psum += p.Count.Best
			}
		}
		sums++
		if gsum == psum {
			sumsRight++
		}
		fg := rep.ByGroup["form "+c.Form]
		fg.add(s)
		rep.ByGroup["form "+c.Form] = fg
		// Fields.
		for _, f := range fields {
			var fs Score
			for gi, g := range c.Casualties {
				gv := goldField(f, g)
				pi, ok := pairOf[gi]
				if !ok {
					if gv != "" {
						fs.FN++
					}
					continue
				}
				pv := predField(f, pred[pi], pairOf)
				switch {
				case pv == gv && gv != "":
					fs.TP++
				case pv != gv:
					if pv != "" {
						fs.FP++
					}
					if gv != "" {
						fs.FN++
					}
				}
			}
			for pi, p := range pred {
				if !used[pi] && predField(f, p, pairOf) != "" {
					fs.FP++
				}
			}
			acc := rep.ByGroup[f]
			acc.add(fs)
			rep.ByGroup[f] = acc
		}
		if (s.FP > 0 || s.FN > 0) && len(rep.Errors) < maxErrors {
			var gs, ps []string
			for _, g := range c.Casualties {
				gs = append(gs, fmt.Sprintf("%s %d", g.Kind, g.Best))
			}
			for _, p := range pred {
				ps = append(ps, fmt.Sprintf("%s %d", p.Kind, p.Count.Best))
			}
			rep.Errors = append(rep.Errors, fmt.Sprintf("%s %q\n      gold %v\n      got  %v", c.ID, clipText(c.Text), gs, ps))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if rep.Cases == 0 {
		return nil, fmt.Errorf("gold file has no cases")
	}
	rep.Extra["articles whose summed deaths equal the gold's"] = ratio(sumsRight, sums)
	return rep, nil
}

func goldField(f string, g goldCasualty) string {
	switch f {
	case "field count range":
		return fmt.Sprintf("%d-%s", g.Low, optInt(g.High))
	case "field victims":
		return deref(g.Victims)
	case "field perpetrator":
		return deref(g.Perpetrator)
	case "field cause":
		return deref(g.Cause)
	case "field reported_by":
		return deref(g.ReportedBy)
	case "field part_of":
		return optInt(g.PartOf)
	case "field background":
		if g.Background {
			return "true"
		}
	}
	return ""
}

// predField renders a predicted field; part_of is mapped to gold indices
// through the pairing, so that it compares like with like.
func predField(f string, p sitrep.Casualty, pairOf map[int]int) string {
	switch f {
	case "field count range":
		return fmt.Sprintf("%d-%s", p.Count.Low, optInt(p.Count.High))
	case "field victims":
		return code0(p.Victims)
	case "field perpetrator":
		return code0(p.Perpetrator)
	case "field cause":
		if p.Cause != nil {
			return *p.Cause
		}
	case "field reported_by":
		return code0(p.ReportedBy)
	case "field part_of":
		if p.PartOf != nil {
			for gi, pi := range pairOf {
				if pi == *p.PartOf {
					return fmt.Sprint(gi)
				}
			}
			return "?"
		}
	case "field background":
		if p.Background {
			return "true"
		}
	}
	return ""
}

func optInt(p *int) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}
