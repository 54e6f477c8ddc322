package syntax

// The parser is a greedy arc-hybrid transition parser (Kuhlmann, Gómez-
// Rodríguez and Satta 2011) with labelled arcs, scored by an averaged
// perceptron and trained with a dynamic oracle (Goldberg and Nivre 2013).
//
// A configuration is a stack, a buffer front b and the arcs built so far.
// The buffer ends in a virtual root at position n. Three kinds of move:
//
//	SHIFT      push b
//	LEFT-l     b -l-> s0, pop s0
//	RIGHT-l    s1 -l-> s0, pop s0
//
// When the buffer holds only the root, only RIGHT is allowed until one word
// is left on the stack; that word becomes the sentence's single root. The
// work is linear in the sentence's length: every word is shifted once and
// popped once.

// Parser assigns heads and relations to tagged words.
type Parser struct {
	Labels []string // relation of each label id; "root" is implicit
	m      *weights
}

const (
	actShift = 0
)

func actLeft(l int) int  { return 1 + 2*l }
func actRight(l int) int { return 2 + 2*l }

// state is a parser configuration with the child links features read.
type state struct {
	n      int
	stack  []int
	b      int
	heads  []int
	labels []int
	lc1    []int // leftmost child
	lc2    []int // second leftmost
	rc1    []int // rightmost child
	rc2    []int // second rightmost
	nl, nr []int
}

func (s *state) reset(n int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b = 0
	s.heads = fill(s.heads, n, -1)
	s.labels = fill(s.labels, n, -1)
	s.lc1 = fill(s.lc1, n, -1)
	s.lc2 = fill(s.lc2, n, -1)
	s.rc1 = fill(s.rc1, n, -1)
	s.rc2 = fill(s.rc2, n, -1)
	s.nl = fill(s.nl, n, 0)
	s.nr = fill(s.nr, n, 0)
}

func fill(a []int, n, v int) []int {
	if cap(a) < n {
		a = make([]int, n)
	}
	a = a[:n]
	for i := range a {
		a[i] = v
	}
	return a
}

func (s *state) done() bool { return s.b >= s.n && len(s.stack) <= 1 }

func (s *state) legal(act int) bool {
	switch {
	case act == actShift:
		return s.b < s.n
	case act%2 == 1: // LEFT
		return len(s.stack) > 0 && s.b < s.n
	default: // RIGHT
		return len(s.stack) > 1
	}
}

func (s *state) apply(act int) {
	if act == actShift {
		s.stack = append(s.stack, s.b)
		s.b++
		return
	}
	s0 := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	if act%2 == 1 {
		h := s.b
		s.heads[s0], s.labels[s0] = h, (act-1)/2
		s.lc2[h] = s.lc1[h]
		s.lc1[h] = s0
		s.nl[h]++
		return
	}
	h := s.stack[len(s.stack)-1]
	s.heads[s0], s.labels[s0] = h, (act-2)/2
	s.rc2[h] = s.rc1[h]
	s.rc1[h] = s0
	s.nr[h]++
}

// finish makes the last word on the stack the root.
func (s *state) finish() {
	if len(s.stack) == 1 {
		s.heads[s.stack[0]] = -1
		s.labels[s.stack[0]] = -1
		s.stack = s.stack[:0]
	}
}

// gold is a sentence's gold tree for the oracle: heads (n for the root) and
// label ids, and each word's dependents.
type gold struct {
	heads  []int
	labels []int
	deps   [][]int
}

