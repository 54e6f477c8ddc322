package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Values are a store's own values that varied requests filter by: what
// its facets, actors, places and stats list.
type Values struct {
	Countries, Actors, Roots, Outlets, Places, Articles []string
	First, Last                                         time.Time
}

// FetchValues asks the server at base for the values its store holds.
func FetchValues(ctx context.Context, base string) (*Values, error) {
	hc := &http.Client{Timeout: 5 * time.Minute}
	get := func(path string, out any) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s: status %d", path, resp.StatusCode)
		}
		return json.NewDecoder(resp.Body).Decode(out)
	}
	type facets struct {
		Items []struct {
			Value string `json:"value"`
			Name  string `json:"name"`
			ID    string `json:"id"`
		} `json:"items"`
	}
	v := &Values{}
	for _, f := range []struct {
		path string
		into *[]string
	}{
		{"/api/facets/country?limit=100", &v.Countries}, {"/api/actors?limit=200", &v.Actors},
		{"/api/facets/root", &v.Roots}, {"/api/facets/source?limit=100", &v.Outlets},
		{"/api/places?limit=200", &v.Places}, {"/api/articles?limit=200", &v.Articles},
	} {
		var fs facets
		if err := get(f.path, &fs); err != nil {
			return nil, err
		}
		for _, it := range fs.Items {
			if x := it.Value + it.Name + it.ID; x != "" {
				*f.into = append(*f.into, x)
			}
		}
	}
	var st struct {
		First string `json:"first_day"`
		Last  string `json:"last_day"`
	}
	if err := get("/api/stats", &st); err != nil {
		return nil, err
	}
	var err error
	if v.First, err = time.Parse(time.DateOnly, st.First); err != nil {
		return nil, fmt.Errorf("the store has no dated events to vary requests over")
	}
	if v.Last, err = time.Parse(time.DateOnly, st.Last); err != nil {
		return nil, err
	}
	return v, nil
}

// Varied returns a request as an analyst filtering the dashboard makes
// it: one of the views (tables, series, the map, facets, actors, merged
// events, incidents, an article), with a random few of the filters, their
// values drawn from the store's own. The name is the view.
func (v *Values) Varied(rng *rand.Rand) (name, path string) {
	pick := func(xs []string) string {
		if len(xs) == 0 {
			return ""
		}
		return xs[rng.IntN(len(xs))]
	}
	q := url.Values{}
	maybe := func(p float64, key, val string) {
		if val != "" && rng.Float64() < p {
			q.Set(key, val)
		}
	}
	maybe(0.35, "country", pick(v.Countries))
	if a := pick(v.Actors); a != "" && rng.Float64() < 0.15 {
		if rng.IntN(2) == 0 && len(a) > 3 {
			a = a[:3] // a country's actors
		}
		q.Set("actor", a)
	}
	maybe(0.25, "root", pick(v.Roots))
	if rng.Float64() < 0.1 {
		q.Set("quad", fmt.Sprint(1+rng.IntN(4)))
	}
	maybe(0.05, "source", pick(v.Outlets))
	maybe(0.05, "place", pick(v.Places))
	if rng.Float64() < 0.05 {
		if p := pick(v.Places); p != "" {
			q.Set("q", strings.Fields(p)[0])
		}
	}
	if rng.Float64() < 0.5 {
		span := int(v.Last.Sub(v.First).Hours()/24) + 1
		from := v.First.AddDate(0, 0, rng.IntN(span))
		to := from.AddDate(0, 0, rng.IntN(400))
		if rng.IntN(2) == 0 { // whole months, as a month picker gives
			from = time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
			to = time.Date(to.Year(), to.Month()+1, 0, 0, 0, 0, 0, time.UTC)
		}
		q.Set("from", from.Format(time.DateOnly))
		q.Set("to", to.Format(time.DateOnly))
	}
	views := []string{"events", "events", "series", "series", "places", "actors", "facets", "facets",
		"clusters", "articles", "incidents", "stats", "article"}
	name = views[rng.IntN(len(views))]
	switch name {
	case "events":
		q.Set("sort", []string{"-day", "day", "-goldstein"}[rng.IntN(3)])
		if rng.IntN(4) == 0 {
			q.Set("offset", fmt.Sprint(50*rng.IntN(199)))
		}
		q.Set("limit", "50")
	case "series":
		q.Set("by", []string{"day", "week", "month", "year"}[rng.IntN(4)])
		switch m := []string{"events", "events", "clusters", "fatalities"}[rng.IntN(4)]; m {
		case "fatalities":
			q.Set("metric", m)
			if g := []string{"", "country", "place"}[rng.IntN(3)]; g != "" {
				q.Set("group", g)
			}
		default:
			q.Set("metric", m)
			if g := []string{"", "", "country", "root", "quad", "actor"}[rng.IntN(6)]; g != "" {
				q.Set("group", g)
			}
		}
	case "places":
		q.Set("limit", "500")
	case "actors":
		q.Set("limit", "20")
	case "facets":
		name = "facets/" + []string{"country", "root", "quad", "modality", "source", "actor"}[rng.IntN(6)]
	case "clusters":
		q.Del("q") // merged events are not searched by text (400)
		q.Set("sort", []string{"-mentions", "-day"}[rng.IntN(2)])
		q.Set("limit", "50")
	case "articles", "incidents":
		q.Set("limit", "50")
	case "stats":
		return name, "/api/stats"
	case "article":
		if a := pick(v.Articles); a != "" {
			return name, "/api/articles/" + url.PathEscape(a)
		}
		return "stats", "/api/stats"
	}
	return name, "/api/" + name + "?" + q.Encode()
}

// LoadVaried drives the server at base as Load does, each client sending
// Varied requests from its own random sequence (seeded by seed and the
// client's number).
func LoadVaried(ctx context.Context, base string, clients int, d time.Duration, v *Values, seed uint64) LoadResult {
	rngs := make([]*rand.Rand, clients)
	for c := range rngs {
		rngs[c] = rand.New(rand.NewPCG(seed, uint64(c)))
	}
	return run(ctx, base, clients, d, func(c, _ int) (string, string) { return v.Varied(rngs[c]) })
}
