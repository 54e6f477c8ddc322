package cameo

// Fuzz targets for the dictionary files this package reads: the verb
// patterns of --dict directories (verbs.txt), discard phrases
// (discards.txt) and the codebook. scripts/fuzz.sh runs them all.

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"reflect"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"sitrep"
	"sitrep/actors"
	"sitrep/nlp"
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
	textOnce sync.Once
	textAn   *nlp.Analyzer
	textDict *actors.Dict
	textErr  error
)

// analyze makes the Doc the coder reads: tokens, tags, lemmas, phrases and
// actors.
func analyze(t *testing.T, text string) *sitrep.Doc {
	t.Helper()
	textOnce.Do(func() {
		if textAn, textErr = nlp.New(); textErr == nil {
			textDict, textErr = actors.Default()
		}
	})
	if textErr != nil {
		t.Fatal(textErr)
	}
	d := textAn.Analyze(&sitrep.Article{ID: "f", Text: text, Published: "2016-10-05"})
	(&actors.Annotator{Dict: textDict}).Annotate(d)
	return d
}

var (
	sourceRe = regexp.MustCompile(`^user/verbs\.txt:([0-9]+)$`)
	errRe    = regexp.MustCompile(`^user/verbs\.txt(?::([0-9]+))?: .+`)
)

// checkSpan wants [start, end) inside text and reading s.
func checkSpan(t *testing.T, what, text, s string, start, end int) {
	t.Helper()
	if start < 0 || start > end || end > len(text) || text[start:end] != s {
		t.Fatalf("%s %q at [%d, %d) is not the text there (text of %d bytes)", what, s, start, end, len(text))
	}
}

