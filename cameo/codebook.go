package cameo

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed data/codebook.txt
var codebookTXT []byte

// Code is one CAMEO event code with what the codebook says of it.
type Code struct {
	Code      string
	Root      string
	Quad      int
	Goldstein float64
	Plover    string // "" where PLOVER has no counterpart
	Label     string
}

// Codebook maps CAMEO codes to their entries.
type Codebook map[string]Code

// LoadCodebook reads the embedded codebook.
func LoadCodebook() (Codebook, error) { return parseCodebook(codebookTXT) }

// parseCodebook reads a codebook in the format of data/codebook.txt.
func parseCodebook(data []byte) (Codebook, error) {
	cb := Codebook{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("codebook.txt:%d: want 4 fields", line)
		}
		if len(f[0]) < 2 || len(f[0]) > 4 || strings.Trim(f[0], "0123456789") != "" || QuadClass(f[0][:2]) == 0 {
			return nil, fmt.Errorf("codebook.txt:%d: code %q: want 2-4 digits with a root 01-20", line, f[0])
		}
		g, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("codebook.txt:%d: goldstein: %v", line, err)
		}
		if !(g >= -10 && g <= 10) {
			return nil, fmt.Errorf("codebook.txt:%d: goldstein %s is not between -10 and +10", line, f[1])
		}
		root := f[0][:2]
		plover := f[2]
		if plover == "-" {
			plover = ""
		}
		cb[f[0]] = Code{Code: f[0], Root: root, Quad: QuadClass(root), Goldstein: g, Plover: plover, Label: f[3]}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("codebook.txt: %w", err)
	}
	return cb, nil
}

// QuadClass returns the quad class of a two-digit root: 1 verbal
// cooperation (01-05), 2 material cooperation (06-08), 3 verbal conflict
// (09-13), 4 material conflict (14-20); 0 for anything else.
func QuadClass(root string) int {
	n, err := strconv.Atoi(root)
	switch {
	case err != nil || n < 1 || n > 20:
		return 0
	case n <= 5:
		return 1
	case n <= 8:
		return 2
	case n <= 13:
		return 3
	}
	return 4
}
