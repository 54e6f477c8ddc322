package nlp

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"unicode/utf8"
)

//go:embed data/irregular.tsv
var irregularTSV []byte

// lemmatizer maps an inflected word and its Penn tag to its lemma: first
// through a table of irregular and ambiguous forms, then by suffix rules.
type lemmatizer struct {
	verbs, nouns, adjs, prons, others map[string]string
}

func newLemmatizer() (*lemmatizer, error) {
	l := &lemmatizer{
		verbs: map[string]string{}, nouns: map[string]string{},
		adjs: map[string]string{}, prons: map[string]string{}, others: map[string]string{},
	}
	sc := bufio.NewScanner(bytes.NewReader(irregularTSV))
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 3 || f[0] == "" || f[1] == "" {
			return nil, fmt.Errorf("irregular.tsv:%d: want form<TAB>lemma<TAB>class", line)
		}
		var m map[string]string
		switch f[2] {
		case "V":
			m = l.verbs
		case "N":
			m = l.nouns
		case "A":
			m = l.adjs
		case "P":
			m = l.prons
		case "O":
			m = l.others
		default:
			return nil, fmt.Errorf("irregular.tsv:%d: unknown class %q", line, f[2])
		}
		m[f[0]] = f[1]
	}
	return l, sc.Err()
}

// lemma returns the lemma of word tagged tag. Proper nouns keep their case;
// everything else is lower-cased. Lemmas follow Universal Dependencies'
// English treebanks: object pronouns give the subject form ("them" ->
// "they"), possessive and reflexive pronouns are their own lemmas ("my",
// "themselves"), "more" and "most" are their own, clitics give the word they
// stand for ("n't" -> "not", "'s" -> "be" or, as a possessive, "'s").
func (l *lemmatizer) lemma(word, tag string) string {
	switch tag {
	case "NNP":
		return word
	case "NNPS":
		if s := l.noun(word); s != "" {
			return s
		}
		return word
	}
	w := lower(word)
	if c, ok := cliticLemmas[strings.ReplaceAll(w, "’", "'")]; ok {
		switch {
		case (w == "'s" || w == "’s") && tag == "POS":
			return "'s"
		case (w == "'s" || w == "’s") && tag == "PRP":
			return "we" // let's
		case (w == "'d" || w == "’d") && tag == "VBD":
			return "have" // I'd gone
		}
		return c
	}
	if c, ok := informalClitics[w+" "+tag]; ok {
		return c
	}
	switch tag {
	case "NNS":
		if strings.ContainsAny(w, "0123456789") {
			return w // "1980s", "20s"
		}
		if s := l.noun(w); s != "" {
			return s
		}
		return w
	case "VBD", "VBN", "VBG", "VBZ", "VBP", "VB":
		if s, ok := l.verbs[w]; ok {
			return s
		}
		switch tag {
		case "VBD", "VBN":
			return verbStem(w, "ed")
		case "VBG":
			return verbStem(w, "ing")
		case "VBZ":
			return sStem(w)
		}
		return w
	case "JJR", "JJS", "RBR", "RBS":
		if (tag == "RBR" || tag == "RBS") && (w == "better" || w == "best") {
			return "well" // "she sings better"
		}
		if s, ok := l.adjs[w]; ok {
			return s
		}
		switch {
		case w == "more" || w == "most" || w == "less" || w == "least":
			return w
		case tag == "JJR" || tag == "RBR":
			return verbStem(w, "er")
		}
		return verbStem(w, "est")
	case "PRP", "WP":
		if s, ok := l.prons[w]; ok {
			return s
		}
		return w
	case "PRP$", "WP$":
		return w // "my", "their", "whose" are lemmas in UD
	case "CD":
		return number(w)
	}
	if s, ok := l.others[w]; ok {
		return s
	}
	switch w {
	case "–", "‒":
		return "-"
	case "“", "”", "„", "‟":
		return "\""
	}
	return w
}