// FuzzVerbDict reads a user's verbs.txt and discards.txt and codes a text
// with them. Every bad line is reported with its line number; every
// pattern read is well formed, filed under its head, in weight order,
// names its line, and reads back to itself from its own text; coding never
// panics and gives events whose codes, roots, quad classes and evidence
// agree with the codebook and the text.
func FuzzVerbDict(f *testing.F) {
	text := "Russian warplanes bombed rebel positions near Aleppo on Monday, the army said. " +
		"Turkey and Russia signed an agreement. Police were attacked by gunmen in Lagos. " +
		"The United States says Moscow and Damascus are guilty of war crimes. " +
		"Syrian forces carried out an air strike on the town. Iran called on Iraq to release the prisoners."
	builtin, err := os.ReadFile("data/verbs.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(builtin[:min(len(builtin), 8000)]), "World Cup\n1914 # year\n", text)
	for _, v := range []string{
		"190\tattack $T\n195\tbomb $T\n0231\tcall on $T to release\n057\tsign ... agreement (with) ($T)\n---\tattack of nerves\n",
		"190 attack\n", "@air_strike on $T\t# noun\n195\t@air_strike (on|against) $T\n",
		"190\tbegin|start ... fight\n190\t@assault|@raid on $T\n",
		"", "\n\n#only comments\n   # indented\n", "190\n", "\t\n", "99\tfoo\n", "1999\tbar\n", "190\t$T attack $T\n",
		"190\tattack $T $T\n", "190\t() x\n", "190\tattack (|) $t\n", "190\tattack a||b\n", "190\t@\n", "190\t@@x\n",
		"190\tx_\n", "190\t_\n", "0\tx\n", "01234\tx\n", "-1\tx\n", "+19\tx\n", "---\t...\n", "190\tbomb ... ... ... ... $T\n",
		"190\t\xff\xfe bad utf8\n", "\xef\xbb\xbf190\tattack\n", "190\tattack\r\n195\tbomb\r\n", "190\tATTACK $T\n190\tattack $t\n",
		"190\tattack # comment\n# 190\tignored\n", strings.Repeat("190\tattack $T\n", 40),
	} {
		f.Add(v, "", text)
	}
	f.Add("190\tbomb\n", "russian warplanes\n", text)
	f.Add("190\tbomb\n", "#\n\n\t\n'\n“ ”\n", "“Bombs,” he said. 'x'")
	f.Add("", "", "")
	f.Add("190\tbomb\n", "a "+strings.Repeat("x", 70<<10)+"\n", "A line longer than the scanner holds.")
	f.Fuzz(func(t *testing.T, verbs, discardText, text string) {
		defer watchdog(10*time.Second, "FuzzVerbDict")()
		v := newVerbs()
		errs := v.read(strings.NewReader(verbs), "user/verbs.txt")
		lines := strings.Count(verbs, "\n") + 1
		for _, e := range errs {
			m := errRe.FindStringSubmatch(e.Error())
			if m == nil {
				t.Fatalf("error %q does not name the file", e)
			}
			if n, _ := strconv.Atoi(m[1]); m[1] != "" && (n < 1 || n > lines) {
				t.Fatalf("error %q names line %d of %d", e, n, lines)
			}
		}
		total := 0
		for _, byHead := range []struct {
			m    map[string][]*Pattern
			noun bool
		}{{v.verbs, false}, {v.nouns, true}} {
			for key, ps := range byHead.m {
				for k, p := range ps {
					total++
					checkPattern(t, p, lines)
					if p.Noun != byHead.noun || p.Head[0] != key {
						t.Fatalf("pattern %q filed under %q (noun %v)", p.Text, key, byHead.noun)
					}
					if k > 0 && ps[k-1].weight < p.weight {
						t.Fatalf("patterns under %q are not in weight order", key)
					}
				}
			}
		}
		if total != v.Len() {
			t.Fatalf("Len() = %d, but %d patterns are filed", v.Len(), total)
		}

		ds := discards{}
		if err := ds.load(fstest.MapFS{DiscardFile: {Data: []byte(discardText)}}, "user"); err != nil && !strings.HasPrefix(err.Error(), "user/discards.txt") {
			t.Fatalf("discards error %q does not name the file", err)
		}
		for first, ps := range ds {
			for _, p := range ps {
				if len(p) == 0 || p[0] != first {
					t.Fatalf("discard %q filed under %q", p, first)
				}
			}
		}

		cb, err := LoadCodebook()
		if err != nil {
			t.Fatal(err)
		}
		c := &Coder{Codebook: cb, Verbs: v, discards: ds}
		if err := c.checkCodes(); err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.Contains(line, "is not in the CAMEO codebook") || !strings.HasPrefix(line, "user/verbs.txt:") {
					t.Fatalf("code check error %q", line)
				}
			}
		}
		d := analyze(t, text)
		r := sitrep.NewRecord(*d.Article)
		c.Code(d, &r)
		for _, ev := range r.Events {
			code, ok := cb[ev.Cameo]
			if !ok || ev.Root != code.Root || ev.Root != ev.Cameo[:2] || ev.Quad != QuadClass(ev.Root) || ev.Goldstein != code.Goldstein {
				t.Fatalf("event %+v does not agree with the codebook", ev)
			}
			if ev.Sentence < 0 || ev.Sentence >= len(d.Sentences) {
				t.Fatalf("event in sentence %d of %d", ev.Sentence, len(d.Sentences))
			}
			s := d.Sentences[ev.Sentence]
			checkSpan(t, "evidence", text, ev.Evidence.Text, ev.Evidence.Start, ev.Evidence.End)
			if ev.Evidence.Start < s.Start || ev.Evidence.End > s.End || ev.Evidence.Pattern == "" {
				t.Fatalf("evidence %+v is outside its sentence %+v or names no pattern", ev.Evidence, s)
			}
			if ev.Source == nil && ev.Target == nil {
				t.Fatalf("event %+v has neither source nor target", ev)
			}
			for _, a := range []*sitrep.Actor{ev.Source, ev.Target, ev.Claimant} {
				if a != nil {
					checkSpan(t, "actor", text, a.Text, a.Start, a.End)
				}
			}
		}
	})
}

// checkPattern checks a pattern as read from a file.
func checkPattern(t *testing.T, p *Pattern, lines int) {
	t.Helper()
	m := sourceRe.FindStringSubmatch(p.Source)
	if m == nil {
		t.Fatalf("pattern %q names source %q", p.Text, p.Source)
	}
	if n, _ := strconv.Atoi(m[1]); n < 1 || n > lines {
		t.Fatalf("pattern %q names line %d of %d", p.Text, n, lines)
	}
	if p.Code != Discard && (len(p.Code) < 2 || len(p.Code) > 4 || strings.Trim(p.Code, "0123456789") != "" || QuadClass(p.Code[:2]) == 0) {
		t.Fatalf("pattern %q has code %q", p.Text, p.Code)
	}
	if len(p.Head) == 0 || slices.Contains(p.Head, "") {
		t.Fatalf("pattern %q has no head or an empty head word: %q", p.Text, p.Head)
	}
	targets := 0
	for _, e := range p.Elems {
		n := 0
		if e.Target {
			n++
			targets++
		}
		if e.Gap {
			n++
		}
		if len(e.Alts) > 0 {
			n++
			if len(e.words) != len(e.Alts) {
				t.Fatalf("pattern %q: element %+v has %d word lists for %d alternatives", p.Text, e, len(e.words), len(e.Alts))
			}
			for _, ws := range e.words {
				if len(ws) == 0 || slices.Contains(ws, "") {
					t.Fatalf("pattern %q: element %+v has an empty word", p.Text, e)
				}
			}
		}
		if n != 1 {
			t.Fatalf("pattern %q: element %+v is not exactly one of target, gap, words", p.Text, e)
		}
	}
	if targets > 1 {
		t.Fatalf("pattern %q has %d targets", p.Text, targets)
	}
	// A pattern's text reads back to the same pattern.
	q, err := ParsePattern(p.Code, p.Text)
	if err != nil {
		t.Fatalf("pattern %q does not read back: %v", p.Text, err)
	}
	q.Source = p.Source
	if !reflect.DeepEqual(p, q) {
		t.Fatalf("pattern %q reads back differently:\n%+v\n%+v", p.Text, p, q)
	}
}

