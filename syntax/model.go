package syntax

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Model is a trained tagger and parser. It is read-only once loaded and
// safe for concurrent use.
type Model struct {
	Tagger *Tagger
	Parser *Parser
	// Info says what the model was trained on and how (one line).
	Info string

	pool sync.Pool // *workspace
}

type workspace struct {
	ts    tagScratch
	ps    parseScratch
	tags  []int
	final []int
}

//go:embed data/en-ud.model.zst
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model embedded in the binary, trained on UD English
// EWT and GUM (see data/README.md). It is loaded once.
func Default() (*Model, error) {
	defaultOnce.Do(func() { defaultModel, defaultErr = readEmbedded() })
	return defaultModel, defaultErr
}

func readEmbedded() (*Model, error) {
	m, err := Read(bytes.NewReader(embedded))
	if err != nil {
		return nil, fmt.Errorf("embedded syntax model: %w", err)
	}
	// The embedded model lives as long as the process: its tables may go
	// where large pages back them.
	for _, w := range []*weights{m.Tagger.m, m.Tagger.m2, m.Parser.m} {
		if w != nil {
			w.pin()
		}
	}
	return m, nil
}

// Analysis is the syntax of one sentence: for each word its Penn tag, its
// Universal tag, its head (index of the head word in the sentence, -1 for
// the root) and its relation to the head.
type Analysis struct {
	XPOS  []string
	UPOS  []string
	Heads []int
	Deps  []string
}

// Tag tags words, writing the Penn and Universal tags of each word into
// xpos and upos (which must be as long as words).
func (m *Model) Tag(words []string, xpos, upos []string) {
	w := m.get()
	defer m.pool.Put(w)
	m.tagInto(w, words, xpos, upos)
}

// tagInto runs both passes of the tagger over words, leaving the first
// pass's classes in w.tags (the parser's input) and writing the final tags
// into xpos and upos.
func (m *Model) tagInto(w *workspace, words []string, xpos, upos []string) {
	w.tags = fill(w.tags, len(words), 0)
	w.final = fill(w.final, len(words), 0)
	m.Tagger.tag(&w.ts, words, w.tags)
	m.Tagger.refine(&w.ts, w.tags, w.final)
	for i, c := range w.final {
		xpos[i], upos[i] = m.Tagger.XPOS[c], m.Tagger.UPOS[c]
	}
}

// Analyze tags and parses one sentence. The slices of a are reused when
// they are large enough.
func (m *Model) Analyze(words []string, a *Analysis) {
	w := m.get()
	defer m.pool.Put(w)
	n := len(words)
	a.XPOS = resize(a.XPOS, n)
	a.UPOS = resize(a.UPOS, n)
	a.Deps = resize(a.Deps, n)
	a.Heads = fill(a.Heads, n, -1)
	if n == 0 {
		return
	}
	m.tagInto(w, words, a.XPOS, a.UPOS)
	// The parser reads the first pass's tags: it was trained on such tags
	// (jackknifed), so it knows how far to trust them.
	m.parseInto(w, words, a)
}

// parseInto parses words tagged with the classes in w.tags into a.
func (m *Model) parseInto(w *workspace, words []string, a *Analysis) {
	n := len(words)
	m.Parser.parse(&w.ps, words, w.tags, nil, nil, nil)
	st := &w.ps.st
	for i := 0; i < n; i++ {
		h := st.heads[i]
		if h >= n {
			h = -1
		}
		a.Heads[i] = h
		if h < 0 || st.labels[i] < 0 {
			a.Heads[i] = -1
			a.Deps[i] = "root"
		} else {
			a.Deps[i] = m.Parser.Labels[st.labels[i]]
		}
	}
}

