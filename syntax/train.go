package syntax

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"time"

	"sitrep/conllu"
)

// TrainConfig says what to train on and how long.
type TrainConfig struct {
	Train       []string // CoNLL-U files (gzipped or not)
	Dev         []string // CoNLL-U files to report on after each round
	TaggerIters int
	ParserIters int
	Folds       int // jackknife folds for the parser's training tags
	Seed        uint64
	MinWeight   float32 // averaged weights smaller than this are dropped
	MinCount    int32   // parser features seen fewer times in the first round are dropped
	// Augment is the share of eligible training sentences copied with a
	// trailing reporting clause (see augmentReported); 0 turns it off.
	Augment float64
}

// DefaultTrainConfig is the configuration the embedded model was trained with.
var DefaultTrainConfig = TrainConfig{TaggerIters: 8, ParserIters: 10, Folds: 5, Seed: 1, MinWeight: 0.01, MinCount: 15, Augment: 0.15}

// A word goes into the tag dictionary when it was seen dictMinCount times
// and dictShare of them had one class.
const (
	dictMinCount = 20
	dictShare    = 0.995
)

// example is a treebank sentence in our token conventions.
type example struct {
	words  []string
	tags   []int // gold tagger classes
	heads  []int // 0-based; the root's head is len(words)
	labels []int // label ids; -1 for the root
	gold   *gold
	// projective is false when some arc crosses another; the parser only
	// builds projective trees, and its oracle is exact only on them.
	projective bool
}

