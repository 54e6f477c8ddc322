package timex

import (
	"strconv"
	"strings"
)

// kind is the class of a token as far as temporal expressions go. Each
// token of a sentence is classified once, by a table lookup on its lower-case
// text (or, for tokens with digits, by reading them), so that the rules look
// at small integers instead of comparing strings.
type kind uint8

const (
	kNone       kind = iota
	kNum             // a cardinal: "24", "one", "twenty-four"; v is its value
	kDecimal         // "1.5"
	kFraction        // "1/2"
	kOrd             // an ordinal: "first", "15th"; v is its value
	kMonth           // v is 1..12
	kWeekday         // v is 1 (Monday) .. 7 (Sunday); plural for "Mondays"
	kUnit            // a unit of time alone ("week", "years"); see word.u
	kPOD             // a part of the day: v is a pod
	kDeictic         // today, tonight, yesterday, tomorrow: v is the day offset
	kRef             // now, currently, recently: v is a ref
	kRel             // last, next, this, past, coming...: v is a rel
	kEdge            // early, late, mid, earlier, later: v is an edge
	kSeason          // v is a season
	kSetAdv          // daily, weekly...: u is the period
	kQuant           // few, several, couple, many
	kAgo             // ago
	kHoliday         // v is a holiday
	kAMPM            // a.m., p.m.; v is 0 for a.m., 12 for p.m.
	kClock           // "10:35", "noon", "midnight": v is minutes after midnight
	kYearDec         // a decade: "1990s", "'90s"; v is its first year
	kISO             // "2016-10-05"
	kSlash           // "10/05/2016"
	kCompound        // a hyphenated word to read on demand: "two-year", "mid-October"
	kA               // "a", "an"
	kFunc            // a function word that may start an expression: "the", "every", "about"
	kDecadeWord      // "nineties": v is the decade within a century
	kKey             // a word the rules read but that starts no expression: "of", "since", ","
)

// unit is a unit of time.
type unit uint8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uWeekend
	uFortnight
	uMonth
	uQuarter
	uYear
	uDecade
	uCentury
)

// Parts of the day, edges of a period, relations and refs.
const (
	podMorning = iota + 1
	podAfternoon
	podEvening
	podNight
)

const (
	edgeEarly = iota + 1
	edgeMid
	edgeLate
	edgeEarlier // "earlier this month": from the start of the period to the reference
	edgeLater   // "later this month": from the reference to the end of the period
	edgeEnd     // "the end of 1990", "end-October"
	edgeStart   // "the beginning of 1990"
)

const (
	relLast = iota + 1
	relNext
	relThis
	relPast      // "the past two weeks": back from the reference
	relComing    // "the coming days"
	relPrevious  // "the previous day": back from the last date mentioned
	relFollowing // "the following year": on from the last date mentioned
	relRecent    // "recent years"
	relFirst     // "the first nine months"
)

const (
	refPresent = iota + 1
	refPast
	refFuture
)

const (
	seasonSpring = iota + 1
	seasonSummer
	seasonFall
	seasonWinter
)

const (
	holChristmas = iota + 1
	holChristmasEve
	holNewYear
	holNewYearEve
	holThanksgiving
	holEaster
)

// Flags mark the words of small sets the rules consult.
const (
	fMonthPrep     uint16 = 1 << iota // before a bare month name, make it a month: "in March"
	fWeakMonthPrep                    // the same for months other than May and March: "to April"
	fYearPrep                         // before a number, make it a year: "in 1990"
	fCountCue                         // before a number, make it a count: "about 2000"
	fMeasure                          // after a number, make it a quantity: "2000 km"
	fDayName                          // before a weekday, make it a name: "Bloody Sunday"
	fFollow                           // may follow a function word in an expression: "the end of", "at least"
)

// word is a classified token.
type word struct {
	low    string // the lexicon's lower-case form; "" for words it does not know
	k      kind
	u      unit // the unit a word names, whatever its kind ("second" is also an ordinal)
	plural bool
	abbr   bool // a month abbreviation without its period ("Sept"): needs a day or year
	v      int16
	f      uint16
}

// lexicon maps lower-case token texts to their classes.
var lexicon = map[string]word{}

func add(w word, keys ...string) {
	for _, k := range keys {
		lexicon[k] = w
	}
}

