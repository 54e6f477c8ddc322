// Package petrarch converts dictionaries in the formats of PETRARCH2 (and
// TABARI before it) into sitrep's: verb patterns into verbs.txt, actors
// with their date restrictions into actors.txt, agents into agents.txt and
// discard phrases into discards.txt. Researchers keep the dictionaries they
// have; what sitrep's formats cannot say is counted and reported, never
// silently dropped.
package petrarch

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sitrep/cameo"
)

// Kind is the kind of a PETRARCH dictionary file.
type Kind string

const (
	Verbs    Kind = "verbs"
	Actors   Kind = "actors"
	Agents   Kind = "agents"
	Discards Kind = "discards"
)

// Stats counts what a conversion did.
type Stats struct {
	Read    int            // entries read
	Written int            // lines written
	Skipped map[string]int // entries not converted, by reason
}

func (s *Stats) skip(reason string) {
	if s.Skipped == nil {
		s.Skipped = map[string]int{}
	}
	s.Skipped[reason]++
}

// String summarises the conversion.
func (s Stats) String() string {
	out := fmt.Sprintf("%d read, %d lines written", s.Read, s.Written)
	var rs []string
	for r := range s.Skipped {
		rs = append(rs, r)
	}
	sort.Strings(rs)
	for _, r := range rs {
		out += fmt.Sprintf("; %d skipped: %s", s.Skipped[r], r)
	}
	return out
}

// Detect tells the kind of a dictionary from its first lines.
func Detect(head string) Kind {
	switch {
	case strings.Contains(head, "VERB PATTERNS") || regexp.MustCompile(`(?m)^---\s+\S.*\[.*\]\s+---`).MatchString(head) ||
		strings.Contains(head, "VERB DICTIONARY") || regexp.MustCompile(`(?m)^&[A-Z_]+\s*$`).MatchString(head):
		return Verbs
	case regexp.MustCompile(`(?m)\[~[A-Z]{3}`).MatchString(head):
		return Agents
	case regexp.MustCompile(`(?m)\[[A-Z]{3,}[^\]]*\]`).MatchString(head):
		return Actors
	}
	return Discards
}

