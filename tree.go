package sitrep

import (
	"sort"
	"strings"
)

// The dependency tree of each sentence is stored on its tokens (Token.Head,
// Token.Dep). The methods below are how coders read it; they never need the
// parser itself, and they parse a sentence the first time its tree is read
// (Doc.Syntax). Token indices are indices into Doc.Tokens.

// Parsed makes sure sentence s has its tree and reports whether it does.
func (d *Doc) Parsed(s int) bool {
	if s < 0 || s >= len(d.Sentences) {
		return false
	}
	first := d.Sentences[s].First
	if first >= d.Sentences[s].Last {
		return false
	}
	if d.Tokens[first].Dep == "" && d.Syntax != nil {
		d.Syntax.ParseSentence(d, s)
	}
	return d.Tokens[first].Dep != ""
}

// token checks i and makes sure its sentence is parsed.
func (d *Doc) token(i int) bool {
	if i < 0 || i >= len(d.Tokens) {
		return false
	}
	if d.Tokens[i].Dep == "" && d.Syntax != nil {
		d.Parsed(d.SentenceOf(i))
	}
	return true
}

// SentenceOf returns the index of the sentence holding token i, or -1.
func (d *Doc) SentenceOf(i int) int {
	k := sort.Search(len(d.Sentences), func(k int) bool { return d.Sentences[k].Last > i })
	if k < len(d.Sentences) && d.Sentences[k].First <= i {
		return k
	}
	return -1
}

// Head returns the index of token i's head, or -1 for a sentence root, an
// unparsed token or an index out of range.
func (d *Doc) Head(i int) int {
	if !d.token(i) {
		return -1
	}
	return d.Tokens[i].Head
}

// Rel returns the relation of token i to its head ("" when unparsed).
func (d *Doc) Rel(i int) string {
	if !d.token(i) {
		return ""
	}
	return d.Tokens[i].Dep
}

// HasRel reports whether relation dep is rel or one of its subtypes: "obl"
// matches "obl" and "obl:agent"; "obl:agent" matches only itself.
func HasRel(dep, rel string) bool {
	if dep == rel {
		return true
	}
	return !strings.Contains(rel, ":") && strings.HasPrefix(dep, rel) && len(dep) > len(rel) && dep[len(rel)] == ':'
}

// Dependents returns, in text order, the tokens whose head is token i and
// whose relation matches one of rels (HasRel); with no rels, all of them.
func (d *Doc) Dependents(i int, rels ...string) []int {
	s := d.SentenceOf(i)
	if s < 0 || !d.Parsed(s) {
		return nil
	}
	var out []int
	for k := d.Sentences[s].First; k < d.Sentences[s].Last; k++ {
		if d.Tokens[k].Head != i {
			continue
		}
		if len(rels) == 0 {
			out = append(out, k)
			continue
		}
		for _, r := range rels {
			if HasRel(d.Tokens[k].Dep, r) {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// Dependent returns the first dependent of token i with one of rels, or -1.
func (d *Doc) Dependent(i int, rels ...string) int {
	if deps := d.Dependents(i, rels...); len(deps) > 0 {
		return deps[0]
	}
	return -1
}

// Ancestors returns the heads above token i, nearest first, up to the root.
// A malformed tree (a cycle) ends the walk.
func (d *Doc) Ancestors(i int) []int {
	var out []int
	for h := d.Head(i); h >= 0 && len(out) <= len(d.Tokens); h = d.Head(h) {
		out = append(out, h)
	}
	return out
}

// Path returns the tokens on the tree path from a to b, both included: up
// from a to their lowest common ancestor, then down to b. It is nil when a
// and b are not in one tree.
func (d *Doc) Path(a, b int) []int {
	if a < 0 || b < 0 || a >= len(d.Tokens) || b >= len(d.Tokens) {
		return nil
	}
	up := append([]int{a}, d.Ancestors(a)...)
	pos := make(map[int]int, len(up))
	for k, t := range up {
		pos[t] = k
	}
	down := []int{b}
	for t := b; ; {
		if k, ok := pos[t]; ok {
			out := append([]int(nil), up[:k+1]...)
			for j := len(down) - 2; j >= 0; j-- {
				out = append(out, down[j])
			}
			return out
		}
		t = d.Head(t)
		if t < 0 || len(down) > len(d.Tokens) {
			return nil
		}
		down = append(down, t)
	}
}

// Subtree returns the range [first, last) of the tokens token i dominates,
// itself included: the phrase it heads. Trees from the parser are
// projective, so the range holds no token from outside the subtree.
func (d *Doc) Subtree(i int) (first, last int) {
	s := d.SentenceOf(i)
	if s < 0 || !d.Parsed(s) {
		return i, i + 1
	}
	first, last = i, i+1
	for k := d.Sentences[s].First; k < d.Sentences[s].Last; k++ {
		if k >= first && k < last {
			continue
		}
		if d.dominates(i, k) {
			first, last = min(first, k), max(last, k+1)
		}
	}
	return first, last
}

// dominates reports whether token a is k itself or above it in the tree.
func (d *Doc) dominates(a, k int) bool {
	for n := 0; k >= 0 && n <= len(d.Tokens); n++ {
		if k == a {
			return true
		}
		k = d.Head(k)
	}
	return false
}
