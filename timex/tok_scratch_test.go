package timex

import (
	"fmt"
	"testing"

	"sitrep"
	"sitrep/nlp"
)

func TestScratchTokens(t *testing.T) {
	an, _ := nlp.New()
	for _, s := range []string{
		"On Sept. 30, 2016, at 2 a.m. the 69-year-old man said 293 civilians died since the 1990s and '90s, mid-October, third-quarter profit.",
		"The talks, due on 2016-10-05 and 10/05/2016, may march in the march on Tuesday night. He'll meet on Monday. They are to meet on Monday.",
		"In the 15 days since the collapse of the ceasefire, over the past 24 hours, a two-year contract, 10-year notes, the 15th of October, May 5.",
		"They may come in May. The 24-hour truce ended at 10 p.m. Wednesday. Nineteen ninety-six, 20th century. It's 1990s' end. U.S. officials said Thursday.",
	} {
		d := an.Analyze(&sitrep.Article{Text: s})
		for _, tk := range d.Tokens {
			fmt.Printf("%s/%s/%s ", tk.Text, tk.Tag, tk.Lemma)
		}
		fmt.Println()
	}
}
