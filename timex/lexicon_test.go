package timex

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestRuleWordsInLexicon checks that every word the rules (rules*.go)
// compare a token with (m.is, m.isAny) is a lower-case lexicon entry: matcher.is compares
// the token's interned lexicon form, so a word missing from the lexicon
// would never match.
func TestRuleWordsInLexicon(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("rules*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rules files: %v", err)
	}
	n := 0
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, inspect(t, fset, &n))
	}
	if n < 50 {
		t.Errorf("found only %d words in calls in the rules files", n)
	}
}

func inspect(t *testing.T, fset *token.FileSet, n *int) func(ast.Node) bool {
	return func(node ast.Node) bool {
		call, ok := node.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "is" && sel.Sel.Name != "isAny" {
			return true
		}
		for _, a := range call.Args[1:] {
			lit, ok := a.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				continue
			}
			w, _ := strconv.Unquote(lit.Value)
			*n++
			if w != strings.ToLower(w) {
				t.Errorf("%s: %q is not lower case", fset.Position(lit.Pos()), w)
			}
			if _, ok := lexicon[w]; !ok {
				t.Errorf("%s: %q is not in the lexicon", fset.Position(lit.Pos()), w)
			}
		}
		return true
	}
}

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		s string
		k kind
		v int16
	}{
		{"March", kMonth, 3}, {"Sept.", kMonth, 9}, {"Tuesdays", kWeekday, 2}, {"twenty-four", kNum, 24},
		{"15th", kOrd, 15}, {"1990s", kYearDec, 1990}, {"'90s", kYearDec, 1990}, {"’00s", kYearDec, 2000},
		{"10:35", kClock, 635}, {"2016-10-05", kISO, 0}, {"10/25/2016", kSlash, 0}, {"1/2", kFraction, 0},
		{"two-year", kCompound, 0}, {"mid-October", kCompound, 0}, {"69-year-old", kNone, 0}, {"civilians", kNone, 0},
	} {
		if w := classify(c.s); w.k != c.k || w.v != c.v {
			t.Errorf("classify(%q) = kind %d value %d, want %d %d", c.s, w.k, w.v, c.k, c.v)
		}
	}
}