// ParseTagged parses one sentence whose words already carry the tags in
// a.XPOS and a.UPOS, filling a.Heads and a.Deps; the tags are left as they
// are. A word whose pair of tags is not one of the tagger's classes (a tag
// set by rule) has the sentence tagged again for the parser's sake.
func (m *Model) ParseTagged(words []string, a *Analysis) {
	w := m.get()
	defer m.pool.Put(w)
	n := len(words)
	a.Deps = resize(a.Deps, n)
	a.Heads = fill(a.Heads, n, -1)
	if n == 0 {
		return
	}
	w.tags = fill(w.tags, n, 0)
	known := len(a.XPOS) == n && len(a.UPOS) == n
	for i := 0; i < n && known; i++ {
		c, ok := m.Tagger.index[a.XPOS[i]+" "+a.UPOS[i]]
		w.tags[i], known = c, ok
	}
	if !known {
		m.Tagger.tag(&w.ts, words, w.tags)
	}
	m.parseInto(w, words, a)
}

func resize(a []string, n int) []string {
	if cap(a) < n {
		return make([]string, n)
	}
	return a[:n]
}

func (m *Model) get() *workspace {
	if w, ok := m.pool.Get().(*workspace); ok {
		return w
	}
	return new(workspace)
}

const magic = "sitrep-syntax-3\n"

// Write saves the model, compressed with zstd.
func (m *Model) Write(w io.Writer) error {
	zw, err := zstd.NewWriter(w, zstd.WithEncoderLevel(zstd.SpeedBestCompression))
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	writeString(bw, m.Info)
	writeStrings(bw, m.Tagger.Classes)
	words := make([]string, 0, len(m.Tagger.dict))
	for w := range m.Tagger.dict {
		words = append(words, w)
	}
	sort.Strings(words)
	var dict strings.Builder
	for _, w := range words {
		fmt.Fprintf(&dict, "%s\t%d\n", w, m.Tagger.dict[w])
	}
	writeString(bw, dict.String())
	writeWeights(bw, m.Tagger.m)
	if m.Tagger.m2 != nil {
		writeUvarint(bw, 1)
		writeWeights(bw, m.Tagger.m2)
	} else {
		writeUvarint(bw, 0)
	}
	writeStrings(bw, m.Parser.Labels)
	writeWeights(bw, m.Parser.m)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func writeString(w *bufio.Writer, s string) {
	var b [binary.MaxVarintLen64]byte
	w.Write(b[:binary.PutUvarint(b[:], uint64(len(s)))])
	w.WriteString(s)
}

func writeStrings(w *bufio.Writer, ss []string) {
	writeString(w, strings.Join(ss, "\n"))
}

func writeUvarint(w *bufio.Writer, v uint64) {
	var b [binary.MaxVarintLen64]byte
	w.Write(b[:binary.PutUvarint(b[:], v)])
}

// writeWeights stores the rows: keys as deltas (they are sorted), row
// lengths, then each weight as its class and a 16-bit float, which keeps
// the model small and loses nothing measurable in accuracy.
func writeWeights(w *bufio.Writer, m *weights) {
	writeUvarint(w, uint64(m.nclass))
	writeUvarint(w, uint64(len(m.keys)))
	prev := uint64(0)
	for _, k := range m.keys {
		writeUvarint(w, k-prev)
		prev = k
	}
	m.eachRow(func(_ uint64, row []uint32) { writeUvarint(w, uint64(len(row))) })
	var b [3]byte
	m.eachRow(func(_ uint64, row []uint32) {
		for _, e := range row {
			b[0] = uint8(e)
			binary.LittleEndian.PutUint16(b[1:], toHalf(entryWeight(e)))
			w.Write(b[:])
		}
	})
}

// Read loads a model written by Write.
func Read(r io.Reader) (*Model, error) {
	zr, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("not a sitrep syntax model: %w", err)
	}
	d := &decoder{b: data}
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, errors.New("not a sitrep syntax model")
	}
	d.b = d.b[len(magic):]
	m := &Model{Tagger: &Tagger{}, Parser: &Parser{}}
	m.Info = d.string()
	m.Tagger.Classes = strings.Split(d.string(), "\n")
	m.Tagger.index = make(map[string]int, len(m.Tagger.Classes))
	for i, c := range m.Tagger.Classes {
		m.Tagger.index[c] = i
		x, u, _ := strings.Cut(c, " ")
		m.Tagger.XPOS = append(m.Tagger.XPOS, x)
		m.Tagger.UPOS = append(m.Tagger.UPOS, u)
	}
	m.Tagger.dict = map[string]int{}
	for _, line := range strings.Split(d.string(), "\n") {
		w, c, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		k, err := strconv.Atoi(c)
		if err != nil || k < 0 || k >= len(m.Tagger.Classes) {
			d.fail("tag dictionary")
			break
		}
		m.Tagger.dict[w] = k
	}
	m.Tagger.m = d.weights(len(m.Tagger.Classes))
	switch d.uvarint() {
	case 0:
	case 1:
		m.Tagger.m2 = d.weights(len(m.Tagger.Classes))
	default:
		d.fail("tagger passes")
	}
	m.Parser.Labels = strings.Split(d.string(), "\n")
	m.Parser.m = d.weights(1 + 2*len(m.Parser.Labels))
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, errors.New("corrupt model: trailing bytes")
	}
	return m, nil
}

