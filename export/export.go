// Package export writes stored records in the formats analysts load into
// their tools: GDELT 2.0's event table (the same 61 tab-separated columns
// in the same order) and an ACLED-style CSV. Both take records one at a
// time, so a store of any size streams through.
package export

import (
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"sitrep"
)

// Writer writes the events of records in one format.
type Writer interface {
	Write(r *sitrep.Record) error
	Flush() error
}

// Match reports whether an event passes a filter's event conditions (the
// store selects articles; this selects their events).
func Match(f sitrep.Filter, e *sitrep.Event, published sitrep.Date) bool {
	day := published
	if e.Date != nil && e.Date.StartDate != "" {
		day = e.Date.StartDate
	}
	if f.From != "" && (day == "" || day < f.From) || f.To != "" && (day == "" || day > f.To) {
		return false
	}
	code := func(a *sitrep.Actor) string {
		if a == nil {
			return ""
		}
		return a.Code
	}
	if f.Actor != "" && !strings.HasPrefix(code(e.Source), f.Actor) && !strings.HasPrefix(code(e.Target), f.Actor) {
		return false
	}
	if f.Country != "" {
		c := func(a *sitrep.Actor) string {
			if a == nil || a.Country == nil {
				return ""
			}
			return *a.Country
		}
		pc := ""
		if e.Place != nil {
			pc = e.Place.Country
		}
		if c(e.Source) != f.Country && c(e.Target) != f.Country && pc != f.Country {
			return false
		}
	}
	if f.Cameo != "" {
		if len(f.Cameo) <= 2 {
			if e.Root != fmt.Sprintf("%02s", f.Cameo) {
				return false
			}
		} else if !strings.HasPrefix(e.Cameo, f.Cameo) {
			return false
		}
	}
	return true
}

// GDELT writes GDELT 2.0 event-table rows: 61 tab-separated columns, no
// header, as GDELT publishes them. Country codes in the geography columns
// are ISO 3166-1 alpha-3 (GDELT uses FIPS 10-4 there); the feature id is
// the GeoNames id; AvgTone is 0 (sitrep measures no tone). Write gives a
// row a mention (counts 1); WriteMerged a row a merged event with its
// counts, as GDELT's table has.
type GDELT struct {
	w      io.Writer
	filter sitrep.Filter
	added  string
	adm1   *adm1Codes // loaded with the first row that has a place
}

// NewGDELT returns a GDELT writer.
func NewGDELT(w io.Writer, f sitrep.Filter) *GDELT {
	return &GDELT{w: w, filter: f, added: time.Now().UTC().Format("20060102150405")}
}

// Flush does nothing: rows are written as they come.
func (g *GDELT) Flush() error { return nil }

// Write writes the events of r, a row a mention.
func (g *GDELT) Write(r *sitrep.Record) error {
	for i := range r.Events {
		e := &r.Events[i]
		if !Match(g.filter, e, r.Article.Published) {
			continue
		}
		day := r.Article.Published
		if e.Date != nil && e.Date.StartDate != "" {
			day = e.Date.StartDate
		}
		if err := g.row(e, r.Article.ID, r.Article.URL, day, 1, 1, 1); err != nil {
			return err
		}
	}
	return nil
}

// WriteMerged writes a row a merged event, as GDELT's event table has: the
// first mention of each cluster (in evs, which the store lists in the order
// stored), dated by the cluster's first day and carrying its counts of
// mentions, sources and articles. Events outside any cluster are written
// as one mention each.
func (g *GDELT) WriteMerged(evs []sitrep.StoredEvent, clusters map[int64]sitrep.Cluster) error {
	done := map[int64]bool{}
	for i := range evs {
		e := &evs[i]
		day := e.Published
		if e.Date != nil && e.Date.StartDate != "" {
			day = e.Date.StartDate
		}
		k, ok := clusters[e.Cluster]
		if e.Cluster == 0 || !ok {
			if err := g.row(&e.Event, e.ArticleID, e.URL, day, 1, 1, 1); err != nil {
				return err
			}
			continue
		}
		if done[e.Cluster] {
			continue
		}
		done[e.Cluster] = true
		if err := g.row(&e.Event, e.ArticleID, e.URL, k.Start, k.Mentions, k.Sources, k.Articles); err != nil {
			return err
		}
	}
	return nil
}

