package geo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"runtime/debug"
	"sort"
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

// Gazetteer holds the places and a sorted index from normalized names to
// them. It is read-only once loaded and safe for concurrent use.
type Gazetteer struct {
	Entries []Entry
	keys    []string // sorted normalized names
	offs    []int32  // postings[offs[i]:offs[i+1]] are the entries of keys[i]
	posting []int32
	// countryEntry finds the entry of a country.
	countryEntry map[string]int32
}

var loadOnce = sync.OnceValues(func() (*Gazetteer, error) {
	// Loading allocates some 40 MB that all stays live: collecting garbage
	// meanwhile would only slow it down.
	old := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(old)
	return Read(bytes.NewReader(gazetteerGZ))
})

// Default returns the embedded gazetteer, loading it on first use.
func Default() (*Gazetteer, error) { return loadOnce() }

// Read loads a gazetteer in the format Build writes: the entries, then the
// sorted name index after a "## index" line.
func Read(r io.Reader) (*Gazetteer, error) {
	gz, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	// gzip's trailer holds the uncompressed size (mod 4 GiB): read into a
	// buffer of that size at once rather than doubling one.
	var buf bytes.Buffer
	if n := len(gz); n >= 4 {
		if size := binary.LittleEndian.Uint32(gz[n-4:]); size < 1<<30 {
			buf.Grow(int(size) + bytes.MinRead)
		}
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	raw := buf.Bytes()
	data := string(raw) // one copy; every field is a substring of it
	g := &Gazetteer{countryEntry: map[string]int32{}}
	g.Entries = make([]Entry, 0, 232000)
	line := 0
	inIndex := false
	var f [11]string
	for len(data) > 0 {
		var l string
		if k := strings.IndexByte(data, '\n'); k >= 0 {
			l, data = data[:k], data[k+1:]
		} else {
			l, data = data, ""
		}
		line++
		if l == "" {
			continue
		}
		if l[0] == '#' {
			if strings.HasPrefix(l, "## index") {
				inIndex = true
				g.keys = make([]string, 0, 480000)
				g.offs = make([]int32, 0, 480001)
				g.posting = make([]int32, 0, 570000)
			}
			continue
		}
		if inIndex {
			key, list, ok := strings.Cut(l, "\t")
			if !ok {
				return nil, fmt.Errorf("gazetteer line %d: bad index line", line)
			}
			g.offs = append(g.offs, int32(len(g.posting)))
			for list != "" {
				var item string
				item, list, _ = strings.Cut(list, ",")
				n, err := strconv.Atoi(item)
				if err != nil || n < 0 || n >= len(g.Entries) {
					return nil, fmt.Errorf("gazetteer line %d: bad entry number %q", line, item)
				}
				g.posting = append(g.posting, int32(n))
			}
			g.keys = append(g.keys, key)
			continue
		}
		n := 0
		for n < 10 {
			k := strings.IndexByte(l, '\t')
			if k < 0 {
				break
			}
			f[n], l = l[:k], l[k+1:]
			n++
		}
		f[n] = l
		if n != 10 {
			return nil, fmt.Errorf("gazetteer line %d: %d fields, want 11", line, n+1)
		}
		id, _ := strconv.ParseInt(f[0], 10, 64)
		lat, _ := strconv.ParseFloat(f[4], 64)
		lon, _ := strconv.ParseFloat(f[5], 64)
		pop, _ := strconv.Atoi(f[10])
		e := Entry{ID: id, Name: f[1], Lat: lat, Lon: lon, Feature: f[6], Country: f[7], Admin1: f[8], Admin1Name: f[9], Population: pop}
		if e.ID == 0 {
			e.ID = knownID(&e)
		}
		if e.Feature == "PCLI" {
			g.countryEntry[e.Country] = int32(len(g.Entries))
		}
		g.Entries = append(g.Entries, e)
	}
	if !inIndex {
		return nil, fmt.Errorf("gazetteer: no name index")
	}
	g.offs = append(g.offs, int32(len(g.posting)))
	if !sort.StringsAreSorted(g.keys) {
		return nil, fmt.Errorf("gazetteer: name index is not sorted")
	}
	return g, nil
}

// Lookup returns the entries a name may stand for.
func (g *Gazetteer) Lookup(name string) []int32 {
	k := Key(name)
	i := sort.SearchStrings(g.keys, k)
	if i < len(g.keys) && g.keys[i] == k {
		return g.posting[g.offs[i]:g.offs[i+1]:g.offs[i+1]]
	}
	return nil
}

// Country returns the entry of a country by ISO3 code, or -1.
func (g *Gazetteer) Country(iso3 string) int32 {
	if k, ok := g.countryEntry[iso3]; ok {
		return k
	}
	return -1
}

// Key normalizes a place name for lookup: lower case, Latin diacritics
// folded, hyphens, apostrophes and other punctuation as single spaces
// ("Deir ez-Zor" and "Deir ez Zor" meet).
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
