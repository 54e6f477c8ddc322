// Package loadgen generates stores' worth of coded records and measures
// stores and the HTTP API under load: `sitrep bench store` fills a store
// with millions of generated events and times the queries the API makes;
// `sitrep bench api` drives a running server from a second process with
// many concurrent clients and reports latency percentiles.
//
// Generated records are shaped like real ones (several events an article,
// actors of a few dozen countries and roles, conflict-heavy CAMEO roots,
// places with coordinates, a fatality count in some articles) so that
// indexes and merging are exercised as real data would exercise them.
package loadgen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"iter"
	"math/rand/v2"
	"time"

	"sitrep"
)

type city struct {
	name, cc string
	lat, lon float64
}

// A spread of real places (name, ISO3, coordinates).
var cities = []city{
	{"Aleppo", "SYR", 36.2012, 37.1612}, {"Damascus", "SYR", 33.5102, 36.2913}, {"Idlib", "SYR", 35.9306, 36.6339},
	{"Kharkiv", "UKR", 49.9808, 36.2527}, {"Kyiv", "UKR", 50.4547, 30.5238}, {"Odesa", "UKR", 46.4775, 30.7326},
	{"Gaza", "PSE", 31.5017, 34.4668}, {"Khan Younis", "PSE", 31.3402, 34.3063}, {"Baghdad", "IRQ", 33.3406, 44.4009},
	{"Mosul", "IRQ", 36.335, 43.1189}, {"Kabul", "AFG", 34.5281, 69.1723}, {"Mogadishu", "SOM", 2.0371, 45.3438},
	{"Khartoum", "SDN", 15.5518, 32.5324}, {"El Fasher", "SDN", 13.6279, 25.3494}, {"Sanaa", "YEM", 15.3547, 44.2066},
	{"Hodeidah", "YEM", 14.7978, 42.9545}, {"Maiduguri", "NGA", 11.8464, 13.1603}, {"Kaduna", "NGA", 10.5222, 7.4383},
	{"Ouagadougou", "BFA", 12.3657, -1.5339}, {"Bamako", "MLI", 12.6392, -8.0029}, {"Goma", "COD", -1.6792, 29.2228},
	{"Port-au-Prince", "HTI", 18.5392, -72.335}, {"Yangon", "MMR", 16.8053, 96.1561}, {"Minsk", "BLR", 53.9, 27.5667},
	{"Caracas", "VEN", 10.488, -66.8792}, {"Nairobi", "KEN", -1.2833, 36.8167}, {"Tripoli", "LBY", 32.8752, 13.1875},
	{"Beirut", "LBN", 33.8933, 35.5016}, {"Karachi", "PAK", 24.8608, 67.0104}, {"Manila", "PHL", 14.6042, 120.9822},
}

var roles = []string{"GOV", "MIL", "REB", "CVL", "OPP", "COP", "MED", "BUS"}

// roots weights CAMEO roots as news coverage does: much talk, much force.
var roots = []struct {
	root, code string
	quad       int
	goldstein  float64
	weight     int
}{
	{"01", "010", 1, 0, 12}, {"02", "020", 1, 3, 5}, {"03", "036", 1, 4, 6}, {"04", "042", 1, 1.9, 8},
	{"05", "051", 1, 3.4, 3}, {"06", "061", 2, 6.4, 2}, {"07", "073", 2, 7.4, 3}, {"08", "081", 2, 5, 2},
	{"09", "090", 1, -2, 2}, {"10", "100", 3, -5, 3}, {"11", "111", 3, -2, 6}, {"12", "120", 3, -4, 3},
	{"13", "138", 3, -7, 3}, {"14", "141", 3, -6.5, 6}, {"15", "150", 3, -7.2, 1}, {"16", "160", 3, -4, 2},
	{"17", "173", 4, -5, 6}, {"18", "183", 4, -10, 7}, {"19", "190", 4, -10, 14}, {"20", "202", 4, -10, 1},
}

var outlets = func() []string {
	var o []string
	for i := range 40 {
		o = append(o, fmt.Sprintf("Generated Wire %02d", i))
	}
	return o
}()

// Records yields n generated articles with eventsPer events each (the
// number varies by ±50% around it), dated over ten years.
func Records(n, eventsPer int, seed uint64) iter.Seq[*sitrep.Record] {
	return func(yield func(*sitrep.Record) bool) {
		rng := rand.New(rand.NewPCG(seed, 0x5eed))
		total := 0
		for _, r := range roots {
			total += r.weight
		}
		start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range n {
			day := start.AddDate(0, 0, rng.IntN(3653))
			c := cities[rng.IntN(len(cities))]
			text := fmt.Sprintf("%s, generated report %d of seed %d: fighting and talks around %s on %s.",
				c.name, i, seed, c.name, day.Format("January 2"))
			sum := sha256.Sum256([]byte(text))
			a := sitrep.Article{
				ID: fmt.Sprintf("gen-%d-%d", seed, i), URL: fmt.Sprintf("https://generated.sitrep.invalid/%d/%d", seed, i),
				Title: "Generated report " + c.name, Source: outlets[rng.IntN(len(outlets))],
				Published: sitrep.DateOf(day.AddDate(0, 0, rng.IntN(2))), Lang: "en", SHA256: hex.EncodeToString(sum[:]), Text: text,
			}
			rec := sitrep.NewRecord(a)
			rec.Sentences = []sitrep.Sentence{{Index: 0, Start: 0, End: len(text), Text: text}}
			place := &sitrep.Place{Name: c.name, Lat: c.lat, Lon: c.lon, Country: c.cc, Feature: "PPLA", Precision: "city"}
			when := &sitrep.Time{Value: string(sitrep.DateOf(day)), StartDate: sitrep.DateOf(day), EndDate: sitrep.DateOf(day), Precision: "day", Text: day.Format("January 2")}
			k := max(1, eventsPer/2+rng.IntN(eventsPer+1))
			for j := range k {
				w := rng.IntN(total)
				ri := 0
				for ; w >= roots[ri].weight; ri++ {
					w -= roots[ri].weight
				}
				r := roots[ri]
				src := actor(c.cc, roles[rng.IntN(len(roles))])
				tgtCC := c.cc
				if rng.IntN(4) == 0 {
					tgtCC = cities[rng.IntN(len(cities))].cc
				}
				e := sitrep.Event{
					ID: fmt.Sprintf("%s-%d", a.ID, j), Source: src, Target: actor(tgtCC, roles[rng.IntN(len(roles))]),
					Cameo: r.code, Root: r.root, Quad: r.quad, Goldstein: r.goldstein, Modality: sitrep.Asserted,
					Date: when, Place: place,
					Evidence: sitrep.Evidence{Text: c.name, Start: 0, End: len(c.name), Pattern: "generated"},
				}
				if rng.IntN(10) == 0 {
					e.Modality = sitrep.Claimed
				}
				rec.Events = append(rec.Events, e)
			}
			if rng.IntN(3) == 0 {
				best := 1 + rng.IntN(40)
				high := best + rng.IntN(10)
				rec.Casualties = append(rec.Casualties, sitrep.Casualty{Kind: "killed",
					Count: sitrep.Count{Best: best, Low: best, High: &high}, Place: place, Date: when, Text: "generated"})
			}
			if !yield(&rec) {
				return
			}
		}
	}
}

func actor(cc, role string) *sitrep.Actor {
	return &sitrep.Actor{Text: cc + " " + role, Code: cc + role, Country: &cc, Role: &role}
}