// Train trains a tagger and a parser, logging progress to log. It is
// deterministic for a given configuration and input.
// Cancelling ctx stops it between sentences.
func Train(ctx context.Context, cfg TrainConfig, log io.Writer) (*Model, error) {
	start := time.Now()
	var trainS, devS []*conllu.Sentence
	for _, f := range cfg.Train {
		s, err := conllu.ReadFile(f)
		if err != nil {
			return nil, err
		}
		trainS = append(trainS, s...)
	}
	for _, f := range cfg.Dev {
		s, err := conllu.ReadFile(f)
		if err != nil {
			return nil, err
		}
		devS = append(devS, s...)
	}
	if len(trainS) == 0 {
		return nil, fmt.Errorf("no training sentences")
	}
	classIdx := map[string]int{}
	labelIdx := map[string]int{}
	for _, s := range trainS {
		for _, w := range MergeHyphens(s.Words) {
			c := w.XPOS + " " + w.UPOS
			if _, ok := classIdx[c]; !ok {
				classIdx[c] = -1
			}
			if base := w.Deprel; base != "root" {
				labelIdx[base] = -1
			}
		}
	}
	classes := sortedKeys(classIdx)
	labels := sortedKeys(labelIdx)
	for i, c := range classes {
		classIdx[c] = i
	}
	for i, l := range labels {
		labelIdx[l] = i
	}
	if len(classes) > 256 || 1+2*len(labels) > 256 {
		return nil, fmt.Errorf("too many classes: %d tags, %d labels", len(classes), len(labels))
	}
	if cfg.Augment > 0 {
		extra := augmentReported(trainS, cfg.Augment, cfg.Seed)
		fmt.Fprintf(log, "added %d sentences with a trailing reporting clause\n", len(extra))
		trainS = append(trainS, extra...)
	}
	train := toExamples(trainS, classIdx, labelIdx, true)
	dev := toExamples(devS, classIdx, labelIdx, false)
	fmt.Fprintf(log, "read %d training and %d dev sentences; %d tag classes, %d relations (%s)\n",
		len(train), len(dev), len(classes), len(labels), since(start))

	tg := &Tagger{Classes: classes, dict: buildTagDict(train, dictMinCount, dictShare)}
	fmt.Fprintf(log, "tag dictionary: %d words tagged without the model\n", len(tg.dict))
	for _, c := range classes {
		x, u, _ := strings.Cut(c, " ")
		tg.XPOS = append(tg.XPOS, x)
		tg.UPOS = append(tg.UPOS, u)
	}

	// Jackknifed tags for the parser's training data, folds in parallel.
	predicted := make([][]int, len(train))
	folds := max(cfg.Folds, 1)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for f := 0; f < folds && folds > 1; f++ {
		wg.Add(1)
		go func(f int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var part []*example
			for i, ex := range train {
				if i%folds != f {
					part = append(part, ex)
				}
			}
			ftg := &Tagger{Classes: classes, XPOS: tg.XPOS, UPOS: tg.UPOS, dict: buildTagDict(part, dictMinCount, dictShare)}
			ftg.m = trainTagger(ctx, part, classes, cfg, cfg.Seed+uint64(f)+1, nil, nil, nil, nil).average(cfg.MinWeight, 0)
			var s tagScratch
			for i, ex := range train {
				if i%folds == f {
					predicted[i] = make([]int, len(ex.words))
					ftg.tag(&s, ex.words, predicted[i])
				}
			}
		}(f)
	}
	wg.Wait()
	if folds > 1 {
		fmt.Fprintf(log, "jackknifed tags over %d folds: accuracy %.4f (%s)\n", folds, tagAccuracy(train, predicted), since(start))
	}
	tg.m = trainTagger(ctx, train, classes, cfg, cfg.Seed, dev, log, nil, nil).average(cfg.MinWeight, 0)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	fmt.Fprintf(log, "tagger, first pass: %d features, %d weights (%s)\n", len(tg.m.keys), tg.m.nweights, since(start))
	if folds <= 1 {
		var s tagScratch
		for i, ex := range train {
			predicted[i] = make([]int, len(ex.words))
			tg.tag(&s, ex.words, predicted[i])
		}
	}
	devTags := make([][]int, len(dev))
	var s tagScratch
	for i, ex := range dev {
		devTags[i] = make([]int, len(ex.words))
		tg.tag(&s, ex.words, devTags[i])
	}
	if folds > 1 {
		// The second pass learns from the jackknifed first-pass tags, which
		// are as wrong as the first pass will be on new text.
		tg.m2 = trainTagger(ctx, train, classes, cfg, cfg.Seed+100, dev, log, predicted, devTags).average(cfg.MinWeight, 0)
		fmt.Fprintf(log, "tagger, second pass: %d features, %d weights (%s)\n", len(tg.m2.keys), tg.m2.nweights, since(start))
	}

	p := &Parser{Labels: labels}
	tr := newTrainer(1 + 2*len(labels))
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var ps parseScratch
	for it := 0; it < cfg.ParserIters; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		explore := func() bool { return it > 0 && rng.Float64() < 0.9 }
		tr.counting = it == 0
		wrong, moves := 0, 0
		for k, i := range order {
			if k%256 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			ex := train[i]
			if !ex.projective {
				continue
			}
			wrong += p.parse(&ps, ex.words, predicted[i], tr, ex.gold, explore)
			moves += 2 * len(ex.words)
		}
		line := fmt.Sprintf("parser round %d: %.4f of moves wrong, %d features", it+1, float64(wrong)/float64(moves), len(tr.index))
		if len(dev) > 0 && (it%3 == 2 || it == cfg.ParserIters-1) {
			p.m = tr.average(cfg.MinWeight, cfg.MinCount)
			uas, las := parseScore(p, dev, devTags)
			line += fmt.Sprintf("; dev UAS %.4f LAS %.4f", uas, las)
		}
		fmt.Fprintf(log, "%s (%s)\n", line, since(start))
	}
	if len(dev) > 0 {
		// How much the pruning of rare features costs, for choosing MinCount.
		for _, mc := range []int32{1, 3, 5, 10, 20, 40} {
			p.m = tr.average(cfg.MinWeight, mc)
			uas, las := parseScore(p, dev, devTags)
			fmt.Fprintf(log, "features seen at least %d times: %d rows, %d weights, dev UAS %.4f LAS %.4f\n", mc, len(p.m.keys), p.m.nweights, uas, las)
		}
	}
	p.m = tr.average(cfg.MinWeight, cfg.MinCount)
	fmt.Fprintf(log, "parser: %d features, %d weights (%s)\n", len(p.m.keys), p.m.nweights, since(start))
	m := &Model{Tagger: tg, Parser: p}
	return m, nil
}