// row writes one event-table row.
func (g *GDELT) row(e *sitrep.Event, articleID, url string, day sitrep.Date, mentions, sources, articles int) error {
	t, _ := day.Time()
	sqlDate, monthYear, year, frac := "", "", "", ""
	if !t.IsZero() {
		sqlDate = t.Format("20060102")
		monthYear = t.Format("200601")
		year = t.Format("2006")
		frac = strconv.FormatFloat(float64(t.Year())+float64(t.YearDay())/365.0, 'f', 4, 64)
	}
	cols := []string{eventID(articleID, e.ID), sqlDate, monthYear, year, frac}
	cols = append(cols, actorCols(e.Source)...)
	cols = append(cols, actorCols(e.Target)...)
	root := "0"
	if e.Sentence == 0 {
		root = "1"
	}
	base := e.Cameo
	if len(base) > 3 {
		base = base[:3]
	}
	cols = append(cols, root, e.Cameo, base, e.Root, strconv.Itoa(e.Quad),
		strconv.FormatFloat(e.Goldstein, 'f', 1, 64), strconv.Itoa(mentions), strconv.Itoa(sources), strconv.Itoa(articles), "0")
	// sitrep places the event, not each actor: the event's place is
	// ActionGeo, and each actor's geography where there is that actor
	// (GDELT's own rows leave an absent actor's geography empty).
	placeCols, err := g.geoCols(e.Place)
	if err != nil {
		return err
	}
	for _, a := range []*sitrep.Actor{e.Source, e.Target} {
		if a == nil {
			cols = append(cols, geoCols(nil, "")...)
		} else {
			cols = append(cols, placeCols...)
		}
	}
	cols = append(cols, placeCols...)
	cols = append(cols, g.added, url)
	for k, c := range cols {
		cols[k] = strings.NewReplacer("\t", " ", "\n", " ").Replace(c)
	}
	if _, err := io.WriteString(g.w, strings.Join(cols, "\t")+"\n"); err != nil {
		return err
	}
	return nil
}

// eventID is a stable numeric id for an event.
func eventID(article, event string) string {
	h := fnv.New64a()
	io.WriteString(h, article+"/"+event)
	return strconv.FormatUint(h.Sum64()>>12, 10)
}

// actorCols are GDELT's ten actor columns: code, name, country, known
// group, ethnic, two religions, three types.
func actorCols(a *sitrep.Actor) []string {
	if a == nil {
		return make([]string, 10)
	}
	country, typ, group := "", "", ""
	if a.Country != nil {
		country = *a.Country
	}
	if a.Role != nil {
		typ = *a.Role
		if typ == "IGO" || typ == "NGO" || typ == "IMG" {
			if len(a.Code) >= 6 {
				group = a.Code[3:6]
			}
		}
	}
	name := strings.ToUpper(a.Text)
	if a.Name != nil {
		name = strings.ToUpper(*a.Name)
	}
	return []string{a.Code, name, country, group, "", "", "", typ, "", ""}
}

// geoCols are the geography columns of place p, with its ADM1 code.
func (g *GDELT) geoCols(p *sitrep.Place) ([]string, error) {
	if p == nil {
		return geoCols(nil, ""), nil
	}
	if g.adm1 == nil {
		c, err := adm1Once()
		if err != nil {
			return nil, fmt.Errorf("ADM1 codes: %w", err)
		}
		g.adm1 = c
	}
	return geoCols(p, g.adm1.adm1Code(p)), nil
}

// geoCols are GDELT's eight geography columns: type (1 country, 4 world
// city, 5 world state/division; US places 2 and 3), full name, country,
// ADM1 code, ADM2 code (not known: empty), lat, long, feature id.
func geoCols(p *sitrep.Place, adm1 string) []string {
	if p == nil {
		return []string{"0", "", "", "", "", "", "", ""}
	}
	typ := "4"
	switch p.Precision {
	case "country":
		typ = "1"
	case "admin1":
		typ = "5"
		if p.Country == "USA" {
			typ = "2"
		}
	default:
		if p.Country == "USA" {
			typ = "3"
		}
	}
	full := p.Name
	if p.Admin1 != nil && *p.Admin1 != p.Name {
		full += ", " + *p.Admin1
	}
	if p.Precision != "country" {
		full += ", " + p.Country
	}
	feature := ""
	if p.GeonameID != nil {
		feature = strconv.FormatInt(*p.GeonameID, 10)
	}
	return []string{typ, full, p.Country, adm1, "", coord(p.Lat), coord(p.Lon), feature}
}

