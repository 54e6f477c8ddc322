// Package conllu reads and writes CoNLL-U, the file format of the Universal
// Dependencies treebanks: one word a line with ten tab-separated columns,
// sentences separated by blank lines, comments starting with '#'.
//
// Multiword token lines ("1-2 don't") and empty nodes ("8.1") are kept apart
// from the words, so that a sentence's Words are exactly the nodes of its
// basic dependency tree.
package conllu

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Word is one node of a sentence's basic dependency tree. Head is 1-based
// within the sentence as in the file (0 for the root).
type Word struct {
	ID     int
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int
	Deprel string
	Deps   string
	Misc   string
}

// SpaceAfter reports whether the word is followed by a space in the text
// (MISC lacks SpaceAfter=No).
func (w Word) SpaceAfter() bool { return !strings.Contains(w.Misc, "SpaceAfter=No") }

// Multiword is a multiword token line: the surface form of words First..Last.
type Multiword struct {
	First, Last int
	Form        string
	Misc        string
}

// Sentence is one sentence of a treebank.
type Sentence struct {
	ID       string // sent_id comment
	Text     string // text comment
	NewDoc   bool   // a newdoc comment precedes it
	NewPar   bool   // a newpar comment precedes it
	Comments []string
	Words    []Word
	Multi    []Multiword
}

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	name string
	line int
}

// NewReader reads CoNLL-U from r; name is used in error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	return &Reader{sc: sc, name: name}
}

// Next returns the next sentence, or io.EOF after the last one. A malformed
// line is an error naming the file and line.
func (r *Reader) Next() (*Sentence, error) {
	var s *Sentence
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			if s != nil && len(s.Words) > 0 {
				return s, r.check(s)
			}
			continue
		}
		if s == nil {
			s = &Sentence{}
		}
		if strings.HasPrefix(line, "#") {
			c := strings.TrimSpace(line[1:])
			s.Comments = append(s.Comments, c)
			switch {
			case strings.HasPrefix(c, "sent_id"):
				s.ID = commentValue(c)
			case strings.HasPrefix(c, "text ") || strings.HasPrefix(c, "text="):
				s.Text = commentValue(c)
			case strings.HasPrefix(c, "newdoc"):
				s.NewDoc = true
			case strings.HasPrefix(c, "newpar"):
				s.NewPar = true
			}
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 10 {
			return nil, r.errf("%d columns, want 10", len(cols))
		}
		id := cols[0]
		if strings.Contains(id, ".") {
			continue // empty node of the enhanced graph
		}
		if k := strings.IndexByte(id, '-'); k > 0 {
			a, err1 := strconv.Atoi(id[:k])
			b, err2 := strconv.Atoi(id[k+1:])
			if err1 != nil || err2 != nil || b < a {
				return nil, r.errf("bad multiword token range %q", id)
			}
			s.Multi = append(s.Multi, Multiword{First: a, Last: b, Form: cols[1], Misc: cols[9]})
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n != len(s.Words)+1 {
			return nil, r.errf("word id %q out of sequence", id)
		}
		head := -1
		if cols[6] != "_" {
			head, err = strconv.Atoi(cols[6])
			if err != nil || head < 0 {
				return nil, r.errf("bad head %q", cols[6])
			}
		}
		s.Words = append(s.Words, Word{ID: n, Form: cols[1], Lemma: cols[2], UPOS: cols[3],
			XPOS: cols[4], Feats: cols[5], Head: head, Deprel: cols[7], Deps: cols[8], Misc: cols[9]})
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", r.name, err)
	}
	if s != nil && len(s.Words) > 0 {
		return s, r.check(s)
	}
	return nil, io.EOF
}

func (r *Reader) check(s *Sentence) error {
	for _, w := range s.Words {
		if w.Head > len(s.Words) {
			return fmt.Errorf("%s: sentence ending at line %d: word %d has head %d past the sentence's %d words", r.name, r.line, w.ID, w.Head, len(s.Words))
		}
	}
	return nil
}

func (r *Reader) errf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", r.name, r.line, fmt.Sprintf(format, args...))
}

func commentValue(c string) string {
	if k := strings.IndexByte(c, '='); k >= 0 {
		return strings.TrimSpace(c[k+1:])
	}
	return ""
}

// ReadAll reads every sentence of r.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	rd := NewReader(r, name)
	var out []*Sentence
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// ReadFile reads a CoNLL-U file, gzipped when its name ends in ".gz".
func ReadFile(path string) ([]*Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	return ReadAll(r, path)
}

// Write writes sentences as CoNLL-U.
func Write(w io.Writer, sents []*Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		for _, c := range s.Comments {
			fmt.Fprintf(bw, "# %s\n", c)
		}
		mi := 0
		for _, wd := range s.Words {
			for mi < len(s.Multi) && s.Multi[mi].First == wd.ID {
				m := s.Multi[mi]
				fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", m.First, m.Last, m.Form, orUnderscore(m.Misc))
				mi++
			}
			head := "_"
			if wd.Head >= 0 {
				head = strconv.Itoa(wd.Head)
			}
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", wd.ID, wd.Form, orUnderscore(wd.Lemma),
				orUnderscore(wd.UPOS), orUnderscore(wd.XPOS), orUnderscore(wd.Feats), head,
				orUnderscore(wd.Deprel), orUnderscore(wd.Deps), orUnderscore(wd.Misc))
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
