package loadgen

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"sitrep"
)

// Query is one kind of request the dashboard and API users make, as an API
// path with its parameters.
type Query struct {
	Name string
	Path string
}

// Queries are the requests measured: the dashboard's first view, filtered
// tables, counts, series, the map, facets, search and a deep page.
var Queries = []Query{
	{"stats", "/api/stats"},
	{"events, newest page", "/api/events?limit=50"},
	{"events, country+root", "/api/events?country=SYR&root=19&limit=50"},
	{"events, actor+month", "/api/events?actor=RUS&from=2019-03-01&to=2019-03-31&limit=50"},
	{"events, search", "/api/events?q=Aleppo&limit=50"},
	// The deepest page offset paging reaches (api.MaxOffset); deeper pages
	// are read with after=, a cursor from the page before.
	{"events, deep page", "/api/events?sort=day&offset=9950&limit=50"},
	{"clusters, top", "/api/clusters?limit=50"},
	{"clusters, country", "/api/clusters?country=UKR&sort=-day&limit=50"},
	{"series, month", "/api/series?by=month"},
	{"series, week by root, SYR", "/api/series?by=week&group=root&country=SYR"},
	{"series, fatalities by month", "/api/series?by=month&metric=fatalities"},
	{"places (map)", "/api/places?limit=500"},
	{"places, quad 4 in 2020", "/api/places?quad=4&from=2020-01-01&to=2020-12-31"},
	{"actors top 20", "/api/actors?limit=20"},
	{"facet root", "/api/facets/root"},
}

// Timing is how long one query took over several runs.
type Timing struct {
	Query
	Runs          int
	Median, Worst time.Duration
	Err           error
}

// TimeStore runs each query's store call runs times against st, in this
// process, and reports the median and worst time.
func TimeStore(ctx context.Context, st sitrep.Store, runs int) []Timing {
	var out []Timing
	for _, q := range Queries {
		t := Timing{Query: q, Runs: runs}
		var ds []time.Duration
		for range runs {
			t0 := time.Now()
			if err := runStore(ctx, st, q.Path); err != nil {
				t.Err = err
				break
			}
			ds = append(ds, time.Since(t0))
		}
		if len(ds) > 0 {
			slices.Sort(ds)
			t.Median, t.Worst = ds[len(ds)/2], ds[len(ds)-1]
		}
		out = append(out, t)
	}
	return out
}

// runStore makes the store calls the API makes for path.
func runStore(ctx context.Context, st sitrep.Store, path string) error {
	u, err := url.Parse(path)
	if err != nil {
		return err
	}
	v := u.Query()
	f := sitrep.Filter{
		From: sitrep.Date(v.Get("from")), To: sitrep.Date(v.Get("to")), Country: v.Get("country"),
		Actor: v.Get("actor"), Cameo: v.Get("root"), Query: v.Get("q"), Sort: v.Get("sort"),
	}
	fmt.Sscan(v.Get("limit"), &f.Limit)
	fmt.Sscan(v.Get("offset"), &f.Offset)
	fmt.Sscan(v.Get("quad"), &f.Quad)
	// A full page is followed by its total, counted as the API counts it
	// (up to api.DefaultCountCap, or the page's end).
	count := func(what string, n int) error {
		if n == f.Limit {
			_, err := st.CountAtMost(ctx, what, f, max(10000, f.Offset+f.Limit)+1)
			return err
		}
		return nil
	}
	switch p := u.Path; {
	case p == "/api/stats":
		_, err = st.Stats(ctx)
	case p == "/api/events":
		if f.Sort == "" {
			f.Sort = "-day"
		}
		var es []sitrep.StoredEvent
		if es, err = st.Events(ctx, f); err == nil {
			err = count("events", len(es))
		}
	case p == "/api/clusters":
		var ks []sitrep.Cluster
		if ks, err = st.Clusters(ctx, f); err == nil {
			err = count("clusters", len(ks))
		}
	case p == "/api/series":
		_, err = st.Series(ctx, sitrep.SeriesQuery{By: v.Get("by"), Group: v.Get("group"), Metric: v.Get("metric"), Filter: f})
	case p == "/api/places":
		_, err = st.Places(ctx, f)
	case p == "/api/actors":
		_, err = st.Facet(ctx, "actor", f)
	case strings.HasPrefix(p, "/api/facets/"):
		_, err = st.Facet(ctx, strings.TrimPrefix(p, "/api/facets/"), f)
	default:
		err = fmt.Errorf("no store call for %s", p)
	}
	return err
}