// words turns "BARACK_OBAMA_" into "BARACK OBAMA". A ";" becomes a space:
// sitrep's files use it to separate names.
func words(s string) string {
	s = strings.NewReplacer("_", " ", ";", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// nameCase writes a name PETRARCH gives in capitals the way sitrep's
// dictionaries read it: sitrep takes an all-capital word of up to four
// letters for an acronym that must match exactly ("UN", "IS"), and a
// capitalised word case-insensitively. A name of several words is no
// acronym, so each of its words is capitalised ("BOKO HARAM" becomes "Boko
// Haram", which then also matches "BOKO HARAM"); a one-word name keeps its
// capitals when short ("NATO") and is capitalised otherwise ("TALIBAN").
// Names not all in capitals are left as they are.
func nameCase(n string) string {
	if n == "" || strings.ToUpper(n) != n {
		return n
	}
	ws := strings.Fields(n)
	if len(ws) == 1 && letterCount(n) <= 4 {
		return n
	}
	for i, w := range ws {
		lw := strings.ToLower(w)
		r, size := utf8.DecodeRuneInString(lw)
		ws[i] = string(unicode.ToUpper(r)) + lw[size:]
	}
	return strings.Join(ws, " ")
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func stripComment(s string) string {
	if i := strings.Index(s, "#"); i >= 0 {
		return s[:i]
	}
	return s
}

var codeRe = regexp.MustCompile(`\[([^\]]*)\]`)

// ConvertActors reads an actors file: a name line ("BARACK_OBAMA" or
// "UN_ [IGOUNO]"), synonym lines ("+MR_OBAMA_"), and code lines
// ("\t[USAGOV >090120]", "[IGOUNO 970101-061231]").
func ConvertActors(r io.Reader, w io.Writer) (Stats, error) {
	var st Stats
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# actors.txt converted from a PETRARCH actors dictionary by `sitrep dict import`")
	var names []string
	var codes []string
	flush := func() {
		if len(names) == 0 {
			// Codes with no name before them ("_ [USAGOV]", a stray
			// "[USAGOV]" line) belong to no actor, not to the next one.
			if len(codes) > 0 {
				st.skip("code without an actor name")
			}
			codes = nil
			return
		}
		st.Read++
		if len(codes) == 0 {
			st.skip("actor without a code")
		}
		for _, c := range codes {
			code, dates, ok := actorCode(c)
			if !ok {
				st.skip("unreadable code or dates")
				continue
			}
			fmt.Fprintf(bw, "%s\t%s\t%s\n", code, dates, strings.Join(names, "; "))
			st.Written++
		}
		names, codes = nil, nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		raw := sc.Text()
		line := strings.TrimSpace(stripComment(raw))
		if line == "" {
			continue
		}
		switch {
		case strings.HasPrefix(line, "["):
			for _, m := range codeRe.FindAllStringSubmatch(line, -1) {
				codes = append(codes, m[1])
			}
		case strings.HasPrefix(line, "+"):
			if n := nameCase(words(codeRe.ReplaceAllString(line[1:], ""))); n != "" {
				names = append(names, n)
			}
		default:
			flush()
			if n := nameCase(words(codeRe.ReplaceAllString(line, ""))); n != "" {
				names = append(names, n)
			}
			for _, m := range codeRe.FindAllStringSubmatch(line, -1) {
				codes = append(codes, m[1])
			}
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return st, err
	}
	return st, bw.Flush()
}

// actorCode reads "USAGOV >090120" into a code and sitrep's date range.
func actorCode(s string) (string, string, bool) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return "", "", false
	}
	code := strings.TrimPrefix(f[0], "~")
	if !regexp.MustCompile(`^[A-Z]{3,15}$`).MatchString(code) {
		return "", "", false
	}
	if len(f) == 1 {
		return code, "-", true
	}
	d := f[1]
	var from, to string
	var ok bool
	switch {
	case strings.HasPrefix(d, ">"):
		from, ok = date(d[1:])
	case strings.HasPrefix(d, "<"):
		to, ok = date(d[1:])
	case strings.Contains(d, "-"):
		a, b, _ := strings.Cut(d, "-")
		var ok2 bool
		from, ok = date(a)
		to, ok2 = date(b)
		if ok && ok2 && to < from && len(a) == 6 {
			// Two-digit years before 40 are read as 20xx; a range that
			// would then end before it starts began in the 1900s
			// ("331108-730717": 1933 to 1973).
			from, ok = date("19" + a)
		}
		ok = ok && ok2 && from <= to // sitrep refuses a range that ends before it starts
	}
	if !ok {
		return "", "", false
	}
	return code, from + ".." + to, true
}

// date reads PETRARCH's YYMMDD or YYYYMMDD.
func date(s string) (string, bool) {
	switch len(s) {
	case 6:
		yy := s[:2]
		century := "20"
		if yy >= "40" {
			century = "19"
		}
		s = century + s
	case 8:
	default:
		return "", false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	// A day of the calendar: not month 13, not February 30.
	t, err := time.Parse("20060102", s)
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// ConvertAgents reads an agents file ("FARMER [~AGR]", with "!PERSON!"
// macros defined at the top as "!PERSON! = MAN, MEN, ...").
func ConvertAgents(r io.Reader, w io.Writer) (Stats, error) {
	var st Stats
	macros := map[string][]string{}
	byRole := map[string][]string{}
	var roles []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(stripComment(sc.Text()))
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "!") && strings.Contains(line, "=") {
			name, list, _ := strings.Cut(line, "=")
			for _, v := range strings.Split(list, ",") {
				macros[strings.TrimSpace(name)] = append(macros[strings.TrimSpace(name)], strings.TrimSpace(v))
			}
			continue
		}
		m := codeRe.FindStringSubmatch(line)
		if m == nil {
			st.skip("agent without a code")
			continue
		}
		st.Read++
		role := ""
		if f := strings.Fields(m[1]); len(f) > 0 {
			role = strings.TrimPrefix(f[0], "~")
		}
		if len(role) < 3 || !regexp.MustCompile(`^[A-Z]{3}`).MatchString(role) {
			st.skip("unreadable role")
			continue
		}
		role = role[:3]
		phrase := strings.TrimSpace(codeRe.ReplaceAllString(line, ""))
		phrases, ok := expand(phrase, macros)
		if !ok {
			st.skip("macros expand to too many phrases")
			continue
		}
		for _, p := range phrases {
			n := strings.ToLower(words(p))
			if n == "" {
				continue
			}
			if _, seen := byRole[role]; !seen {
				roles = append(roles, role)
			}
			byRole[role] = append(byRole[role], n)
		}
	}
	if err := sc.Err(); err != nil {
		return st, err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# agents.txt converted from a PETRARCH agents dictionary by `sitrep dict import`")
	for _, role := range roles {
		fmt.Fprintf(bw, "%s\t%s\n", role, strings.Join(dedupe(byRole[role]), "; "))
		st.Written++
	}
	return st, bw.Flush()
}

// maxExpansions bounds the phrases one agent line expands to: each macro
// multiplies them ("!A!!A!!A!..." with ten values each is ten to the
// power of the macros).
const maxExpansions = 10000

// expand replaces each "!MACRO!" in s, left to right, with each of its
// values. A value is not expanded again, so a macro that names itself
// ("!A! = !A!") cannot recurse. It reports false when s expands to more
// than maxExpansions phrases.
func expand(s string, macros map[string][]string) ([]string, bool) {
	i := strings.Index(s, "!")
	if i < 0 {
		return []string{s}, true
	}
	j := strings.Index(s[i+1:], "!")
	if j < 0 {
		return []string{s}, true
	}
	name := s[i : i+j+2]
	vals := macros[name]
	if len(vals) == 0 {
		return nil, true
	}
	rest, ok := expand(s[i+j+2:], macros)
	if !ok || len(vals)*len(rest) > maxExpansions {
		return nil, false
	}
	out := make([]string, 0, len(vals)*len(rest))
	for _, v := range vals {
		for _, r := range rest {
			out = append(out, s[:i]+v+r)
		}
	}
	return out, true
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// ConvertDiscards reads a discards file: one phrase a line.
func ConvertDiscards(r io.Reader, w io.Writer) (Stats, error) {
	var st Stats
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# discards.txt converted from a PETRARCH discards dictionary by `sitrep dict import`")
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(stripComment(sc.Text()))
		if line == "" {
			continue
		}
		st.Read++
		line = codeRe.ReplaceAllString(line, "")
		p := strings.ToLower(words(strings.TrimPrefix(line, "+")))
		if p == "" {
			st.skip("empty phrase")
			continue
		}
		fmt.Fprintln(bw, p)
		st.Written++
	}
	if err := sc.Err(); err != nil {
		return st, err
	}
	return st, bw.Flush()
}

// ConvertVerbs reads a PETRARCH verb dictionary: synsets ("&MILITARY" and
// "+TROOPS" lines), then blocks opened by "--- NAME [code] ---", listing
// the block's verbs and then its patterns ("- * AID [070] # RUSH"), where
// "*" is the verb, "+" the target, "$" the source, "&SET" a synset, and
// "(...)" and "{...}" group words.
func ConvertVerbs(r io.Reader, w io.Writer) (Stats, error) {
	var st Stats
	synsets := map[string][]string{}
	var cur string
	var verbs []string
	var blockCode string
	inPatterns := false
	cb, err := cameo.LoadCodebook()
	if err != nil {
		return st, err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# verbs.txt converted from a PETRARCH verb dictionary by `sitrep dict import`")
	// emit writes a pattern line that sitrep reads back as it is meant:
	// a code of the codebook and a pattern of sitrep's language.
	emit := func(code, pattern string) {
		if _, ok := cb[code]; !ok && code != cameo.Discard {
			st.skip("code not in the CAMEO codebook")
			return
		}
		if _, err := cameo.ParsePattern(code, pattern); err != nil {
			st.skip("words sitrep's pattern language cannot hold")
			return
		}
		fmt.Fprintf(bw, "%s\t%s\n", code, pattern)
		st.Written++
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		raw := sc.Text()
		line := strings.TrimSpace(stripComment(raw))
		if strings.Contains(raw, "VERB PATTERNS") {
			inPatterns = true
			continue
		}
		if line == "" {
			continue
		}
		switch {
		case strings.HasPrefix(line, "---"):
			inPatterns = true
			verbs = nil
			blockCode = ""
			if m := codeRe.FindStringSubmatch(line); m != nil {
				blockCode = normCode(m[1])
			}
			cur = ""
		case !inPatterns && strings.HasPrefix(line, "&"):
			cur = strings.TrimSpace(line)
		case !inPatterns && strings.HasPrefix(line, "+") && cur != "":
			if m := strings.ToLower(strings.Trim(line[1:], "_ ")); m != "" {
				synsets[cur] = append(synsets[cur], m)
			}
		case inPatterns && strings.HasPrefix(line, "- "):
			st.Read++
			m := codeRe.FindStringSubmatch(line)
			if m == nil {
				st.skip("pattern without a code")
				continue
			}
			code := normCode(m[1])
			if code == "" {
				st.skip("unreadable code")
				continue
			}
			body := strings.TrimSpace(codeRe.ReplaceAllString(line[2:], ""))
			rest, ok := patternAfterVerb(body, synsets)
			if !ok {
				st.skip("words before the verb or a source slot (not expressible)")
				continue
			}
			for _, v := range verbs {
				emit(code, strings.TrimSpace(v+" "+rest))
			}
		case inPatterns && !strings.HasPrefix(line, "-") && !strings.HasPrefix(line, "&") && !strings.HasPrefix(line, "+"):
			// A verb of the block: "HURRY {HURRIES HURRYING HURRIED }".
			v := strings.TrimSpace(line)
			if i := strings.Index(v, "{"); i >= 0 {
				v = v[:i]
			}
			v = strings.ToLower(strings.Trim(strings.TrimSpace(v), "_"))
			if v == "" {
				continue
			}
			v = strings.ReplaceAll(v, "_", " ")
			vf := strings.Fields(v)
			head := vf[0]
			if len(vf) > 1 {
				head += " " + strings.Join(vf[1:], " ")
			}
			verbs = append(verbs, head)
			st.Read++
			if blockCode != "" && blockCode != "---" {
				emit(blockCode, head)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return st, err
	}
	return st, bw.Flush()
}

// normCode reads "190", "042:043" (active:passive; the active is kept) or
// "---".
func normCode(s string) string {
	s = strings.TrimSpace(s)
	if s == "---" {
		return "---"
	}
	if i := strings.IndexAny(s, ":"); i >= 0 {
		s = s[:i]
	}
	if len(s) < 2 || len(s) > 4 || strings.Trim(s, "0123456789") != "" {
		return ""
	}
	return s
}

// patternAfterVerb converts what follows "*" in a PETRARCH pattern.
func patternAfterVerb(body string, synsets map[string][]string) (string, bool) {
	body = strings.NewReplacer("(", " ", ")", " ", "{", " ", "}", " ").Replace(body)
	f := strings.Fields(body)
	star := -1
	for i, w := range f {
		if w == "*" {
			star = i
			break
		}
	}
	if star != 0 {
		return "", false
	}
	var out []string
	for _, w := range f[1:] {
		switch {
		case w == "+":
			if strings.Contains(strings.Join(out, " "), "$T") {
				continue
			}
			out = append(out, "$T")
		case w == "$" || w == "%" || w == "*":
			return "", false
		case strings.HasPrefix(w, "&"):
			alts := synsets[w]
			if len(alts) == 0 {
				return "", false
			}
			var clean []string
			for _, a := range alts {
				clean = append(clean, strings.ReplaceAll(a, " ", "_"))
			}
			out = append(out, strings.Join(clean, "|"))
		default:
			w = strings.ToLower(strings.Trim(w, "_"))
			if w == "" || strings.ContainsAny(w, "$()") {
				continue
			}
			out = append(out, w)
		}
	}
	return strings.Join(out, " "), true
}
