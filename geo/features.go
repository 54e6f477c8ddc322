package geo

import (
	"sort"
	"strings"
	"unicode"

	"sitrep"
)

// Streets, roads, rivers, lakes, parks and other named features are not in
// the gazetteer, but their names say what they are: a name ending in
// "Street", "River" or "Township", or starting with "Lake", "Mount" or
// "Highway". Such a feature lies in or near the town the report is about:
// it takes the point of the nearest town or county the report names, and
// the precision of that point, not of the feature.

// featureSuffixes are the last words of feature names, with the GeoNames
// feature code of what they name.
var featureSuffixes = map[string]string{
	"street": "ST", "st.": "ST", "avenue": "ST", "ave.": "ST", "road": "RD", "rd.": "RD",
	"drive": "ST", "lane": "ST", "ln.": "ST", "boulevard": "ST", "blvd.": "ST", "parkway": "RD",
	"pkwy.": "RD", "pike": "RD", "highway": "RD", "hwy.": "RD", "trail": "TRL", "circle": "ST",
	"terrace": "ST", "square": "SQR", "bypass": "RD", "expressway": "RD", "turnpike": "RD",
	"river": "STM", "creek": "STM", "lake": "LK", "park": "PRK", "township": "ADM3", "twp.": "ADM3",
	"forest": "FRST", "wilderness": "RESN", "island": "ISL", "islands": "ISLS", "mountain": "MT",
	"mountains": "MTS", "valley": "VAL", "bay": "BAY", "hills": "HLLS", "beach": "BCH",
	"canyon": "CNYN", "falls": "FLLS", "reservoir": "RSV", "dam": "DAM", "harbor": "HBR",
	"harbour": "HBR",
}

// featurePrefixes are the first words of feature names: "Lake Lanier",
// "Mount Hood". (Numbered roads, "Highway 19", are left out: news names
// them as often as a route as a place.)
var featurePrefixes = map[string]string{
	"lake": "LK", "mount": "MT",
}

// features adds the named features of d to its places.
func (a *Annotator) features(d *sitrep.Doc) {
	if len(d.Places) == 0 {
		return
	}
	var added []sitrep.PlaceMention
	inner := map[int]bool{} // places inside a feature's name ("Wichita" in "Wichita Street")
	for _, s := range d.Sentences {
		for i := s.First; i < s.Last; i++ {
			first, last, code := featureAt(d, s, i)
			if code == "" {
				continue
			}
			start, end := d.Tokens[first].Start, d.Tokens[last-1].End
			overlapsWider := false
			var within []int
			for k, p := range d.Places {
				if p.Start < end && start < p.End {
					// A place of the gazetteer by that whole name ("Mount
					// Vernon"), or a state or country within it ("Ohio
					// Turnpike", "Utah's Zion National Park"), stays.
					if p.Start <= start && p.End >= end || p.Precision == "admin1" || p.Precision == "country" {
						overlapsWider = true
					} else {
						within = append(within, k)
					}
				}
			}
			if !overlapsWider {
				for _, k := range within {
					inner[k] = true
				}
			}
			if overlapsWider {
				i = last - 1
				continue
			}
			home := a.homeFor(d, start, inner)
			if home == nil {
				i = last - 1
				continue
			}
			pl := home.Place
			pl.Name = d.Article.Text[start:end]
			pl.GeonameID = nil
			pl.Feature = code
			pl.Via = ""
			added = append(added, sitrep.PlaceMention{Place: pl, Text: pl.Name, Start: start, End: end, Role: sitrep.RoleLocation})
			i = last - 1
		}
	}
	if len(added) == 0 {
		return
	}
	kept := d.Places[:0:0]
	for k, p := range d.Places {
		if !inner[k] {
			kept = append(kept, p)
		}
	}
	kept = append(kept, added...)
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
	d.Places = kept
}

