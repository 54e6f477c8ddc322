package nlp

import "strings"

// sentenceRange is a run of tokens [first, last) forming one sentence.
type sentenceRange struct {
	first, last int
	para        int
}

// segment groups tokens into sentences. It reads the token kinds the
// tokenizer assigned and the line breaks between tokens:
//
//   - a blank line always ends a sentence, and so does a single line break
//     unless the text is hard-wrapped (lines continuing in lower case);
//   - ".", "!", "?" and ellipses end a sentence, with any closing quotes and
//     brackets after them, when what follows can start a sentence;
//   - an abbreviation ("U.S.", "a.m.", "Inc.") ends one only before a word
//     that typically opens a sentence ("The", "He", "But"); a title ("Gen.",
//     "Sept.", "No.") never does;
//   - a "?" or "!" inside a quote followed by a lower-case attribution
//     ("Why now?" he asked.) does not end the sentence.
func segment(text string, toks []tok, out []sentenceRange) []sentenceRange {
	if len(toks) == 0 {
		return out
	}
	wrapped := hardWrapped(text, toks)
	para := 0
	start := 0
	for i := 1; i <= len(toks); i++ {
		if i == len(toks) {
			out = append(out, sentenceRange{start, i, para})
			break
		}
		t := toks[i]
		if t.nl > 0 && lineBreakEnds(text, toks, i, wrapped) {
			out = append(out, sentenceRange{start, i, para})
			start = i
			if t.nl > 1 || !wrapped {
				para++
			}
			continue
		}
		if !endsBefore(text, toks, start, i) {
			continue
		}
		out = append(out, sentenceRange{start, i, para})
		start = i
	}
	return out
}

// lineBreakEnds reports whether the line break before token i ends a
// sentence.
func lineBreakEnds(text string, toks []tok, i int, wrapped bool) bool {
	t := toks[i]
	if t.nl > 1 || t.kind == kListMarker {
		return true
	}
	prev := toks[i-1]
	pw := text[prev.start:prev.end]
	if prev.kind == kPunct && pw == ":" {
		return true
	}
	if wrapped {
		return false
	}
	// A stray wrap: the line stops mid-sentence and goes on in lower case.
	if isLower(text[t.start:t.end]) && prev.kind != kTerminal && prev.kind != kCloseQuote {
		return false
	}
	return true
}

// hardWrapped reports whether the text's single line breaks are wrapping
// rather than paragraph ends: many lines stop without final punctuation and
// the next line goes on in lower case.
func hardWrapped(text string, toks []tok) bool {
	breaks, cont := 0, 0
	for i := 1; i < len(toks); i++ {
		if toks[i].nl != 1 {
			continue
		}
		breaks++
		p := toks[i-1].kind
		if p != kTerminal && p != kCloseQuote && isLower(text[toks[i].start:toks[i].end]) {
			cont++
		}
	}
	return breaks >= 4 && cont*5 >= breaks
}

// endsBefore reports whether a sentence that began at token start ends just
// before token i (both on one line).
func endsBefore(text string, toks []tok, start, i int) bool {
	// Walk back over closing quotes and brackets to the terminal.
	j := i - 1
	for j > start && (toks[j].kind == kCloseQuote || toks[j].kind == kCloseBracket) {
		j--
	}
	term := toks[j]
	next := toks[i]
	nw := text[next.start:next.end]
	switch term.kind {
	case kTerminal:
		if j == start {
			return false // a lone "." or "..." opens nothing
		}
		if next.kind == kCloseQuote || next.kind == kCloseBracket || next.kind == kPunct {
			return false
		}
		tw := text[term.start:term.end]
		if tw == "?" || tw == "!" {
			// "Why now?" he asked.
			return !isLower(nw)
		}
		if tw == "." && j > start && toks[j].glued && toks[j-1].kind == kNumber && toks[j-1].end == term.start {
			// "killed 10." is an end; the tokenizer already keeps "3.5" whole.
			return canStart(text, next)
		}
		return canStart(text, next)
	case kAbbrev:
		if j != i-1 {
			// "... in the U.S.” He said
			return canStart(text, next)
		}
		return opensSentence(text, next)
	case kLooseAbbrev:
		if next.kind == kWord {
			w := text[next.start:next.end]
			return isUpper(w) && !timeZones[w]
		}
		return opensSentence(text, next)
	}
	return false
}

// canStart reports whether a token can begin a new sentence after a full
// stop.
func canStart(text string, t tok) bool {
	switch t.kind {
	case kOpenQuote, kOpenBracket, kNumber, kListMarker, kDash:
		return true
	case kTerminal, kCloseQuote, kCloseBracket, kPunct:
		return false
	}
	return !isLower(text[t.start:t.end])
}

// opensSentence reports whether t is a capitalised word that usually opens a
// sentence, the evidence needed to end one after an abbreviation.
func opensSentence(text string, t tok) bool {
	switch t.kind {
	case kOpenQuote, kListMarker, kTitle:
		return true
	case kWord:
		w := text[t.start:t.end]
		return isUpper(w) && sentenceOpeners[strings.ToLower(w)]
	}
	return false
}

var sentenceOpeners = setOf(
	"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his",
	"her", "its", "their", "our", "this", "that", "these", "those", "there",
	"but", "and", "or", "so", "yet", "in", "on", "at", "by", "for", "from",
	"with", "after", "before", "during", "since", "while", "when", "as",
	"if", "although", "though", "however", "meanwhile", "earlier", "later",
	"some", "many", "most", "no", "not", "one", "two", "three", "several",
	"officials", "police", "witnesses", "residents", "authorities", "what",
	"who", "why", "how", "where", "both", "all", "each", "such", "other",
	"last", "on", "until", "under", "over", "about", "among", "instead",
	"still", "also", "then", "now", "today", "yesterday", "asked", "according",
)

// timeZones follow a clock time without starting a sentence.
var timeZones = setOf("GMT", "UTC", "ET", "EST", "EDT", "CET", "CEST", "BST", "PT",
	"PST", "PDT", "CT", "CST", "MT", "IST", "JST", "EAT", "WAT", "CAT", "AST", "MSK", "Moscow", "Eastern", "Pacific", "Central", "Local")
