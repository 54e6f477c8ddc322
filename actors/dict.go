// Package actors recognises who acts in a sentence and codes them
// CAMEO-style: a country (ISO 3166-1 alpha-3) and a role ("SYRMIL"), an
// international organisation ("IGOUNO") or a non-state group.
//
// It reads three dictionaries, plain text files documented in their own
// headers and embedded from data/: countries.txt (names, adjectives and
// demonyms, capitals and seats of power), actors.txt (named people and
// organisations, with the dates a code applies) and agents.txt (generic
// nouns: "rebels", "the army", "protesters"). Users add or override entries
// with files of the same names in a directory of their own (--dict).
package actors

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"sitrep"
	"sitrep/nlp"
)

//go:embed data/*.txt data/phoenix/actors.txt
var dataFS embed.FS

// kind is what a dictionary phrase names.
type kind uint8

const (
	kCountry   kind = iota + 1 // a country's name: "Syria"
	kAdjective                 // an adjective or demonym: "Syrian", "Syrians"
	kSeat                      // a capital or seat of power: "Damascus", "the Kremlin"
	kNamed                     // a named person or organisation
	kAgent                     // a generic noun: "rebels"
)

// entry is one dictionary phrase's meaning.
type entry struct {
	kind     kind
	code     string      // ISO3 for countries and adjectives; full code otherwise; role for agents
	from, to sitrep.Date // when a named entry's code applies; empty: open
	name     string      // the entry's canonical name
	form     []string    // the phrase's words as written, for case checks
	source   string      // file:line
}

// node is a trie node over normalized words.
type node struct {
	next    map[string]*node
	entries []entry
}

func (n *node) child(w string) *node {
	if n.next == nil {
		n.next = map[string]*node{}
	}
	c := n.next[w]
	if c == nil {
		c = &node{}
		n.next[w] = c
	}
	return c
}

// Dict holds the actor dictionaries. It is read-only once loaded and safe
// for concurrent use.
type Dict struct {
	names     *node // countries, adjectives, seats, named actors; keyed by lower-cased words
	agents    *node // generic agents; keyed by lemmas
	countries map[string]string
	entries   int
}

// Default loads the dictionaries built into sitrep.
func Default() (*Dict, error) {
	d := newDict()
	// The Phoenix actor dictionaries, converted by `sitrep dict import`
	// (data/phoenix/README.md), add named groups and organisations; sitrep's
	// own dictionaries, read after them, have the last word.
	phx, _ := fs.Sub(dataFS, "data/phoenix")
	if err := d.load(phx, "builtin/phoenix"); err != nil {
		return nil, err
	}
	sub, _ := fs.Sub(dataFS, "data")
	if err := d.load(sub, "builtin"); err != nil {
		return nil, err
	}
	return d, nil
}

func newDict() *Dict {
	return &Dict{names: &node{}, agents: &node{}, countries: map[string]string{}}
}

// AddDir adds the entries of countries.txt, actors.txt and agents.txt found
// in dir (any of them may be absent). Later entries for the same phrase
// override earlier ones.
func (d *Dict) AddDir(dir string) error {
	return d.load(os.DirFS(dir), dir)
}

// Entries returns how many phrases the dictionary holds.
func (d *Dict) Entries() int { return d.entries }

// Files are the dictionary files a directory may hold.
var Files = []string{"countries.txt", "actors.txt", "agents.txt"}

func (d *Dict) load(fsys fs.FS, label string) error {
	var errs []error
	for _, name := range Files {
		f, err := fsys.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		path := filepath.Join(label, name)
		errs = append(errs, d.read(f, path, name)...)
		f.Close()
	}
	return errors.Join(errs...)
}

