package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordInfo holds the hashes of what the tagger and parser read of a word.
type wordInfo struct {
	norm   string // the normalised form
	lower  uint64 // the normalised lower-case form
	form   uint64 // the normalised form with its case
	suf    [4]uint64
	pre    [2]uint64
	shape  uint64
	cap    bool
	digits bool
}

// normalize maps the spellings that vary between the treebanks and news
// text onto one form: curly and straight quotes, the many dashes, ellipses.
func normalize(w string) string {
	switch w {
	case "“", "”", "„", "«", "»", "``", "''", "\"":
		return "\""
	case "‘", "’", "`", "'":
		return "'"
	case "—", "–", "―", "--", "---":
		return "--"
	case "…", "...", "....":
		return "..."
	}
	if strings.ContainsRune(w, '’') {
		w = strings.ReplaceAll(w, "’", "'")
	}
	return w
}

// describe fills wi for word w.
func describe(w string, wi *wordInfo) {
	n := normalize(w)
	wi.norm = n
	lw := strings.ToLower(n)
	wi.form = hashString(n)
	wi.lower = hashString(lw)
	// Suffixes and prefixes count runes, not bytes.
	for k := 1; k <= 4; k++ {
		wi.suf[k-1] = hashString(lastRunes(lw, k)) + uint64(k)
	}
	for k := 1; k <= 2; k++ {
		wi.pre[k-1] = hashString(firstRunes(lw, k)) + uint64(k)
	}
	var shape [16]byte
	ns := 0
	var last byte
	run := 0
	wi.digits = false
	for _, r := range n {
		var c byte
		switch {
		case r >= '0' && r <= '9':
			c = 'd'
			wi.digits = true
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			run++
		} else {
			run = 1
		}
		last = c
		if run <= 2 && ns < len(shape) {
			shape[ns] = c
			ns++
		}
	}
	wi.shape = hashString(string(shape[:ns])) ^ 0x5ba9e
	r, _ := utf8.DecodeRuneInString(n)
	wi.cap = unicode.IsUpper(r)
}

func lastRunes(s string, k int) string {
	i := len(s)
	for ; k > 0 && i > 0; k-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func firstRunes(s string, k int) string {
	i := 0
	for ; k > 0 && i < len(s); k-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}
