package cameo

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Discard is the code of a pattern that matches words which are not an
// event ("kill time", "strike a deal" before its 057 pattern wins).
const Discard = "---"

// Pattern is one line of the verb dictionary: a head word (a verb lemma, or
// a noun for nominal events) and the words that must follow it, with the
// place of the target.
type Pattern struct {
	Code   string
	Noun   bool     // head is a noun: "@assault on $T"
	Head   []string // the head's lemmas ("air", "strike" for @air_strike)
	Elems  []Elem
	Text   string // the pattern as written
	Source string // file:line
	weight int    // literal words: more specific patterns win
}

// Elem is one element after the head.
type Elem struct {
	Alts     []string   // lemmas, any of which matches; empty for $T and ...
	words    [][]string // each alternative split into words
	Optional bool
	Target   bool // $T
	Gap      bool // ...
}

// Verbs is the verb dictionary, indexed by the first word of each head.
type Verbs struct {
	verbs, nouns map[string][]*Pattern
	n            int
}

// Len returns the number of patterns.
func (v *Verbs) Len() int { return v.n }

func newVerbs() *Verbs {
	return &Verbs{verbs: map[string][]*Pattern{}, nouns: map[string][]*Pattern{}}
}

// ParsePattern parses a pattern's text (without its code).
func ParsePattern(code, text string) (*Pattern, error) {
	if code != Discard {
		if len(code) < 2 || len(code) > 4 || strings.Trim(code, "0123456789") != "" {
			return nil, fmt.Errorf("code %q: want 2-4 digits or %s", code, Discard)
		}
		if q := QuadClass(code[:2]); q == 0 {
			return nil, fmt.Errorf("code %q: root %s is not 01-20", code, code[:2])
		}
	}
	f := strings.Fields(strings.ToLower(text))
	if len(f) == 0 {
		return nil, errors.New("empty pattern")
	}
	p := &Pattern{Code: code, Text: strings.Join(f, " ")}
	head := f[0]
	if strings.HasPrefix(head, "@") {
		p.Noun = true
		head = head[1:]
	}
	if head == "" || strings.ContainsAny(head, "$()|.") {
		return nil, fmt.Errorf("pattern %q: the first word must be a head word", text)
	}
	p.Head = strings.Split(head, "_")
	for _, h := range p.Head {
		if h == "" {
			return nil, fmt.Errorf("pattern %q: the first word must be a head word", text)
		}
	}
	p.weight = 2 * len(p.Head)
	targets := 0
	for _, w := range f[1:] {
		var e Elem
		switch {
		case w == "$t":
			e.Target = true
			targets++
		case w == "...":
			e.Gap = true
		default:
			if strings.HasPrefix(w, "(") && strings.HasSuffix(w, ")") {
				e.Optional = true
				w = w[1 : len(w)-1]
			}
			if w == "" || strings.ContainsAny(w, "()$") {
				return nil, fmt.Errorf("pattern %q: bad element %q", text, w)
			}
			e.Alts = strings.Split(w, "|")
			for i, a := range e.Alts {
				e.Alts[i] = strings.ReplaceAll(a, "_", " ")
				ws := strings.Split(e.Alts[i], " ")
				if slices.Contains(ws, "") {
					// "a||b", "(|)", "a_": a word that is no word never matches.
					return nil, fmt.Errorf("pattern %q: bad element %q", text, w)
				}
				e.words = append(e.words, ws)
			}
			if !e.Optional {
				p.weight += 2
			} else {
				p.weight++
			}
		}
		p.Elems = append(p.Elems, e)
	}
	if targets > 1 {
		return nil, fmt.Errorf("pattern %q: more than one $T", text)
	}
	return p, nil
}

func (v *Verbs) add(p *Pattern) {
	m := v.verbs
	if p.Noun {
		m = v.nouns
	}
	key := p.Head[0]
	for i, old := range m[key] {
		if old.Text == p.Text && old.Noun == p.Noun {
			m[key][i] = p // a user's pattern overrides the built-in one
			return
		}
	}
	m[key] = append(m[key], p)
	sort.SliceStable(m[key], func(i, j int) bool { return m[key][i].weight > m[key][j].weight })
	v.n++
}

// read parses a verb dictionary, returning an error per bad line.
func (v *Verbs) read(r io.Reader, path string) []error {
	var errs []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if i := strings.Index(s, "#"); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		where := fmt.Sprintf("%s:%d", path, line)
		code, text, ok := strings.Cut(s, "\t")
		if !ok {
			code, text, ok = strings.Cut(s, " ")
		}
		if !ok {
			errs = append(errs, fmt.Errorf("%s: want CODE<TAB>PATTERN", where))
			continue
		}
		// Alternatives in the head ("begin|start ... talk") give one
		// pattern per head word.
		f := strings.Fields(text)
		heads := []string{""}
		if len(f) > 0 {
			heads = strings.Split(f[0], "|")
		}
		for _, h := range heads {
			t := text
			if len(f) > 0 {
				if len(heads) > 1 && strings.HasPrefix(f[0], "@") && !strings.HasPrefix(h, "@") {
					h = "@" + h
				}
				t = strings.Join(append([]string{h}, f[1:]...), " ")
			}
			p, err := ParsePattern(strings.TrimSpace(code), t)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", where, err))
				break
			}
			p.Source = where
			v.add(p)
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", path, err))
	}
	return errs
}

// VerbFile is the name of the verb dictionary in a dictionary directory.
const VerbFile = "verbs.txt"

func (v *Verbs) load(fsys fs.FS, label string) error {
	f, err := fsys.Open(VerbFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	return errors.Join(v.read(f, filepath.Join(label, VerbFile))...)
}

// CheckVerbs validates dir/verbs.txt, returning every problem with its line.
func CheckVerbs(dir string) []error {
	f, err := os.Open(filepath.Join(dir, VerbFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return []error{err}
	}
	defer f.Close()
	return newVerbs().read(f, filepath.Join(dir, VerbFile))
}