// costs writes the cost of every legal move: how many gold arcs that are
// still reachable become unreachable. Illegal moves get -1.
func (s *state) costs(g *gold, inStack []bool, out []int) {
	for i := range out {
		out[i] = -1
	}
	var s0, s1 = -1, -1
	if k := len(s.stack); k > 0 {
		s0 = s.stack[k-1]
		if k > 1 {
			s1 = s.stack[k-2]
		}
	}
	b := s.b
	// Dependents of s0 still in the buffer are lost by any pop of s0.
	lostDeps := 0
	if s0 >= 0 {
		for _, d := range g.deps[s0] {
			if d >= b {
				lostDeps++
			}
		}
	}
	if s.legal(actShift) {
		c := 0
		for _, d := range g.deps[b] {
			if d < b && inStack[d] {
				c++
			}
		}
		if h := g.heads[b]; h < b && h != s0 && inStack[h] {
			c++
		}
		out[actShift] = c
	}
	nl := (len(out) - 1) / 2
	if s0 >= 0 && b < s.n {
		h := g.heads[s0]
		c := lostDeps
		if h != b && (h == s1 || h >= b) {
			c++
		}
		for l := 0; l < nl; l++ {
			cl := c
			if h == b && l != g.labels[s0] {
				cl++
			}
			out[actLeft(l)] = cl
		}
	}
	if s1 >= 0 {
		h := g.heads[s0]
		c := lostDeps
		if h != s1 && h >= b {
			c++
		}
		for l := 0; l < nl; l++ {
			cl := c
			if h == s1 && l != g.labels[s0] {
				cl++
			}
			out[actRight(l)] = cl
		}
	}
}

const (
	pS0 = iota
	pS1
	pS2
	pB0
	pB1
	pB2
	pS0L1
	pS0L2
	pS0R1
	pS0R2
	pS1L1
	pS1R1
	pS1R2
	pB0L1
	pB0L2
	nPos
)

// parseScratch is the per-sentence working memory of the parser.
type parseScratch struct {
	st      state
	ws      []wordInfo
	feats   []uint64
	scores  []float32
	costs   []int
	inStack []bool
	idx     [nPos]int
}

