package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxDerivedTitle is the longest derived title, in characters, before the
// closing bracket; a longer first sentence is cut at a word and ends in "…".
const maxDerivedTitle = 100

// leadDatelineRe matches a wire dateline opening a text, dated or not:
// "DONETSK, Ukraine (AP) — ", "MOSCOW, Oct. 5, 2016 (Reuters) - ".
var leadDatelineRe = regexp.MustCompile(`^[A-Z][A-Z .'’-]{1,40}(?:, [A-Za-z .'’-]{2,30})?(?:, [A-Za-z]{3,9}\.? \d{1,2},? \d{4}|, \d{1,2} [A-Za-z]{3,9} \d{4})?\s*(?:\([^)]{1,40}\))?\s*(?:—|–|-{1,2})\s*`)

// titleAbbrevs end in a period without ending the sentence.
var titleAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true, "col": true,
	"maj": true, "capt": true, "sgt": true, "gov": true, "sen": true, "rep": true, "st": true, "jr": true,
	"sr": true, "no": true, "vs": true, "jan": true, "feb": true, "mar": true, "apr": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "inc": true, "co": true, "corp": true,
}

// derivedTitle makes a title for an article whose input gave none: the
// first sentence of its first paragraph, without a wire dateline, in
// square brackets. The brackets mark it as supplied by sitrep rather than
// by the source, as library catalogues mark a title they devised; they
// keep the mark through the store, the exports, the API and the dashboard.
// It returns "" for a text with no words.
func derivedTitle(text string) string {
	var first string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			first = line
			break
		}
	}
	if rest := leadDatelineRe.ReplaceAllString(first, ""); strings.IndexFunc(rest, unicode.IsLetter) >= 0 {
		first = rest
	}
	first = strings.Join(strings.Fields(firstSentence(first)), " ")
	if strings.IndexFunc(first, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return ""
	}
	if utf8.RuneCountInString(first) > maxDerivedTitle {
		r := []rune(first)[:maxDerivedTitle]
		cut := string(r)
		if i := strings.LastIndexByte(cut, ' '); i > maxDerivedTitle/2 {
			cut = cut[:i]
		}
		first = strings.TrimRight(cut, " ,;:—–-") + "…"
	}
	return "[" + first + "]"
}

// firstSentence returns s up to the end of its first sentence: a ".", "!"
// or "?" (and closing quotes) before a space and a capital or a quote,
// where the word before a period is not an initial or a usual abbreviation.
func firstSentence(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(s) && strings.ContainsRune(`"')`, rune(s[end])) {
			end++
		}
		if strings.HasPrefix(s[end:], "”") || strings.HasPrefix(s[end:], "’") {
			end += len("”")
		}
		if end >= len(s) {
			return s
		}
		if s[end] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[end:], " "))
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && next != '"' && next != '“' {
			continue
		}
		if c == '.' {
			word := s[strings.LastIndexAny(s[:i], " (\"“")+1 : i]
			if utf8.RuneCountInString(word) == 1 || titleAbbrevs[strings.ToLower(word)] || strings.Contains(word, ".") {
				continue
			}
		}
		return s[:end]
	}
	return s
}
