package conllu

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzRead feeds the reader arbitrary bytes: it returns sentences or an
// error, never panics, and what it reads writes back and reads again the same.
func FuzzRead(f *testing.F) {
	f.Add("1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n")
	f.Add("# text = a b\n1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2\tb\tb\tX\tX\t_\t1\tdep\t_\tSpaceAfter=No\n\n")
	f.Add("1\tx\n")
	f.Fuzz(func(t *testing.T, s string) {
		sents, err := ReadAll(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, sents); err != nil {
			t.Fatal(err)
		}
		again, err := ReadAll(&buf, "again")
		if err != nil {
			t.Fatalf("written CoNLL-U does not read back: %v\n%s", err, buf.String())
		}
		if len(again) != len(sents) {
			t.Fatalf("%d sentences, %d after a round trip", len(sents), len(again))
		}
	})
}
