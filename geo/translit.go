package geo

import (
	"strings"
	"sync"
)

// Arabic place names reach English news in many spellings: "Deir ez-Zor",
// "Dayr az Zawr"; "Al Bireh", "El Bira"; "Sheikh Saed", "Shaykh Sa'id".
// A name's skeleton keeps its consonants and drops the article, vowels and
// the letters that stand for long vowels, so that such spellings meet. It
// is used only for names that look Arabic and that the gazetteer does not
// know as spelt, and only among places of countries where Arabic (or
// Persian or Pashto, written in the same script) is spoken.

// arabicArticles are the article's spellings, dropped from skeletons.
var arabicArticles = map[string]bool{
	"al": true, "el": true, "ad": true, "ed": true, "ar": true, "er": true, "as": true, "es": true,
	"ash": true, "esh": true, "at": true, "et": true, "az": true, "ez": true, "an": true, "en": true,
	"ath": true, "adh": true, "al-": true, "l": true,
}

// arabicHeads are words Arabic place names start with.
var arabicHeads = map[string]bool{
	"deir": true, "dayr": true, "tal": true, "tell": true, "kafr": true, "kfar": true, "beit": true,
	"bayt": true, "ain": true, "ayn": true, "ras": true, "jabal": true, "jebel": true, "khan": true,
	"bab": true, "abu": true, "umm": true, "bir": true, "sheikh": true, "shaykh": true, "wadi": true,
	"qasr": true, "souq": true, "suq": true, "hay": true, "bani": true, "beni": true, "sidi": true,
	"mazraat": true, "marj": true, "tel": true, "khirbet": true, "khirbat": true, "qalaat": true,
}

// arabicCountries are where skeletons are looked for.
var arabicCountries = map[string]bool{
	"SYR": true, "IRQ": true, "LBN": true, "JOR": true, "PSE": true, "ISR": true, "EGY": true,
	"LBY": true, "TUN": true, "DZA": true, "MAR": true, "ESH": true, "SDN": true, "SSD": true,
	"YEM": true, "SAU": true, "ARE": true, "OMN": true, "KWT": true, "QAT": true, "BHR": true,
	"MRT": true, "SOM": true, "TCD": true, "AFG": true, "PAK": true, "IRN": true, "DJI": true,
}

// skeleton returns a name's skeleton, or "" for one too short to compare.
func skeleton(name string) string {
	var b strings.Builder
	consonants := 0
	for _, w := range strings.Fields(Key(name)) {
		if arabicArticles[w] {
			continue
		}
		// "ash-Sham" keys as "ash sham"; a glued "al" too: "alqasr".
		if len(w) > 4 && (strings.HasPrefix(w, "al") || strings.HasPrefix(w, "el")) && !strings.HasPrefix(w, "all") && !strings.HasPrefix(w, "ell") {
			w = w[2:]
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		var last byte
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch c {
			case 'a', 'e', 'i', 'o', 'u':
				continue
			case 'w', 'y', 'h':
				if i > 0 {
					continue // long vowels and a final or silent h: "zawr", "bireh"
				}
			case 'q':
				c = 'k'
			case 'j':
				c = 'g' // "Jabal"/"Gabal" in Egyptian spellings
			}
			if c == last {
				continue
			}
			b.WriteByte(c)
			last = c
			consonants++
		}
	}
	if consonants < 2 {
		return ""
	}
	return b.String()
}

// arabicLooking reports a name that starts with an article or with a word
// Arabic place names start with: "al-Marja", "Deir Hafer", "Tal Rifaat".
func arabicLooking(name string) bool {
	ws := strings.Fields(Key(name))
	if len(ws) < 2 {
		return false
	}
	return arabicArticles[ws[0]] || arabicHeads[ws[0]] || len(ws) > 2 && arabicArticles[ws[1]]
}

var skeletons struct {
	once sync.Once
	m    map[string][]int32
}

// LookupSkeleton returns the places of Arabic-speaking countries whose
// name or alternate name has the skeleton of name, for a name that looks
// Arabic; nil otherwise.
func (g *Gazetteer) LookupSkeleton(name string) []int32 {
	if !arabicLooking(name) {
		return nil
	}
	sk := skeleton(name)
	if sk == "" {
		return nil
	}
	skeletons.once.Do(func() {
		m := map[string][]int32{}
		for i, k := range g.keys {
			var list []int32
			for _, e := range g.posting[g.offs[i]:g.offs[i+1]] {
				if arabicCountries[g.Entries[e].Country] {
					list = append(list, e)
				}
			}
			if len(list) == 0 {
				continue
			}
			s := skeleton(k)
			if s == "" {
				continue
			}
			for _, e := range list {
				if old := m[s]; len(old) == 0 || old[len(old)-1] != e {
					m[s] = append(m[s], e)
				}
			}
		}
		skeletons.m = m
	})
	return skeletons.m[sk]
}
