package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind classifies a token for the segmenter.
type kind uint8

const (
	kWord kind = iota
	kNumber
	kTerminal   // . ! ? ... …
	kOpenQuote  // “ ‘ and a straight quote that opens
	kCloseQuote // ” ’ and a straight quote that closes
	kOpenBracket
	kCloseBracket
	kDash
	kListMarker  // "1." "2)" "-" "•" "*" at the start of a line
	kAbbrev      // an abbreviation that may also end a sentence: U.S. Inc.
	kLooseAbbrev // a.m., p.m. and months: end a sentence before a capital
	kTitle       // an abbreviation that never ends a sentence: Mr. Gen. Sept. No.
	kPunct       // , ; : and the rest
)

// tok is a token as the tokenizer finds it, before tagging.
type tok struct {
	start, end int
	kind       kind
	nl         int  // newlines in the whitespace before the token
	glued      bool // no whitespace between this token and the one before
}

// tokenize splits text into tokens with byte offsets, Penn Treebank style:
// punctuation and quotes are split from words, clitics are split ("does"
// "n't", "Assad" "’s"), while abbreviations ("U.S.", "Sept."), numbers
// ("250,000", "3.5"), hyphenated words, URLs and e-mail addresses stay whole.
func tokenize(text string, out []tok) []tok {
	n := len(text)
	i := 0
	nl := 0
	lineStart := true
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				i++
				continue
			}
			if c == '\n' {
				nl++
				lineStart = true
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
				i += size
				continue
			}
		}
		j := i
		for j < n {
			c := text[j]
			if c < utf8.RuneSelf {
				if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
				break
			}
			j += size
		}
		first := len(out)
		out = splitChunk(text, i, j, lineStart, out)
		if len(out) > first {
			out[first].nl = nl
			out[first].glued = false
			for k := first + 1; k < len(out); k++ {
				out[k].glued = true
			}
		}
		nl = 0
		lineStart = false
		i = j
	}
	return out
}

