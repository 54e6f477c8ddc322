package casualty

import (
	"math"
	"strconv"
	"strings"

	"sitrep"
)

// quantity is a number of people as written, over tokens [first, last).
type quantity struct {
	first, last int
	count       sitrep.Count
}

func intp(n int) *int { return &n }

func exact(n int) sitrep.Count { return sitrep.Count{Best: n, Low: n, High: intp(n)} }

var units = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

var scales = map[string]int{"hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000}

// vague quantities, read as documented in the README (after ACLED's
// practice of taking the lower, conservative reading).
var vague = map[string]sitrep.Count{
	"dozens":    {Best: 24, Low: 24, High: intp(99)},
	"scores":    {Best: 40, Low: 40, High: intp(99)},
	"hundreds":  {Best: 200, Low: 200, High: intp(999)},
	"thousands": {Best: 2000, Low: 2000, High: intp(9999)},
	"several":   {Best: 3, Low: 3, High: intp(9)},
	"millions":  {Best: 2000000, Low: 2000000, High: intp(9999999)},
}

// maxCount is the largest figure read as a count of people; larger
// numbers (and numbers past what an int holds) are not casualty counts.
const maxCount = 1_000_000_000

// number reads a plain number at token i: digits ("293", "250,000",
// "1.2 million"), words ("twenty-five", "two hundred"), "a dozen". It
// returns the value and the tokens used.
func (x *extractor) number(i int) (int, int) {
	if i >= x.last {
		return 0, 0
	}
	w := x.low[i]
	if w == "a" || w == "an" {
		if i+1 < x.last {
			switch x.low[i+1] {
			case "dozen":
				return 12, 2
			case "hundred":
				return 100, 2
			case "thousand":
				return 1000, 2
			}
		}
		return 0, 0
	}
	if w == "dozen" {
		return 12, 1
	}
	if v, ok := digits(w); ok {
		n := 1
		if i+1 < x.last {
			if s, ok := scales[x.low[i+1]]; ok && s >= 1000 {
				if v*float64(s) > maxCount {
					return 0, 0
				}
				return int(math.Round(v * float64(s))), 2
			}
		}
		if v != math.Trunc(v) || v > maxCount {
			return 0, 0 // "3.5" of people, or a number no toll reaches, is no count
		}
		return int(v), n
	}
	// Words: "twenty-five", "two hundred and forty", "three thousand".
	total, cur, n := 0, 0, 0
	for k := i; k < x.last; k++ {
		t := x.low[k]
		if v, ok := wordValue(t); ok {
			cur += v
			n = k - i + 1
			continue
		}
		if s, ok := scales[t]; ok && n > 0 {
			if s == 100 {
				cur *= 100
			} else {
				total += cur * s
				cur = 0
			}
			if cur > maxCount || total > maxCount {
				return 0, 0 // "a hundred hundred hundred ..." is no count
			}
			n = k - i + 1
			continue
		}
		if t == "and" && n > 0 && k+1 < x.last {
			if _, ok := wordValue(x.low[k+1]); ok {
				continue
			}
		}
		break
	}
	if n == 0 {
		return 0, 0
	}
	return total + cur, n
}

func wordValue(t string) (int, bool) {
	if v, ok := units[t]; ok {
		return v, true
	}
	if a, b, ok := strings.Cut(t, "-"); ok {
		va, ok1 := units[a]
		vb, ok2 := units[b]
		if ok1 && ok2 && va >= 20 && vb < 10 {
			return va + vb, true
		}
	}
	return 0, false
}

// digits reads "293", "250,000", "1.2".
func digits(w string) (float64, bool) {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return 0, false
	}
	clean := strings.ReplaceAll(w, ",", "")
	v, err := strconv.ParseFloat(clean, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// quantityAt reads a count of people starting at token i, with the words
// that qualify it: "at least six", "more than 250,000", "between 20 and
// 30", "nearly 300", "dozens", "tens of thousands", "a family of five".
func (x *extractor) quantityAt(i int) (quantity, bool) {
	start := i
	w := func(k int) string {
		if k >= x.last {
			return ""
		}
		return x.low[k]
	}
	qual := ""
	switch {
	case w(i) == "at" && w(i+1) == "least", w(i) == "more" && w(i+1) == "than", w(i) == "as" && w(i+1) == "many" && w(i+2) == "as", w(i) == "up" && w(i+1) == "to", w(i) == "fewer" && w(i+1) == "than", w(i) == "less" && w(i+1) == "than":
		qual = w(i) + " " + w(i+1)
		i += 2
		if qual == "as many" {
			i++
			qual = "up to"
		}
	case w(i) == "over" || w(i) == "nearly" || w(i) == "almost" || w(i) == "about" || w(i) == "around" || w(i) == "some" || w(i) == "roughly" || w(i) == "approximately" || w(i) == "estimated" || w(i) == "between":
		qual = w(i)
		i++
	}
	// Vague quantities.
	if w(i) == "tens" && w(i+1) == "of" && w(i+2) == "thousands" {
		return quantity{start, i + 3, sitrep.Count{Best: 20000, Low: 20000, High: intp(99999)}}, true
	}
	if w(i) == "hundreds" && w(i+1) == "of" && w(i+2) == "thousands" {
		return quantity{start, i + 3, sitrep.Count{Best: 200000, Low: 200000, High: intp(999999)}}, true
	}
	if c, ok := vague[w(i)]; ok && qual == "" {
		return quantity{start, i + 1, c}, true
	}
	if w(i) == "a" && w(i+1) == "few" {
		return quantity{start, i + 2, vague["several"]}, true
	}
	if w(i) == "a" && w(i+1) == "family" && w(i+2) == "of" {
		if v, n := x.number(i + 3); n > 0 {
			return quantity{start, i + 3 + n, exact(v)}, true
		}
	}
	// "20-30" as one token.
	if a, b, ok := strings.Cut(w(i), "-"); ok {
		va, ok1 := digits(a)
		vb, ok2 := digits(b)
		if ok1 && ok2 && vb > va && va == math.Trunc(va) && vb <= maxCount {
			return quantity{start, i + 1, sitrep.Count{Best: int(va), Low: int(va), High: intp(int(vb))}}, true
		}
	}
	v, n := x.number(i)
	if n == 0 {
		return quantity{}, false
	}
	end := i + n
	// Ranges: "between 20 and 30", "20 to 30", "20-30".
	if (qual == "between" && w(end) == "and") || (qual == "" && (w(end) == "to" || w(end) == "or")) {
		if v2, n2 := x.number(end + 1); n2 > 0 && v2 > v {
			return quantity{start, end + 1 + n2, sitrep.Count{Best: v, Low: v, High: intp(v2)}}, true
		}
	}
	if a, b, ok := strings.Cut(w(i), "-"); ok && n == 1 {
		va, ok1 := digits(a)
		vb, ok2 := digits(b)
		if ok1 && ok2 && vb > va && vb <= maxCount {
			return quantity{start, end, sitrep.Count{Best: int(va), Low: int(va), High: intp(int(vb))}}, true
		}
	}
	c := exact(v)
	switch qual {
	case "at least", "more than", "over":
		c.High = nil
	case "nearly", "almost":
		c.Low = int(math.Ceil(0.9 * float64(v)))
	case "about", "around", "some", "roughly", "approximately", "estimated":
		c.Low = int(math.Ceil(0.9 * float64(v)))
		c.High = intp(int(math.Floor(1.1 * float64(v))))
	case "up to", "fewer than", "less than":
		c.Low = 1
		if v == 0 {
			c.Low = 0
		}
	}
	return quantity{start, end, c}, true
}