// LoadResult is what a load run measured.
type LoadResult struct {
	Clients   int
	Duration  time.Duration
	Requests  int
	Errors    int
	FirstErr  string
	Statuses  map[int]int // failed requests by status (0: no answer)
	P50, P90  time.Duration
	P95, P99  time.Duration
	Max       time.Duration
	PerQuery  map[string]Percentiles
	PerSecond float64
	// Cache is the server's answer cache as its X-Sitrep-Cache header
	// shows it: "on", or "off" when no answer carried the header.
	Cache string
}

// Percentiles are the latencies of one kind of request.
type Percentiles struct {
	N                  int
	P50, P90, P95, P99 time.Duration
}

// Load drives the server at base with clients concurrent clients for d,
// each cycling through Queries from its own starting point, and reports
// latency percentiles. Any status other than 200 is an error.
func Load(ctx context.Context, base string, clients int, d time.Duration) LoadResult {
	return run(ctx, base, clients, d, func(c, i int) (string, string) {
		q := Queries[(c+i)%len(Queries)]
		return q.Name, q.Path
	})
}

// run drives the server at base with clients concurrent clients for d,
// each sending the requests next gives it (the name of the kind of
// request and its path) one after the other.
func run(ctx context.Context, base string, clients int, d time.Duration, next func(client, i int) (name, path string)) LoadResult {
	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, IdleConnTimeout: time.Minute}
	hc := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	defer tr.CloseIdleConnections()
	type sample struct {
		name string
		lat  time.Duration
	}
	var mu sync.Mutex
	var all []sample
	res := LoadResult{Clients: clients, Duration: d, Statuses: map[int]int{}, Cache: "off"}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			var mine []sample
			errs, first, cached := 0, "", false
			statuses := map[int]int{}
			for i := 0; ctx.Err() == nil; i++ {
				name, path := next(c, i)
				t0 := time.Now()
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
				resp, err := hc.Do(req)
				status := 0
				if err == nil {
					status = resp.StatusCode
					cached = cached || resp.Header.Get("X-Sitrep-Cache") != ""
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("%s: status %d", path, resp.StatusCode)
					}
				}
				if ctx.Err() != nil {
					break // cut off by the end of the run, not a failure
				}
				if err != nil {
					errs++
					statuses[status]++
					if first == "" {
						first = err.Error()
					}
					continue
				}
				mine = append(mine, sample{name, time.Since(t0)})
			}
			mu.Lock()
			all = append(all, mine...)
			res.Errors += errs
			for s, n := range statuses {
				res.Statuses[s] += n
			}
			if res.FirstErr == "" {
				res.FirstErr = first
			}
			if cached {
				res.Cache = "on"
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	el := time.Since(start)
	res.Requests = len(all) + res.Errors
	res.PerSecond = float64(len(all)) / el.Seconds()
	lat := make([]time.Duration, len(all))
	perQ := map[string][]time.Duration{}
	for i, s := range all {
		lat[i] = s.lat
		perQ[s.name] = append(perQ[s.name], s.lat)
	}
	res.P50, res.P90, res.P95, res.P99, res.Max = pct(lat, 50), pct(lat, 90), pct(lat, 95), pct(lat, 99), pct(lat, 100)
	res.PerQuery = map[string]Percentiles{}
	for name, ls := range perQ {
		res.PerQuery[name] = Percentiles{N: len(ls), P50: pct(ls, 50), P90: pct(ls, 90), P95: pct(ls, 95), P99: pct(ls, 99)}
	}
	return res
}

// pct is the p-th percentile (nearest rank) of ds, which it sorts.
func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	i := (len(ds)*p + 99) / 100
	return ds[min(max(i-1, 0), len(ds)-1)]
}
