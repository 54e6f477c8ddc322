package geo

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
)

// Annotator finds place names in a Doc and resolves each to a gazetteer
// entry using the document's context. It runs after the actor annotator,
// whose phrases tell a place ("in Washington") from a government
// ("Washington said") and from people's names. It implements
// sitrep.Annotator.
type Annotator struct {
	Gazetteer *Gazetteer
	// CountryCode, when set, names countries as the actor dictionaries do
	// ("US", "Britain", "the Ivory Coast"), returning ISO3 or "".
	CountryCode func(name string) string
	// Known, when set, reports a word the actor dictionaries know (a
	// country, demonym, capital, named actor): inside an actor's phrase
	// such a word belongs to the actor, while an unknown name ("Alexandria
	// woman") may still be a place.
	Known func(word string) bool
}

// candidate is a recognised place name before resolution.
type candidate struct {
	first, last int // tokens
	text        string
	start, end  int
	entries     []int32
	locative    bool   // after "in", "near", "outside of", ... or in a dateline
	weak        bool   // the locative word is one that also stands before people: "of", "to", "from"
	admin       string // a division or country named right after ("Alexandria, Louisiana")
	adminWord   bool   // followed by "province", "state", "region", ...
	dateline    bool
	role        string // sitrep.RoleLocation, RoleActor or RoleDemonym
	prefix      bool   // the name starts a longer run of capitalised words
}

var locativeWords = map[string]bool{
	"in": true, "at": true, "near": true, "outside": true, "from": true, "to": true,
	"into": true, "across": true, "around": true, "throughout": true, "inside": true,
	"toward": true, "towards": true, "of": true, "between": true, "through": true,
	"north": true, "south": true, "east": true, "west": true, "northern": true,
	"southern": true, "eastern": true, "western": true, "central": true, "outskirts": true,
	"besieged": true, "rebel-held": true, "government-held": true, "via": true, "over": true,
}

var adminWords = map[string]bool{
	"province": true, "governorate": true, "state": true, "region": true, "oblast": true,
	"county": true, "district": true, "prefecture": true, "department": true, "parish": true,
}

// Annotate adds the places of d.
func (a *Annotator) Annotate(d *sitrep.Doc) {
	g := a.Gazetteer
	if g == nil {
		return
	}
	blocked := a.actorTokens(d)
	var cands, unsure []candidate
	datelineEnd := datelines(d)
	for si, end := range datelineEnd {
		for k := d.Sentences[si].First; k < end; k++ {
			blocked[k] = false // "HAMMOND, Ind. —" is a place whatever else the name is
		}
	}
	surnames := a.surnames(d)
	for si, s := range d.Sentences {
		for i := s.First; i < s.Last; i++ {
			t := d.Tokens[i]
			// A name starts with a proper noun, or with a capitalised word
			// the tagger read otherwise when the whole name is known
			// ("Democratic/JJ Republic of Congo").
			if blocked[i] || !capitalised(t) {
				continue
			}
			properStart := strings.HasPrefix(t.Tag, "NNP")
			// An unknown name after a locative preposition that the tagger
			// took for a common noun ("the city of Homs/NNS").
			if !properStart && i > s.First && (t.Tag == "NN" || t.Tag == "NNS") && locatives[strings.ToLower(d.Tokens[i-1].Text)] {
				properStart = true
			}
			// The run of name words starting here; a place name must start
			// it and may leave out only generic words at its end
			// ("Aleppo City", "Idlib Province"): "Mark Toner" holds no
			// place "Toner", "Sheikh Saed" no place "Saed".
			// Only a word such as "Northeast" or "Historic" may stand before
			// a place inside a run ("Northeast Texas").
			if i > s.First && nameToken(d.Tokens[i-1]) && capitalised(d.Tokens[i-1]) && strings.HasPrefix(d.Tokens[i-1].Tag, "NNP") && !modifierWords[strings.ToLower(d.Tokens[i-1].Text)] {
				continue
			}
			run := i + 1
			for run < s.Last && run < i+6 && nameToken(d.Tokens[run]) && !blocked[run] {
				run++
				if stateAbbreviation(d.Tokens[run-1].Text) {
					break // "Fresno, Calif. Jets struck": the name ends there
				}
			}
			for run > i+1 && !capitalised(d.Tokens[run-1]) && !particleName(d.Tokens[run-1]) {
				run--
			}
			best := candidate{}
			for j := run; j > i; j-- {
				// A shorter name may leave out generic words ("Aleppo City")
				// or stop before a lower-case word ("Washington on Monday").
				// It may also name the place of an institution ("Ohio
				// Department of Transportation", "Paris Junior College").
				// Before other capitalised words it starts the name of
				// something else ("Florida Attorney General", "Dublin Art
				// Stroll"), unless the one word after it is a surname the
				// report gives ("Jordan Smith").
				prefix := false
				if j < run && !genericTail(d, j, run) && !institutionTail(d, j, run) && capitalised(d.Tokens[j]) {
					if run-j <= 2 && surnames[Key(d.Tokens[run-1].Text)] || j == i+1 && givenNames[Key(t.Text)] {
						continue
					}
					prefix = true
				}
				if !properStart && j == i+1 {
					continue
				}
				text := d.Article.Text[d.Tokens[i].Start:d.Tokens[j-1].End]
				es := g.Lookup(text)
				if es == nil && (j-i > 1 || strings.Contains(text, "-")) {
					es = g.LookupSkeleton(text) // "Al Bireh" for al-Bīrah
				}
				if a.CountryCode != nil {
					if iso := a.CountryCode(text); iso != "" {
						if k := g.Country(iso); k >= 0 {
							es = a.countryFirst(k, text, es)
						}
					}
				}
				if len(es) > 0 {
					best = candidate{first: i, last: j, text: text, start: d.Tokens[i].Start, end: d.Tokens[j-1].End, entries: es, prefix: prefix}
					break
				}
			}
			// The scan goes on after the name found, or at the first
			// lower-case word of the run: "Sen. Max Baucus of Montana",
			// "University of Kentucky" hold a place after "of".
			resume := run
			for k := i + 1; k < run; k++ {
				if !capitalised(d.Tokens[k]) && !particleName(d.Tokens[k]) {
					resume = k
					break
				}
			}
			if best.entries != nil && best.last > resume {
				resume = best.last
			}
			if best.entries == nil {
				if properStart && !modifierWords[strings.ToLower(t.Text)] {
					i = resume - 1
				}
				continue
			}
			best.role = sitrep.RoleLocation
			if best.prefix && len(best.entries) == 1 && g.Entries[best.entries[0]].Feature == "PCLI" {
				best.role = sitrep.RoleDemonym // "Palestine TV", "Iraq Body Count": the country's, not a place
			}
			// A country named as a modifier ("US officials") is used as a
			// demonym; a town so named is a place ("an Alexandria woman").
			if len(best.entries) == 1 && g.Entries[best.entries[0]].Feature == "PCLI" && best.last < s.Last &&
				strings.HasPrefix(d.Tokens[best.last].Tag, "NN") && !strings.HasPrefix(d.Tokens[best.last].Tag, "NNP") && !adminWords[strings.ToLower(d.Tokens[best.last].Text)] {
				best.role = sitrep.RoleDemonym
				cands = append(cands, best)
				i = resume - 1
				continue
			}
			a.context(d, &best, si, datelineEnd[si])
			switch ok, soft := a.accept(d, best, surnames); {
			case ok:
				cands = append(cands, best)
			case soft:
				unsure = append(unsure, best)
			}
			i = resume - 1
		}
	}
	// A name the report uses as a place once is a place wherever it
	// stands ("in Paris, Texas ... the Paris Police Department").
	sure := map[string]bool{}
	for _, c := range cands {
		if c.role == sitrep.RoleLocation && (c.locative && !c.weak || c.admin != "" || c.adminWord || c.dateline || a.major(c)) {
			sure[Key(c.text)] = true
		}
	}
	for _, c := range unsure {
		if sure[Key(c.text)] {
			cands = append(cands, c)
		}
	}
	cands = append(cands, a.roleCandidates(d, blocked, cands)...)
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].start < cands[j].start })
	a.resolve(d, cands)
	a.features(d)
}

