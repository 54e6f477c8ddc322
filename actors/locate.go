package actors

import (
	"strings"

	"sitrep"
)

// HomeCountry is the country a report is about: the one its places and
// actors name most often (a place counts twice), or "" when none is named
// at least twice.
func HomeCountry(d *sitrep.Doc) string {
	n := map[string]int{}
	for _, p := range d.Places {
		if p.Country != "" {
			n[ActorCountry(p.Country)] += 2
		}
	}
	for _, a := range d.Actors {
		if a.Country != nil && *a.Country != "" {
			n[*a.Country]++
		}
	}
	best := ""
	for c, k := range n {
		if k > n[best] || (k == n[best] && c < best) {
			best = c
		}
	}
	if n[best] < 2 {
		return "" // one mention says little about what a report is about
	}
	return best
}

// Locate gives an actor coded without a country ("---MIL", "government
// troops", "civilians") the country where it acts, as Phoenix coders do.
// Civilians, hospitals, the press and other institutions are of the place
// the sentence names, else of the report's country (home). Armed and
// political actors are of the country of the sentence's other actors (a
// civil war's rebels and government share one), else of the report's, else
// of the place. Unidentified armed forces (---UAF) stay unidentified, and an
// actor with a country is returned as it is.
func Locate(d *sitrep.Doc, sentence int, a sitrep.Actor, home string) sitrep.Actor {
	if !strings.HasPrefix(a.Code, "---") || len(a.Code) < 6 || a.Code[3:6] == "UAF" || sentence < 0 || sentence >= len(d.Sentences) {
		return a
	}
	s := d.Sentences[sentence]
	lo, hi := s.Start, s.End
	place := ""
	for _, pm := range d.Places {
		if pm.Start >= lo && pm.End <= hi && pm.Country != "" {
			place = ActorCountry(pm.Country)
			break
		}
	}
	var c string
	switch a.Code[3:6] {
	case "REB", "MIL", "GOV", "OPP", "COP", "SPY", "JUD", "LEG", "PTY", "INS":
		for _, b := range d.Actors {
			if b.Start >= lo && b.End <= hi && b.Country != nil && *b.Country != "" && b.Start != a.Start {
				c = *b.Country
				break
			}
		}
		if c == "" {
			c = home
		}
		if c == "" {
			c = place
		}
	default:
		c = place
		if c == "" {
			c = home
		}
	}
	if c == "" {
		return a
	}
	a.Code = c + a.Code[3:]
	a.Country = &c
	return a
}

// ActorCountry is the actor code of the country a place is in: its ISO
// 3166-1 code, except where the CAMEO and Phoenix dictionaries use another
// (Kosovo, XKX in GeoNames, is KSV).
func ActorCountry(iso string) string {
	if iso == "XKX" {
		return "KSV"
	}
	return iso
}