// decoder reads the model's fields from memory, remembering the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("corrupt model: %s", what)
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("truncated")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail("string past the end")
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) weights(nclass int) *weights {
	if c := d.uvarint(); int(c) != nclass || nclass > 256 {
		d.fail(fmt.Sprintf("%d classes, want %d", c, nclass))
		return emptyWeights(nclass)
	}
	nk := d.uvarint()
	if nk > uint64(len(d.b)) {
		d.fail("row count")
		return emptyWeights(nclass)
	}
	m := &weights{nclass: nclass, keys: make([]uint64, nk), starts: make([]uint32, nk)}
	prev := uint64(0)
	for i := range m.keys {
		prev += d.uvarint()
		m.keys[i] = prev
	}
	lens := make([]uint8, nk)
	total := 0
	for i := range lens {
		l := d.uvarint()
		if l == 0 || l > uint64(nclass) {
			d.fail("row length")
			break
		}
		lens[i] = uint8(l - 1)
		m.starts[i] = uint32(total)
		total += int(l)
	}
	if d.err != nil || total*3 > len(d.b) {
		d.fail("rows past the end")
		return emptyWeights(nclass)
	}
	m.entries = make([]uint32, total)
	b := d.b
	k := 0
	for i := range lens {
		n := int(lens[i]) + 1
		for j := 0; j < n; j++ {
			class := b[0]
			if int(class) >= nclass {
				d.fail("class out of range")
				return emptyWeights(nclass)
			}
			m.entries[k] = packEntry(class, fromHalf(binary.LittleEndian.Uint16(b[1:3])), j == n-1)
			b = b[3:]
			k++
		}
	}
	d.b = b
	m.build()
	return m
}

// toHalf and fromHalf convert between float32 and IEEE 754 half precision
// (round to nearest; values past the half range saturate).
func toHalf(f float32) uint16 {
	bits := math.Float32bits(f)
	sign := uint16(bits>>16) & 0x8000
	exp := int((bits>>23)&0xff) - 127 + 15
	mant := bits & 0x7fffff
	switch {
	case exp >= 31:
		return sign | 0x7bff
	case exp <= 0:
		if exp < -10 {
			return sign
		}
		mant |= 0x800000
		shift := uint(14 - exp)
		h := uint16(mant >> shift)
		if (mant>>(shift-1))&1 == 1 {
			h++
		}
		return sign | h
	}
	h := sign | uint16(exp)<<10 | uint16(mant>>13)
	if mant&0x1000 != 0 {
		h++
	}
	return h
}

func fromHalf(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h & 0x3ff)
	switch exp {
	case 0:
		if mant == 0 {
			return math.Float32frombits(sign)
		}
		f := float32(mant) / 1024 / 16384
		if sign != 0 {
			return -f
		}
		return f
	case 31:
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	}
	return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
}
