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
//
// DATEADDED is when the event was stored: Added gives the time each
// article was stored (the store's ingested time); a row whose article it
// does not know leaves DATEADDED empty rather than stamp it with the time
// of the export.
type GDELT struct {
	w      io.Writer
	filter sitrep.Filter
	adm1   *adm1Codes // loaded with the first row that has a place
	// Added returns when the article with the id was stored.
	Added func(articleID string) (time.Time, bool)
}

// NewGDELT returns a GDELT writer.
func NewGDELT(w io.Writer, f sitrep.Filter) *GDELT {
	return &GDELT{w: w, filter: f}
}

// dateAdded is DATEADDED for an article: YYYYMMDDHHMMSS in UTC, or "".
func (g *GDELT) dateAdded(articleID string) string {
	if g.Added == nil {
		return ""
	}
	t, ok := g.Added(articleID)
	if !ok || t.IsZero() {
		return ""
	}
	return t.UTC().Format("20060102150405")
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
	cols = append(cols, actorCols(withoutVerb(e.Source, e))...)
	cols = append(cols, actorCols(withoutVerb(e.Target, e))...)
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
	cols = append(cols, g.dateAdded(articleID), url)
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
// event types derived from the CAMEO code and the target (an attack on
// civilians is violence against civilians), and the fatalities the
// article reports: the best counts of people killed, not background, not
// parts of a larger count, from every sentence. A sentence's dead go on the
// first row of that sentence; the dead of sentences with no row of their
// own go on the article's first row, so that summing fatalities over rows
// counts each figure once and drops none. An article whose deaths no event
// carries (a toll with no coded attack: "A farmer was killed in ...") gets
// one row of its own, typed by the cause and the victims.
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
	dead := map[int]int{} // sentence -> people killed there
	total := 0
	for _, c := range r.Casualties {
		if fatal(c) {
			dead[c.Sentence] += c.Count.Best
			total += c.Count.Best
		}
	}
	var rows [][]string
	var sentences []int // the sentence of each row
	firstOf := map[int]int{}
	for i := range r.Events {
		e := &r.Events[i]
		typ, sub := EventTypeOf(e)
		if typ == "" || !Match(a.filter, e, r.Article.Published) {
			continue
		}
		if _, ok := firstOf[e.Sentence]; !ok {
			firstOf[e.Sentence] = len(rows)
		}
		rows = append(rows, a.row(r, eventID(r.Article.ID, e.ID), e.Date, e.Place, typ, sub, withoutVerb(e.Source, e), withoutVerb(e.Target, e), e.Evidence.Text, e.Cameo, e.Modality))
		sentences = append(sentences, e.Sentence)
	}
	if len(rows) == 0 && total > 0 {
		if row := a.casualtyRow(r, total); row != nil {
			rows = append(rows, row)
			sentences = append(sentences, -1)
		}
		total = 0
	}
	// Fatalities: a sentence's on its first row, the rest on the first row.
	fat := make([]int, len(rows))
	for s, n := range dead {
		if k, ok := firstOf[s]; ok {
			fat[k] += n
		} else if len(rows) > 0 && sentences[0] >= 0 {
			fat[0] += n
		}
	}
	if len(rows) > 0 && sentences[0] < 0 {
		fat[0] = sumDead(dead)
	}
	for k, row := range rows {
		row[18] = strconv.Itoa(fat[k])
		if err := a.cw.Write(row); err != nil {
			return err
		}
	}
	return nil
}

// fatal reports whether a casualty counts toward an article's fatalities:
// people killed, as an incident's figure (not a background toll, not part
// of a larger count).
func fatal(c sitrep.Casualty) bool {
	return c.Kind == "killed" && c.PartOf == nil && !c.Background && c.Count.Best > 0
}

func sumDead(dead map[int]int) int {
	n := 0
	for _, v := range dead {
		n += v
	}
	return n
}

// nonViolent are causes of death that are no political violence.
var nonViolent = map[string]bool{"crash": true, "stampede": true, "storm": true, "earthquake": true,
	"flood": true, "fire": true, "disease": true, "drowning": true, "accident": true, "landslide": true}