// roleCandidates finds the places named as actors ("Malaysia has
// decided", "Moscow said": words the actor annotator took) and demonyms
// ("Turkish police", "Palestinians", "the Russian-American crew") outside
// the candidates found so far.
func (a *Annotator) roleCandidates(d *sitrep.Doc, blocked []bool, have []candidate) []candidate {
	g := a.Gazetteer
	taken := make([]bool, len(d.Tokens))
	for _, c := range have {
		for t := c.first; t < c.last; t++ {
			taken[t] = true
		}
	}
	var out []candidate
	for _, s := range d.Sentences {
		for i := s.First; i < s.Last; i++ {
			t := d.Tokens[i]
			if taken[i] || !capitalised(t) {
				continue
			}
			// Demonyms: two words first ("Sri Lankan"), then the word, then
			// the parts of a hyphenated word ("Palestinian-Israeli").
			if i+1 < s.Last && !taken[i+1] {
				text := d.Article.Text[t.Start:d.Tokens[i+1].End]
				if c, ok := a.demonymCandidate(text, i, i+2, t.Start, d.Tokens[i+1].End); ok {
					if demonymUse(d, s, i, i+2) {
						out = append(out, c)
					}
					i++
					continue
				}
			}
			if c, ok := a.demonymCandidate(t.Text, i, i+1, t.Start, t.End); ok {
				if demonymUse(d, s, i, i+1) {
					out = append(out, c)
				}
				continue
			}
			if strings.Contains(t.Text, "-") {
				off := t.Start
				for _, part := range strings.Split(t.Text, "-") {
					if c, ok := a.demonymCandidate(part, i, i+1, off, off+len(part)); ok {
						out = append(out, c)
					}
					off += len(part) + 1
				}
				continue
			}
			if !blocked[i] {
				continue
			}
			// A country, division or capital the actor annotator read as
			// an actor: the longest known name within the actor's words,
			// with the capitalised words before them that complete it
			// ("The United States" where only "States" was the actor's).
			orig := i
			for b := i - 1; b >= s.First && b >= i-2 && capitalised(d.Tokens[b]) && !taken[b] && !strings.EqualFold(d.Tokens[b].Text, "the"); b-- {
				if a.CountryCode != nil && a.CountryCode(d.Article.Text[d.Tokens[b].Start:t.End]) != "" {
					i, t = b, d.Tokens[b]
					break
				}
			}
			run := i + 1
			for run < s.Last && run < i+6 && blocked[run] && !taken[run] && nameToken(d.Tokens[run]) {
				run++
			}
			for j := run; j > i; j-- {
				if !capitalised(d.Tokens[j-1]) {
					continue
				}
				text := d.Article.Text[t.Start:d.Tokens[j-1].End]
				var es []int32
				if a.CountryCode != nil {
					if iso := a.CountryCode(text); iso != "" {
						if k := g.Country(iso); k >= 0 {
							es = a.countryFirst(k, text, g.Lookup(text))
						}
					}
				}
				if es == nil {
					// "Moscow said", not "Bush" for a town in Egypt; but
					// "Paris" may be Paris, Texas, as context tells.
					seat := false
					for _, k := range g.Lookup(text) {
						e := g.Entries[k]
						if Key(e.Name) != Key(text) {
							continue
						}
						es = append(es, k)
						if e.Feature == "PCLI" || e.Feature == "ADM1" || e.Feature == "PPLC" || isRegion(e.Feature) {
							seat = true
						}
					}
					if !seat {
						es = nil
					}
				}
				if len(es) > 0 && !commonWords[strings.ToLower(text)] && !(allCaps(text) && len(text) <= 3 && g.Entries[es[0]].Feature != "PCLI") {
					role := sitrep.RoleActor
					if j < s.Last && strings.HasPrefix(d.Tokens[j].Tag, "NN") && !strings.HasPrefix(d.Tokens[j].Tag, "NNP") {
						role = sitrep.RoleDemonym // "US officials"
					}
					out = append(out, candidate{first: i, last: j, text: text, start: t.Start, end: d.Tokens[j-1].End, entries: es, role: role})
					i = j - 1
					break
				}
			}
			if i < orig {
				// Stepping back to complete a name must not bring the
				// scan back over words it has read ("the United Arab
				// Emirates" looped for ever).
				i = orig
			}
		}
	}
	return out
}