// splitChunk splits one whitespace-delimited chunk text[i:j].
func splitChunk(text string, i, j int, lineStart bool, out []tok) []tok {
	if lineStart {
		if k, ok := listMarker(text, i, j); ok {
			out = append(out, tok{start: i, end: k, kind: kListMarker})
			i = k
			if i == j {
				return out
			}
		}
	}
	// Leading punctuation.
	for i < j {
		r, size := utf8.DecodeRuneInString(text[i:j])
		var k kind
		switch r {
		case '"', '“', '‘', '«', '`', '„':
			k = kOpenQuote
		case '\'':
			if i+2 < j && text[i+1] == '\'' {
				// Two apostrophes open a quote, as the New York Times
				// writes it: ''This isn't reform,'' he said.
				out = append(out, tok{start: i, end: i + 2, kind: kOpenQuote})
				i += 2
				continue
			}
			if i+1 < j && isLetter(text[i+1]) && !isClitic(text[i:j]) {
				k = kOpenQuote
			} else if i+1 == j {
				k = kPunct
			} else {
				goto core
			}
		case '(', '[', '{':
			k = kOpenBracket
		case '—', '–', '―':
			k = kDash
		case '-':
			if strings.HasPrefix(text[i:j], "--") {
				out = append(out, tok{start: i, end: i + 2, kind: kDash})
				i += 2
				continue
			}
			if i+1 == j {
				k = kDash
			} else {
				goto core
			}
		case '…':
			k = kTerminal
		case ',', ';', ':', '!', '?', '.', '*', '•', '/':
			if r == '.' && i+1 < j && isDigit(text[i+1]) {
				goto core // ".5"
			}
			if r == '.' && strings.HasPrefix(text[i:j], "...") {
				out = append(out, tok{start: i, end: i + 3, kind: kTerminal})
				i += 3
				continue
			}
			if r == '!' || r == '?' || r == '.' {
				k = kTerminal
			} else {
				k = kPunct
			}
		default:
			goto core
		}
		out = append(out, tok{start: i, end: i + size, kind: k})
		i += size
	}
core:
	if i >= j {
		return out
	}
	// Trailing punctuation, collected from the end.
	var tail [16]tok
	nt := 0
	for j > i && nt < len(tail) {
		r, size := utf8.DecodeLastRuneInString(text[i:j])
		var k kind
		switch r {
		case '"', '”', '»':
			k = kCloseQuote
		case '’', '\'':
			// "rebels’" is a possessive; "said.’" a closing quote. Either way
			// it is split off; the tagger tells POS from a quote.
			k = kCloseQuote
			if r == '\'' && j-2 > i && text[j-2] == '\'' {
				size = 2 // two apostrophes close a quote: reform,''
			}
		case ')', ']', '}':
			k = kCloseBracket
		case ',', ';', ':':
			k = kPunct
		case '!', '?', '…':
			k = kTerminal
		case '—', '–', '―':
			k = kDash
		case '.':
			if strings.HasSuffix(text[i:j], "...") && j-3 > i {
				tail[nt] = tok{start: j - 3, end: j, kind: kTerminal}
				nt++
				j -= 3
				continue
			}
			if ak := abbrevKind(text[i:j]); ak != 0 {
				goto done
			}
			k = kTerminal
		default:
			goto done
		}
		tail[nt] = tok{start: j - size, end: j, kind: k}
		nt++
		j -= size
	}
done:
	if i < j {
		out = splitCore(text, i, j, out)
	}
	for k := nt - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

// splitCore splits what is left of a chunk once outer punctuation is off:
// dashes between words and clitics.
func splitCore(text string, i, j int, out []tok) []tok {
	for k := i; k < j; {
		r, size := utf8.DecodeRuneInString(text[k:j])
		dash := r == '—' || r == '―' || (r == '–' && k > i) || (r == '-' && k+1 < j && text[k+1] == '-')
		if dash {
			if r == '-' {
				size = 2
			}
			if k > i {
				out = splitCore(text, i, k, out)
			}
			out = append(out, tok{start: k, end: k + size, kind: kDash})
			i = k + size
			k = i
			continue
		}
		if r == '"' || r == '“' || r == '”' {
			// A quote glued inside a chunk: `said,“We` or `“war”-like`.
			if k > i {
				out = splitCore(text, i, k, out)
			}
			qk := kCloseQuote
			if r == '“' || (r == '"' && k+size < j && isLetter(text[k+size])) {
				qk = kOpenQuote
			}
			out = append(out, tok{start: k, end: k + size, kind: qk})
			i = k + size
			k = i
			continue
		}
		k += size
	}
	if i >= j {
		return out
	}
	if c := cliticStart(text[i:j]); c > 0 {
		out = append(out, tok{start: i, end: i + c, kind: wordKind(text[i : i+c])})
		out = append(out, tok{start: i + c, end: j, kind: kWord})
		return out
	}
	k := wordKind(text[i:j])
	if ak := abbrevKind(text[i:j]); ak != 0 {
		k = ak
	}
	return append(out, tok{start: i, end: j, kind: k})
}

// cliticStart returns where a clitic begins in w ("doesn't" -> 4 for "n't",
// "Assad’s" -> 5, "cannot" -> 3), or 0 when w has none.
func cliticStart(w string) int {
	// "cannot" is "can" "not", as the treebanks write it.
	if len(w) == 6 && strings.EqualFold(w, "cannot") {
		return 3
	}
	for _, suf := range clitics {
		if len(w) > len(suf) && hasSuffixFold(w, suf) {
			c := len(w) - len(suf)
			if suf[0] == 'n' && c == 0 {
				return 0
			}
			return c
		}
	}
	return 0
}

var clitics = []string{"n't", "n’t", "'s", "’s", "'ve", "’ve", "'re", "’re", "'ll", "’ll", "'d", "’d", "'m", "’m"}

func isClitic(w string) bool {
	for _, suf := range clitics {
		if strings.EqualFold(w, suf) {
			return true
		}
	}
	return false
}

func hasSuffixFold(s, suf string) bool {
	return len(s) >= len(suf) && strings.EqualFold(s[len(s)-len(suf):], suf)
}

// listMarker reports whether a chunk starting a line begins with a list
// marker, and where the marker ends.
func listMarker(text string, i, j int) (int, bool) {
	c := text[i]
	if c == '-' || c == '*' {
		if i+1 == j {
			return i + 1, true
		}
		return 0, false
	}
	if strings.HasPrefix(text[i:j], "•") || strings.HasPrefix(text[i:j], "▪") || strings.HasPrefix(text[i:j], "◦") {
		return i + len("•"), true
	}
	k := i
	for k < j && k-i < 3 && isDigit(text[k]) {
		k++
	}
	if k == i && k < j && c >= 'a' && c <= 'z' && k+1 < j {
		k++ // "a)" "b."
	}
	if k > i && k+1 == j && (text[k] == '.' || text[k] == ')') {
		return j, true
	}
	return 0, false
}

func wordKind(w string) kind {
	if w != "" && (isDigit(w[0]) || (len(w) > 1 && (w[0] == '.' || w[0] == '-' || w[0] == '+' || w[0] == '$' || w[0] == '#') && isDigit(w[1]))) {
		return kNumber
	}
	return kWord
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' || c >= utf8.RuneSelf }
func isUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
func isLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// abbrevKind says whether w, which ends in a period, is an abbreviation that
// keeps its period, and whether it can end a sentence.
func abbrevKind(w string) kind {
	if len(w) < 2 || w[len(w)-1] != '.' {
		return 0
	}
	stem := w[:len(w)-1]
	if titleAbbrevs[stem] || titleAbbrevs[titleCase(stem)] && isUpper(stem) {
		return kTitle
	}
	if looseAbbrevs[strings.ToLower(stem)] || looseAbbrevs[titleCase(stem)] && isUpper(stem) {
		return kLooseAbbrev
	}
	if endAbbrevs[stem] || endAbbrevs[strings.ToLower(stem)] {
		return kAbbrev
	}
	// Initials and dotted abbreviations: "F." "U.S." "a.m." "J.R.R."
	letters, dots := 0, 0
	for k := 0; k < len(w); {
		r, size := utf8.DecodeRuneInString(w[k:])
		switch {
		case r == '.':
			if letters == dots {
				return 0
			}
			dots++
		case unicode.IsLetter(r):
			if letters != dots {
				return 0
			}
			letters++
		default:
			return 0
		}
		k += size
	}
	if letters == 1 && !isUpper(w) {
		return 0
	}
	return kAbbrev
}

// titleCase returns s with only its first letter upper-case: "ST" -> "St".
func titleCase(s string) string {
	if len(s) < 2 {
		return s
	}
	return s[:1] + strings.ToLower(s[1:])
}

// looseAbbrevs end a sentence before any capitalised word: clock times and
// months ("after 8 p.m. Counting began", "a vote in Feb. Rights groups"),
// while "Sept. 11" and "2 a.m. local time" go on.
var looseAbbrevs = setOf("a.m", "p.m", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
	"Sep", "Sept", "Oct", "Nov", "Dec")

// titleAbbrevs come before a name or number and do not end sentences.
var titleAbbrevs = setOf(
	"Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt",
	"Cpl", "Pvt", "Adm", "Cmdr", "Cdr", "Gov", "Sen", "Sens", "Rep", "Reps",
	"Rev", "St", "Hon", "Pres", "Supt", "Insp", "Det", "Amb", "Messrs", "Mt",
	"Ft", "No", "Nos", "vs", "incl", "Incl", "approx", "Fig", "fig", "Vol",
	"vol", "Gov", "Brig", "Lieut", "Atty", "Sec", "Secy", "Pte", "Fr", "Sr",
	"Sra", "Mme", "Mlle", "Cllr", "Dep", "Insp", "Cmdt", "ca", "cf", "viz",
)

// endAbbrevs may end a sentence as well as stand inside one.
var endAbbrevs = setOf(
	"Inc", "Co", "Corp", "Ltd", "Bros", "Dept", "Est", "etc", "Jr", "Univ",
	"Assn", "Ave", "Blvd", "Rd", "al", "Ala", "Ariz", "Ark", "Calif", "Colo",
	"Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass",
	"Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
	"Tenn", "Va", "Vt", "Wash", "Wis", "Wyo", "plc", "Gov't", "Govt", "mln",
	"bln", "sq", "km", "yr", "yrs", "hr", "hrs", "min", "mins",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
