package nlp

// Fuzz target for the text layer on arbitrary text. scripts/fuzz.sh runs
// it.

import (
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"sitrep"
)

// watchdog crashes the process, with every goroutine's stack, when one
// fuzz input runs longer than d: the fuzzer then keeps the input as a
// crasher, where a hang would only stall it.
func watchdog(d time.Duration, what string) (stop func() bool) {
	return time.AfterFunc(d, func() {
		debug.SetTraceback("all")
		panic(fmt.Sprintf("%s: input still running after %s", what, d))
	}).Stop
}

var (
	fuzzOnce sync.Once
	fuzzAn   *Analyzer
	fuzzErr  error
)

// tokenSpace is the white space the tokenizer splits on.
func tokenSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }

// FuzzAnalyze runs the text layer on arbitrary text (invalid UTF-8, control
// characters, unbalanced quotes and brackets). Tokens are non-empty, in
// order, read their text and together hold every byte that is not white
// space; sentences are numbered, cover the tokens in order without gaps,
// span their first to last token and read their text; paragraphs count up
// by at most one; every token has a tag and a lemma; Words tokenizes as
// Analyze does; and analyzing again gives the same Doc.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"KYIV, Ukraine (AP) — Russian drones struck. “Why now?” he asked. Gen. Ali said: ‘No.’\n\n- one\n- two\n1. three",
		"U.S.-backed forces — 3.5 km away… “We’ve won,” he said. Assad’s forces doesn't can't 250,000 people, 3.5%",
		"Gen. Smith arrived at 2 a.m. in Sept. 2016... rebel-held Deir ez-Zor--and al-Assad see https://example.org/a.html or press@un.example.org.",
		"the line is hard\nwrapped and goes\non in lower case\nfor several lines\nof text.\n\nNew paragraph.",
		"", " ", "\n\n\n", ".", "...", "…", "“", "”", "'", "\"", "(", ")", "-", "--", "—", "•", "1.", "a)", "'s", "n't",
		"\"\"\"\"", "((((((", "......", "?!?!", "U.S.", "a.m.", "Mr.", "x.y.z.", "’’’’", "-\n-\n-", "* * *",
		"\xff\xfe\xfd", "caf\xe9", "\xc3\x28", "\xed\xa0\x80", "\x00\x01\x02", "\u200b\ufeff\u00a0\u2028\u3000",
		"al-\u00c9l-Sisi", "ŞAM-İ", "ǅungla", "ﬁne", "İstanbul’s", "ΑΘΗΝΑ.", "北京。", "١٢٣ ٤٥",
		strings.Repeat("a ", 300), strings.Repeat("Mr. ", 100), strings.Repeat("“", 100), strings.Repeat("x.", 200),
		strings.Repeat("-", 40) + "\n" + strings.Repeat("=", 40),
		// Plural proper nouns whose lower case is longer or shorter.
		"R\x800ans b!", "The İSTANBULİANS and ȺRMIES. KELVİNS", "The \u212aURDS met.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		defer watchdog(10*time.Second, "FuzzAnalyze")()
		fuzzOnce.Do(func() { fuzzAn, fuzzErr = New() })
		if fuzzErr != nil {
			t.Fatal(fuzzErr)
		}
		d := fuzzAn.Analyze(&sitrep.Article{Text: text})
		checkDoc(t, text, d)

		// Words makes the tokens Analyze does.
		words := Words(text)
		if len(words) != len(d.Tokens) {
			t.Fatalf("%q: Words gives %d tokens, Analyze %d", text, len(words), len(d.Tokens))
		}
		for i, w := range words {
			if w != d.Tokens[i].Text {
				t.Fatalf("%q: Words token %d is %q, Analyze %q", text, i, w, d.Tokens[i].Text)
			}
		}

		// A second analysis, after another text has used the scratch
		// buffers, gives the same Doc.
		fuzzAn.Analyze(&sitrep.Article{Text: "Rebels said. " + text + " “And more,” he added."})
		d2 := fuzzAn.Analyze(&sitrep.Article{Text: text})
		if fmt.Sprint(d.Tokens, d.Sentences) != fmt.Sprint(d2.Tokens, d2.Sentences) {
			t.Fatalf("%q: analyzing again gives another Doc", text)
		}
	})
}

func checkDoc(t *testing.T, text string, d *sitrep.Doc) {
	t.Helper()
	prevEnd := 0
	var nonSpace strings.Builder
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !tokenSpace(r) {
			nonSpace.WriteString(text[i : i+size])
		}
		i += size
	}
	var joined strings.Builder
	for i, tk := range d.Tokens {
		if tk.Start < prevEnd || tk.Start >= tk.End || tk.End > len(text) || text[tk.Start:tk.End] != tk.Text {
			t.Fatalf("%q: token %d %+v is empty, out of order or not its text", text, i, tk)
		}
		if tk.Tag == "" || tk.Lemma == "" {
			t.Fatalf("%q: token %d %+v lacks a tag or a lemma", text, i, tk)
		}
		if strings.ContainsFunc(tk.Text, tokenSpace) && utf8.ValidString(tk.Text) {
			t.Fatalf("%q: token %d %q holds white space", text, i, tk.Text)
		}
		for _, r := range text[prevEnd:tk.Start] {
			if !tokenSpace(r) {
				t.Fatalf("%q: %q before token %d is in no token", text, text[prevEnd:tk.Start], i)
			}
		}
		joined.WriteString(tk.Text)
		prevEnd = tk.End
	}
	if strings.TrimFunc(text[prevEnd:], tokenSpace) != "" {
		t.Fatalf("%q: %q after the last token is in no token", text, text[prevEnd:])
	}
	if joined.String() != nonSpace.String() {
		t.Fatalf("%q: tokens hold %q, the text %q", text, joined.String(), nonSpace.String())
	}
	if len(d.Tokens) > 0 && len(d.Sentences) == 0 {
		t.Fatalf("%q: %d tokens and no sentence", text, len(d.Tokens))
	}
	next, para := 0, 0
	for i, s := range d.Sentences {
		if s.Index != i || s.First != next || s.First >= s.Last || s.Last > len(d.Tokens) {
			t.Fatalf("%q: sentence %d %+v does not follow on at token %d", text, i, s, next)
		}
		next = s.Last
		if s.Start != d.Tokens[s.First].Start || s.End != d.Tokens[s.Last-1].End || text[s.Start:s.End] != s.Text {
			t.Fatalf("%q: sentence %d %+v does not span its tokens", text, i, s)
		}
		if s.Para < para || s.Para > para+1 || (i == 0 && s.Para != 0) {
			t.Fatalf("%q: sentence %d in paragraph %d after paragraph %d", text, i, s.Para, para)
		}
		para = s.Para
		if d.SentenceAt(s.Start) != i || d.SentenceAt(s.End-1) != i {
			t.Fatalf("%q: SentenceAt does not find sentence %d", text, i)
		}
	}
	if next != len(d.Tokens) {
		t.Fatalf("%q: sentences cover %d of %d tokens", text, next, len(d.Tokens))
	}
}