// countryFirst returns the readings of a country's name: the country,
// then the divisions of exactly that name ("Georgia" the state), which
// context may prefer. Towns named after countries ("Jordan", Minnesota)
// are left out: news means the country.
func (a *Annotator) countryFirst(country int32, text string, es []int32) []int32 {
	out := []int32{country}
	if allCaps(text) {
		return out // "US", "UAE"
	}
	k := Key(text)
	for _, e := range es {
		if f := a.Gazetteer.Entries[e]; e != country && f.Feature == "ADM1" && Key(f.Name) == k {
			out = append(out, e)
		}
	}
	return out
}

// demonymUse reports whether a demonym at tokens [first, last) speaks of
// its country or people: not when it ends a person's name ("Monica
// French") or a party's ("United Russia"), nor when it names a language or
// a cuisine ("French students", "Italian food").
func demonymUse(d *sitrep.Doc, s sitrep.Sentence, first, last int) bool {
	if first > s.First {
		prev := d.Tokens[first-1]
		if givenNames[Key(prev.Text)] || strings.EqualFold(prev.Text, "United") {
			return false
		}
		// After another name ("Officer Jane French"), a surname.
		if capitalised(prev) && prev.Tag == "NNP" && first-1 > s.First && !allCaps(prev.Text) && Demonym(prev.Text) == "" && !modifierWords[strings.ToLower(prev.Text)] && !titleWords[strings.ToLower(prev.Text)] {
			return false
		}
	}
	if last < s.Last {
		next := d.Tokens[last]
		w := strings.ToLower(next.Text)
		if languageUses[w] {
			return false
		}
	}
	return true
}

// languageUses are nouns after a demonym that make it a language's or a
// cuisine's name.
var languageUses = map[string]bool{
	"food": true, "restaurant": true, "cuisine": true, "language": true, "immersion": true,
	"class": true, "classes": true, "students": true, "teacher": true, "teachers": true,
	"lessons": true, "dish": true, "dishes": true, "music": true, "rock": true, "translation": true,
	"speakers": true, "speaking": true, "fries": true, "toast": true, "dressing": true,
}

// demonymCandidate reads text as a demonym standing at tokens [first,
// last) and bytes [start, end).
func (a *Annotator) demonymCandidate(text string, first, last, start, end int) (candidate, bool) {
	to := Demonym(text)
	if to == "" || !capitalised(sitrep.Token{Text: text}) {
		return candidate{}, false
	}
	g := a.Gazetteer
	var es []int32
	if len(to) == 3 && allCaps(to) {
		if k := g.Country(to); k >= 0 {
			es = []int32{k}
		}
	} else {
		for _, k := range g.Lookup(to) {
			if f := g.Entries[k].Feature; isRegion(f) || f == "ADM1" || f == "PCLI" {
				es = []int32{k}
				break
			}
		}
	}
	if es == nil {
		return candidate{}, false
	}
	return candidate{first: first, last: last, text: text, start: start, end: end, entries: es, role: sitrep.RoleDemonym}, true
}

// actorTokens marks tokens that belong to actors rather than places: named
// people and organisations, and capitals or countries used as actors
// ("Washington said"). Place phrases ("in Damascus") stay free.
func (a *Annotator) actorTokens(d *sitrep.Doc) []bool {
	b := make([]bool, len(d.Tokens))
	for _, p := range d.Phrases {
		if p.Place || p.Pronoun {
			continue
		}
		for _, ai := range p.Actors {
			act := d.Actors[ai]
			if act.Code == "" {
				continue // an unknown name: a place if the gazetteer says so
			}
			named := act.Name != nil
			if !named && !actsAsSubject(d, p) {
				continue // "sanctions on Egypt", "Egypt's ministry": a place too
			}
			for t := p.First; t < p.Last; t++ {
				tk := d.Tokens[t]
				if act.Start <= tk.Start && tk.End <= act.End && (named || a.Known == nil || a.Known(tk.Text)) {
					b[t] = true
				}
			}
		}
	}
	return b
}