func since(t time.Time) string { return time.Since(t).Round(100 * time.Millisecond).String() }

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func toExamples(sents []*conllu.Sentence, classIdx, labelIdx map[string]int, withSplit bool) []*example {
	out := make([]*example, 0, len(sents))
	for _, s := range sents {
		forms := [][]conllu.Word{MergeHyphens(s.Words)}
		if withSplit && len(forms[0]) != len(s.Words) {
			// Learn the treebank's split form too, so that words given
			// already split ("al", "-", "Assad") parse as well.
			forms = append(forms, s.Words)
		}
		for _, ws := range forms {
			if ex := toExample(ws, classIdx, labelIdx); ex != nil {
				out = append(out, ex)
			}
		}
	}
	return out
}

func toExample(ws []conllu.Word, classIdx, labelIdx map[string]int) *example {
	n := len(ws)
	ex := &example{words: make([]string, n), tags: make([]int, n), heads: make([]int, n), labels: make([]int, n)}
	ok := true
	for i, w := range ws {
		ex.words[i] = w.Form
		c, found := classIdx[w.XPOS+" "+w.UPOS]
		if !found {
			c = 0
		}
		ex.tags[i] = c
		if w.Head <= 0 {
			ex.heads[i] = n
			ex.labels[i] = -1
		} else {
			ex.heads[i] = w.Head - 1
			l, found := labelIdx[w.Deprel]
			if !found {
				l = 0
			}
			ex.labels[i] = l
		}
		if w.Head < 0 {
			ok = false
		}
	}
	if !ok || n == 0 {
		return nil
	}
	g := &gold{heads: ex.heads, labels: ex.labels, deps: make([][]int, n)}
	for d, h := range ex.heads {
		if h < n {
			g.deps[h] = append(g.deps[h], d)
		}
	}
	ex.gold = g
	ex.projective = projective(ex.heads)
	return ex
}

func xposOf(classes []string, c int) string {
	x, _, _ := strings.Cut(classes[c], " ")
	return x
}

// trainTagger trains one pass of the tagger. With ahead (the first pass's
// tags for each training sentence, and devAhead for each dev sentence) it
// trains the second pass.
func trainTagger(ctx context.Context, train []*example, classes []string, cfg TrainConfig, seed uint64, dev []*example, log io.Writer, ahead, devAhead [][]int) *trainer {
	nclass := len(classes)
	tr := newTrainer(nclass)
	rng := rand.New(rand.NewPCG(seed, 0x7a6))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var ws []wordInfo
	var feats []uint64
	scores := make([]float32, nclass)
	var tags []int
	for it := 0; it < cfg.TaggerIters; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for _, k := range order {
			if ctx.Err() != nil {
				return tr
			}
			ex := train[k]
			ws = describeAll(ex.words, ws)
			tags = fill(tags, len(ex.words), 0)
			var ah []int
			if ahead != nil {
				ah = ahead[k]
			}
			for i := range ex.words {
				feats = tagFeatures(ws, tags, ah, i, feats)
				clear(scores)
				tr.score(feats, scores)
				guess := argmax(scores)
				tr.tick++
				if guess != ex.tags[i] {
					tr.update(feats, ex.tags[i], guess)
				} else {
					right++
				}
				total++
				tags[i] = guess
			}
		}
		if log != nil {
			line := fmt.Sprintf("tagger round %d: train %.4f", it+1, float64(right)/float64(total))
			if len(dev) > 0 && (it%2 == 1 || it == cfg.TaggerIters-1) {
				avg := tr.average(cfg.MinWeight, 0)
				var s tagScratch
				r, rx, n := 0, 0, 0
				for k, ex := range dev {
					got := make([]int, len(ex.words))
					s.ws = describeAll(ex.words, s.ws)
					var ah []int
					if devAhead != nil {
						ah = devAhead[k]
					}
					(&Tagger{}).pass(&s, avg, ah, got)
					for i := range got {
						if got[i] == ex.tags[i] {
							r++
						}
						if xposOf(classes, got[i]) == xposOf(classes, ex.tags[i]) {
							rx++
						}
						n++
					}
				}
				line += fmt.Sprintf("; dev joint %.4f XPOS %.4f", float64(r)/float64(n), float64(rx)/float64(n))
			}
			fmt.Fprintln(log, line)
		}
	}
	return tr
}