// informalClitics are clitics and contractions written without their
// apostrophe or cut short, as web text writes them ("dont" is split into
// "do" + "nt", "im" into "i" + "m", "gonna" into "gon" + "na"), keyed by
// form and Penn tag.
var informalClitics = map[string]string{
	"nt RB": "not", "s VBZ": "be", "s POS": "'s", "s PRP": "we", "`s VBZ": "be",
	"m VBP": "be", "re VBP": "be", "r VBP": "be", "ve VBP": "have", "ve VB": "have",
	"ll MD": "will", "d MD": "would", "u PRP": "you", "ur PRP$": "your",
	"na TO": "to", "ta TO": "to", "gon VBG": "go", "wan VBP": "want", "wan VB": "want",
	"' POS": "'s", "’ POS": "'s",
}

// number is the lemma of a cardinal: digits lose their thousands commas
// ("200,000" -> "200000"), and the abbreviations of web text are spelled
// out ("5m", tokenized "5" + "m", -> "million").
func number(w string) string {
	switch w {
	case "k":
		return "thousand"
	case "m", "mn", "mln":
		return "million"
	case "b", "bn", "bln":
		return "billion"
	}
	if strings.IndexByte(w, ',') > 0 {
		for i := 0; i < len(w); i++ {
			if c := w[i]; c != ',' && c != '.' && (c < '0' || c > '9') {
				return w
			}
		}
		return strings.ReplaceAll(w, ",", "")
	}
	return w
}

// cliticLemmas are the lemmas of the clitics the tokenizer splits off.
var cliticLemmas = map[string]string{
	"n't": "not", "'ve": "have", "'re": "be", "'ll": "will", "'m": "be",
	"'d": "would", "'s": "be", "ca": "can", "wo": "will",
}

func (l *lemmatizer) noun(w string) string {
	lw := lower(w)
	if s, ok := l.nouns[lw]; ok {
		return s
	}
	// "gunmen", "policemen", "militiamen", "servicemen".
	if len(lw) > 4 && strings.HasSuffix(lw, "men") && !notMenPlural[lw] {
		if w != lw {
			return w[:len(w)-2] + "an"
		}
		return lw[:len(lw)-2] + "an"
	}
	s := sStem(lw)
	if s == lw {
		return ""
	}
	if w != lw { // NNPS: "Russians" -> "Russian"
		if len(lw) != len(w) || !utf8.ValidString(w[:len(s)]) {
			// Lower-casing changed the length (invalid UTF-8, "İ" or
			// "Ⱥ"): the stem's length does not measure w.
			return ""
		}
		return w[:len(s)]
	}
	return s
}

var notMenPlural = map[string]bool{"specimen": true, "regimen": true, "abdomen": true,
	"stamen": true, "acumen": true, "omen": true, "hymen": true, "semen": true, "yemen": true}

// sStem strips a plural or third-person -s.
func sStem(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") ||
		strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "zzes")):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "oes"):
		return w[:n-2]
	case n > 3 && w[n-1] == 's' && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "'s") && !strings.HasSuffix(w, "’s"):
		return w[:n-1]
	}
	return w
}

// verbStem strips a suffix (-ed, -ing, -er, -est) and repairs the stem:
// "-ied" -> "-y", a doubled final consonant is undone ("stopped" -> "stop")
// unless it belongs to the word ("killed"), and a silent -e is restored
// where English spelling needs it ("seized" -> "seize", "making" -> "make").
func verbStem(w, suf string) string {
	if len(w) <= len(suf)+1 || !strings.HasSuffix(w, suf) {
		return w
	}
	s := w[:len(w)-len(suf)]
	n := len(s)
	if suf != "ing" && s[n-1] == 'i' && n > 1 && !isVowel(s[n-2]) {
		return s[:n-1] + "y" // carried, earliest
	}
	if suf != "ing" && s[n-1] == 'e' && suf != "ed" {
		return s
	}
	if suf == "ed" && s[n-1] == 'e' {
		return s // freed, agreed (the table has the rest)
	}
	if n >= 3 && s[n-1] == s[n-2] && !isVowel(s[n-1]) {
		switch s[n-1] {
		case 'l', 's', 'z', 'f':
			return s // killed, shelled, pressed
		}
		return s[:n-1] // stopped, planned, bigger
	}
	if needsE(s) {
		return s + "e"
	}
	return s
}