// actsAsSubject reports whether a phrase names an actor by its position:
// the subject of a verb, alone or coordinated ("Egypt said", "The United
// States and other Western countries say"), or the one addressed after
// "with", "against", "by" or a noun and "to" ("a proposal to Washington and
// Moscow"). Elsewhere a country or capital is (also) a place.
func actsAsSubject(d *sitrep.Doc, p sitrep.Phrase) bool {
	s := d.Sentences[p.Sentence]
	if b := p.First - 1; b >= s.First {
		w := strings.ToLower(d.Tokens[b].Text)
		if w == "the" && b > s.First {
			b--
			w = strings.ToLower(d.Tokens[b].Text)
		}
		switch w {
		case "with", "against", "by", "between", "urged", "accused", "told", "asked", "called":
			return true
		case "to", "and":
			if b > s.First && strings.HasPrefix(d.Tokens[b-1].Tag, "NN") {
				return true // "a proposal to Washington"
			}
		}
	}
	k := p.Last
	coordinated := false
	for k < s.Last {
		t := d.Tokens[k]
		switch {
		case t.Text == "," || t.Text == "and":
			coordinated = true
			k++
			continue
		case t.Tag == "NNP" || t.Tag == "NNPS" || t.Tag == "DT" || t.Tag == "POS":
			k++
			continue
		case coordinated && (t.Tag == "JJ" || t.Tag == "NNS" || t.Tag == "NN"):
			k++
			continue
		case strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD" || t.Tag == "RB":
			return true
		}
		return false
	}
	return false
}

// genericTail reports whether tokens [j, run) are generic words a place
// name may be followed by: "City", "Province", "Governorate".
func genericTail(d *sitrep.Doc, j, run int) bool {
	for k := j; k < run; k++ {
		w := strings.ToLower(d.Tokens[k].Text)
		if !adminWords[w] && w != "city" && w != "town" && w != "village" && w != "area" {
			return false
		}
	}
	return true
}

// particleName reports a name word that starts with an article: "al-Qasr".
func particleName(t sitrep.Token) bool {
	k := strings.IndexByte(t.Text, '-')
	return k > 0 && k+1 < len(t.Text) && t.Text[k+1] >= 'A' && t.Text[k+1] <= 'Z'
}