func coord(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

// ACLEDColumns are the columns of the ACLED-style CSV.
var ACLEDColumns = []string{"event_id_cnty", "event_date", "year", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "inter2", "country", "admin1", "location",
	"latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "cameo", "modality"}

// ACLED writes an ACLED-style CSV, one row per event of material conflict,
// protest or coercion (CAMEO roots 14-20, and 173 arrests) with ACLED's
// event types derived from the CAMEO code, and the fatalities reported in
// the same sentence (the best counts of people killed, not background,
// not parts of a larger count), on the sentence's first row only.
type ACLED struct {
	cw     *csv.Writer
	filter sitrep.Filter
	header bool
}

// NewACLED returns an ACLED writer.
func NewACLED(w io.Writer, f sitrep.Filter) *ACLED { return &ACLED{cw: csv.NewWriter(w), filter: f} }

// Flush writes out buffered rows.
func (a *ACLED) Flush() error {
	if !a.header {
		a.cw.Write(ACLEDColumns)
		a.header = true
	}
	a.cw.Flush()
	return a.cw.Error()
}

// EventType maps a CAMEO code to ACLED's event type and sub-event type,
// or "" for codes ACLED does not record.
func EventType(cameo string) (string, string) {
	switch {
	case cameo == "195" || strings.HasPrefix(cameo, "195"):
		return "Explosions/Remote violence", "Air/drone strike"
	case strings.HasPrefix(cameo, "194"):
		return "Explosions/Remote violence", "Shelling/artillery/missile attack"
	case cameo == "1831":
		return "Explosions/Remote violence", "Suicide bomb"
	case strings.HasPrefix(cameo, "183"):
		return "Explosions/Remote violence", "Remote explosive/landmine/IED"
	case strings.HasPrefix(cameo, "20"):
		return "Violence against civilians", "Attack"
	case strings.HasPrefix(cameo, "192"):
		return "Strategic developments", "Non-violent transfer of territory"
	case strings.HasPrefix(cameo, "191"):
		return "Strategic developments", "Other"
	case strings.HasPrefix(cameo, "19"):
		return "Battles", "Armed clash"
	case strings.HasPrefix(cameo, "181"):
		return "Violence against civilians", "Abduction/forced disappearance"
	case strings.HasPrefix(cameo, "18"):
		return "Violence against civilians", "Attack"
	case strings.HasPrefix(cameo, "175"):
		return "Protests", "Excessive force against protesters"
	case strings.HasPrefix(cameo, "173"):
		return "Strategic developments", "Arrests"
	case strings.HasPrefix(cameo, "145"):
		return "Riots", "Violent demonstration"
	case strings.HasPrefix(cameo, "14"):
		return "Protests", "Peaceful protest"
	case strings.HasPrefix(cameo, "15"), strings.HasPrefix(cameo, "17"):
		return "Strategic developments", "Other"
	case strings.HasPrefix(cameo, "0871"), strings.HasPrefix(cameo, "057"):
		return "Strategic developments", "Agreement"
	}
	return "", ""
}

// Write writes the events of r.
func (a *ACLED) Write(r *sitrep.Record) error {
	if !a.header {
		if err := a.cw.Write(ACLEDColumns); err != nil {
			return err
		}
		a.header = true
	}
	counted := map[int]bool{} // sentences whose dead are already on a row
	for i := range r.Events {
		e := &r.Events[i]
		typ, sub := EventType(e.Cameo)
		if typ == "" || !Match(a.filter, e, r.Article.Published) {
			continue
		}
		day := r.Article.Published
		if e.Date != nil && e.Date.StartDate != "" {
			day = e.Date.StartDate
		}
		year := ""
		if len(day) >= 4 {
			year = string(day[:4])
		}
		// One sentence's dead go on its first row only, so that sums over
		// rows count each figure once.
		fatalities := 0
		if !counted[e.Sentence] {
			counted[e.Sentence] = true
			for _, c := range r.Casualties {
				if c.Sentence == e.Sentence && c.Kind == "killed" && c.PartOf == nil && !c.Background {
					fatalities += c.Count.Best
				}
			}
		}
		country, admin1, location, lat, lon, precision := "", "", "", "", "", ""
		if p := e.Place; p != nil {
			country, location = p.Country, p.Name
			if p.Admin1 != nil {
				admin1 = *p.Admin1
			}
			lat, lon = coord(p.Lat), coord(p.Lon)
			switch p.Precision {
			case "city", "district", "point":
				precision = "1"
			case "admin1":
				precision = "3"
			default:
				precision = "3"
			}
		}
		row := []string{eventID(r.Article.ID, e.ID), string(day), year, typ, sub,
			actorName(e.Source), "", inter(e.Source), actorName(e.Target), inter(e.Target),
			country, admin1, location, lat, lon, precision,
			firstNonEmpty(r.Article.Source, r.Article.URL), e.Evidence.Text, strconv.Itoa(fatalities), e.Cameo, e.Modality}
		if err := a.cw.Write(row); err != nil {
			return err
		}
	}
	return nil
}

func actorName(a *sitrep.Actor) string {
	if a == nil {
		return ""
	}
	if a.Code == "" {
		return a.Text
	}
	return a.Code + ": " + a.Text
}

// inter is ACLED's interaction code of an actor's type: 1 state forces,
// 2 rebels, 3 political militias, 5 rioters/protesters, 6 protesters,
// 7 civilians, 8 external/other forces.
func inter(a *sitrep.Actor) string {
	if a == nil || a.Role == nil {
		return ""
	}
	switch *a.Role {
	case "MIL", "COP", "GOV", "SPY":
		return "1"
	case "REB", "IMG":
		return "2"
	case "OPP":
		return "6"
	case "CVL", "MED", "REF", "HLH", "EDU", "NGO", "HRI", "LAB", "BUS":
		return "7"
	case "IGO":
		return "8"
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
