package syntax

// The tagger is a greedy left-to-right averaged perceptron over hashed
// features of the word, its neighbours and the two tags before it. Its
// classes are pairs of a Penn Treebank tag and a Universal POS tag
// ("IN ADP", "IN SCONJ"), so one decision gives both.

// Tagger tags words with joint Penn/Universal part-of-speech classes. It
// makes two passes: the first reads the tags it chose to the left, the
// second also reads the first pass's tags to the right.
type Tagger struct {
	Classes []string // "XPOS UPOS"
	XPOS    []string // Penn tag of each class
	UPOS    []string // Universal tag of each class
	m       *weights // first pass
	m2      *weights // second pass; nil in a one-pass tagger
	// dict holds the class of frequent words that had one class in nearly
	// all their training occurrences ("the", "said", ","); they are tagged
	// without the model.
	dict map[string]int
	// index maps "XPOS UPOS" to its class.
	index map[string]int
}

const (
	tBias = iota + 1
	tW
	tForm
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tPre1
	tPre2
	tShape
	tShapeFirst
	tP1
	tP2
	tP1P2
	tP1W
	tWm1
	tWm1Suf3
	tWm2
	tWp1
	tWp1Suf3
	tWp2
	tWm1W
	tWWp1
	tShapeP1
	tShapeN1
	tP1Wp1
	tA0
	tA1
	tA2
	tA1A2
	tA1W
	tP1A1
	tA0W
	tAm1A1
)

// tagFeatures writes the features of word i given the classes already
// chosen for the words before it.
// With ahead (the first pass's tags) it adds what that pass chose for the
// word and the two after it.
func tagFeatures(ws []wordInfo, tags, ahead []int, i int, out []uint64) []uint64 {
	out = out[:0]
	w := &ws[i]
	p1, p2 := uint64(1000), uint64(1000) // sentence start
	if i > 0 {
		p1 = uint64(tags[i-1])
	}
	if i > 1 {
		p2 = uint64(tags[i-2])
	}
	var wm1, wm2, wp1, wp2 *wordInfo
	none := &wordInfo{}
	wm1, wm2, wp1, wp2 = none, none, none, none
	if i > 0 {
		wm1 = &ws[i-1]
	}
	if i > 1 {
		wm2 = &ws[i-2]
	}
	if i+1 < len(ws) {
		wp1 = &ws[i+1]
	}
	if i+2 < len(ws) {
		wp2 = &ws[i+2]
	}
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	out = append(out,
		feat1(tBias, 0),
		feat1(tW, w.lower),
		feat1(tForm, w.form),
		feat1(tSuf1, w.suf[0]),
		feat1(tSuf2, w.suf[1]),
		feat1(tSuf3, w.suf[2]),
		feat1(tSuf4, w.suf[3]),
		feat1(tPre1, w.pre[0]),
		feat1(tPre2, w.pre[1]),
		feat1(tShape, w.shape),
		feat2(tShapeFirst, w.shape, first),
		feat1(tP1, p1),
		feat1(tP2, p2),
		feat2(tP1P2, p1, p2),
		feat2(tP1W, p1, w.lower),
		feat1(tWm1, wm1.lower),
		feat1(tWm1Suf3, wm1.suf[2]),
		feat1(tWm2, wm2.lower),
		feat1(tWp1, wp1.lower),
		feat1(tWp1Suf3, wp1.suf[2]),
		feat1(tWp2, wp2.lower),
		feat2(tWm1W, wm1.lower, w.lower),
		feat2(tWWp1, w.lower, wp1.lower),
		feat2(tShapeP1, w.shape, p1),
		feat1(tShapeN1, wp1.shape),
		feat2(tP1Wp1, p1, wp1.lower),
	)
	if ahead != nil {
		a0, a1, a2 := uint64(ahead[i]), uint64(1001), uint64(1001)
		if i+1 < len(ahead) {
			a1 = uint64(ahead[i+1])
		}
		if i+2 < len(ahead) {
			a2 = uint64(ahead[i+2])
		}
		out = append(out,
			feat1(tA0, a0), feat1(tA1, a1), feat1(tA2, a2),
			feat2(tA1A2, a1, a2), feat2(tA1W, a1, w.lower), feat2(tP1A1, p1, a1),
			feat2(tA0W, a0, w.lower), feat2(tAm1A1, p1, feat2(0, a0, a1)))
	}
	return out
}

