package petrarch

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestConvertSmallSamples(t *testing.T) {
	verbs := `&MILITARY
+TROOPS
+ARMED_FORCES

####### VERB PATTERNS #######

---  ATTACK   [190]  ---
ATTACK
ASSAULT {ASSAULTS ASSAULTED }
- * + WITH &MILITARY                [195]   # ATTACK
- &MILITARY *                       [154]   # ATTACK
- * $ WITH                          [190]   # ATTACK
- * (ON BORDER)                     [---]   # ATTACK
`
	var out bytes.Buffer
	st, err := ConvertVerbs(strings.NewReader(verbs), &out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"190\tattack\n", "190\tassault\n", "195\tattack $T with troops|armed_forces\n", "---\tassault on border\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("verbs output lacks %q:\n%s", want, out.String())
		}
	}
	if st.Skipped["words before the verb or a source slot (not expressible)"] != 2 {
		t.Errorf("stats %v", st)
	}

	actors := "BARACK_OBAMA\n+PRESIDENT_OBAMA_\n\t[USAELI 780101-000101]\n\t[USAGOV >090120]\nUN_ [IGOUNO]\n+U.N._\n"
	out.Reset()
	if _, err := ConvertActors(strings.NewReader(actors), &out); err != nil {
		t.Fatal(err)
	}
	want := "USAELI\t1978-01-01..2000-01-01\tBarack Obama; President Obama\nUSAGOV\t2009-01-20..\tBarack Obama; President Obama\nIGOUNO\t-\tUN; U.N.\n"
	if !strings.HasSuffix(out.String(), want) {
		t.Errorf("actors:\n%s\nwant suffix\n%s", out.String(), want)
	}

	agents := "!PERSON! = MAN, MEN\nFARMER [~AGR]\nCATTLE!PERSON! [~AGR]\nPOLICE_OFFICER [~COP]\n"
	out.Reset()
	if _, err := ConvertAgents(strings.NewReader(agents), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "AGR\tfarmer; cattleman; cattlemen\n") || !strings.Contains(out.String(), "COP\tpolice officer\n") {
		t.Errorf("agents:\n%s", out.String())
	}
}

// The real PETRARCH2 dictionaries, when the shared data is present.
func TestConvertPetrarchDictionaries(t *testing.T) {
	dir := "../../shared/data/petrarch2-dictionaries/"
	files := map[string]Kind{"CAMEO.2.0.txt": Verbs, "Phoenix.Countries.actors.txt": Actors,
		"Phoenix.agents.txt": Agents, "Phoenix.discards.txt": Discards, "Phoenix.International.actors.txt": Actors}
	for name, kind := range files {
		b, err := os.ReadFile(dir + name)
		if err != nil {
			t.Skipf("PETRARCH2 dictionaries not present (%v)", err)
		}
		head := string(b)
		if len(head) > 200000 {
			head = head[:200000]
		}
		if got := Detect(head); got != kind {
			t.Errorf("%s detected as %s, want %s", name, got, kind)
		}
		var out bytes.Buffer
		var st Stats
		switch kind {
		case Verbs:
			st, err = ConvertVerbs(bytes.NewReader(b), &out)
		case Actors:
			st, err = ConvertActors(bytes.NewReader(b), &out)
		case Agents:
			st, err = ConvertAgents(bytes.NewReader(b), &out)
		case Discards:
			st, err = ConvertDiscards(bytes.NewReader(b), &out)
		}
		if err != nil || st.Written == 0 {
			t.Errorf("%s: %v, %v", name, err, st)
		}
		t.Logf("%s: %s", name, st)
	}
}