func init() {
	months := []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"}
	for i, m := range months {
		add(word{k: kMonth, v: int16(i + 1)}, m)
	}
	abbr := map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
		"aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
	for a, m := range abbr {
		add(word{k: kMonth, v: int16(m)}, a+".")
		if a != "mar" { // "mar" is a verb
			add(word{k: kMonth, v: int16(m), abbr: true}, a)
		}
	}
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	for i, d := range days {
		add(word{k: kWeekday, v: int16(i + 1)}, d)
		add(word{k: kWeekday, v: int16(i + 1), plural: true}, d+"s")
	}
	for i, ab := range [][]string{{"mon."}, {"tue.", "tues."}, {"wed."}, {"thu.", "thur.", "thurs."}, {"fri."}, {"sat."}, {"sun."}} {
		add(word{k: kWeekday, v: int16(i + 1)}, ab...)
	}

	units := []struct {
		u        unit
		one, pl  string
		alsoKind kind
	}{
		{uSecond, "second", "seconds", kOrd},
		{uMinute, "minute", "minutes", kUnit},
		{uHour, "hour", "hours", kUnit},
		{uDay, "day", "days", kUnit},
		{uWeek, "week", "weeks", kUnit},
		{uWeekend, "weekend", "weekends", kUnit},
		{uFortnight, "fortnight", "fortnights", kUnit},
		{uMonth, "month", "months", kUnit},
		{uQuarter, "quarter", "quarters", kUnit},
		{uYear, "year", "years", kUnit},
		{uDecade, "decade", "decades", kUnit},
		{uCentury, "century", "centuries", kUnit},
	}
	for _, x := range units {
		w := word{k: x.alsoKind, u: x.u}
		if x.alsoKind == kOrd {
			w.v = 2
		}
		add(w, x.one)
		add(word{k: kUnit, u: x.u, plural: true}, x.pl)
	}
	add(word{k: kUnit, u: uHour}, "hrs", "hr")

	add(word{k: kPOD, v: podMorning}, "morning")
	add(word{k: kPOD, v: podAfternoon}, "afternoon")
	add(word{k: kPOD, v: podEvening}, "evening")
	add(word{k: kPOD, v: podNight}, "night")

	add(word{k: kDeictic, v: 0}, "today")
	add(word{k: kDeictic, v: 0, u: uHour}, "tonight") // u marks the night
	add(word{k: kDeictic, v: -1}, "yesterday")
	add(word{k: kDeictic, v: 1}, "tomorrow")

	add(word{k: kRef, v: refPresent}, "now", "currently", "nowadays", "current")
	add(word{k: kRef, v: refPast}, "recently", "lately")

	add(word{k: kRel, v: relLast}, "last")
	add(word{k: kRel, v: relNext}, "next")
	add(word{k: kRel, v: relThis}, "this")
	add(word{k: kRel, v: relPast}, "past")
	add(word{k: kRel, v: relComing}, "coming", "upcoming")
	add(word{k: kRel, v: relPrevious}, "previous", "preceding", "prior")
	add(word{k: kRel, v: relFollowing}, "following")
	add(word{k: kRel, v: relRecent}, "recent")

	add(word{k: kEdge, v: edgeEarly}, "early")
	add(word{k: kEdge, v: edgeMid}, "mid")
	add(word{k: kEdge, v: edgeLate}, "late")
	add(word{k: kEdge, v: edgeEarlier}, "earlier")
	add(word{k: kEdge, v: edgeLater}, "later")

	add(word{k: kSeason, v: seasonSpring}, "spring")
	add(word{k: kSeason, v: seasonSummer}, "summer")
	add(word{k: kSeason, v: seasonFall}, "fall", "autumn")
	add(word{k: kSeason, v: seasonWinter}, "winter")

	add(word{k: kSetAdv, u: uDay}, "daily", "nightly")
	add(word{k: kSetAdv, u: uWeek}, "weekly")
	add(word{k: kSetAdv, u: uMonth}, "monthly")
	add(word{k: kSetAdv, u: uYear}, "annually", "yearly")
	add(word{k: kSetAdv, u: uHour}, "hourly")

	add(word{k: kQuant}, "few", "several", "couple", "many", "dozens", "hundreds")
	add(word{k: kAgo}, "ago")
	add(word{k: kA}, "a", "an")
	// Function words that may begin an expression ("the past week",
	// "every day", "about two hours", "that day", "New Year's Day").
	add(word{k: kFunc}, "the", "every", "each", "per", "once", "twice", "that", "fiscal", "new",
		"about", "around", "nearly", "almost", "roughly", "approximately", "some", "over", "under",
		"more", "less", "fewer", "at", "up", "no", "not", "well", "just", "only", "half", "these", "calendar")

	add(word{k: kHoliday, v: holChristmas}, "christmas")
	add(word{k: kHoliday, v: holThanksgiving}, "thanksgiving")
	add(word{k: kHoliday, v: holEaster}, "easter")

	add(word{k: kAMPM, v: 0}, "a.m.", "am")
	add(word{k: kAMPM, v: 12}, "p.m.", "pm")
	add(word{k: kClock, v: 12 * 60}, "noon", "midday")
	add(word{k: kClock, v: 24 * 60}, "midnight")

	ones := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tens := []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for i, o := range ones {
		add(word{k: kNum, v: int16(i)}, o)
	}
	for t := 2; t < 10; t++ {
		add(word{k: kNum, v: int16(10 * t)}, tens[t])
		for o := 1; o < 10; o++ {
			add(word{k: kNum, v: int16(10*t + o)}, tens[t]+"-"+ones[o])
		}
	}
	add(word{k: kNum, v: 100}, "hundred")
	add(word{k: kNum, v: 1000}, "thousand")
	add(word{k: kNum, v: 12}, "dozen")

	ords := []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
		"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
		"eighteenth", "nineteenth", "twentieth"}
	for i := 1; i < len(ords); i++ {
		if i != 2 {
			add(word{k: kOrd, v: int16(i)}, ords[i])
		}
	}
	for o := 1; o < 10; o++ {
		add(word{k: kOrd, v: int16(20 + o)}, "twenty-"+ords[o])
	}
	add(word{k: kOrd, v: 30}, "thirtieth")
	add(word{k: kOrd, v: 31}, "thirty-first")

	for w, d := range map[string]int{"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50,
		"sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90} {
		add(word{k: kDecadeWord, v: int16(d)}, w)
	}

	// Words the rules read that start no expression.
	for _, w := range []string{"$", "%", "'s", "’s", "(", ")", ",", "-", "account", "accounts",
		"additional", "affairs", "after", "age", "and", "another", "as", "before", "beginning", "by",
		"consecutive", "distant", "during", "end", "ended", "ending", "entire", "eve", "final", "first",
		"following", "for", "foreseeable", "from", "full", "future", "immediate", "in", "latest", "local",
		"long", "middle", "near", "not-too-distant", "of", "over", "within", "old", "olds", "on", "other", "percent", "period",
		"preceding", "present", "same", "season", "since", "start", "straight", "successive", "than",
		"thousand", "through", "till", "time", "times", "to", "until", "whole", "within", "least", "most",
		"gmt", "utc", "est", "edt", "cst", "pst", "bst", "cet", "or", "between", "throughout", "into",
		"circa", "€", "£", "us$", "#", "no.", "estimated", "number", "km", "kms", "kilometers",
		"kilometres", "miles", "metres", "meters", "feet", "tons", "tonnes", "kg", "dollars", "euros",
		"barrels", "people", "x", "points", "votes", "mph", "°", "degrees", "bloody", "black", "good",
		"ash", "holy", "palm", "super", "cyber", "maundy", "whit", "man", "prior", "comparable",
	} {
		if _, ok := lexicon[w]; !ok {
			add(word{k: kKey}, w)
		}
	}
	flag := func(f uint16, words ...string) {
		for _, w := range words {
			e, ok := lexicon[w]
			if !ok {
				e = word{k: kKey}
			}
			e.f |= f
			lexicon[w] = e
		}
	}
	flag(fMonthPrep, "in", "since", "until", "till", "by", "last", "next", "this", "early", "late", "mid",
		"through", "from", "before", "after", "during", "of", "between", "throughout", "into", "past", "end",
		"beginning", "start", "middle", "each", "every", "coming")
	flag(fWeakMonthPrep, "and", "or", "to", "on", "for", "around", "about", "that")
	flag(fYearPrep, "in", "since", "until", "till", "by", "from", "to", "through", "of", "during", "before",
		"after", "between", "and", "fiscal", "calendar", "early", "late", "mid", "year", "the", "for", "around",
		"circa", "summer", "winter", "spring", "autumn", "fall", "throughout", ",", "(")
	flag(fCountCue, "$", "€", "£", "us$", "#", "no.", "about", "some", "nearly", "almost", "approximately",
		"roughly", "than", "least", "most", "only", "just", "over", "under", "estimated", "additional",
		"another", "number")
	flag(fMeasure, "%", "percent", "per", "km", "kms", "kilometers", "kilometres", "miles", "metres",
		"meters", "feet", "tons", "tonnes", "kg", "dollars", "euros", "barrels", "people", "times", "-", "x",
		"hours", "am", "pm", "a.m.", "p.m.", "gmt", "utc", "points", "votes", "mph", "°", "degrees")
	flag(fFollow, "middle", "end", "beginning", "start", "same", "near", "foreseeable", "distant",
		"immediate", "not-too-distant", "future", "present", "first", "final", "latest", "preceding", "prior",
		"comparable", "least", "most", "than", "to", "full", "following", "additional", "other")
	flag(fDayName, "bloody", "black", "good", "ash", "holy", "palm", "easter", "super", "cyber", "maundy",
		"whit", "man")

	for k, w := range lexicon {
		w.low = k
		lexicon[k] = w
		if len(k) >= 2 && letter(k[0]) && letter(k[1]) {
			prefixLens[k[0]-'a'][k[1]-'a'] |= 1 << min(len(k), 31)
		}
	}
}

