package nlp

// reportingVerbs are the lemmas of verbs that report speech or belief:
// "said", "told", "claimed", "denied", "has learned".
var reportingVerbs = map[string]bool{
	"say": true, "tell": true, "claim": true, "report": true, "allege": true,
	"state": true, "announce": true, "insist": true, "add": true, "confirm": true,
	"assert": true, "argue": true, "contend": true, "maintain": true, "believe": true,
	"write": true, "explain": true, "note": true, "suggest": true, "estimate": true,
	"deny": true, "acknowledge": true, "admit": true, "reiterate": true, "warn": true,
	"declare": true, "stress": true, "predict": true, "reveal": true, "learn": true,
	"recall": true, "testify": true, "tweet": true, "reply": true, "respond": true,
	"complain": true, "concede": true, "boast": true,
	"emphasize": true, "emphasise": true, "observe": true, "remark": true, "disclose": true,
	"show": true, "find": true, "indicate": true, "conclude": true, "think": true,
	"feel": true, "expect": true, "fear": true, "hope": true, "know": true, "accuse": true,
	"charge": true, "question": true, "ask": true, "urge": true, "promise": true,
	"document": true, "record": true, "count": true, "tally": true, "register": true,
}

// Reporting reports whether lemma is a verb that reports speech ("say",
// "tell", "deny", ...).
func Reporting(lemma string) bool { return reportingVerbs[lemma] }

// Denial reports whether a reporting verb denies what it reports.
func Denial(lemma string) bool { return lemma == "deny" || lemma == "dismiss" || lemma == "reject" }
