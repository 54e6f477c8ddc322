package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"sitrep"
)

// CodeFunc codes one article; eval calls it for each gold text.
type CodeFunc func(sitrep.Article) sitrep.Record

// goldEvent is one event of sitrep's own gold format.
type goldEvent struct {
	Source   *string `json:"source"`
	Target   *string `json:"target"`
	Cameo    string  `json:"cameo"`
	Modality string  `json:"modality"`
	Claimant *string `json:"claimant"`
}

// eventCase is one line of an events gold file, in either of two formats:
// sitrep's ({"text", "published", "events": [{source, target, cameo,
// modality, claimant}]}) with actor codes, or ConfliBERT's ({"text",
// "raters": {...}}) with source and target text spans and CAMEO roots.
type eventCase struct {
	ID        string                     `json:"id"`
	Form      string                     `json:"form"`
	Published string                     `json:"published"`
	Text      string                     `json:"text"`
	Events    []goldEvent                `json:"events"`
	Raters    map[string]json.RawMessage `json:"raters"`
	// Note is the annotators' note; one starting "[ctx]" marks a sentence
	// whose actors were filled in from the rest of the page.
	Note string `json:"note"`
}

// Events scores event coding. With sitrep gold it matches (source code,
// target code, CAMEO code) triples, (source, target, root) triples, and
// reports modality and claimant agreement on matched triples. With
// ConfliBERT gold, which has spans rather than codes, a predicted event
// matches a gold action when the roots agree and the source and target
// texts overlap the gold spans. Both give root-level scores per sentence
// and a confusion table of roots ("--" for a missed or spurious event).
func Events(code CodeFunc, gold io.Reader, maxErrors int) (*Report, error) {
	rep := &Report{Task: "events", ByGroup: map[string]Score{}, Extra: map[string]float64{}, Confusion: map[[2]string]int{}, Causes: map[string]int{}}
	type caseErr struct {
		cause, text string
	}
	var errs []caseErr
	var roots, rootTriples Score
	modOK, modN, clOK := 0, 0, 0
	sc := bufio.NewScanner(gold)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	conflibert := false
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c eventCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("gold line %d: invalid JSON: %v", line, err)
		}
		if strings.TrimSpace(c.Text) == "" {
			return nil, fmt.Errorf("gold line %d: no text", line)
		}
		pub, err := sitrep.ParseDate(c.Published)
		if err != nil {
			return nil, fmt.Errorf("gold line %d: published: %v", line, err)
		}
		rec := code(sitrep.Article{ID: c.ID, Text: c.Text, Published: pub, Lang: "en"})
		rep.Cases++
		var g []gold1
		if c.Raters != nil {
			conflibert = true
			g, err = confliGold(c.Raters)
			if err != nil {
				return nil, fmt.Errorf("gold line %d: %v", line, err)
			}
		} else {
			for _, e := range c.Events {
				if len(e.Cameo) < 2 {
					return nil, fmt.Errorf("gold line %d: event without a CAMEO code", line)
				}
				g = append(g, gold1{source: deref(e.Source), target: deref(e.Target), cameo: e.Cameo, root: e.Cameo[:2], modality: e.Modality, claimant: deref(e.Claimant), coded: true})
			}
		}
		var p []pred1
		for _, e := range rec.Events {
			p = append(p, pred1{e: e})
		}
		// Full triples.
		var full Score
		matched := map[int]int{}
		if !conflibert {
			full = matchTriples(g, p, false, matched)
			for gi, pi := range matched {
				modN++
				if g[gi].modality == "" || g[gi].modality == p[pi].e.Modality {
					modOK++
				}
				if g[gi].claimant == code0(p[pi].e.Claimant) {
					clOK++
				}
			}
		}
		rt := matchTriples(g, p, true, nil)
		rootTriples.add(rt)
		if !conflibert {
			rep.Overall.add(full)
			if c.Form != "" {
				grp := rep.ByGroup[c.Form]
				grp.add(full)
				rep.ByGroup[c.Form] = grp
			}
			if !strings.HasPrefix(c.Note, "[ctx]") {
				// What a coder reading one sentence at a time can get.
				so := rep.ByGroup["no [ctx] sentences"]
				so.add(full)
				rep.ByGroup["no [ctx] sentences"] = so
			}
		} else {
			rep.Overall.add(rt)
		}
		roots.add(rootSets(g, p))
		confuse(rep.Confusion, g, p)
		if !conflibert {
			byCause := errorCauses(g, p, matched)
			for _, ce := range byCause {
				rep.Causes[ce.cause]++
				errs = append(errs, caseErr{ce.cause, fmt.Sprintf("%-13s %s %q\n      gold %s\n      got  %s", ce.cause+":", c.ID, clipText(c.Text), ce.gold, ce.got)})
			}
		} else if rt.FP+rt.FN > 0 && len(rep.Errors) < maxErrors {
			var gs, ps []string
			for _, x := range g {
				gs = append(gs, x.String())
			}
			for _, x := range p {
				ps = append(ps, x.String())
			}
			rep.Errors = append(rep.Errors, fmt.Sprintf("%s %q\n      gold %v\n      got  %v", c.ID, clipText(c.Text), gs, ps))
		}
	}
	if conflibert {
		rep.Causes = nil
	} else {
		// Errors are listed by cause, the commonest first, so that a reader
		// sees where the losses are before the cases.
		sort.SliceStable(errs, func(i, j int) bool {
			ci, cj := rep.Causes[errs[i].cause], rep.Causes[errs[j].cause]
			if ci != cj {
				return ci > cj
			}
			return errs[i].cause < errs[j].cause
		})
		for _, e := range errs {
			if len(rep.Errors) >= maxErrors {
				break
			}
			rep.Errors = append(rep.Errors, e.text)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if rep.Cases == 0 {
		return nil, fmt.Errorf("gold file has no cases")
	}
	if conflibert {
		rep.Task = "events (ConfliBERT: root + overlapping source/target spans)"
	} else {
		rep.Task = "events (source, target, CAMEO code)"
		rep.Extra["(source, target, root) F1"] = rootTriples.F1()
		if modN > 0 {
			rep.Extra["modality agreement on matched events"] = ratio(modOK, modN)
			rep.Extra["claimant agreement on matched events"] = ratio(clOK, modN)
		}
	}
	rep.Extra["root precision (per sentence)"] = roots.Precision()
	rep.Extra["root recall (per sentence)"] = roots.Recall()
	rep.Extra["root F1 (per sentence)"] = roots.F1()
	return rep, nil
}

// causedError is one gold event not matched, or one predicted event that
// matched nothing, with the likeliest reason.
type causedError struct {
	cause, gold, got string
}

// errorCauses explains each unmatched gold event by the unmatched
// prediction nearest to it: the same source, target and root but another
// code ("wrong code"); the same source and target but another root ("wrong
// root"); the same root and source ("wrong target") or target ("wrong
// source"). A gold event with no such prediction is "missed"; a prediction
// left over is "spurious".
func errorCauses(g []gold1, p []pred1, matched map[int]int) []causedError {
	usedP := make([]bool, len(p))
	for _, pi := range matched {
		usedP[pi] = true
	}
	var out []causedError
	tests := []struct {
		cause string
		ok    func(x gold1, y sitrep.Event) bool
	}{
		{"wrong code", func(x gold1, y sitrep.Event) bool {
			return x.source == code0(y.Source) && x.target == code0(y.Target) && x.root == y.Root
		}},
		{"wrong target", func(x gold1, y sitrep.Event) bool { return x.source == code0(y.Source) && x.root == y.Root }},
		{"wrong source", func(x gold1, y sitrep.Event) bool { return x.target == code0(y.Target) && x.root == y.Root }},
		{"wrong root", func(x gold1, y sitrep.Event) bool {
			return x.source == code0(y.Source) && x.target == code0(y.Target)
		}},
		{"wrong actors", func(x gold1, y sitrep.Event) bool { return x.root == y.Root }},
	}
	cause := make([]string, len(g))
	near := make([]int, len(g))
	for _, t := range tests {
		for gi, x := range g {
			if _, ok := matched[gi]; ok || cause[gi] != "" {
				continue
			}
			for pi, y := range p {
				if !usedP[pi] && t.ok(x, y.e) {
					usedP[pi] = true
					cause[gi], near[gi] = t.cause, pi
					break
				}
			}
		}
	}
	for gi, x := range g {
		if _, ok := matched[gi]; ok {
			continue
		}
		if cause[gi] == "" {
			out = append(out, causedError{"missed", x.String(), "-"})
			continue
		}
		out = append(out, causedError{cause[gi], x.String(), p[near[gi]].String()})
	}
	for pi, y := range p {
		if !usedP[pi] {
			out = append(out, causedError{"spurious", "-", y.String()})
		}
	}
	return out
}

func (s *Score) add(o Score) { s.TP += o.TP; s.FP += o.FP; s.FN += o.FN }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func code0(a *sitrep.Actor) string {
	if a == nil {
		return ""
	}
	return a.Code
}

func text0(a *sitrep.Actor) string {
	if a == nil {
		return ""
	}
	return a.Text
}

type gold1 struct {
	source, target     string // codes, or span texts when !coded
	cameo, root        string
	modality, claimant string
	coded              bool
}

func (g gold1) String() string {
	c := g.cameo
	if c == "" {
		c = g.root
	}
	return fmt.Sprintf("%s -%s-> %s", orNone(g.source), c, orNone(g.target))
}

type pred1 struct{ e sitrep.Event }

func (p pred1) String() string {
	return fmt.Sprintf("%s -%s/%s-> %s", orNone(code0(p.e.Source)), p.e.Cameo, p.e.Modality, orNone(code0(p.e.Target)))
}

func orNone(s string) string {
	if s == "" {
		return "∅"
	}
	return s
}

// matchTriples pairs gold and predicted events one to one.
func matchTriples(g []gold1, p []pred1, rootOnly bool, matched map[int]int) Score {
	used := make([]bool, len(p))
	var s Score
	for gi, x := range g {
		hit := -1
		for pi, y := range p {
			if used[pi] || !sameEvent(x, y, rootOnly) {
				continue
			}
			hit = pi
			break
		}
		if hit < 0 {
			s.FN++
			continue
		}
		used[hit] = true
		s.TP++
		if matched != nil {
			matched[gi] = hit
		}
	}
	for _, u := range used {
		if !u {
			s.FP++
		}
	}
	return s
}

func sameEvent(x gold1, y pred1, rootOnly bool) bool {
	if rootOnly || !x.coded {
		if x.root != y.e.Root {
			return false
		}
	} else if x.cameo != y.e.Cameo {
		return false
	}
	if x.coded {
		return x.source == code0(y.e.Source) && x.target == code0(y.e.Target)
	}
	return spanMatch(x.source, text0(y.e.Source)) && spanMatch(x.target, text0(y.e.Target))
}

// spanMatch compares a gold span with a predicted actor's text: both
// absent, or sharing a content word.
func spanMatch(gold, pred string) bool {
	if gold == "" || pred == "" {
		return gold == pred
	}
	gw := map[string]bool{}
	for _, w := range contentWords(gold) {
		gw[w] = true
	}
	for _, w := range contentWords(pred) {
		if gw[w] {
			return true
		}
	}
	return false
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}]+`)

func contentWords(s string) []string {
	var out []string
	for _, w := range wordRe.FindAllString(strings.ToLower(s), -1) {
		switch w {
		case "the", "a", "an", "of", "and", "s", "in", "on", "for", "to":
			continue
		}
		out = append(out, w)
	}
	return out
}

// rootSets scores the multiset of roots per sentence.
func rootSets(g []gold1, p []pred1) Score {
	count := map[string]int{}
	for _, x := range g {
		count[x.root]++
	}
	var s Score
	for _, y := range p {
		if count[y.e.Root] > 0 {
			count[y.e.Root]--
			s.TP++
		} else {
			s.FP++
		}
	}
	for _, n := range count {
		s.FN += n
	}
	return s
}

// confuse adds a sentence's roots to the confusion table: same roots pair
// first, then the rest in order; leftovers pair with "--".
func confuse(m map[[2]string]int, g []gold1, p []pred1) {
	gr := make([]string, 0, len(g))
	for _, x := range g {
		gr = append(gr, x.root)
	}
	pr := make([]string, 0, len(p))
	for _, y := range p {
		pr = append(pr, y.e.Root)
	}
	usedP := make([]bool, len(pr))
	var restG []string
	for _, r := range gr {
		hit := false
		for k, q := range pr {
			if !usedP[k] && q == r {
				usedP[k] = true
				m[[2]string{r, r}]++
				hit = true
				break
			}
		}
		if !hit {
			restG = append(restG, r)
		}
	}
	var restP []string
	for k, q := range pr {
		if !usedP[k] {
			restP = append(restP, q)
		}
	}
	for len(restG) > 0 && len(restP) > 0 {
		m[[2]string{restG[0], restP[0]}]++
		restG, restP = restG[1:], restP[1:]
	}
	for _, r := range restG {
		m[[2]string{r, "--"}]++
	}
	for _, q := range restP {
		m[[2]string{"--", q}]++
	}
}

// confliRater is one ConfliBERT rater's annotation: Python-literal lists
// of (label, text, offset) entities and a dict of action CAMEO labels.
type confliRater struct {
	Entities  string            `json:"entities"`
	Relations string            `json:"relations"`
	Relevant  string            `json:"relevant"`
	Cameo     map[string]string `json:"cameo"`
}

var (
	entityRe = regexp.MustCompile(`\('(Source|Target|Action)-(\d+)',\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")`)
	actionRe = regexp.MustCompile(`^(\d+)-(\d+)`)
)

