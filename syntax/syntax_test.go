package syntax

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep/conllu"
)

func model(t testing.TB) *Model {
	t.Helper()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func analyze(m *Model, s string) (words []string, a Analysis) {
	words = strings.Fields(s)
	m.Analyze(words, &a)
	return words, a
}

// find returns the index of the first word w.
func find(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}

// TestNewsSentences checks the relations the coders read on sentences
// written here in the manner of wire copy.
func TestNewsSentences(t *testing.T) {
	m := model(t)
	cases := []struct {
		sent      string
		dep, head string
		rel       string
	}{
		{"Russian warplanes bombed the rebel-held east of Aleppo on Sunday .", "warplanes", "bombed", "nsubj"},
		{"Russian warplanes bombed the rebel-held east of Aleppo on Sunday .", "east", "bombed", "obj"},
		{"Russian warplanes bombed the city on Sunday .", "Sunday", "bombed", "obl"},
		{"Twelve civilians were killed by government forces in Homs .", "civilians", "killed", "nsubj:pass"},
		{"Twelve civilians were killed by government forces in Homs .", "forces", "killed", "obl:agent"},
		{"Twelve civilians were killed by government forces in Homs .", "Twelve", "civilians", "nummod"},
		{"The minister said the army would withdraw from the town .", "withdraw", "said", "ccomp"},
		{"The rebels , who control the area , refused to negotiate .", "control", "rebels", "acl:relcl"},
		{"The rebels , who control the area , refused to negotiate .", "negotiate", "refused", "xcomp"},
		{"Turkey and Iran signed an agreement .", "Iran", "Turkey", "conj"},
		{"Police detained the group 's leader .", "group", "leader", "nmod:poss"},
		{"The army blew up the bridge .", "up", "blew", "compound:prt"},
	}
	for _, c := range cases {
		words, a := analyze(m, c.sent)
		d, h := find(words, c.dep), find(words, c.head)
		if a.Heads[d] != h || a.Deps[d] != c.rel {
			got := "root"
			if a.Heads[d] >= 0 {
				got = words[a.Heads[d]]
			}
			t.Errorf("%q: %s -> %s %s, want -> %s %s", c.sent, c.dep, got, a.Deps[d], c.head, c.rel)
		}
	}
}

func TestOneRootAndTree(t *testing.T) {
	m := model(t)
	for _, s := range []string{
		"Aleppo",
		"!!!",
		"؟ 123 --- %%% ...",
		"Россия и Турция подписали соглашение .",
		"The U.S. suspended talks with Russia on Monday , saying Moscow had failed to honour the ceasefire .",
	} {
		words, a := analyze(m, s)
		checkTree(t, s, words, a)
	}
	// A 500-word sentence, a word with no letters, an empty sentence.
	long := strings.Repeat("the rebels said that ", 125)
	words, a := analyze(m, long)
	checkTree(t, "long", words, a)
	var empty Analysis
	m.Analyze(nil, &empty)
	if len(empty.Heads) != 0 {
		t.Errorf("empty sentence gave %d heads", len(empty.Heads))
	}
}

// checkTree checks that every word has one head inside the sentence, that
// exactly one word is the root and that following heads always ends there.
func checkTree(t *testing.T, name string, words []string, a Analysis) {
	t.Helper()
	if len(a.Heads) != len(words) || len(a.Deps) != len(words) || len(a.XPOS) != len(words) || len(a.UPOS) != len(words) {
		t.Fatalf("%s: %d words, %d heads", name, len(words), len(a.Heads))
	}
	roots := 0
	for i, h := range a.Heads {
		if h < -1 || h >= len(words) || h == i {
			t.Fatalf("%s: word %d has head %d", name, i, h)
		}
		if h == -1 {
			roots++
			if a.Deps[i] != "root" {
				t.Errorf("%s: root has relation %q", name, a.Deps[i])
			}
		} else if a.Deps[i] == "" || a.Deps[i] == "root" {
			t.Errorf("%s: word %d has relation %q", name, i, a.Deps[i])
		}
		for k, steps := i, 0; k >= 0; k, steps = a.Heads[k], steps+1 {
			if steps > len(words) {
				t.Fatalf("%s: cycle through word %d", name, i)
			}
		}
		if a.XPOS[i] == "" || a.UPOS[i] == "" {
			t.Errorf("%s: word %d untagged", name, i)
		}
	}
	if len(words) > 0 && roots != 1 {
		t.Errorf("%s: %d roots", name, roots)
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := model(t)
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	s := "Syrian troops recaptured the town of Palmyra from Islamic State fighters ."
	_, a := analyze(m, s)
	_, b := analyze(m2, s)
	if strings.Join(a.XPOS, " ") != strings.Join(b.XPOS, " ") || strings.Join(a.Deps, " ") != strings.Join(b.Deps, " ") {
		t.Errorf("model changed in a round trip:\n%v\n%v", a.Deps, b.Deps)
	}
	if _, err := Read(strings.NewReader("not a model")); err == nil {
		t.Error("garbage read as a model")
	}
	var trunc bytes.Buffer
	m.Write(&trunc)
	if _, err := Read(bytes.NewReader(trunc.Bytes()[:trunc.Len()/2])); err == nil {
		t.Error("a truncated model was read without error")
	}
}

func TestHalfFloats(t *testing.T) {
	for _, f := range []float32{0, 1, -1, 0.5, 3.14159, -2.75, 1e-3, 65504, 1e-6} {
		g := fromHalf(toHalf(f))
		if math.Abs(float64(g-f)) > math.Abs(float64(f))*1e-3+1e-7 {
			t.Errorf("half(%g) = %g", f, g)
		}
	}
	if g := fromHalf(toHalf(1e9)); g != 65504 {
		t.Errorf("overflow saturates: %g", g)
	}
}

func TestMergeHyphens(t *testing.T) {
	src := "1\tpro\tpro\tADJ\tJJ\t_\t3\tamod\t_\tSpaceAfter=No\n" +
		"2\t-\t-\tPUNCT\tHYPH\t_\t3\tpunct\t_\tSpaceAfter=No\n" +
		"3\tAssad\tAssad\tPROPN\tNNP\t_\t4\tcompound\t_\t_\n" +
		"4\tforces\tforce\tNOUN\tNNS\t_\t5\tnsubj\t_\t_\n" +
		"5\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n" +
		"6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_\n\n"
	sents, err := conllu.ReadAll(strings.NewReader(src), "test")
	if err != nil {
		t.Fatal(err)
	}
	ws := MergeHyphens(sents[0].Words)
	if len(ws) != 4 || ws[0].Form != "pro-Assad" || ws[0].XPOS != "NNP" || ws[0].Head != 2 || ws[1].Head != 3 || ws[2].Head != 0 || ws[3].Head != 3 {
		t.Errorf("merged: %+v", ws)
	}
}

// TestTreebankAccuracy measures the embedded model on the EWT and GUM dev
// sets when they are present. The floors sit just under what the model
// reached when it was trained, so that a broken model, tokenisation or
// feature change fails here.
func TestTreebankAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := filepath.Join("..", "..", "shared", "data", "ud")
	for _, c := range []struct {
		file          string
		xpos, uas, la float64
	}{
		{"en_ewt-ud-dev.conllu.gz", 0.94, 0.84, 0.81},
		{"en_gum-ccby-ud-dev.conllu.gz", 0.955, 0.835, 0.805},
	} {
		path := filepath.Join(dir, c.file)
		if _, err := os.Stat(path); err != nil {
			t.Logf("skipping %s: %v", c.file, err)
			continue
		}
		sents, err := conllu.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		x, u, l, n := 0, 0, 0, 0
		m := model(t)
		var a Analysis
		for _, s := range sents {
			words := make([]string, len(s.Words))
			for i, w := range s.Words {
				words[i] = w.Form
			}
			m.Analyze(words, &a)
			for i, w := range s.Words {
				n++
				if a.XPOS[i] == w.XPOS {
					x++
				}
				if a.Heads[i]+1 == w.Head {
					u++
					if a.Deps[i] == w.Deprel {
						l++
					}
				}
			}
		}
		xp, uas, las := float64(x)/float64(n), float64(u)/float64(n), float64(l)/float64(n)
		t.Logf("%s: XPOS %.4f UAS %.4f LAS %.4f (%d words)", c.file, xp, uas, las, n)
		if xp < c.xpos || uas < c.uas || las < c.la {
			t.Errorf("%s below the floor (XPOS %.2f UAS %.2f LAS %.2f)", c.file, c.xpos, c.uas, c.la)
		}
	}
}

func TestAugmentReported(t *testing.T) {
	src := "1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n" +
		"2\twithdrew\twithdraw\tVERB\tVBD\t_\t0\troot\t_\t_\n" +
		"3\tfrom\tfrom\tADP\tIN\t_\t5\tcase\t_\t_\n" +
		"4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n" +
		"5\ttown\ttown\tNOUN\tNN\t_\t2\tobl\t_\tSpaceAfter=No\n" +
		"6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
	sents, err := conllu.ReadAll(strings.NewReader(src), "test")
	if err != nil {
		t.Fatal(err)
	}
	out := augmentReported(sents, 1, 1)
	if len(out) != 1 {
		t.Fatalf("%d sentences", len(out))
	}
	ws := out[0].Words
	var forms []string
	root := -1
	for i, w := range ws {
		forms = append(forms, w.Form)
		if w.ID != i+1 || w.Head < 0 || w.Head > len(ws) {
			t.Fatalf("bad word %+v", w)
		}
		if w.Head == 0 {
			root = i
		}
	}
	if ws[root].Lemma != "say" && ws[root].Lemma != "add" && ws[root].Lemma != "report" && ws[root].Lemma != "announce" {
		t.Errorf("root %q", ws[root].Form)
	}
	if ws[1].Head != root+1 || ws[1].Deprel != "ccomp" || ws[5].Form != "," || ws[5].Head != 2 || ws[len(ws)-1].Head != root+1 {
		t.Errorf("augmented: %s %+v", strings.Join(forms, " "), ws)
	}
}