// capitalised reports a word that starts with a capital letter ("Aleppo",
// "Île"); a dash or other symbol is none ("BEIRUT — Jets").
func capitalised(t sitrep.Token) bool {
	if t.Text == "" {
		return false
	}
	if c := t.Text[0]; c < 0x80 {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

// nameToken may continue a multiword place name: capitalised words, and
// the particles of Arabic, French and Spanish names.
func nameToken(t sitrep.Token) bool {
	if capitalised(t) {
		return true
	}
	switch strings.ToLower(t.Text) {
	case "al", "el", "ad", "as", "ash", "ez", "es", "de", "del", "la", "le", "les", "du", "des", "of", "upon", "on", "am", "an", "bin", "ibn", "abu", "da", "do", "dos", "das", "sur", "ul", "e":
		return true
	}
	return strings.Contains(t.Text, "-") && strings.Trim(t.Text, "-") != ""
}

// datelines returns, for each sentence, the token ending a wire dateline
// at its start, or -1: in the first sentence a dash within its first
// twelve words ("Aleppo, Syria —"); in the next few (after a headline) a
// dash after a name in capitals ("LAWRENCEBURG —", "HAMMOND, Ind. (AP) -").
func datelines(d *sitrep.Doc) []int {
	out := make([]int, len(d.Sentences))
	for si, s := range d.Sentences {
		out[si] = -1
		if si > 4 || si > 0 && !allCaps(d.Tokens[s.First].Text) {
			continue
		}
		for i := s.First; i < s.Last && i < s.First+12; i++ {
			if t := d.Tokens[i].Text; t == "—" || t == "--" || t == "–" || (t == "-" && i > s.First+1) || (t == "-" && si > 0) {
				out[si] = i
				break
			}
			if si > 0 && i > s.First && !nameToken(d.Tokens[i]) && d.Tokens[i].Text != "," && d.Tokens[i].Text != "(" && d.Tokens[i].Text != ")" {
				break // "US officials said - ..." is no dateline
			}
		}
	}
	return out
}

// context reads what surrounds a candidate: a locative word before it, a
// division or country after it, an administrative word, a dateline.
func (a *Annotator) context(d *sitrep.Doc, c *candidate, si, dateline int) {
	s := d.Sentences[si]
	k := c.first - 1
	for k >= s.First && (d.Tokens[k].Tag == "DT" || d.Tokens[k].Tag == "JJ" && !locativeWords[strings.ToLower(d.Tokens[k].Text)]) {
		k--
	}
	if k >= s.First && locativeWords[strings.ToLower(d.Tokens[k].Text)] {
		c.locative = true
		c.weak = weakLocatives[strings.ToLower(d.Tokens[k].Text)]
	}
	if dateline >= 0 && c.last <= dateline {
		c.dateline, c.locative = true, true
	}
	if c.last < s.Last && adminWords[strings.ToLower(d.Tokens[c.last].Text)] {
		c.adminWord = true
	}
	// "Alexandria, Louisiana", "Aleppo, Syria"
	if c.last+1 < s.Last && d.Tokens[c.last].Text == "," && capitalised(d.Tokens[c.last+1]) {
		for j := c.last + 2; j <= s.Last && j <= c.last+4; j++ {
			name := d.Article.Text[d.Tokens[c.last+1].Start:d.Tokens[j-1].End]
			for _, e := range a.Gazetteer.Lookup(name) {
				if f := a.Gazetteer.Entries[e].Feature; f == "ADM1" || f == "PCLI" {
					c.admin = name
				}
			}
		}
	}
}

// hasSeat reports whether a division shares its name with its capital
// among the candidates ("Aleppo", "Idlib", "Deir ez-Zor"): then the name
// alone means the city.
func (c candidate) hasSeat(g *Gazetteer, div Entry) bool {
	for _, k := range c.entries {
		e := g.Entries[k]
		if (e.Feature == "PPLA" || e.Feature == "PPLC") && e.Country == div.Country && (e.Admin1 == div.Admin1 || e.Feature == "PPLC" && Key(e.Name) == Key(div.Name)) {
			return true
		}
	}
	return false
}

// namesCountryOf reports whether the candidate may also be the country
// of division div: "Mexico" is the country before the state of México.
func (c candidate) namesCountryOf(g *Gazetteer, div Entry) bool {
	for _, k := range c.entries {
		if e := g.Entries[k]; e.Feature == "PCLI" && e.Country == div.Country {
			return true
		}
	}
	return false
}

// accept decides whether a name is a place mention: a locative context, a
// dateline, a division or country after it, or a well-known place.
// When the name is not known to be no place and only lacks such evidence,
// soft is true: the report may use it as a place elsewhere.
func (a *Annotator) accept(d *sitrep.Doc, c candidate, surnames map[string]bool) (ok, soft bool) {
	if commonWords[strings.ToLower(c.text)] {
		return false, false
	}
	if c.first > 0 && titleWords[strings.ToLower(d.Tokens[c.first-1].Text)] {
		return false, false // "Sen. Boxer", "Mayor Lincoln"
	}
	if surnames[Key(c.text)] && (!c.locative || c.weak) && c.admin == "" && !c.adminWord {
		return false, false // "Trapani said", after "Joe Trapani"
	}
	if allCaps(c.text) && !c.dateline {
		// "PA", "NICE": an acronym, unless a country's ("US", "UAE") or a
		// state's after a town ("Pittsburgh, PA").
		country := false
		for _, k := range c.entries {
			if a.Gazetteer.Entries[k].Feature == "PCLI" {
				country = true
			}
		}
		afterComma := c.first > 0 && d.Tokens[c.first-1].Text == ","
		if !country && !afterComma && (len(c.text) <= 3 || !c.locative) {
			return false, len(c.text) > 3
		}
	}
	if c.prefix && !c.adminWord && !a.major(c) {
		return false, true // "Paris Police Chief": a place if the report places Paris elsewhere
	}
	if c.locative || c.admin != "" || c.adminWord || c.dateline || a.major(c) {
		return true, false
	}
	return false, true
}

// maxReadings is how many readings of one name are weighed.
const maxReadings = 400

// weakLocatives are locative words that also stand before people's names
// ("a letter to Jones", "the son of Bell").
var weakLocatives = map[string]bool{"of": true, "to": true, "from": true, "between": true, "over": true, "through": true, "via": true}

// major reports a candidate that may name a country, first- or
// second-level division, region, capital or city of 100,000 people.
func (a *Annotator) major(c candidate) bool {
	for _, k := range c.entries {
		e := a.Gazetteer.Entries[k]
		if e.Feature == "PCLI" || isRegion(e.Feature) {
			return true
		}
		if (e.Feature == "ADM1" || e.Feature == "ADM2" || e.Feature == "PPLC" || e.Population >= 100000) && (!c.prefix || Key(e.Name) == Key(c.text) || e.Feature == "ADM1") {
			return true // a prefix by its own name: "Ben" is no Bern
		}
	}
	return false
}

// modifierWords may stand before a place name within a run of capitalised
// words: "Northeast Texas", "Historic Dublin", "Greater Manchester".
var modifierWords = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northeast": true,
	"northwest": true, "southeast": true, "southwest": true, "northern": true,
	"southern": true, "eastern": true, "western": true, "central": true,
	"upper": true, "lower": true, "greater": true, "downtown": true, "historic": true,
	"rural": true, "metro": true, "suburban": true, "old": true, "coastal": true,
}

// institutionWords end the name of an institution that starts with its
// place: "Ohio Department of Transportation", "Gainesville Police".
var institutionWords = map[string]bool{
	"department": true, "college": true, "university": true, "school": true, "schools": true,
	"hospital": true, "board": true, "council": true, "police": true, "club": true,
	"church": true, "museum": true, "library": true, "airport": true, "chamber": true,
	"commission": true, "authority": true, "office": true, "academy": true, "institute": true,
	"regional": true, "medical": true, "public": true, "sheriff": true, "fire": true,
	"city": true, "county": false, "courthouse": true, "zoo": true, "stadium": true,
	"symphony": true, "singers": true, "association": true, "society": true, "utilities": true,
	"junior": true, "high": true, "middle": true, "elementary": true, "center": true, "centre": true,
}

// titleWords come before people's names, never before places.
var titleWords = map[string]bool{
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "sen.": true, "rep.": true, "gov.": true,
	"sgt.": true, "lt.": true, "capt.": true, "col.": true, "gen.": true, "det.": true, "rev.": true,
	"officer": true, "judge": true, "coach": true, "deputy": true, "sheriff": true, "mayor": true,
	"president": true, "pastor": true, "senator": true, "trooper": true, "justice": true,
}

// stateAbbreviation reports an abbreviation that ends a place name
// ("Calif.", "Ky.", "B.C."), unlike "St." or "Mt." that start one.
func stateAbbreviation(w string) bool {
	if len(w) < 3 || len(w) > 6 || w[len(w)-1] != '.' {
		return false
	}
	switch w {
	case "St.", "Ste.", "Mt.", "Ft.", "Pt.", "Sen.", "Rep.", "Gov.", "Dr.", "Mr.", "Mrs.", "Ms.":
		return false
	}
	return true
}

// institutionTail reports whether tokens [j, run) name an institution of
// the place before them.
func institutionTail(d *sitrep.Doc, j, run int) bool {
	for k := j; k < run; k++ {
		if institutionWords[strings.ToLower(d.Tokens[k].Text)] {
			return true
		}
	}
	return false
}

func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 1
}

