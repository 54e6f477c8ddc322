package cameo

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"sitrep"
	"sitrep/nlp"
)

// DiscardFile holds phrases whose sentences code no events at all (sports
// results, film titles, historical dates: "World Cup", "1914"), one a line.
const DiscardFile = "discards.txt"

// discards indexes discard phrases by their first word.
type discards map[string][][]string

func (ds discards) add(phrase string) {
	w := nlp.Words(strings.ToLower(phrase))
	if len(w) == 0 {
		return
	}
	ds[w[0]] = append(ds[w[0]], w)
}

// hit reports whether the sentence's tokens hold a discard phrase.
func (ds discards) hit(toks []sitrep.Token) bool {
	if len(ds) == 0 {
		return false
	}
	for i := range toks {
		for _, p := range ds[strings.ToLower(toks[i].Text)] {
			if i+len(p) > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < len(p); k++ {
				if strings.ToLower(toks[i+k].Text) != p[k] {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

func (ds discards) load(fsys fs.FS, label string) error {
	b, err := fs.ReadFile(fsys, DiscardFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(label, DiscardFile), err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		s := sc.Text()
		if i := strings.Index(s, "#"); i >= 0 {
			s = s[:i]
		}
		if s = strings.TrimSpace(s); s != "" {
			ds.add(s)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(label, DiscardFile), err)
	}
	return nil
}

// CheckDir validates the verb and discard files of a dictionary directory,
// returning every problem with its file and line.
func CheckDir(dir string) []error {
	errs := CheckVerbs(dir)
	cb, err := LoadCodebook()
	if err != nil {
		return append(errs, err)
	}
	if f, err := os.Open(filepath.Join(dir, VerbFile)); err == nil {
		v := newVerbs()
		v.read(f, filepath.Join(dir, VerbFile))
		f.Close()
		c := &Coder{Codebook: cb, Verbs: v}
		if err := c.checkCodes(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := (discards{}).load(os.DirFS(dir), dir); err != nil {
		errs = append(errs, err)
	}
	return errs
}
