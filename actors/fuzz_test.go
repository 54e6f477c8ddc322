package actors

// Fuzz target for the actor dictionary files of --dict directories
// (countries.txt, actors.txt, agents.txt) and for the annotator reading a
// text with what they hold. scripts/fuzz.sh runs it.

import (
	"fmt"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep"
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

// baseDict stands for the built-in dictionaries a user's files add to (the
// real ones take too long to load for every input).
var baseDict = map[string]string{
	"countries.txt": "SYR\tSyria; Syrian Arab Republic\tSyrian; Syrians\tDamascus\n" +
		"RUS\tRussia; Russian Federation\tRussian; Russians\tMoscow; the Kremlin; Defence Ministry=MIL\n" +
		"USA\tUnited States; U.S.; US; the United States of America\tAmerican; Americans; US; U.S.\tWashington; the White House; the Pentagon=MIL\n" +
		"AFG\tAfghanistan\tAfghan; Afghans\tKabul\n",
	"actors.txt": "USAGOV\t2009-01-20..2017-01-20\tBarack Obama; Obama\nRUSGOV\t2012-05-07..\tVladimir Putin; Putin\n" +
		"IGOUNO\t-\tUnited Nations; UN; U.N.\nSYRREB\t-\tFree Syrian Army; FSA\n",
	"agents.txt": "MIL\tarmy; military; soldier; troops; warplane\nREB\trebel; insurgent; militant; gunman\nCOP\tpolice; policeman\nGOV\tgovernment; regime; minister\n",
}

var (
	anOnce sync.Once
	an     *nlp.Analyzer
	anErr  error
)

var errRe = regexp.MustCompile(`^user/(countries|actors|agents)\.txt(?::([0-9]+))?: .+`)

// FuzzDict reads a user's three dictionary files over a small base
// dictionary, then annotates a text with the result. Bad lines are errors
// naming file and line; every entry filed is well formed, filed under its
// own words and counted once; a name is found again by its words; and the
// annotator's phrases and actors lie within their sentences and the text.
func FuzzDict(f *testing.F) {
	text := "KABUL, Afghanistan — Russian warplanes bombed Syrian rebels near Damascus, the Kremlin said. " +
		"Obama spoke to Putin. The United Nations and the Free Syrian Army met. Police said gunmen attacked them."
	f.Add("", "", "", text)
	f.Add(baseDict["countries.txt"], baseDict["actors.txt"], baseDict["agents.txt"], text)
	for _, c := range []string{
		"SY\tSyria\n", "SYR\n", "SYR\t\n", "SYR\t;;\n", "SYR\tSyria\tSyrian\tDamascus\tExtra\n", "syr\tSyria\n",
		"SYR\tSyria\t\tDamascus=mil\n", "SYR\tSyria\t\t=GOV\n", "SYR\tSyria\t\tA=B=MIL\n", "XKX\tKosovo\tKosovar\tPristina\r\n",
		"SYR\tthe\n", "SYR\tThe The\n", "SYR\t“Syria”\n", "SYR\t\xff\xfe\n", "SYR\tSyria\t# comment\n", "\tSyria\n",
		"# comment\n\n   \n", "RUS\tSyria\n", "SYR\tSyria; SYRIA; syria\n",
	} {
		f.Add(c, "", "", text)
	}
	for _, a := range []string{
		"USAGOV\t-\tObama\n", "USAGOV\t2017..2010\tX\n", "USAGOV\t2017-01-20..2010-01-01\tX\n", "USAGOV\t..\tX\n",
		"USAGOV\t2016-02-30..\tX\n", "USAGOV\t2016..\tX\n", "USAGOV\tnone\tX\n", "US\t-\tX\n", "USAGOVERNMENTXYZW\t-\tX\n",
		"USAGOV\t-\n", "USAGOV\t-\t;\n", "USAGOV\t-\tObama\textra\n", "ÜSA\t-\tX\n", "IGOUNO\t-\tthe UN; the\n",
		"USAGOV\t2009-01-20..2017-01-20\tObama\nUSAGOV\t2009-01-20..2017-01-20\tBarack Obama; Obama\n",
	} {
		f.Add("", a, "", text)
	}
	for _, g := range []string{
		"MIL\tarmy\n", "MILITARY\tarmy\n", "mil\tarmy\n", "MIL\n", "MIL\t;\n", "MIL\tarmy\tx\n", "MIL\tThe Army; 's\n",
		"REB\tfighter's\n", "COP\tpolice officer; officer\n",
	} {
		f.Add("", "", g, text)
	}
	f.Add("SYR\tSyria\n", "SYRGOV\t-\tAssad\n", "MIL\tarmy\n", "Assad’s army and Syria’s army. ASSAD. assad. SYRIA")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, countries, actorsTxt, agents, text string) {
		defer watchdog(10*time.Second, "FuzzDict")()
		d := newDict()
		for _, name := range Files {
			if errs := d.read(strings.NewReader(baseDict[name]), "base/"+name, name); len(errs) > 0 {
				t.Fatalf("base dictionary: %v", errs)
			}
		}
		user := map[string]string{"countries.txt": countries, "actors.txt": actorsTxt, "agents.txt": agents}
		for _, name := range Files {
			body := user[name]
			lines := strings.Count(body, "\n") + 1
			for _, e := range d.read(strings.NewReader(body), "user/"+name, name) {
				m := errRe.FindStringSubmatch(e.Error())
				if m == nil || m[1]+".txt" != name {
					t.Fatalf("error %q does not name %s", e, name)
				}
				if n, _ := strconv.Atoi(m[2]); m[2] != "" && (n < 1 || n > lines) {
					t.Fatalf("error %q names line %d of %d", e, n, lines)
				}
			}
		}
		n := checkTrie(t, d, d.names, nil, false) + checkTrie(t, d, d.agents, nil, true)
		if n != d.Entries() {
			t.Fatalf("Entries() = %d, but %d entries are filed", d.Entries(), n)
		}

		anOnce.Do(func() { an, anErr = nlp.New() })
		if anErr != nil {
			t.Fatal(anErr)
		}
		for _, pub := range []sitrep.Date{"2016-10-05", ""} {
			doc := an.Analyze(&sitrep.Article{Text: text, Published: pub})
			(&Annotator{Dict: d}).Annotate(doc)
			checkDoc(t, doc)
		}
	})
}