// surnames finds the last words of people's names in d: the last word of a
// run of two or three capitalised words ("Joe Trapani", "Guy C. Harminson")
// that is no place as a whole, is not led by a word such as "North", and
// whose last word names no country, division or region. Alone, such a word
// ("Trapani said") is the person again, unless a locative word precedes it.
func (a *Annotator) surnames(d *sitrep.Doc) map[string]bool {
	out := map[string]bool{}
	g := a.Gazetteer
	for _, s := range d.Sentences {
		for i := s.First; i < s.Last; i++ {
			if !capitalised(d.Tokens[i]) || !strings.HasPrefix(d.Tokens[i].Tag, "NNP") || allCaps(d.Tokens[i].Text) {
				continue
			}
			if i > s.First && capitalised(d.Tokens[i-1]) {
				continue // not the start of a run
			}
			j := i + 1
			for j < s.Last && capitalised(d.Tokens[j]) && strings.HasPrefix(d.Tokens[j].Tag, "NNP") {
				j++
			}
			if j-i < 2 || j-i > 3 {
				i = j - 1
				continue
			}
			first, last := strings.ToLower(d.Tokens[i].Text), d.Tokens[j-1]
			// A given name or a middle initial makes a person's name even
			// after "of" ("the shooting of Tyrise M. Bell").
			person := givenNames[first]
			for k := i + 1; k < j-1; k++ {
				if w := d.Tokens[k].Text; len(w) == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z' {
					person = true
				}
			}
			if !person && i > s.First && locativeWords[strings.ToLower(d.Tokens[i-1].Text)] || modifierWords[first] ||
				adminWords[strings.ToLower(last.Text)] || institutionWords[strings.ToLower(last.Text)] || featureSuffixes[strings.ToLower(last.Text)] != "" || allCaps(last.Text) ||
				len(g.Lookup(d.Article.Text[d.Tokens[i].Start:last.End])) > 0 {
				i = j - 1
				continue
			}
			major := false
			for _, k := range g.Lookup(last.Text) {
				if f := g.Entries[k].Feature; f == "PCLI" || f == "ADM1" || isRegion(f) {
					major = true
				}
			}
			if !major {
				out[Key(last.Text)] = true
			}
			i = j - 1
		}
	}
	return out
}

// commonWords are capitalised words that name places somewhere but are
// almost always something else in news text.
var commonWords = map[string]bool{
	"president": true, "minister": true, "police": true, "army": true, "mission": true,
	"university": true, "union": true, "victoria": false, "march": true, "may": true,
	"june": true, "july": true, "august": true, "january": true, "monday": true, "sunday": true,
	"god": true, "allah": true, "islam": true, "story": true, "related": true, "reuters": true,
	"ap": true, "afp": true, "gmt": true, "utc": true, "com": true, "news": true, "times": true,
	"post": true, "guardian": true, "sun": true, "herald": true, "independence": true,
	"liberty": true, "freedom": true, "justice": true, "hope": true, "paradise": true,
	"opposition": true, "government": true, "republic": true, "state": true, "city": true,
	"rebel": true, "rebels": true, "regime": true, "observatory": true, "human": true,
	"rights": true, "democrat": true, "democrats": true, "republican": true, "republicans": true,
	"senate": true, "congress": true, "parliament": true, "white": true, "house": true,
	"centre": true, "center": true, "north": true, "south": true, "east": true, "west": true,
	"tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"february": true, "april": true, "september": true, "october": true, "november": true,
	"december": true, "miss": true, "college": true, "town": true, "valley": true,
	"central": true, "northwest": true, "northeast": true, "southwest": true, "southeast": true,
	"passover": true, "christmas": true, "easter": true, "court": true, "let": true,
	"hamas": true, "hezbollah": true, "metro": true, "jesus": true, "christ": true, "commerce": true, "church": true, "al": true, "el": true, "ad": true, "as": true, "an": true, "ash": true, "eastern": true, "western": true, "northern": true, "southern": true, "taliban": true, "man": true, "federation": true,
}