// parserFeatures writes the features of configuration s.
func parserFeatures(ps *parseScratch, tags []int) []uint64 {
	s := &ps.st
	ws := ps.ws
	p := &ps.idx
	for i := range p {
		p[i] = -1
	}
	k := len(s.stack)
	if k > 0 {
		p[pS0] = s.stack[k-1]
	}
	if k > 1 {
		p[pS1] = s.stack[k-2]
	}
	if k > 2 {
		p[pS2] = s.stack[k-3]
	}
	if s.b < s.n {
		p[pB0] = s.b
	}
	if s.b+1 < s.n {
		p[pB1] = s.b + 1
	}
	if s.b+2 < s.n {
		p[pB2] = s.b + 2
	}
	if x := p[pS0]; x >= 0 {
		p[pS0L1], p[pS0L2], p[pS0R1], p[pS0R2] = s.lc1[x], s.lc2[x], s.rc1[x], s.rc2[x]
	}
	if x := p[pS1]; x >= 0 {
		p[pS1L1], p[pS1R1], p[pS1R2] = s.lc1[x], s.rc1[x], s.rc2[x]
	}
	if x := p[pB0]; x >= 0 {
		p[pB0L1], p[pB0L2] = s.lc1[x], s.lc2[x]
	}
	var w, t, l [nPos]uint64
	for i, x := range p {
		if x < 0 {
			w[i], t[i], l[i] = 1, 2000, 3000
			if i == pB0 && s.b >= s.n {
				w[i], t[i] = 2, 2001 // the root
			}
			continue
		}
		w[i] = ws[x].lower
		t[i] = uint64(tags[x])
		l[i] = uint64(s.labels[x] + 3001)
	}
	dist := func(a, b int) uint64 {
		if a < 0 || b < 0 {
			return 99
		}
		d := b - a
		switch {
		case d <= 4:
			return uint64(d)
		case d <= 6:
			return 5
		case d <= 10:
			return 6
		default:
			return 7
		}
	}
	d0 := dist(p[pS0], p[pB0])
	d1 := dist(p[pS1], p[pS0])
	val := func(a []int, x int) uint64 {
		if x < 0 {
			return 99
		}
		return uint64(a[x])
	}
	s0nl, s0nr := val(s.nl, p[pS0]), val(s.nr, p[pS0])
	s1nr := val(s.nr, p[pS1])
	b0nl := val(s.nl, p[pB0])

	f := ps.feats[:0]
	n := uint64(0)
	next := func() uint64 { n++; return n }
	f = append(f,
		// single words
		feat1(next(), w[pS0]), feat1(next(), t[pS0]), feat2(next(), w[pS0], t[pS0]),
		feat1(next(), w[pS1]), feat1(next(), t[pS1]), feat2(next(), w[pS1], t[pS1]),
		feat1(next(), w[pB0]), feat1(next(), t[pB0]), feat2(next(), w[pB0], t[pB0]),
		feat1(next(), w[pB1]), feat1(next(), t[pB1]), feat2(next(), w[pB1], t[pB1]),
		feat1(next(), w[pB2]), feat1(next(), t[pB2]),
		feat1(next(), t[pS2]), feat2(next(), w[pS2], t[pS2]),
		// pairs
		feat3(next(), w[pS0], t[pS0], feat2(0, w[pB0], t[pB0])),
		feat3(next(), w[pS0], t[pS0], w[pB0]),
		feat3(next(), w[pS0], w[pB0], t[pB0]),
		feat3(next(), w[pS0], t[pS0], t[pB0]),
		feat3(next(), t[pS0], w[pB0], t[pB0]),
		feat2(next(), w[pS0], w[pB0]),
		feat2(next(), t[pS0], t[pB0]),
		feat2(next(), t[pB0], t[pB1]),
		feat3(next(), w[pS1], t[pS1], feat2(0, w[pS0], t[pS0])),
		feat2(next(), w[pS1], w[pS0]),
		feat2(next(), t[pS1], t[pS0]),
		feat3(next(), t[pS1], w[pS0], t[pS0]),
		feat3(next(), w[pS1], t[pS1], t[pS0]),
		feat2(next(), w[pS1], t[pS0]),
		feat2(next(), t[pS1], w[pS0]),
		// triples of tags
		feat3(next(), t[pB0], t[pB1], t[pB2]),
		feat3(next(), t[pS0], t[pB0], t[pB1]),
		feat3(next(), t[pS1], t[pS0], t[pB0]),
		feat3(next(), t[pS2], t[pS1], t[pS0]),
		feat3(next(), t[pS0], t[pS0L1], t[pB0]),
		feat3(next(), t[pS0], t[pS0R1], t[pB0]),
		feat3(next(), t[pS1], t[pS0], t[pS0L1]),
		feat3(next(), t[pS1], t[pS0], t[pS0R1]),
		feat3(next(), t[pS1], t[pS1R1], t[pS0]),
		feat3(next(), t[pS1], t[pS1L1], t[pS0]),
		feat3(next(), t[pS0], t[pB0], t[pB0L1]),
		feat3(next(), t[pS0], t[pS0L1], t[pS0L2]),
		feat3(next(), t[pS0], t[pS0R1], t[pS0R2]),
		feat3(next(), t[pS1], t[pS1R1], t[pS1R2]),
		feat3(next(), t[pB0], t[pB0L1], t[pB0L2]),
		// distance
		feat2(next(), w[pS0], d0), feat2(next(), t[pS0], d0),
		feat2(next(), w[pB0], d0), feat2(next(), t[pB0], d0),
		feat3(next(), w[pS0], w[pB0], d0), feat3(next(), t[pS0], t[pB0], d0),
		feat3(next(), t[pS1], t[pS0], d1), feat3(next(), w[pS1], t[pS0], d1),
		feat3(next(), t[pS1], w[pS0], d1),
		// valency
		feat2(next(), w[pS0], s0nr), feat2(next(), t[pS0], s0nr),
		feat2(next(), w[pS0], s0nl), feat2(next(), t[pS0], s0nl),
		feat2(next(), w[pS1], s1nr), feat2(next(), t[pS1], s1nr),
		feat2(next(), w[pB0], b0nl), feat2(next(), t[pB0], b0nl),
		// children
		feat1(next(), w[pS0L1]), feat1(next(), t[pS0L1]), feat1(next(), l[pS0L1]),
		feat1(next(), w[pS0R1]), feat1(next(), t[pS0R1]), feat1(next(), l[pS0R1]),
		feat1(next(), w[pS1R1]), feat1(next(), t[pS1R1]), feat1(next(), l[pS1R1]),
		feat1(next(), w[pB0L1]), feat1(next(), t[pB0L1]), feat1(next(), l[pB0L1]),
		feat1(next(), t[pS0L2]), feat1(next(), l[pS0L2]),
		feat1(next(), t[pS0R2]), feat1(next(), l[pS0R2]),
		feat1(next(), t[pB0L2]), feat1(next(), l[pB0L2]),
		feat1(next(), t[pS1L1]), feat1(next(), l[pS1L1]),
		feat3(next(), t[pS0], l[pS0L1], l[pS0L2]),
		feat3(next(), t[pS0], l[pS0R1], l[pS0R2]),
		feat3(next(), t[pB0], l[pB0L1], l[pB0L2]),
		feat3(next(), t[pS1], l[pS1R1], l[pS1L1]),
		feat3(next(), w[pS0], l[pS0L1], l[pS0R1]),
		feat3(next(), w[pB0], l[pB0L1], t[pS0]),
	)
	ps.feats = f
	return f
}