// casualtyRow is the row of an article whose deaths no event carries:
// the largest toll's cause gives the event type (air strikes, shelling,
// bombs; an attack on civilians; else an armed clash), its perpetrator
// and victims the actors. Deaths from accidents and disasters give none,
// nor does a filter on CAMEO codes, which such a row has not.
func (a *ACLED) casualtyRow(r *sitrep.Record, total int) []string {
	best := -1
	for i, c := range r.Casualties {
		if fatal(c) && (best < 0 || c.Count.Best > r.Casualties[best].Count.Best) {
			best = i
		}
	}
	if best < 0 || a.filter.Cameo != "" || a.filter.Quad != 0 {
		return nil
	}
	c := r.Casualties[best]
	cause := ""
	if c.Cause != nil {
		cause = *c.Cause
	}
	if nonViolent[cause] {
		return nil
	}
	e := &sitrep.Event{Source: c.Perpetrator, Target: c.Victims, Place: c.Place, Date: c.Date, Modality: sitrep.Asserted}
	if !Match(a.filter, e, r.Article.Published) {
		return nil
	}
	typ, sub := "Battles", "Armed clash"
	switch {
	case cause == "airstrike" || cause == "drone" || cause == "barrel bomb":
		typ, sub = "Explosions/Remote violence", "Air/drone strike"
	case cause == "shelling" || cause == "rocket" || cause == "missile":
		typ, sub = "Explosions/Remote violence", "Shelling/artillery/missile attack"
	case cause == "suicide bombing":
		typ, sub = "Explosions/Remote violence", "Suicide bomb"
	case cause == "landmine" || cause == "car bomb" || cause == "roadside bomb" || cause == "explosion":
		typ, sub = "Explosions/Remote violence", "Remote explosive/landmine/IED"
	case civilian(c.Victims) || cause == "execution" || cause == "stabbing" || cause == "beating":
		typ, sub = "Violence against civilians", "Attack"
	}
	return a.row(r, eventID(r.Article.ID, fmt.Sprintf("casualty-%d", best)), c.Date, c.Place, typ, sub, c.Perpetrator, c.Victims, c.Text, "", sitrep.Asserted)
}

// row builds one ACLED row; its fatalities are filled in by Write.
func (a *ACLED) row(r *sitrep.Record, id string, date *sitrep.Time, p *sitrep.Place, typ, sub string, src, tgt *sitrep.Actor, notes, cameo, modality string) []string {
	day := r.Article.Published
	if date != nil && date.StartDate != "" {
		day = date.StartDate
	}
	year := ""
	if len(day) >= 4 {
		year = string(day[:4])
	}
	country, admin1, location, lat, lon, precision := "", "", "", "", "", ""
	if p != nil {
		country, location = p.Country, p.Name
		if p.Admin1 != nil {
			admin1 = *p.Admin1
		}
		lat, lon = coord(p.Lat), coord(p.Lon)
		switch p.Precision {
		case "city", "district", "point":
			precision = "1"
		default:
			precision = "3"
		}
	}
	return []string{id, string(day), year, typ, sub,
		actorName(src), "", inter(src), actorName(tgt), inter(tgt),
		country, admin1, location, lat, lon, precision,
		firstNonEmpty(r.Article.Source, r.Article.URL), notes, "0", cameo, modality}
}

// EventTypeOf is EventType for an event, reading its target too: force
// against civilians (CAMEO 18 and 19 by direct means, 20) is "Violence
// against civilians", not a battle. Air strikes, shelling and bombs stay
// "Explosions/Remote violence" whoever they hit, as ACLED codes them.
func EventTypeOf(e *sitrep.Event) (string, string) {
	typ, sub := EventType(e.Cameo)
	if civilian(e.Target) && (typ == "Battles" || (typ == "Violence against civilians" && sub == "Attack")) {
		return "Violence against civilians", "Attack"
	}
	return typ, sub
}

// civilian reports whether an actor is civilians: role CVL (also refugees).
func civilian(x *sitrep.Actor) bool {
	if x == nil {
		return false
	}
	if x.Role != nil {
		return *x.Role == "CVL" || *x.Role == "REF"
	}
	return strings.HasSuffix(x.Code, "CVL") || strings.HasSuffix(x.Code, "REF")
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

// withoutVerb returns the actor with its text cut before the event's verb
// when the text runs over it: in a headline "Gunmen Attack Farmers In
// Benue" the words can be read as one name, and the actor is "Gunmen",
// not "Gunmen Attack Farmers". The verb is the first word of the event's
// dictionary pattern, found in its evidence.
func withoutVerb(x *sitrep.Actor, e *sitrep.Event) *sitrep.Actor {
	if x == nil || e == nil {
		return x
	}
	pos := verbAt(e)
	if pos <= x.Start || pos >= x.End || pos-x.Start > len(x.Text) {
		return x
	}
	y := *x
	y.Text = strings.TrimRight(x.Text[:pos-x.Start], " ,;:-–—")
	y.End = y.Start + len(y.Text)
	if y.Text == "" {
		return x
	}
	return &y
}

// verbAt is the byte offset of the event's verb in the article, or -1.
func verbAt(e *sitrep.Event) int {
	f := strings.Fields(e.Evidence.Pattern)
	if len(f) < 2 {
		return -1
	}
	verb := strings.ToLower(strings.TrimLeft(f[1], "@*+$%&"))
	if len(verb) < 3 {
		return -1
	}
	stem := verb
	if strings.HasSuffix(stem, "e") && len(stem) > 3 {
		stem = stem[:len(stem)-1] // "liberate" -> "liberated"
	}
	ev := e.Evidence.Text
	low := strings.ToLower(ev)
	for i := 0; i < len(low); {
		j := strings.Index(low[i:], stem)
		if j < 0 {
			return -1
		}
		k := i + j
		if k == 0 || !isWordByte(low[k-1]) {
			return e.Evidence.Start + k
		}
		i = k + 1
	}
	return -1
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
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