func tagAccuracy(exs []*example, pred [][]int) float64 {
	r, n := 0, 0
	for i, ex := range exs {
		for j := range ex.tags {
			if pred[i][j] == ex.tags[j] {
				r++
			}
			n++
		}
	}
	return float64(r) / float64(max(n, 1))
}

func parseScore(p *Parser, exs []*example, tags [][]int) (uas, las float64) {
	var ps parseScratch
	u, l, n := 0, 0, 0
	for i, ex := range exs {
		p.parse(&ps, ex.words, tags[i], nil, nil, nil)
		for j := range ex.words {
			h := ps.st.heads[j]
			if h < 0 {
				h = len(ex.words)
			}
			if h == ex.heads[j] {
				u++
				if ps.st.labels[j] == ex.labels[j] {
					l++
				}
			}
			n++
		}
	}
	return float64(u) / float64(n), float64(l) / float64(n)
}

// MergeHyphens joins words that the treebank split at hyphens inside one
// whitespace-free stretch ("al - Assad", "pro - government") into one word,
// as sitrep's tokenizer keeps them. The merged word takes the tags and the
// attachment of the part nearest the root; words that depended on any part
// depend on the merged word. Heads are renumbered.
func MergeHyphens(ws []conllu.Word) []conllu.Word {
	n := len(ws)
	join := make([]bool, n) // join[i]: word i is glued to word i+1 across a hyphen
	any := false
	for i := 0; i+1 < n; i++ {
		if ws[i].SpaceAfter() {
			continue
		}
		if ws[i+1].XPOS == "HYPH" && i+2 < n && !ws[i+1].SpaceAfter() && isWordy(ws[i].Form) && isWordy(ws[i+2].Form) {
			join[i], join[i+1] = true, true
			any = true
		}
	}
	if !any {
		return ws
	}
	depth := make([]int, n)
	for i := range ws {
		d, h := 0, ws[i].Head
		for h > 0 && d <= n {
			d++
			h = ws[h-1].Head
		}
		depth[i] = d
	}
	group := make([]int, n) // new index of each old word
	var out []conllu.Word
	for i := 0; i < n; {
		j := i
		for j < n-1 && join[j] {
			j++
		}
		// words i..j form one group
		rep := i
		var form strings.Builder
		for k := i; k <= j; k++ {
			form.WriteString(ws[k].Form)
			if depth[k] < depth[rep] {
				rep = k
			}
		}
		w := ws[rep]
		w.Form = form.String()
		if i != j {
			w.Lemma = strings.ToLower(w.Form)
		}
		w.Misc = ws[j].Misc
		for k := i; k <= j; k++ {
			group[k] = len(out)
		}
		out = append(out, w)
		i = j + 1
	}
	for i := range out {
		out[i].ID = i + 1
		if h := out[i].Head; h > 0 {
			out[i].Head = group[h-1] + 1
		}
		if out[i].Head == out[i].ID { // a part pointing inside its own group
			out[i].Head = 0
		}
	}
	return out
}

func isWordy(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 {
			return true
		}
	}
	return false
}

// projective reports whether no two arcs of the tree cross (the root's arc
// comes from position n, after every word).
func projective(heads []int) bool {
	for d, h := range heads {
		lo, hi := min(d, h), max(d, h)
		for k := lo + 1; k < hi; k++ {
			// every word strictly between an arc's ends must hang below
			// its head, inside the span
			if hk := heads[k]; hk < lo || hk > hi {
				return false
			}
		}
	}
	return true
}