// Check validates the dictionary files in dir and returns every problem
// found, each naming its file and line.
func Check(dir string) []error {
	d := newDict()
	var errs []error
	found := false
	for _, name := range Files {
		path := filepath.Join(dir, name)
		f, err := os.Open(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		found = true
		errs = append(errs, d.read(f, path, name)...)
		f.Close()
	}
	if !found {
		errs = append(errs, fmt.Errorf("%s: no actor dictionary files (%s)", dir, strings.Join(Files, ", ")))
	}
	return errs
}

// read parses one dictionary file, adding what it can and returning an
// error for each bad line.
func (d *Dict) read(r io.Reader, path, name string) []error {
	var errs []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), " \r")
		// A comment starts at "#" after a TAB or a space: no name holds
		// " #", and a comment glued to a name would keep it from matching.
		if i := strings.Index(s, "\t#"); i >= 0 {
			s = s[:i]
		}
		if i := strings.Index(s, " #"); i >= 0 {
			s = strings.TrimRight(s[:i], " ")
		}
		if strings.TrimSpace(s) == "" || strings.HasPrefix(strings.TrimSpace(s), "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", path, line)
		var err error
		switch name {
		case "countries.txt":
			err = d.countryLine(s, where)
		case "actors.txt":
			err = d.actorLine(s, where)
		case "agents.txt":
			err = d.agentLine(s, where)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", path, err))
	}
	return errs
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func isCode(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// countryLine: ISO3 <TAB> names <TAB> adjectives <TAB> seats
func (d *Dict) countryLine(s, where string) error {
	f := strings.Split(s, "\t")
	if len(f) < 2 || len(f) > 4 {
		return fmt.Errorf("want ISO3<TAB>names<TAB>adjectives<TAB>seats, got %d fields", len(f))
	}
	iso := strings.TrimSpace(f[0])
	if !isCode(iso, 3, 3) {
		return fmt.Errorf("%q is not an ISO 3166-1 alpha-3 code", iso)
	}
	names := splitList(f[1])
	if len(names) == 0 {
		return errors.New("no names")
	}
	d.countries[iso] = names[0]
	for _, n := range names {
		d.add(d.names, n, entry{kind: kCountry, code: iso, name: names[0], source: where})
	}
	if len(f) > 2 {
		for _, a := range splitList(f[2]) {
			d.add(d.names, a, entry{kind: kAdjective, code: iso, name: names[0], source: where})
		}
	}
	if len(f) > 3 {
		for _, seat := range splitList(f[3]) {
			role := "GOV"
			if k := strings.LastIndex(seat, "="); k >= 0 {
				role = strings.TrimSpace(seat[k+1:])
				seat = strings.TrimSpace(seat[:k])
				if !isCode(role, 3, 3) {
					return fmt.Errorf("seat %q: role %q is not a three-letter code", seat, role)
				}
			}
			d.add(d.names, seat, entry{kind: kSeat, code: iso + role, name: seat, source: where})
		}
	}
	return nil
}

// actorLine: CODE <TAB> DATES <TAB> names
func (d *Dict) actorLine(s, where string) error {
	f := strings.Split(s, "\t")
	if len(f) != 3 {
		return fmt.Errorf("want CODE<TAB>DATES<TAB>names, got %d fields", len(f))
	}
	code := strings.TrimSpace(f[0])
	if !isCode(code, 3, 15) {
		return fmt.Errorf("%q is not an actor code (upper-case letters)", code)
	}
	from, to, err := parseRange(strings.TrimSpace(f[1]))
	if err != nil {
		return err
	}
	names := splitList(f[2])
	if len(names) == 0 {
		return errors.New("no names")
	}
	for _, n := range names {
		d.add(d.names, n, entry{kind: kNamed, code: code, from: from, to: to, name: names[0], source: where})
	}
	return nil
}

func parseRange(s string) (sitrep.Date, sitrep.Date, error) {
	if s == "-" || s == "" {
		return "", "", nil
	}
	a, b, ok := strings.Cut(s, "..")
	if !ok {
		return "", "", fmt.Errorf("dates %q: want - or FROM..TO (YYYY-MM-DD, either may be empty)", s)
	}
	from, err := sitrep.ParseDate(strings.TrimSpace(a))
	if err != nil {
		return "", "", fmt.Errorf("dates %q: %v", s, err)
	}
	to, err := sitrep.ParseDate(strings.TrimSpace(b))
	if err != nil {
		return "", "", fmt.Errorf("dates %q: %v", s, err)
	}
	if from != "" && to != "" && to < from {
		return "", "", fmt.Errorf("dates %q: end before start", s)
	}
	return from, to, nil
}

// agentLine: ROLE <TAB> nouns
func (d *Dict) agentLine(s, where string) error {
	f := strings.Split(s, "\t")
	if len(f) != 2 {
		return fmt.Errorf("want ROLE<TAB>nouns, got %d fields", len(f))
	}
	role := strings.TrimSpace(f[0])
	if !isCode(role, 3, 3) {
		return fmt.Errorf("%q is not a three-letter role code", role)
	}
	nouns := splitList(f[1])
	if len(nouns) == 0 {
		return errors.New("no nouns")
	}
	for _, n := range nouns {
		d.add(d.agents, strings.ToLower(n), entry{kind: kAgent, code: role, name: n, source: where})
	}
	return nil
}

// add files phrase under its normalized words. A later entry of the same
// kind and code replaces an earlier one, so user dictionaries override.
func (d *Dict) add(root *node, phrase string, e entry) {
	words := nlp.Words(phrase)
	if len(words) > 1 && strings.EqualFold(words[0], "the") {
		words = words[1:] // "the Kremlin": the determiner belongs to the text's phrase
	}
	if len(words) == 0 {
		return
	}
	e.form = words
	n := root
	for _, w := range words {
		n = n.child(norm(w))
	}
	for i, old := range n.entries {
		if old.kind == e.kind && old.code == e.code && old.from == e.from && old.to == e.to {
			n.entries[i] = e
			return
		}
	}
	n.entries = append(n.entries, e)
	d.entries++
}

// norm is the key a word is filed under: lower case, straight apostrophes,
// no leading "the" distinction.
func norm(w string) string {
	w = strings.ToLower(w)
	if strings.ContainsRune(w, '’') {
		w = strings.ReplaceAll(w, "’", "'")
	}
	return w
}

// caseFits reports whether a text word may stand for a dictionary word:
// acronyms ("US", "IS") must match exactly, and a capitalised dictionary
// word must be capitalised in the text ("Turkey", not "turkey").
func caseFits(dict, text string) bool {
	if dict == "" || text == "" {
		return false
	}
	upper, letters := 0, 0
	for _, r := range dict {
		if r >= 'A' && r <= 'Z' {
			upper++
			letters++
		} else if r >= 'a' && r <= 'z' {
			letters++
		}
	}
	if letters > 0 && upper == letters && letters <= 4 {
		return strings.ReplaceAll(dict, ".", "") == strings.ReplaceAll(text, ".", "")
	}
	if dict[0] >= 'A' && dict[0] <= 'Z' {
		return text[0] >= 'A' && text[0] <= 'Z'
	}
	return true
}

// CountryName returns the name of the country with ISO3 code iso.
func (d *Dict) CountryName(iso string) string { return d.countries[iso] }

// CountryCode returns the ISO3 code of a country name ("Syria", "the
// United States", "U.S."), or "" when name is no country's name.
func (d *Dict) CountryCode(name string) string {
	words := nlp.Words(name)
	if len(words) > 1 && strings.EqualFold(words[0], "the") {
		words = words[1:]
	}
	n := d.names
	for _, w := range words {
		if n = n.next[norm(w)]; n == nil {
			return ""
		}
	}
	for _, e := range n.entries {
		if e.kind == kCountry {
			return e.code
		}
	}
	return ""
}

// Known reports whether a phrase is a name in the dictionaries: a country,
// demonym, seat of power or named actor.
func (d *Dict) Known(phrase string) bool {
	n := d.names
	for _, w := range nlp.Words(phrase) {
		if n = n.next[norm(w)]; n == nil {
			return false
		}
	}
	return len(n.entries) > 0
}