// checkTrie checks the entries under n, reached by the words path, and
// returns how many there are.
func checkTrie(t *testing.T, d *Dict, n *node, path []string, agents bool) int {
	t.Helper()
	count := len(n.entries)
	for _, e := range n.entries {
		where := fmt.Sprintf("entry %+v under %q", e, path)
		if len(e.form) != len(path) || len(path) == 0 {
			t.Fatalf("%s: form and path differ in length", where)
		}
		for i, w := range e.form {
			key := norm(w)
			if agents {
				key = strings.ToLower(w)
			}
			if key != path[i] {
				t.Fatalf("%s: word %q is not filed as %q", where, w, path[i])
			}
		}
		if !strings.HasPrefix(e.source, "base/") && !strings.HasPrefix(e.source, "user/") {
			t.Fatalf("%s: source %q", where, e.source)
		}
		switch e.kind {
		case kCountry, kAdjective:
			if !isCode(e.code, 3, 3) || agents {
				t.Fatalf("%s: bad country code", where)
			}
		case kSeat:
			if !isCode(e.code, 6, 6) || agents {
				t.Fatalf("%s: bad seat code", where)
			}
		case kNamed:
			if !isCode(e.code, 3, 15) || agents {
				t.Fatalf("%s: bad actor code", where)
			}
			for _, dt := range []sitrep.Date{e.from, e.to} {
				if p, err := sitrep.ParseDate(string(dt)); err != nil || p != dt {
					t.Fatalf("%s: bad date %q", where, dt)
				}
			}
			if e.from != "" && e.to != "" && e.to < e.from {
				t.Fatalf("%s: ends before it starts", where)
			}
		case kAgent:
			if !isCode(e.code, 3, 3) || !agents {
				t.Fatalf("%s: bad agent role", where)
			}
		default:
			t.Fatalf("%s: kind %d", where, e.kind)
		}
		// A name is found again by its own words.
		if phrase := strings.Join(e.form, " "); !agents && strings.Join(nlp.Words(phrase), " ") == phrase {
			if !d.Known(phrase) {
				t.Fatalf("%s: Known(%q) is false", where, phrase)
			}
			if e.kind == kCountry && d.CountryCode(phrase) == "" {
				t.Fatalf("%s: CountryCode(%q) is empty", where, phrase)
			}
		}
	}
	for w, c := range n.next {
		count += checkTrie(t, d, c, append(path[:len(path):len(path)], w), agents)
	}
	return count
}

// checkDoc checks the annotator's phrases and actors.
func checkDoc(t *testing.T, d *sitrep.Doc) {
	t.Helper()
	text := d.Article.Text
	for _, a := range d.Actors {
		if a.Start < 0 || a.Start >= a.End || a.End > len(text) || text[a.Start:a.End] != a.Text {
			t.Fatalf("actor %+v is not the text at its span", a)
		}
		if d.SentenceAt(a.Start) < 0 || d.SentenceAt(a.Start) != d.SentenceAt(a.End-1) {
			t.Fatalf("actor %+v is not within one sentence", a)
		}
		if a.Country != nil && !isCode(*a.Country, 3, 3) {
			t.Fatalf("actor %+v: country %q", a, *a.Country)
		}
	}
	for k, p := range d.Phrases {
		if p.Sentence < 0 || p.Sentence >= len(d.Sentences) {
			t.Fatalf("phrase %d in sentence %d of %d", k, p.Sentence, len(d.Sentences))
		}
		s := d.Sentences[p.Sentence]
		if p.First < s.First || p.First >= p.Last || p.Last > s.Last || p.Head < p.First || p.Head >= p.Last {
			t.Fatalf("phrase %+v is not within its sentence %+v", p, s)
		}
		for _, ai := range p.Actors {
			if ai < 0 || ai >= len(d.Actors) {
				t.Fatalf("phrase %+v names actor %d of %d", p, ai, len(d.Actors))
			}
		}
		if p.Modifier < -1 || p.Modifier >= len(d.Actors) {
			t.Fatalf("phrase %+v has modifier %d of %d actors", p, p.Modifier, len(d.Actors))
		}
	}
}