// resolve picks, for every candidate, the entry that best fits the
// document: its countries (dateline, country names, actors), divisions
// named beside a place, the kind of name, and population.
func (a *Annotator) resolve(d *sitrep.Doc, cands []candidate) {
	g := a.Gazetteer
	countries := map[string]float64{}
	// Actors say which countries a report is about, except those read from
	// a place's own name, which may be another place ("Athens Review" in
	// Athens, Texas).
	ambiguous := map[string]bool{}
	for _, c := range cands {
		for _, k := range c.entries {
			if g.Entries[k].Feature != "PCLI" {
				ambiguous[Key(c.text)] = true
				break
			}
		}
	}
	for _, act := range d.Actors {
		if act.Country != nil && !ambiguous[Key(act.Text)] {
			countries[*act.Country] += 1
		}
	}
	admins := map[string]bool{}
	var datelineEntry *Entry
	// First pass: names that are countries or divisions, and datelines.
	for _, c := range cands {
		for _, k := range c.entries {
			e := g.Entries[k]
			if e.Feature == "PCLI" && len(c.entries) == 1 && Key(e.Name) == Key(c.text) && c.role == sitrep.RoleLocation {
				countries[e.Country] += 3
			}
			if e.Feature == "ADM1" && (c.adminWord || c.locative) {
				admins[e.Country+"."+e.Admin1] = true
			}
		}
		if c.admin != "" {
			for _, k := range g.Lookup(c.admin) {
				e := g.Entries[k]
				if e.Feature == "PCLI" {
					countries[e.Country] += 2
				} else if e.Feature == "ADM1" {
					admins[e.Country+"."+e.Admin1] = true
					countries[e.Country] += 1
				}
			}
		}
	}
	// Each distinct name is read once: the tenth "Aleppo" as the first.
	keys := make([]string, len(cands))
	var distinct []int // index of the first candidate of each name
	seenKey := map[string]bool{}
	for i, c := range cands {
		// "Dublin City" (a division's name) is read with "Dublin", as one
		// name; "Mexico City" and "Oklahoma City", towns by that name, not.
		keys[i] = Key(c.text)
		if k := strings.TrimSuffix(keys[i], " city"); k != keys[i] {
			town := false
			for _, e := range c.entries {
				if f := g.Entries[e]; strings.HasPrefix(f.Feature, "PPL") && Key(f.Name) == keys[i] {
					town = true
				}
			}
			if !town {
				keys[i] = k
			}
		}
		if !seenKey[keys[i]] {
			seenKey[keys[i]] = true
			distinct = append(distinct, i)
		}
	}
	// Places in one report lie near each other: a reading is supported by
	// every other name that has a reading within 200 km of it, or that
	// names its country. The readings of every name are put in cells of
	// two degrees, so that each name's every reading is weighed, however
	// many places share it ("Athens": Greece, Georgia, Texas, Ohio, ...).
	type cell struct{ la, lo int }
	type reading struct {
		cj int
		k  int32
	}
	cellOf := func(e Entry) cell { return cell{int(math.Floor(e.Lat / 2)), int(math.Floor(e.Lon / 2))} }
	cells := map[cell][]reading{}
	namesCountry := map[string][]int{}
	for _, cj := range distinct {
		for m, k := range cands[cj].entries {
			if m >= maxReadings {
				break
			}
			e := g.Entries[k]
			if e.Feature == "PCLI" {
				namesCountry[e.Country] = append(namesCountry[e.Country], cj)
				continue
			}
			c := cellOf(e)
			cells[c] = append(cells[c], reading{cj, k})
		}
	}
	support := func(ci int, e Entry) float64 {
		n := 0.0
		seen := map[int]bool{}
		c := cellOf(e)
		for dla := -1; dla <= 1; dla++ {
			for dlo := -1; dlo <= 1; dlo++ {
				for _, r := range cells[cell{c.la + dla, c.lo + dlo}] {
					if seen[r.cj] || keys[r.cj] == keys[ci] {
						continue
					}
					f := g.Entries[r.k]
					if distanceKm(e.Lat, e.Lon, f.Lat, f.Lon) < 200 {
						seen[r.cj] = true
						n++
					}
				}
			}
		}
		for _, cj := range namesCountry[e.Country] {
			if !seen[cj] && keys[cj] != keys[ci] {
				seen[cj] = true
				n += 0.5
			}
		}
		return n
	}
	// pick scores the readings of a candidate; other holds what the other
	// names of the document were read as in a first round (countries and
	// divisions, with counts), so that a document's places agree.
	pick := func(ci int, c candidate, other map[string]float64) int32 {
		best, bestScore := int32(-1), math.Inf(-1)
		for m, k := range c.entries {
			e := g.Entries[k]
			pop := e.Population
			if e.Feature == "ADM2" && !c.adminWord && !strings.Contains(Key(c.text), " ") {
				pop = 0 // "Geneva" alone is the city, not its district
			}
			s := math.Log10(float64(pop) + 10)
			if m >= maxReadings {
				break
			}
			if len(c.entries) > 1 && e.Feature != "PCLI" {
				s += math.Min(1.5*math.Log2(1+support(ci, e)), 4.5)
			}
			exactName := Key(e.Name) == Key(c.text)
			if !exactName && e.Feature != "PCLI" && !isRegion(e.Feature) {
				s -= 1.5 // matched through an alternate name only
			}
			if e.Feature == "ADM1" && exactName && !c.hasSeat(g, e) && !c.namesCountryOf(g, e) {
				s += 6 // "Texas", "Nebraska": the state, not a town named after it
			}
			s += 1.5 * math.Min(countries[e.Country]+other[e.Country], 4)
			if e.Feature != "PCLI" && e.Admin1 != "" {
				if admins[e.Country+"."+e.Admin1] && e.Feature != "ADM1" {
					s += 3
				} else if n := other[e.Country+"."+e.Admin1]; n > 0 {
					s += math.Min(1.5*n, 3) // "Paris" beside "Lamar County" and "Texas"
				}
			}
			if c.admin != "" && e.Feature != "ADM1" && e.Feature != "PCLI" && a.within(e, c.admin) {
				s += 6 // "Alexandria, Louisiana", "Nelson, BC"
			}
			switch e.Feature {
			case "PCLI":
				s += 8
			case "CONT", "RGN", "SEA", "GULF":
				// "Africa" is the continent, not Africa in Puebla; "Darfur"
				// the region, not a village of that name.
				s += 9
			case "ADM1":
				s += 2
				if c.adminWord {
					s += 10 // "Idlib province"
				}
			case "ADM2":
				if c.adminWord || strings.Contains(Key(c.text), " ") {
					s += 2 // "Laurel County"
				}
			case "PPLC":
				s += 2
			case "PPLA":
				s += 1
			}
			if datelineEntry != nil && distanceKm(datelineEntry.Lat, datelineEntry.Lon, e.Lat, e.Lon) < 300 {
				s += 2
			}
			if s > bestScore {
				best, bestScore = k, s
			}
		}
		return best
	}
	// First round: each distinct name on its own.
	first := map[string]int32{}
	for _, ci := range distinct {
		if k := pick(ci, cands[ci], nil); k >= 0 {
			first[keys[ci]] = k
		}
	}
	contribution := func(k int32, into map[string]float64, sign float64) {
		e := g.Entries[k]
		if e.Country == "" {
			return
		}
		if e.Feature != "PCLI" {
			into[e.Country] += sign
		}
		if e.Feature != "PCLI" && e.Admin1 != "" {
			into[e.Country+"."+e.Admin1] += sign
		}
	}
	all := map[string]float64{}
	for _, k := range first {
		contribution(k, all, 1)
	}
	chosen := map[string]int32{}
	for ci, c := range cands {
		if k, ok := chosen[keys[ci]]; ok && !c.adminWord {
			a.emit(d, g.Entries[k], c)
			continue
		}
		other := all
		if k, ok := first[keys[ci]]; ok {
			other = make(map[string]float64, len(all))
			for key, v := range all {
				other[key] = v
			}
			contribution(k, other, -1)
		}
		best := pick(ci, c, other)
		if best < 0 {
			continue
		}
		e := g.Entries[best]
		if !c.adminWord {
			chosen[keys[ci]] = best
		}
		if c.dateline && datelineEntry == nil {
			ee := e
			datelineEntry = &ee
		}
		countries[e.Country] += 0.5
		if e.Feature != "PCLI" && e.Admin1 != "" {
			admins[e.Country+"."+e.Admin1] = true
		}
		a.emit(d, e, c)
	}
}