// homeFor returns the town, district or county named nearest before byte
// off (else the first after it), leaving out the places in skip.
func (a *Annotator) homeFor(d *sitrep.Doc, off int, skip map[int]bool) *sitrep.PlaceMention {
	var before, after *sitrep.PlaceMention
	for k := range d.Places {
		p := &d.Places[k]
		if skip[k] || p.Precision != "city" && p.Precision != "district" || isFeatureCode(p.Feature) {
			continue
		}
		if p.End <= off {
			before = p
		} else if after == nil && p.Start > off {
			after = p
		}
	}
	if before != nil {
		return before
	}
	return after
}

func isFeatureCode(f string) bool {
	for _, c := range featureSuffixes {
		if c == f && c != "ADM3" {
			return true
		}
	}
	return false
}

// featureAt reads a feature name at token i of sentence s: a run of
// capitalised words, ordinals or numbers ending in a feature word ("Main
// Street", "33rd Avenue", "Neches River"), or a feature word before a name
// or number ("Lake Lanier", "Highway 19"). It returns the name's tokens and
// its feature code, or "".
func featureAt(d *sitrep.Doc, s sitrep.Sentence, i int) (int, int, string) {
	t := d.Tokens[i]
	if i > s.First && (capitalised(d.Tokens[i-1]) || ordinal(d.Tokens[i-1].Text)) {
		return 0, 0, "" // not the start of a run
	}
	if !capitalised(t) && !ordinal(t.Text) {
		return 0, 0, "" // "Orchard St." of "1935 Orchard St." is the name, "8th Ave." too
	}
	if strings.EqualFold(t.Text, "the") {
		return 0, 0, ""
	}
	if code, ok := featurePrefixes[strings.ToLower(t.Text)]; ok && i+1 < s.Last {
		j := i + 1
		for j < s.Last && j < i+4 && (capitalised(d.Tokens[j]) || numberWord(d.Tokens[j].Text)) {
			j++
		}
		if j > i+1 {
			// "Lake Ontario", "Highway 19", "Route 38"; a longer feature
			// name may still end in a suffix ("Lake Shore Drive").
			if c, ok := featureSuffixes[strings.ToLower(d.Tokens[j-1].Text)]; ok {
				return i, j, c
			}
			return i, j, code
		}
	}
	j := i
	for j < s.Last && j < i+5 && (capitalised(d.Tokens[j]) || ordinal(d.Tokens[j].Text)) {
		if code, ok := featureSuffixes[strings.ToLower(d.Tokens[j].Text)]; ok && j > i {
			// the suffix ends the name unless a further suffix follows
			// ("Grand River Road")
			if j+1 < s.Last {
				if _, more := featureSuffixes[strings.ToLower(d.Tokens[j+1].Text)]; more && capitalised(d.Tokens[j+1]) {
					j++
					continue
				}
			}
			if strings.EqualFold(d.Tokens[j].Text, "park") && j+1 < s.Last && capitalised(d.Tokens[j+1]) {
				return 0, 0, "" // "Park Service", "Park Police"
			}
			return i, j + 1, featureCode(d, i, j, code)
		}
		j++
	}
	return 0, 0, ""
}

// featureCode keeps the code of a suffix, but reads "St." after a name as
// a street only when no capitalised word follows ("St. Louis").
func featureCode(d *sitrep.Doc, i, j int, code string) string {
	for k := i; k < j; k++ {
		if titleWords[strings.ToLower(d.Tokens[k].Text)] || givenNames[Key(d.Tokens[k].Text)] && k == i && j-i == 1 && code != "ST" && code != "RD" {
			return "" // "Gov. Lake", "Jack Lake"? a person's name
		}
	}
	return code
}

// ordinal reports an ordinal number: "33rd", "8th".
func ordinal(w string) bool {
	if len(w) < 3 || !numberWord(w) {
		return false
	}
	switch strings.ToLower(w[len(w)-2:]) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// numberWord reports a number or an ordinal: "19", "33rd", "I-95".
func numberWord(w string) bool {
	if w == "" {
		return false
	}
	digits := 0
	for _, r := range w {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	return digits > 0 && unicode.IsDigit(rune(w[0]))
}