// parse parses one tagged sentence. With a trainer and a gold tree it
// learns from its mistakes as it goes, following its own moves when explore
// says so (the dynamic oracle makes every configuration one it can learn
// from); it returns the number of moves it got wrong.
func (p *Parser) parse(ps *parseScratch, words []string, tags []int, tr *trainer, g *gold, explore func() bool) int {
	n := len(words)
	ps.ws = describeAll(words, ps.ws)
	ps.st.reset(n)
	nclass := 1 + 2*len(p.Labels)
	if cap(ps.scores) < nclass {
		ps.scores = make([]float32, nclass)
		ps.costs = make([]int, nclass)
	}
	sc, cost := ps.scores[:nclass], ps.costs[:nclass]
	if g != nil {
		if cap(ps.inStack) < n {
			ps.inStack = make([]bool, n)
		}
		ps.inStack = ps.inStack[:n]
		clear(ps.inStack)
	}
	st := &ps.st
	wrong := 0
	for !st.done() {
		if g == nil && len(st.stack) == 0 {
			// SHIFT is the only move: nothing to score. (Training scores
			// it all the same, so that the model stays the one the
			// training command makes.)
			st.apply(actShift)
			continue
		}
		feats := parserFeatures(ps, tags)
		clear(sc)
		if tr != nil {
			tr.score(feats, sc)
		} else {
			p.m.score(feats, sc)
		}
		best := -1
		for a := 0; a < nclass; a++ {
			if st.legal(a) && (best < 0 || sc[a] > sc[best]) {
				best = a
			}
		}
		act := best
		if g != nil {
			st.costs(g, ps.inStack, cost)
			minCost := -1
			for a := 0; a < nclass; a++ {
				if cost[a] >= 0 && (minCost < 0 || cost[a] < minCost) {
					minCost = cost[a]
				}
			}
			if cost[best] != minCost {
				goodAct := -1
				for a := 0; a < nclass; a++ {
					if cost[a] == minCost && (goodAct < 0 || sc[a] > sc[goodAct]) {
						goodAct = a
					}
				}
				wrong++
				tr.tick++
				tr.update(feats, goodAct, best)
				if !explore() {
					act = goodAct
				}
			} else {
				tr.tick++
			}
			if act == actShift {
				ps.inStack[st.b] = true
			} else {
				ps.inStack[st.stack[len(st.stack)-1]] = false
			}
		}
		st.apply(act)
	}
	st.finish()
	return wrong
}
