package petrarch

// Fuzz target for the PETRARCH2 dictionary importer (`sitrep dict
// import`). scripts/fuzz.sh runs it.

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"sitrep/actors"
	"sitrep/cameo"
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

const (
	seedVerbs = "&MILITARY\n+TROOPS\n+ARMED_FORCES\n\n####### VERB PATTERNS #######\n\n---  ATTACK   [190]  ---\nATTACK\nASSAULT {ASSAULTS ASSAULTED }\n" +
		"- * + WITH &MILITARY                [195]   # ATTACK\n- &MILITARY *                       [154]   # ATTACK\n- * $ WITH                          [190]   # ATTACK\n- * (ON BORDER)                     [---]   # ATTACK\n" +
		"---  MEET   [040:041]  ---\nMEET\nMEET_WITH\n- * + IN {CAPITAL}  [043]\n"
	seedActors   = "BARACK_OBAMA\n+PRESIDENT_OBAMA_\n\t[USAELI 780101-000101]\n\t[USAGOV >090120]\nUN_ [IGOUNO]\n+U.N._\nVLADIMIR_PUTIN [RUSGOV 120507-]\n# comment\n+PUTIN\n"
	seedAgents   = "!PERSON! = MAN, MEN\n!MINIST! = MINISTER, MINISTERS\nFARMER [~AGR]\nCATTLE!PERSON! [~AGR]\nPOLICE_OFFICER [~COP]\nDEFENSE_!MINIST! [~GOVMIL]\n"
	seedDiscards = "+WORLD_CUP\nHEART_ATTACK [---]\n+OSCAR # film\n1914\n"
)

// FuzzConvert runs every converter on arbitrary text. Conversion fails
// only on a line too long to read; the stats count the lines written; and
// what is written is ready for --dict: `sitrep dict check` (the actor and
// verb checkers) finds no problem in it.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		seedVerbs, seedActors, seedAgents, seedDiscards, "", "\n\n", "#", "\xef\xbb\xbf" + seedActors,
		strings.ReplaceAll(seedVerbs, "\n", "\r\n"),
		// Dates and codes sitrep's formats cannot hold.
		"X [USAGOV >161301]\n", "X [USAGOV 200101-190101]\n", "X [USAGOV 000000-]\n", "X [USAGOV 160230]\n", "X [USAGOV <99999999]\n",
		"X [usagov]\n", "X [~USAGOV]\n", "X [USAGOVERNMENTXYZW]\n", ";;; [USAGOV]\n", "_ [USAGOV]\n", "X [USAGOV\n", "X ]USAGOV[\n",
		"[USAGOV]\n+X\n", "+X\n", "X\t[USAGOV]\t[RUSGOV]\n", "ZAHIR_SHAH [AFGGOV 331108-730717]\n", "X [EGYGOV 20121207-20120802]\n",
		// Verb blocks and patterns sitrep's pattern language cannot hold.
		"--- X [99] ---\nFOO\n", "--- X [1999] ---\nFOO\n", "--- X [0000] ---\nFOO\n", "--- X [190] ---\nU.S.A\n- * + [190]\n",
		"--- X [190] ---\n$FOO\n(BAR)\nA|B\n@NOUN\n", "--- X [190] ---\n_\n{ONLY}\n", "&SET\n+\n+$X\n+A(B\n--- X [190] ---\nHIT\n- * &SET [190]\n",
		"--- X [---] ---\nHIT\n- * BALANCE [---]\n", "--- X [190] ---\nHIT\n- * + + [190]\n- * [abc]\n- * []\n- * [190:191:192]\n- *\n",
		"VERB PATTERNS\n- * X [190]\nHIT\n", "&A\n+B\n&A\n+C\n--- [190] ---\nX\n- * &A &B [190]\n",
		// Agents with macros.
		"!A! = !A!\nX!A! [~AGR]\n", "!A! = !B!\n!B! = !A!\nX!A! [~AGR]\n", "!A! = a,b,c,d\n!A!!A!!A!!A! [~AGR]\n", "!A! =\nX!A! [~AGR]\n",
		"X [~ag]\n", "X [~]\n", "X [~AGRI]\n", "!! [~AGR]\n", "X !UNDEFINED! [~AGR]\n", "X; Y [~AGR]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		defer watchdog(10*time.Second, "FuzzConvert")()
		if k := Detect(in); k != Verbs && k != Actors && k != Agents && k != Discards {
			t.Fatalf("Detect = %q", k)
		}
		dir := t.TempDir()
		for _, c := range []struct {
			kind    Kind
			file    string
			convert func(*strings.Reader, *strings.Builder) (Stats, error)
		}{
			{Verbs, cameo.VerbFile, func(r *strings.Reader, w *strings.Builder) (Stats, error) { return ConvertVerbs(r, w) }},
			{Actors, "actors.txt", func(r *strings.Reader, w *strings.Builder) (Stats, error) { return ConvertActors(r, w) }},
			{Agents, "agents.txt", func(r *strings.Reader, w *strings.Builder) (Stats, error) { return ConvertAgents(r, w) }},
			{Discards, cameo.DiscardFile, func(r *strings.Reader, w *strings.Builder) (Stats, error) { return ConvertDiscards(r, w) }},
		} {
			var out strings.Builder
			st, err := c.convert(strings.NewReader(in), &out)
			if err != nil {
				if !errors.Is(err, bufio.ErrTooLong) {
					t.Fatalf("%s: %v", c.kind, err)
				}
				continue
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if !strings.HasPrefix(lines[0], "# ") || !strings.HasSuffix(out.String(), "\n") {
				t.Fatalf("%s: output does not open with its header line or is not whole lines:\n%s", c.kind, out.String())
			}
			if st.Written != len(lines)-1 || st.Read < 0 {
				t.Fatalf("%s: stats %v for %d lines written", c.kind, st, len(lines)-1)
			}
			for reason, n := range st.Skipped {
				if n <= 0 || reason == "" {
					t.Fatalf("%s: stats %v", c.kind, st)
				}
			}
			if err := os.WriteFile(filepath.Join(dir, c.file), []byte(out.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// The code of an entry with no name is written for no actor: not
		// for the next entry.
		if !strings.Contains(in, "QQQXYZ") {
			var out strings.Builder
			if _, err := ConvertActors(strings.NewReader("_ [QQQXYZ]\nNEXT_ACTOR\n"+in), &out); err == nil && strings.Contains(out.String(), "QQQXYZ") {
				t.Fatalf("a nameless code went to another actor:\n%s", out.String())
			}
		}

		// The converted directory is ready for --dict.
		var problems []string
		for _, e := range actors.Check(dir) {
			if !strings.Contains(e.Error(), "no actor dictionary files") {
				problems = append(problems, e.Error())
			}
		}
		for _, e := range cameo.CheckDir(dir) {
			problems = append(problems, e.Error())
		}
		if len(problems) > 0 {
			t.Fatalf("converted dictionaries fail the check:\n%s", strings.Join(problems, "\n"))
		}
	})
}