// confliGold reads the actions of the most complete rater (the one with
// most CAMEO-labelled actions; the lowest rater id on ties).
func confliGold(raters map[string]json.RawMessage) ([]gold1, error) {
	ids := make([]string, 0, len(raters))
	for id := range raters {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var best []gold1
	for _, id := range ids {
		var r confliRater
		if err := json.Unmarshal(raters[id], &r); err != nil {
			continue
		}
		if strings.Contains(strings.ToLower(r.Relevant), "false") {
			continue
		}
		sources, targets := map[string]string{}, map[string]string{}
		for _, m := range entityRe.FindAllStringSubmatch(r.Entities, -1) {
			txt := m[3]
			if txt == "" {
				txt = m[4]
			}
			switch m[1] {
			case "Source":
				if sources[m[2]] == "" {
					sources[m[2]] = txt
				}
			case "Target":
				if targets[m[2]] == "" {
					targets[m[2]] = txt
				}
			}
		}
		var g []gold1
		keys := make([]string, 0, len(r.Cameo))
		for k := range r.Cameo {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			m := actionRe.FindStringSubmatch(strings.TrimSpace(r.Cameo[k]))
			if m == nil {
				continue
			}
			root := fmt.Sprintf("%02s", m[2])
			if len(root) != 2 {
				continue
			}
			n := strings.TrimPrefix(k, "action")
			g = append(g, gold1{source: sources[n], target: targets[n], root: root})
		}
		if len(g) > len(best) {
			best = g
		}
	}
	return best, nil
}
