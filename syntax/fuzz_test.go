package syntax

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzAnalyze feeds the tagger and parser arbitrary words: whatever they
// are, the result is one tree over them.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"Rebels shelled the city on Tuesday .",
		"",
		"!!! ??? ...",
		"a",
		"Аль-Каида \x00 \xff 😀 ١٢٣",
	} {
		f.Add(s)
	}
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "?")
		}
		words := strings.Fields(s)
		if len(words) > 600 {
			words = words[:600]
		}
		var a Analysis
		m.Analyze(words, &a)
		checkTree(t, s, words, a)
	})
}