// prefixLens[a][b] has bit n set when the lexicon has a word of n bytes
// starting with letters a and b: most words ("said", "rebels") are turned
// away before the lexicon is hashed.
var prefixLens [26][26]uint32

func letter(c byte) bool { return c >= 'a' && c <= 'z' }

// classify returns the class of a token.
func classify(s string) word {
	if s == "" || len(s) > 24 {
		return word{}
	}
	if c := s[0]; c >= '0' && c <= '9' || (c == '\'' || strings.HasPrefix(s, "’")) && len(s) > 1 {
		if w, ok := classifyDigits(s); ok {
			w.low = s
			return w
		}
	}
	var b [24]byte
	hyphen := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == '-' {
			hyphen = true
		}
		b[i] = c
	}
	if len(s) < 2 || !letter(b[0]) || !letter(b[1]) || prefixLens[b[0]-'a'][b[1]-'a']&(1<<len(s)) != 0 {
		if w, ok := lexicon[string(b[:len(s)])]; ok {
			return w
		}
	}
	if hyphen {
		if _, ok := readCompound(s); ok {
			return word{k: kCompound}
		}
	}
	return word{}
}

// classifyDigits reads tokens written with digits: cardinals, ordinals
// ("15th"), decades ("1990s", "'90s"), clock times ("10:35"), ISO dates
// ("2016-10-05"), slashed dates ("10/25/2016") and fractions ("1/2").
func classifyDigits(s string) (word, bool) {
	if s[0] == '\'' || s[0] == 0xE2 { // '90s, ’90s
		t := strings.TrimPrefix(strings.TrimPrefix(s, "'"), "’")
		if len(t) == 3 && isDigits(t[:2]) && t[1] == '0' && t[2] == 's' {
			y := int(t[0]-'0') * 10
			if y >= 20 {
				y += 1900
			} else {
				y += 2000
			}
			return word{k: kYearDec, v: int16(y)}, true
		}
		return word{}, false
	}
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	digits, rest := s[:n], s[n:]
	switch {
	case rest == "":
		if len(digits) > 4 {
			return word{}, false
		}
		v, _ := strconv.Atoi(digits)
		return word{k: kNum, v: int16(v)}, true
	case rest == "s" && len(digits) == 4 && digits[3] == '0':
		v, _ := strconv.Atoi(digits)
		return word{k: kYearDec, v: int16(v)}, true
	case len(digits) <= 2 && (rest == "st" || rest == "nd" || rest == "rd" || rest == "th"):
		v, _ := strconv.Atoi(digits)
		return word{k: kOrd, v: int16(v)}, true
	case rest[0] == ':' && len(digits) <= 2 && len(rest) == 3 && isDigits(rest[1:]):
		h, _ := strconv.Atoi(digits)
		m, _ := strconv.Atoi(rest[1:])
		if h < 24 && m < 60 {
			return word{k: kClock, v: int16(h*60 + m)}, true
		}
	case rest[0] == '.' && len(rest) > 1 && isDigits(rest[1:]):
		return word{k: kDecimal}, true
	case rest[0] == '/':
		if _, _, _, ok := readSlash(s); ok {
			return word{k: kSlash}, true
		}
		if len(digits) == 1 && len(rest) == 2 && rest[1] >= '1' && rest[1] <= '9' {
			return word{k: kFraction}, true
		}
	case rest[0] == '-' && len(digits) == 4:
		if _, _, _, ok := readISO(s); ok {
			return word{k: kISO}, true
		}
		if _, ok := readCompound(s); ok {
			return word{k: kCompound}, true
		}
	case rest[0] == '-':
		if _, ok := readCompound(s); ok {
			return word{k: kCompound}, true
		}
	}
	return word{}, false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// readISO reads "YYYY-MM-DD".
func readISO(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !isDigits(s[:4]) || !isDigits(s[5:7]) || !isDigits(s[8:]) {
		return 0, 0, 0, false
	}
	y, _ = strconv.Atoi(s[:4])
	m, _ = strconv.Atoi(s[5:7])
	d, _ = strconv.Atoi(s[8:])
	return y, m, d, validDate(y, m, d)
}

// readSlash reads "M/D/YYYY" when it can only be read one way: when the day
// is over 12 ("10/25/2016"; "25/10/2016" is read day first), or when the
// two numbers are equal. "10/05/2016" is ambiguous and is not read.
func readSlash(s string) (y, m, d int, ok bool) {
	i := strings.IndexByte(s, '/')
	j := strings.LastIndexByte(s, '/')
	if i <= 0 || j <= i+1 || len(s)-j-1 != 4 || !isDigits(s[:i]) || !isDigits(s[i+1:j]) || !isDigits(s[j+1:]) || i > 2 || j-i-1 > 2 {
		return 0, 0, 0, false
	}
	a, _ := strconv.Atoi(s[:i])
	b, _ := strconv.Atoi(s[i+1 : j])
	y, _ = strconv.Atoi(s[j+1:])
	switch {
	case a == b || b > 12:
		m, d = a, b
	case a > 12:
		m, d = b, a
	default:
		return 0, 0, 0, false
	}
	return y, m, d, validDate(y, m, d)
}

// compound is what a hyphenated token says: a duration adjective
// ("two-year", "24-hour"), an ordinal quarter or half ("third-quarter",
// "first-half"), an edge of a month, year or decade ("mid-October",
// "mid-1990s", "end-2016"), a year-relative word ("year-ago", "year-end"),
// or a century adjective ("21st-century").
type compound struct {
	n       float64 // duration amount
	u       unit    // duration unit, or uQuarter/uYear(half) for ordinals
	half    bool    // "first-half"
	ord     int     // quarter or half ordinal, or century
	edge    int
	month   int
	year    int
	decade  int
	century int
	rel     string // "year-ago", "year-earlier", "year-end"
}

// readCompound reads a hyphenated token. Ages ("69-year-old") and anything
// else it does not know are refused.
func readCompound(s string) (c compound, ok bool) {
	i := strings.IndexByte(s, '-')
	if i <= 0 || i == len(s)-1 {
		return c, false
	}
	head, tail := s[:i], s[i+1:]
	if strings.Contains(tail, "-") {
		// "two-year-old", "one-and-a-half-year": ages and rarities.
		return c, false
	}
	lh, lt := strings.ToLower(head), strings.ToLower(tail)
	switch lh {
	case "mid", "end", "late", "early":
		c.edge = map[string]int{"mid": edgeMid, "end": edgeEnd, "late": edgeLate, "early": edgeEarly}[lh]
		if w, ok := lexicon[lt]; ok && w.k == kMonth && !w.abbr && tail[0] >= 'A' && tail[0] <= 'Z' {
			c.month = int(w.v)
			return c, true
		}
		if len(lt) == 4 && isDigits(lt) {
			c.year, _ = strconv.Atoi(lt)
			return c, c.year >= 1000 && c.year < 2200
		}
		if len(lt) == 5 && lt[4] == 's' && isDigits(lt[:4]) && lt[3] == '0' {
			c.decade, _ = strconv.Atoi(lt[:4])
			return c, true
		}
		return c, false
	case "year":
		switch lt {
		case "ago", "earlier", "end":
			c.rel = "year-" + lt
			return c, true
		}
		return c, false
	}
	if lt == "century" {
		if w, ok := lexicon[lh]; ok && w.k == kOrd {
			c.century = int(w.v)
			return c, true
		}
		if w, ok := classifyDigits(lh); ok && w.k == kOrd {
			c.century = int(w.v)
			return c, true
		}
		return c, false
	}
	if lt == "quarter" || lt == "half" {
		w, ok := lexicon[lh]
		if !ok || w.k != kOrd || w.v < 1 || w.v > 4 || (lt == "half" && w.v > 2) {
			if w, ok = classifyDigits(lh); !ok || w.k != kOrd || w.v < 1 || w.v > 4 {
				return c, false
			}
		}
		c.ord, c.half = int(w.v), lt == "half"
		return c, true
	}
	// "two-year", "24-hour", "10-day"
	w, ok := lexicon[lt]
	if !ok || w.k != kUnit && w.u == uNone || w.plural || w.u == uWeekend {
		return c, false
	}
	var n int
	if isDigits(lh) {
		n, _ = strconv.Atoi(lh)
	} else if nw, ok := lexicon[lh]; ok && nw.k == kNum && nw.v > 0 && nw.v < 100 {
		n = int(nw.v)
	} else {
		return c, false
	}
	if n <= 0 || n > 1000 {
		return c, false
	}
	c.n, c.u = float64(n), w.u
	return c, true
}
