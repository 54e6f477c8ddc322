package geo

import "strings"

// givenNames are common English given names that are also names of places
// somewhere ("George", "Douglas", "Victoria"). Before another capitalised
// word such a name starts a person's name ("George Bush", "Donna Hall"),
// not a place's.
var givenNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`
		aaron abigail adam adrian alan albert alex alexander alexandra alice allen amanda amber amy
		andrea andrew angela anna anne annie anthony arthur ashley austin barbara beatrice ben
		benjamin bernard betty beverly bill billy blake bob bonnie brad bradley brandon brenda brian
		brittany bruce bryan carl carol caroline carter catherine charles charlie charlotte chelsea
		chester chris christian christina christine christopher cindy claire clark claude clay
		cliff clifford clinton colin connie craig crystal curtis cynthia dale dallas dan daniel
		danny darlene david dean debbie deborah denise dennis derek devon diana diane don donald
		donna doris dorothy douglas duncan dwight earl eddie edgar edith edward elaine eleanor
		elizabeth ellen elmer emily emma eric erica ernest ethel eugene evan evelyn everett florence
		frances francis frank franklin fred frederick gary gavin gene george georgia gerald gilbert
		glen glenn gordon grace graham grant greg gregory hannah harold harriet harry harvey hazel
		heather helen henry herbert howard hugh ian irene isaac ivan jack jackie jackson jacob james
		jane janet janice jason jay jean jeff jeffrey jennifer jeremy jerry jesse jessica jesus jill
		jim jimmy joan joe joel john johnny jon jonathan jordan joseph josephine joshua joy joyce
		juan judith judy julia julian julie justin karen kate katherine kathleen kathy keith kelly
		ken kenneth kevin kim kirk kyle larry laura lauren lawrence lee leon leonard leslie lewis
		lillian linda lincoln lisa lloyd logan lois louis louise lucy luke lynn madison marcus
		margaret maria marie marilyn marion mark marshall martha martin mary matthew maurice max
		megan melissa melvin michael michelle mike mildred milton mitchell molly morgan morris nancy
		natalie nathan neil nelson nicholas nicole norma norman oliver oscar pamela patricia patrick
		paul paula pearl peggy percy peter phil philip phillip phyllis preston rachel ralph randall
		randy ray raymond rebecca regina rex richard rick rita robert roberta robin roger roland
		ronald rose ross roy ruby russell ruth ryan sally samuel sandra sara sarah scott sean shane
		sharon shawn shelby shirley sidney stanley stella stephanie stephen steve steven stuart
		susan sylvia tammy taylor ted teresa terry theodore thomas timothy tina todd tom tommy tony
		tracy travis troy tyler valerie vernon victor victoria vincent virginia wallace walter
		warren wayne wendy wesley william willie wilson
	`) {
		m[n] = true
	}
	return m
}()
