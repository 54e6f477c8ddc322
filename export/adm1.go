package export

import (
	"sync"

	"sitrep"
	"sitrep/geo"
)

// adm1Codes finds the GeoNames first-level division code of a place, which
// a record does not carry (its admin1 is the division's name): by the
// place's GeoNames id, else by its country and division name.
type adm1Codes struct {
	byID   map[int64]string
	byName map[string]string // country + "\x00" + geo.Key(division name)
}

var adm1Once = sync.OnceValues(func() (*adm1Codes, error) {
	g, err := geo.Default()
	if err != nil {
		return nil, err
	}
	c := &adm1Codes{byID: map[int64]string{}, byName: map[string]string{}}
	for _, e := range g.Entries {
		if e.Admin1 == "" || e.Admin1 == "00" {
			continue
		}
		if e.ID != 0 { // divisions and countries have no GeoNames id here
			c.byID[e.ID] = e.Admin1
		}
		if e.Admin1Name != "" {
			k := e.Country + "\x00" + geo.Key(e.Admin1Name)
			if _, seen := c.byName[k]; !seen {
				c.byName[k] = e.Admin1
			}
		}
	}
	return c, nil
})

// adm1Code is GDELT's ADM1Code of a place: the country code followed by
// the GeoNames code of its first-level division ("SYR09" for Aleppo
// governorate, as GDELT writes "SY09" with FIPS codes), or the country
// code alone for a country or a place whose division is not known, as
// GDELT does.
func (c *adm1Codes) adm1Code(p *sitrep.Place) string {
	if p.Country == "" || p.Precision == "country" {
		return p.Country
	}
	if p.GeonameID != nil {
		if code, ok := c.byID[*p.GeonameID]; ok {
			return p.Country + code
		}
	}
	if p.Admin1 != nil {
		if code, ok := c.byName[p.Country+"\x00"+geo.Key(*p.Admin1)]; ok {
			return p.Country + code
		}
	}
	return p.Country
}
