package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"sitrep"
)

type lglToponym struct {
	Name      string   `json:"name"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	GeonameID *string  `json:"geonameid"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
}

type lglDoc struct {
	ID       string       `json:"id"`
	Text     string       `json:"text"`
	Toponyms []lglToponym `json:"toponyms"`
}

// Places scores place recognition and resolution against LGL-style gold
// (character offsets, GeoNames ids, coordinates), end to end from raw
// text. Recognition counts a predicted place as right when its span
// overlaps a gold toponym ("strict": same span). On matched toponyms it
// reports how often the resolution is the gold GeoNames id, and how often
// it falls within 161 km (100 miles) of the gold point; "resolved within
// 161 km" scores the whole task: a place is right only when recognised and
// resolved within 161 km.
func Places(code CodeFunc, gold io.Reader, maxErrors int) (*Report, error) {
	rep := &Report{Task: "places (LGL: overlapping spans; resolution on matched)", ByGroup: map[string]Score{}, Extra: map[string]float64{}}
	sc := bufio.NewScanner(gold)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	var strict, e2e Score
	byRole := map[string]Score{} // predicted places by role: matched (tp) or spurious (fp)
	matched, idOK, idKnown, idBoth, near, coordKnown := 0, 0, 0, 0, 0, 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g lglDoc
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("gold line %d: invalid JSON: %v", line, err)
		}
		rec := code(sitrep.Article{ID: g.ID, Text: g.Text})
		toRune := runeIndex(g.Text)
		rep.Cases++
		used := make([]bool, len(rec.Places))
		for _, t := range g.Toponyms {
			hit, exact := -1, false
			for k, p := range rec.Places {
				if used[k] {
					continue
				}
				s, e := toRune[p.Start], toRune[p.End]
				if s < t.End && t.Start < e {
					hit, exact = k, s == t.Start && e == t.End
					break
				}
			}
			if hit < 0 {
				rep.Overall.FN++
				strict.FN++
				e2e.FN++
				if len(rep.Errors) < maxErrors {
					rep.Errors = append(rep.Errors, fmt.Sprintf("%s: missed %q", g.ID, t.Name))
				}
				continue
			}
			used[hit] = true
			rep.Overall.TP++
			if exact {
				strict.TP++
			} else {
				strict.FP++
				strict.FN++
			}
			matched++
			p := rec.Places[hit]
			if t.GeonameID != nil && *t.GeonameID != "" {
				idKnown++
				if p.GeonameID != nil {
					idBoth++
				}
				if id, err := strconv.ParseInt(*t.GeonameID, 10, 64); err == nil && p.GeonameID != nil && *p.GeonameID == id {
					idOK++
				}
			}
			ok := false
			if t.Lat != nil && t.Lon != nil {
				coordKnown++
				if distance(*t.Lat, *t.Lon, p.Lat, p.Lon) <= 161 {
					near++
					ok = true
				}
			}
			if ok {
				e2e.TP++
			} else {
				if t.Lat != nil && t.Lon != nil && len(rep.Errors) < maxErrors {
					rep.Errors = append(rep.Errors, fmt.Sprintf("%s: %q resolved to %s (%s %s, %.2f,%.2f), %.0f km from gold", g.ID, t.Name, p.Name, p.Feature, p.Country, p.Lat, p.Lon, distance(*t.Lat, *t.Lon, p.Lat, p.Lon)))
				}
				e2e.FP++
				e2e.FN++
			}
		}
		for k, p := range rec.Places {
			role := p.Role
			if role == "" {
				role = sitrep.RoleLocation
			}
			sc := byRole[role]
			if used[k] {
				sc.TP++
			} else {
				sc.FP++
			}
			byRole[role] = sc
		}
		for k := range used {
			if !used[k] {
				if len(rep.Errors) < maxErrors {
					p := rec.Places[k]
					rep.Errors = append(rep.Errors, fmt.Sprintf("%s: spurious %q (%s %s)", g.ID, p.Text, p.Feature, p.Country))
				}
				rep.Overall.FP++
				strict.FP++
				e2e.FP++
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if rep.Cases == 0 {
		return nil, fmt.Errorf("gold file has no documents")
	}
	rep.ByGroup["recognition, strict span"] = strict
	for role, sc := range byRole {
		rep.ByGroup["role "+role+" (tp matched, fp spurious)"] = sc
	}
	rep.ByGroup["resolved within 161 km (end to end)"] = e2e
	rep.Extra["resolution: exact GeoNames id on matched"] = ratio(idOK, idKnown)
	// Places sitrep gives no id (counties, streets, rivers: none in its
	// gazetteer) count as wrong above; here only those it gives one.
	rep.Extra["resolution: exact GeoNames id on matched, where sitrep gives one"] = ratio(idOK, idBoth)
	rep.Extra["resolution: within 161 km on matched"] = ratio(near, coordKnown)
	return rep, nil
}

// distance is the great-circle distance in km.
func distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := (lat2-lat1)*math.Pi/180, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}