// emit adds a resolved mention to d: a location to Places, a place named
// as an actor or demonym to PlaceRoles.
func (a *Annotator) emit(d *sitrep.Doc, e Entry, c candidate) {
	if c.role == sitrep.RoleActor && e.Feature != "PCLI" && e.Feature != "PPLC" && e.Feature != "ADM1" && !isRegion(e.Feature) {
		c.role = sitrep.RoleLocation // the town, not the government: "Paris police said" in Paris, Texas
	}
	m := sitrep.PlaceMention{Place: place(e), Text: c.text, Start: c.start, End: c.end, Role: c.role}
	if c.role == "" || c.role == sitrep.RoleLocation {
		m.Role = sitrep.RoleLocation
		d.Places = append(d.Places, m)
		return
	}
	d.PlaceRoles = append(d.PlaceRoles, m)
}

// within reports whether e lies in the division or country named admin
// ("Louisiana", "La.", "BC", "Syria").
func (a *Annotator) within(e Entry, admin string) bool {
	for _, k := range a.Gazetteer.Lookup(admin) {
		f := a.Gazetteer.Entries[k]
		if f.Country == e.Country && (f.Feature == "PCLI" || f.Feature == "ADM1" && f.Admin1 == e.Admin1) {
			return true
		}
	}
	return false
}

// place renders an entry as the record's Place.
func place(e Entry) sitrep.Place {
	p := sitrep.Place{Name: e.Name, Lat: e.Lat, Lon: e.Lon, Country: e.Country, Feature: e.Feature}
	if e.ID != 0 {
		id := e.ID
		p.GeonameID = &id
	}
	if e.Admin1Name != "" {
		n := e.Admin1Name
		p.Admin1 = &n
	}
	switch {
	case e.Feature == "PCLI":
		p.Precision = "country"
	case isRegion(e.Feature):
		// A continent or a region wider than a country is located no more
		// precisely than a country; one within a country (Darfur, Donbas)
		// as a division.
		p.Precision = "country"
		if e.Country != "" {
			p.Precision = "admin1"
		}
	case e.Feature == "ADM1":
		p.Precision = "admin1"
	case e.Feature == "ADM2":
		p.Precision = "district" // a second-order division, as UCDP grades it
	case e.Feature == "PPLX" || e.Feature == "PPLL":
		p.Precision = "district"
	default:
		p.Precision = "city"
	}
	return p
}

// isRegion reports a continent, a region or a sea of the regions table.
func isRegion(feature string) bool {
	switch feature {
	case "CONT", "RGN", "SEA", "GULF":
		return true
	}
	return false
}

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := (lat2-lat1)*math.Pi/180, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// DistanceKm is the great-circle distance between two points in km.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 { return distanceKm(lat1, lon1, lat2, lon2) }

// locatives are the prepositions a place name follows.
var locatives = map[string]bool{"in": true, "of": true, "near": true, "at": true, "from": true, "to": true,
	"outside": true, "around": true, "into": true, "across": true, "towards": true, "toward": true}
