package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The README's two commands stay exactly as they are.
func TestReadmeKeepsItsTwoCommands(t *testing.T) {
	r := readme(t)
	_, two, ok := strings.Cut(r, "\n## Two commands\n")
	if !ok {
		t.Fatal("README has no Two commands section")
	}
	two, _, _ = strings.Cut(two, "\n## ")
	for _, cmd := range []string{"\n    go run ./cmd/sitrep serve --demo\n", "\n    go test ./...\n"} {
		if !strings.Contains(two, cmd) {
			t.Errorf("Two commands lacks %q", cmd)
		}
	}
}

// The pandas dtype lines of the README name exactly the columns whose
// values have leading zeros, in every export that has such columns: the
// columns are found in the demo's exports, not listed by hand.
func TestReadmeDtypesCoverEveryZeroPaddedColumn(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errs := run(t, "", "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	exports := map[string][]string{
		"events.csv":      {"export", "--db", db, "--format", "csv"},
		"syria_acled.csv": {"export", "--db", db, "--format", "acled"},
		"clusters.csv":    {"clusters", "--db", db, "--format", "csv"},
		"events.tsv":      {"export", "--db", db, "--format", "gdelt"},
	}
	line := regexp.MustCompile(`pd\.read_csv\("([^"]+)"[^\n]*dtype=\{([^}]*)\}`)
	documented := map[string][]string{}
	for _, m := range line.FindAllStringSubmatch(readme(t), -1) {
		var cols []string
		for _, kv := range strings.Split(m[2], ",") {
			k, v, _ := strings.Cut(kv, ":")
			if strings.TrimSpace(v) != "str" {
				t.Errorf("%s: dtype %q is not str", m[1], kv)
			}
			cols = append(cols, strings.Trim(strings.TrimSpace(k), `"`))
		}
		slices.Sort(cols)
		documented[m[1]] = cols
	}
	zero := regexp.MustCompile(`^0[0-9]+$`)
	for file, args := range exports {
		code, out, errs := run(t, "", args...)
		if code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
		cr := csv.NewReader(strings.NewReader(out))
		header := true
		if strings.HasSuffix(file, ".tsv") {
			cr.Comma, cr.LazyQuotes, header = '\t', true, false
		}
		rows, err := cr.ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %d rows, %v", file, len(rows), err)
		}
		found := map[string]bool{}
		for i, row := range rows {
			if header && i == 0 {
				continue
			}
			for j, v := range row {
				if zero.MatchString(v) {
					name := strconv.Itoa(j)
					if header {
						name = rows[0][j]
					}
					found[name] = true
				}
			}
		}
		var want []string
		for k := range found {
			want = append(want, k)
		}
		slices.Sort(want)
		if len(want) == 0 {
			t.Errorf("%s: the demo has no zero-padded value; the test would prove nothing", file)
		}
		if !slices.Equal(documented[file], want) {
			t.Errorf("%s: README passes dtype str for %v; columns with leading zeros: %v", file, documented[file], want)
		}
	}
}

// The dashboard's link parameters, read from its sources, are all in the
// README's dashboard section.
func TestReadmeListsDashboardLinkParameters(t *testing.T) {
	_, dash, ok := strings.Cut(readme(t), "\n### The dashboard\n")
	if !ok {
		t.Fatal("README has no dashboard section")
	}
	dash, _, _ = strings.Cut(dash, "\n### ")
	keys := regexp.MustCompile(`export const (?:FILTER|VIEW)_KEYS = \[([^\]]*)\]`)
	n := 0
	for _, src := range []string{"../web/src/api.js", "../web/src/state.js"} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		m := keys.FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s: no key list", src)
		}
		for _, k := range strings.Split(string(m[1]), ",") {
			k = strings.Trim(strings.TrimSpace(k), "'")
			n++
			if !strings.Contains(dash, "`"+k+"`") && !strings.Contains(dash, "`?"+k+"=") {
				t.Errorf("the dashboard section does not document the link parameter %q", k)
			}
		}
	}
	if n < 15 {
		t.Errorf("read %d parameters from the dashboard's sources", n)
	}
	for _, want := range []string{"`?event=ID`", "`?article=ID`"} {
		if !strings.Contains(dash, want) {
			t.Errorf("dashboard section lacks %s", want)
		}
	}
}
