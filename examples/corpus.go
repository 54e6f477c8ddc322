package examples

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"sort"
	"strings"

	"sitrep"
)

// Paragraphs returns the body paragraphs of every bundled report, in file
// order, without their header blocks.
func Paragraphs() []string {
	names, _ := fs.Glob(FS, "*.txt")
	sort.Strings(names)
	var paras []string
	for _, n := range names {
		b, err := FS.ReadFile(n)
		if err != nil {
			continue
		}
		_, body, _ := strings.Cut(string(b), "\n\n")
		for _, p := range strings.Split(body, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
	}
	return paras
}

// Synthetic returns n distinct articles for benchmarks, each about size
// bytes of news text drawn from the bundled reports' paragraphs in a
// shuffled order fixed by seed.
func Synthetic(n, size int, seed uint64) []sitrep.Article {
	paras := Paragraphs()
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]sitrep.Article, n)
	for i := range out {
		var b strings.Builder
		for b.Len() < size {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(paras[rng.IntN(len(paras))])
		}
		text := b.String()
		sum := sha256.Sum256([]byte(text))
		h := hex.EncodeToString(sum[:])
		out[i] = sitrep.Article{
			ID: h[:16], Title: fmt.Sprintf("Synthetic report %d", i+1), Source: "sitrep bench",
			Published: sitrep.Date(fmt.Sprintf("2016-%02d-%02d", 1+i%12, 1+i%28)), Lang: "en",
			SHA256: h, Text: text, Origin: fmt.Sprintf("synthetic:%d", i+1),
		}
	}
	return out
}