// augmentReported copies a share of the training sentences that are one
// plain declarative clause ending in a full stop, adding a trailing
// reporting clause the way wire copy attributes nearly every sentence:
// "Troops withdrew." becomes "Troops withdrew, officials said." The
// treebanks hold few such sentences (web text and Wikinews attribute
// otherwise), and a parser that has not seen them makes the reporting verb
// a conjunct of the report. As the UD English treebanks annotate them, the
// reporting verb is the root, the report its ccomp, and the comma belongs to
// the report.
func augmentReported(sents []*conllu.Sentence, share float64, seed uint64) []*conllu.Sentence {
	type word struct{ form, lemma, upos, xpos string }
	speakers := [][]word{
		{{"officials", "official", "NOUN", "NNS"}},
		{{"he", "he", "PRON", "PRP"}},
		{{"she", "she", "PRON", "PRP"}},
		{{"they", "they", "PRON", "PRP"}},
		{{"police", "police", "NOUN", "NNS"}},
		{{"activists", "activist", "NOUN", "NNS"}},
		{{"witnesses", "witness", "NOUN", "NNS"}},
		{{"residents", "resident", "NOUN", "NNS"}},
		{{"the", "the", "DET", "DT"}, {"ministry", "ministry", "NOUN", "NN"}},
		{{"the", "the", "DET", "DT"}, {"army", "army", "NOUN", "NN"}},
		{{"a", "a", "DET", "DT"}, {"spokesman", "spokesman", "NOUN", "NN"}},
		{{"the", "the", "DET", "DT"}, {"group", "group", "NOUN", "NN"}},
		{{"the", "the", "DET", "DT"}, {"statement", "statement", "NOUN", "NN"}},
		{{"Reuters", "Reuters", "PROPN", "NNP"}},
		{{"the", "the", "DET", "DT"}, {"Observatory", "Observatory", "PROPN", "NNP"}},
	}
	verbs := []word{
		{"said", "say", "VERB", "VBD"}, {"said", "say", "VERB", "VBD"}, {"said", "say", "VERB", "VBD"},
		{"says", "say", "VERB", "VBZ"}, {"added", "add", "VERB", "VBD"}, {"reported", "report", "VERB", "VBD"},
		{"announced", "announce", "VERB", "VBD"},
	}
	rng := rand.New(rand.NewPCG(seed, 0xa06))
	var out []*conllu.Sentence
	for _, s := range sents {
		ws := s.Words
		n := len(ws)
		if n < 5 || n > 40 || ws[n-1].Form != "." || len(s.Multi) > 0 {
			continue
		}
		root, subj, quote := -1, false, false
		for i, w := range ws {
			if w.Head == 0 {
				root = i
			}
			if w.XPOS == "``" || w.XPOS == "''" || w.Form == "\"" {
				quote = true
			}
		}
		if root < 0 || ws[root].UPOS != "VERB" || quote || ws[n-1].Head != root+1 {
			continue
		}
		for _, w := range ws {
			if w.Head == root+1 && strings.HasPrefix(w.Deprel, "nsubj") {
				subj = true
			}
		}
		if !subj || rng.Float64() >= share {
			continue
		}
		sp := speakers[rng.IntN(len(speakers))]
		v := verbs[rng.IntN(len(verbs))]
		c := &conllu.Sentence{ID: s.ID + "-reported"}
		c.Words = append([]conllu.Word(nil), ws[:n-1]...)
		// n-1 words kept; then the comma, the speaker, the verb, the stop.
		comma := n
		first := n + 1
		verb := first + len(sp)
		c.Words[n-2].Misc = "SpaceAfter=No"
		c.Words = append(c.Words, conllu.Word{ID: comma, Form: ",", Lemma: ",", UPOS: "PUNCT", XPOS: ",", Head: root + 1, Deprel: "punct"})
		for k, w := range sp {
			h, rel := verb, "nsubj"
			if k < len(sp)-1 {
				h, rel = first+len(sp)-1, "det"
			}
			if k == 0 && len(sp) == 1 && w.upos == "PROPN" {
				rel = "nsubj"
			}
			c.Words = append(c.Words, conllu.Word{ID: first + k, Form: w.form, Lemma: w.lemma, UPOS: w.upos, XPOS: w.xpos, Head: h, Deprel: rel})
		}
		c.Words = append(c.Words, conllu.Word{ID: verb, Form: v.form, Lemma: v.lemma, UPOS: v.upos, XPOS: v.xpos, Head: 0, Deprel: "root", Misc: "SpaceAfter=No"})
		c.Words = append(c.Words, conllu.Word{ID: verb + 1, Form: ".", Lemma: ".", UPOS: "PUNCT", XPOS: ".", Head: verb, Deprel: "punct"})
		c.Words[root].Head, c.Words[root].Deprel = verb, "ccomp"
		// A capital that began the sentence stays: the report still opens it.
		out = append(out, c)
	}
	return out
}
