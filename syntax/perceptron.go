package syntax

import (
	"math"
	"sort"
)

// Features are 64-bit hashes of a template number and the values it reads.
// mix folds one more value into a hash (the finaliser of SplitMix64, enough
// to spread small integers and string hashes over the whole key space).
func mix(h, v uint64) uint64 {
	h ^= v + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 29
	return h
}

func feat1(t, a uint64) uint64       { return mix(mix(t*0x100000001b3, a), 1) }
func feat2(t, a, b uint64) uint64    { return mix(mix(mix(t*0x100000001b3, a), b), 2) }
func feat3(t, a, b, c uint64) uint64 { return mix(mix(mix(mix(t*0x100000001b3, a), b), c), 3) }

// hashString hashes a word (FNV-1a).
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// trainer is a multiclass averaged perceptron over hashed features, with a
// dense row of class weights per feature. Rows are created on the first
// update that touches a feature, so features only ever seen on correct
// predictions cost nothing. Averaging is lazy: each weight remembers when it
// last changed.
type trainer struct {
	nclass int
	index  map[uint64]int32
	// counts holds how often each feature was seen while counting is on
	// (the first round); average drops rows of rarer features.
	counts   map[uint64]int32
	counting bool
	w        []float32
	total    []float64
	stamp    []int32
	tick     int32
}

func newTrainer(nclass int) *trainer {
	return &trainer{nclass: nclass, index: make(map[uint64]int32, 1<<20)}
}

// score adds the weights of feats to scores (len nclass, zeroed by the caller).
func (t *trainer) score(feats []uint64, scores []float32) {
	c := t.nclass
	if t.counting {
		if t.counts == nil {
			t.counts = make(map[uint64]int32, 1<<22)
		}
		for _, f := range feats {
			t.counts[f]++
		}
	}
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			continue
		}
		row := t.w[int(r)*c : int(r)*c+c]
		for k, v := range row {
			scores[k] += v
		}
	}
}

func (t *trainer) row(f uint64) int {
	r, ok := t.index[f]
	if !ok {
		r = int32(len(t.index))
		t.index[f] = r
		t.w = append(t.w, make([]float32, t.nclass)...)
		t.total = append(t.total, make([]float64, t.nclass)...)
		t.stamp = append(t.stamp, make([]int32, t.nclass)...)
	}
	return int(r) * t.nclass
}

// update moves the weights of feats towards class good and away from bad.
// The caller advances tick once per training instance.
func (t *trainer) update(feats []uint64, good, bad int) {
	for _, f := range feats {
		base := t.row(f)
		t.bump(base+good, 1)
		t.bump(base+bad, -1)
	}
}

func (t *trainer) bump(i int, d float32) {
	t.total[i] += float64(t.tick-t.stamp[i]) * float64(t.w[i])
	t.stamp[i] = t.tick
	t.w[i] += d
}

// average returns the averaged weights as a compact model, dropping weights
// whose magnitude is below minWeight, rows of features seen fewer than
// minCount times in the counted round, and rows left empty.
func (t *trainer) average(minWeight float32, minCount int32) *weights {
	c := t.nclass
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	m := &weights{nclass: c}
	var row []entry
	for _, k := range keys {
		if t.counts != nil && t.counts[k] < minCount {
			continue
		}
		base := int(t.index[k]) * c
		row = row[:0]
		for j := 0; j < c; j++ {
			i := base + j
			tot := t.total[i] + float64(t.tick-t.stamp[i])*float64(t.w[i])
			v := float32(tot / float64(max(t.tick, 1)))
			if float32(math.Abs(float64(v))) >= minWeight && v != 0 {
				row = append(row, entry{class: uint8(j), w: v})
			}
		}
		if len(row) > 0 {
			m.add(k, row)
		}
	}
	m.build()
	return m
}

// entry is one class's weight in a feature's sparse row.
type entry struct {
	class uint8
	w     float32
}

// weights is a trained model: for each feature key a sparse row of class
// weights. Rows live one after another in entries, each entry packed in 32
// bits: the class in bits 0-7, a flag in bit 8 marking a row's last entry,
// and the weight in bits 9-31 (a float32 with its last 9 mantissa bits
// dropped).
//
// Features are found in a table of 64-byte buckets, one cache line each: a
// key picks a bucket by its low bits and is told apart inside it by its high
// 32 bits. Slot 0 of a bucket says whether keys overflowed into the next
// bucket; slots 1-7 hold a key's check and where its row starts and how
// long it is. At most half the slots are used, so a lookup reads one cache
// line, and the row's entries are read after all lookups of a batch, so
// that their memory accesses overlap.
type weights struct {
	nclass   int
	nweights int      // how many entries the rows hold
	keys     []uint64 // in the order added; kept for writing the model
	entries  []uint32
	starts   []uint32 // row i starts at entries[starts[i]]; construction only

	buckets []bucket
	mask    uint64
}

type bucket [8]slot