// needsE reports whether a stem left by stripping -ed/-ing/-er/-est needs its
// silent e back.
func needsE(s string) bool {
	n := len(s)
	if n < 2 {
		return false
	}
	last, prev := s[n-1], s[n-2]
	switch last {
	case 'v', 'z', 'c':
		return last != 'c' || prev != 'i' || n > 3 // moved, seized, forced
	case 'u':
		return true // argued, continued
	case 'g':
		if prev == 'n' && n == 4 && s[1] == 'a' {
			return false // hanged, banged
		}
		if isVowel(prev) && (n >= 5 || prev == 'a' && n >= 4) {
			return true // besieged, damaged, managed
		}
		if prev == 'd' || (!isVowel(prev) && prev != 'n' && prev != 'g') {
			return true // judged, charged
		}
		if prev == 'n' && n >= 3 && (s[n-3] == 'a' || s[n-3] == 'e') {
			return true // changed, challenged
		}
	case 'l':
		if !isVowel(prev) && prev != 'l' && prev != 'r' && prev != 'w' {
			return true // tackled, settled
		}
	case 's':
		if strings.HasSuffix(s, "bias") {
			return false // biased
		}
		if prev == 'y' || prev == 'r' || prev == 'n' || prev == 'p' || prev == 'l' {
			return true // analysed, nursed, condensed, collapsed, pulsed
		}
		if isVowel(prev) && n >= 3 && (isVowel(s[n-3]) || prev != 'u' && prev != 'a' && prev != 'i') {
			return true // raised, caused, closed, proposed
		}
		if prev == 'u' || prev == 'i' {
			return true // used, accused, promised
		}
		if prev == 'a' && n >= 4 && !isVowel(s[n-3]) {
			return true // purchased, chased, phased
		}
	case 't':
		if prev == 'a' && n >= 4 && !isVowel(s[n-3]) {
			return true // stated, negotiated, escalated
		}
		if prev == 'a' && n >= 4 && (s[n-3] == 'i' || s[n-3] == 'u') {
			return true // negotiated, evacuated
		}
		if prev == 'u' && n >= 4 && !isVowel(s[n-3]) {
			return true // executed, distributed
		}
		if strings.HasSuffix(s, "creat") || strings.HasSuffix(s, "quot") || strings.HasSuffix(s, "mot") ||
			strings.HasSuffix(s, "evot") || strings.HasSuffix(s, "enot") {
			return true // created, quoted, promoted, devoted, denoted
		}
	case 'd':
		if (prev == 'i' || prev == 'o' || prev == 'u') && n >= 3 && !isVowel(s[n-3]) {
			return true // decided, exploded, included
		}
	case 'n':
		if prev == 'i' && n > 4 && !isVowel(s[n-3]) {
			return true // combined, declined, determined
		}
	case 'r':
		if (prev == 'u' || prev == 'i' || prev == 'a') && n >= 3 && !isVowel(s[n-3]) {
			return true // secured, declared
		}
		if strings.HasSuffix(s, "quir") {
			return true // required, acquired, inquired
		}
	case 'k':
		if prev == 'o' && n >= 3 && !isVowel(s[n-3]) {
			return true // provoked, invoked
		}
	case 'm':
		if strings.HasSuffix(s, "sum") {
			return true // assumed, consumed, resumed, presumed
		}
	case 'b':
		if prev == 'i' && n >= 3 && !isVowel(s[n-3]) {
			return true // described
		}
	case 'p':
		if prev == 'a' && n >= 3 && !isVowel(s[n-3]) {
			return true // escaped, shaped
		}
	}
	// One syllable ending consonant-vowel-consonant: "vot" -> vote.
	if isCVC(s) {
		return true
	}
	return false
}

// isCVC reports whether s is one syllable ending in a single short vowel and
// a single consonant other than w, x, y: "mak", "us", "fir".
func isCVC(s string) bool {
	n := len(s)
	last := s[n-1]
	if isVowel(last) || last == 'w' || last == 'x' || last == 'y' {
		return false
	}
	if !isVowel(s[n-2]) {
		return false
	}
	if n >= 3 && isVowel(s[n-3]) {
		return false
	}
	for k := 0; k < n-2; k++ {
		if isVowel(s[k]) {
			return false
		}
	}
	return n <= 4
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// lower lower-cases ASCII without allocating when there is nothing to do.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}