// tagScratch is the per-call working memory of Tag.
type tagScratch struct {
	ws     []wordInfo
	feats  []uint64
	scores []float32
	margin []float32 // first pass: best score minus the runner-up's
}

// tag writes the first pass's class of each word into tags.
func (tg *Tagger) tag(s *tagScratch, words []string, tags []int) {
	s.ws = describeAll(words, s.ws)
	tg.pass(s, tg.m, nil, tags)
}

// refine writes the second pass's classes into out, given the first pass's
// tags in first. A one-pass tagger copies them.
func (tg *Tagger) refine(s *tagScratch, first, out []int) {
	copy(out, first)
	if tg.m2 == nil {
		return
	}
	tg.passWhere(s, tg.m2, first, out, s.margin, sureMargin)
}

// sureMargin is the lead of the first pass's best class over the next one
// past which the second pass is not asked: nearly all words are tagged
// surely by the first pass, and the second pass, which reads the tags to
// the right, changes its mind only where the first was close.
const sureMargin = 8

// pass tags the words described in s.ws with model m.
func (tg *Tagger) pass(s *tagScratch, m *weights, ahead, tags []int) {
	tg.passWhere(s, m, ahead, tags, nil, 0)
}

// passWhere is pass; with margins, only words whose margin is below sure
// are tagged, the others keep the class they have in tags. Without
// margins, it records each word's margin in s.margin.
func (tg *Tagger) passWhere(s *tagScratch, m *weights, ahead, tags []int, margins []float32, sure float32) {
	words := s.ws
	if margins == nil {
		if cap(s.margin) < len(words) {
			s.margin = make([]float32, len(words))
		}
		s.margin = s.margin[:len(words)]
	}
	nc := m.nclass
	if cap(s.scores) < nc {
		s.scores = make([]float32, nc)
	}
	sc := s.scores[:nc]
	for i := range words {
		if margins != nil && margins[i] >= sure {
			continue
		}
		if c, ok := tg.dict[words[i].norm]; ok {
			tags[i] = c
			if margins == nil {
				s.margin[i] = 1e9
			}
			continue
		}
		s.feats = tagFeatures(s.ws, tags, ahead, i, s.feats)
		clear(sc)
		m.score(s.feats, sc)
		best := argmax(sc)
		tags[i] = best
		if margins == nil {
			second := float32(-1e30)
			for k, v := range sc {
				if k != best && v > second {
					second = v
				}
			}
			s.margin[i] = sc[best] - second
		}
	}
}

func describeAll(words []string, ws []wordInfo) []wordInfo {
	if cap(ws) < len(words) {
		ws = make([]wordInfo, len(words))
	}
	ws = ws[:len(words)]
	for i, w := range words {
		describe(w, &ws[i])
	}
	return ws
}

func argmax(sc []float32) int {
	best := 0
	for k := 1; k < len(sc); k++ {
		if sc[k] > sc[best] {
			best = k
		}
	}
	return best
}

// buildTagDict finds the words seen at least minCount times whose most
// frequent class covers at least share of their occurrences.
func buildTagDict(exs []*example, minCount int, share float64) map[string]int {
	counts := map[string]map[int]int{}
	for _, ex := range exs {
		for i, w := range ex.words {
			n := normalize(w)
			if counts[n] == nil {
				counts[n] = map[int]int{}
			}
			counts[n][ex.tags[i]]++
		}
	}
	dict := map[string]int{}
	for w, cs := range counts {
		total, best, bestN := 0, 0, 0
		for c, n := range cs {
			total += n
			if n > bestN || (n == bestN && c < best) {
				best, bestN = c, n
			}
		}
		if total >= minCount && float64(bestN) >= share*float64(total) {
			dict[w] = best
		}
	}
	return dict
}