type slot struct {
	check uint32 // key >> 32; in slot 0, 1 when the bucket overflowed
	row   uint32 // row start << 8 | (length - 1); 0 with check 0: empty
}

const (
	lastEntry = 1 << 8
	maxRowLen = 256
	maxStart  = 1 << 24
)

func packEntry(class uint8, w float32, last bool) uint32 {
	b := math.Float32bits(w)
	b += 1 << 8 // round to the kept bits
	v := b&^0x1ff | uint32(class)
	if last {
		v |= lastEntry
	}
	return v
}

func entryWeight(e uint32) float32 { return math.Float32frombits(e &^ 0x1ff) }

func (m *weights) add(key uint64, row []entry) {
	m.keys = append(m.keys, key)
	m.starts = append(m.starts, uint32(len(m.entries)))
	for i, e := range row {
		m.entries = append(m.entries, packEntry(e.class, e.w, i == len(row)-1))
	}
}

// build makes the lookup table. Keys whose check is 0 cannot be told from
// an empty slot and are stored under check 1 instead (the lookup does the
// same), so they merely share a check with other keys of their bucket.
func (m *weights) build() {
	m.nweights = len(m.entries)
	nb := 1
	for nb*4 < len(m.keys)+1 { // at most 4 of 7 slots used on average
		nb <<= 1
	}
	m.buckets = make([]bucket, nb)
	m.mask = uint64(nb - 1)
	for i, k := range m.keys {
		start := m.starts[i]
		end := uint32(len(m.entries))
		if i+1 < len(m.starts) {
			end = m.starts[i+1]
		}
		if start >= maxStart || end-start > maxRowLen {
			panic("syntax: model too large for its table")
		}
		v := slot{check: checkOf(k), row: start<<8 | (end - start - 1)}
		b := k & m.mask
		for placed := false; !placed; b = (b + 1) & m.mask {
			bk := &m.buckets[b]
			for j := 1; j < 8; j++ {
				if bk[j] == (slot{}) {
					bk[j] = v
					placed = true
					break
				}
			}
			if !placed {
				bk[0].check = 1
			}
		}
	}
	m.starts = nil
}

// pin moves the table and the rows of a model that is used until the
// process ends to memory where large pages may back them, never freed (see
// hugeSlice).
func (m *weights) pin() {
	b := hugeSlice[bucket](len(m.buckets))
	copy(b, m.buckets)
	m.buckets = b
	e := hugeSlice[uint32](len(m.entries))
	copy(e, m.entries)
	m.entries = e
}

func checkOf(k uint64) uint32 {
	if c := uint32(k >> 32); c != 0 {
		return c
	}
	return 1
}

// find returns key's packed row (start << 8 | length-1), or -1.
func (m *weights) find(key uint64) int64 {
	check := checkOf(key)
	b := key & m.mask
	for {
		bk := &m.buckets[b]
		found := int64(-1)
		for j := 1; j < 8; j++ {
			if bk[j].check == check {
				found = int64(bk[j].row)
			}
		}
		if found >= 0 || bk[0].check == 0 {
			return found
		}
		b = (b + 1) & m.mask
	}
}

// score adds the weights of feats to scores.
//
// Nearly every lookup misses the processor's caches, so the work is laid
// out for the memory system: first a loop with no branches touches the
// bucket of every feature, so that all those reads are in flight at once;
// then the buckets are searched; then another branch-free loop touches the
// first entry of every row found; only then are the rows added up. A loop
// whose branches depend on the data it reads would wait for each read in
// turn.
func (m *weights) score(feats []uint64, scores []float32) {
	var rows [128]int64
	var sink uint32
	for len(feats) > 0 {
		fs := feats[:min(len(feats), len(rows))]
		feats = feats[len(fs):]
		for _, f := range fs {
			sink += m.buckets[f&m.mask][1].check
		}
		for i, f := range fs {
			rows[i] = m.find(f)
		}
		for _, r := range rows[:len(fs)] {
			sink += m.entries[max(r, 0)>>8]
		}
		for _, r := range rows[:len(fs)] {
			if r < 0 {
				continue
			}
			start, n := int(r>>8), int(r&0xff)+1
			for _, e := range m.entries[start : start+n] {
				scores[uint8(e)] += entryWeight(e)
			}
		}
	}
	// A use of sink the compiler cannot prove dead, so that it keeps the
	// touching loops; adding zero changes no score.
	if sink == 0x9e3779b9 && len(scores) > 0 {
		scores[0] += 0
	}
}

// eachRow calls f with every row's key and entries, in the order added.
func (m *weights) eachRow(f func(key uint64, row []uint32)) {
	start := 0
	for _, k := range m.keys {
		end := start
		for m.entries[end]&lastEntry == 0 {
			end++
		}
		f(k, m.entries[start:end+1])
		start = end + 1
	}
}

// emptyWeights is a model with no rows, which scores nothing.
func emptyWeights(nclass int) *weights {
	m := &weights{nclass: nclass}
	m.build()
	return m
}