// FuzzParsePattern checks one pattern with any code: an error names the
// code or the pattern, a pattern read is well formed and reads back to
// itself.
func FuzzParsePattern(f *testing.F) {
	for _, s := range [][2]string{
		{"190", "attack $T"}, {"0231", "call on $T to release"}, {"---", "kill time"}, {"195", "@air_strike (on|against) $T"},
		{"057", "sign ... agreement (with) ($T)"}, {"19", "fight"}, {"", "x"}, {"1", "x"}, {"21", "x"}, {"00", "x"},
		{"190", ""}, {"190", "   "}, {"190", "$T"}, {"190", "@"}, {"190", "a.b"}, {"190", "x (y"}, {"190", "x ()"},
		{"190", "x $T $t"}, {"190", "x ... ..."}, {"190", "x (a|b_c)"}, {"190", "x a_"}, {"190", "x |"}, {"190", "ÄTTACK $T"},
		{"190", "x \xff"}, {"１９０", "x"}, {"190", "İstanbul"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, code, text string) {
		p, err := ParsePattern(code, text)
		if err != nil {
			if p != nil {
				t.Fatalf("ParsePattern(%q, %q) returned a pattern and %v", code, text, err)
			}
			msg := err.Error()
			if msg != "empty pattern" && !strings.Contains(msg, fmt.Sprintf("code %q", code)) && !strings.Contains(msg, fmt.Sprintf("pattern %q", text)) {
				t.Fatalf("ParsePattern(%q, %q): error %q names neither code nor pattern", code, text, msg)
			}
			return
		}
		if p.Code != code {
			t.Fatalf("code %q became %q", code, p.Code)
		}
		p.Source = "user/verbs.txt:1"
		checkPattern(t, p, 1)
	})
}

// FuzzCodebook checks the codebook reader: an entry read has a code of
// two to four digits, its root, the root's quad class and a Goldstein value
// on the scale; a bad line is an error naming its line.
func FuzzCodebook(f *testing.F) {
	f.Add(codebookTXT[:min(len(codebookTXT), 4000)])
	for _, s := range []string{
		"", "#\n", "\n\n", "190\t-10.0\tASSAULT\tuse conventional military force\n", "19\t-10\t-\tfight\n",
		"1\t0\t-\tx\n", "\t0\t-\tx\n", "190\t-10\t-\n", "190\tx\t-\tx\n", "190\tNaN\t-\tx\n", "190\t+Inf\t-\tx\n",
		"190\t-11\t-\tx\n", "abc\t0\t-\tx\n", "2100\t0\t-\tx\n", "00\t0\t-\tx\n", "190\t1e308\t-\tx\n",
		"190\t0x1p-2\t-\tx\n", "190\t0\t-\tx\t\n", "190 0 - x\n", "\xef\xbb\xbf190\t0\t-\tx\n", "190\t0\t-\tx\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cb, err := parseCodebook(data)
		if err != nil {
			if cb != nil {
				t.Fatalf("codebook and error %v", err)
			}
			if !regexp.MustCompile(`^codebook\.txt(:[0-9]+)?: .`).MatchString(err.Error()) {
				t.Fatalf("error %q does not name its line", err)
			}
			return
		}
		for k, c := range cb {
			if k != c.Code || len(c.Code) < 2 || len(c.Code) > 4 || strings.Trim(c.Code, "0123456789") != "" {
				t.Fatalf("entry %q: code %q", k, c.Code)
			}
			if c.Root != c.Code[:2] || c.Quad != QuadClass(c.Root) || c.Quad < 1 || c.Quad > 4 {
				t.Fatalf("entry %q: root %q, quad %d", k, c.Root, c.Quad)
			}
			if math.IsNaN(c.Goldstein) || c.Goldstein < -10 || c.Goldstein > 10 {
				t.Fatalf("entry %q: Goldstein %v off the scale", k, c.Goldstein)
			}
		}
		if n := bytes.Count(data, []byte("\n")) + 1; len(cb) > n {
			t.Fatalf("%d entries from %d lines", len(cb), n)
		}
	})
}
