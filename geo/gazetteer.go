package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/gazetteer.tsv.gz
var gazetteerGZ []byte

// Entry is one place of the gazetteer.
type Entry struct {
	ID         int64
	Name       string
	Lat, Lon   float64
	Feature    string // GeoNames feature code: PPL, PPLA, PPLC, PPLX, ..., ADM1, PCLI
	Country    string // ISO 3166-1 alpha-3
	Admin1     string // GeoNames admin1 code
	Admin1Name string
	Population int
}

// Gazetteer holds the places and an index from normalized names to them.
// It is read-only once loaded and safe for concurrent use.
type Gazetteer struct {
	Entries []Entry
	index   map[string][]int32
	// countryEntry and admin1Entry find the entry of a country or division.
	countryEntry map[string]int32
	admin1Entry  map[string]int32
}

var loadOnce = sync.OnceValues(func() (*Gazetteer, error) {
	return Read(bytes.NewReader(gazetteerGZ))
})

// Default returns the embedded gazetteer, loading it on first use.
func Default() (*Gazetteer, error) { return loadOnce() }

// Read loads a gazetteer in the format Build writes.
func Read(r io.Reader) (*Gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	g := &Gazetteer{index: make(map[string][]int32, 400000), countryEntry: map[string]int32{}, admin1Entry: map[string]int32{}}
	g.Entries = make([]Entry, 0, 204000)
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		f := strings.Split(string(b), "\t")
		if len(f) != 11 {
			return nil, fmt.Errorf("gazetteer line %d: %d fields, want 11", line, len(f))
		}
		id, _ := strconv.ParseInt(f[0], 10, 64)
		lat, _ := strconv.ParseFloat(f[4], 64)
		lon, _ := strconv.ParseFloat(f[5], 64)
		pop, _ := strconv.Atoi(f[10])
		e := Entry{ID: id, Name: f[1], Lat: lat, Lon: lon, Feature: f[6], Country: f[7], Admin1: f[8], Admin1Name: f[9], Population: pop}
		k := int32(len(g.Entries))
		g.Entries = append(g.Entries, e)
		g.add(f[1], k)
		if f[2] != f[1] {
			g.add(f[2], k)
		}
		if f[3] != "" {
			for _, a := range strings.Split(f[3], ",") {
				g.add(a, k)
			}
		}
		switch e.Feature {
		case "PCLI":
			g.countryEntry[e.Country] = k
		case "ADM1":
			g.admin1Entry[e.Country+"."+e.Admin1] = k
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return g, nil
}

func (g *Gazetteer) add(name string, k int32) {
	key := Key(name)
	if key == "" {
		return
	}
	list := g.index[key]
	for _, x := range list {
		if x == k {
			return
		}
	}
	g.index[key] = append(list, k)
}

// Lookup returns the entries a name may stand for.
func (g *Gazetteer) Lookup(name string) []int32 { return g.index[Key(name)] }

// Country returns the entry of a country by ISO3 code, or -1.
func (g *Gazetteer) Country(iso3 string) int32 {
	if k, ok := g.countryEntry[iso3]; ok {
		return k
	}
	return -1
}

// Key normalizes a place name for lookup: lower case, Latin diacritics
// folded, hyphens, apostrophes and other punctuation as single spaces, a
// leading "al-"/"el-" article kept as a word ("Deir ez-Zor" and "Deir ez
// Zor" meet).
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r < 0x80 && r >= 'A' && r <= 'Z':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r + 32)
		case unicode.IsLetter(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			if f, ok := foldMap[r]; ok {
				b.WriteString(strings.ToLower(f))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		default:
			space = true
		}
	}
	return b.String()
}
