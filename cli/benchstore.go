package cli

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"sitrep"
	"sitrep/loadgen"
)

func benchStoreCmd(env Env) *cobra.Command {
	var db string
	var events, per, batch, runs int
	var seed uint64
	var cpuprofile string
	c := &cobra.Command{
		Use:   "store",
		Short: "Fill a store with generated events and time the API's queries on it",
		Long: `Generate coded records (about --per events an article) and store them until
the store holds --events more events, printing the storing rate as it goes,
then time each query the API makes (median and worst of --runs). With
--events 0, only times the queries on the store as it is.`,
		Example: `  sitrep bench store --db /tmp/1m.db --events 1000000
  sitrep bench store --db postgres://postgres@127.0.0.1/test --events 1000000
  sitrep bench store --db /tmp/1m.db --events 0 --runs 9`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if events < 0 || per < 1 || batch < 1 || runs < 1 {
				return usagef("--events must not be negative; --per, --batch and --runs must be positive")
			}
			ctx := cmd.Context()
			if cpuprofile != "" {
				f, err := os.Create(cpuprofile)
				if err != nil {
					return err
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
			st, err := openStore(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			before, err := st.Stats(ctx)
			if err != nil {
				return err
			}
			if seed == 0 {
				seed = uint64(before.Articles) + 1 // new articles on every run
			}
			start := time.Now()
			stored, articles := 0, 0
			var buf []*sitrep.Record
			flush := func() error {
				if len(buf) == 0 {
					return nil
				}
				if _, err := st.Put(ctx, buf); err != nil {
					return err
				}
				buf = buf[:0]
				return nil
			}
			last := time.Now()
			for r := range loadgen.Records(max(events/per*2, 1), per, seed) {
				if stored >= events {
					break
				}
				buf = append(buf, r)
				stored += len(r.Events)
				articles++
				if len(buf) == batch {
					if err := flush(); err != nil {
						return err
					}
					if time.Since(last) > 10*time.Second {
						last = time.Now()
						fmt.Fprintf(env.Stderr, "  %d events stored, %.0f events/s\n", stored, float64(stored)/time.Since(start).Seconds())
					}
				}
			}
			if err := flush(); err != nil {
				return err
			}
			el := time.Since(start)
			after, err := st.Stats(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "store         %s\n", describeDB(db))
			if events > 0 {
				fmt.Fprintf(env.Stdout, "stored        %d events in %d articles in %s: %.0f events/s, %.0f articles/s (batches of %d)\n",
					stored, articles, el.Round(time.Millisecond), float64(stored)/el.Seconds(), float64(articles)/el.Seconds(), batch)
			}
			fmt.Fprintf(env.Stdout, "holds         %d articles, %d events, %d merged events\n", after.Articles, after.Events, after.Clusters)
			if a, ok := st.(interface{ Analyze(context.Context) error }); ok {
				t0 := time.Now()
				if err := a.Analyze(ctx); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "analyze       %s (planner statistics refreshed before timing)\n", time.Since(t0).Round(time.Millisecond))
			}
			fmt.Fprintf(env.Stdout, "\n%-32s %10s %10s\n", "query", "median", "worst")
			for _, t := range loadgen.TimeStore(ctx, st, runs) {
				if t.Err != nil {
					return fmt.Errorf("%s: %w", t.Name, t.Err)
				}
				fmt.Fprintf(env.Stdout, "%-32s %10s %10s\n", t.Name, ms(t.Median), ms(t.Worst))
			}
			fmt.Fprintf(env.Stdout, "\npeak memory   %.0f MB (max RSS of this process)\n", peakRSSMB())
			return nil
		},
	}
	c.Flags().StringVar(&db, "db", "", dbHelp)
	c.MarkFlagRequired("db")
	c.Flags().IntVar(&events, "events", 100000, "events to add")
	c.Flags().IntVar(&per, "per", 10, "events an article, on average")
	c.Flags().IntVar(&batch, "batch", 200, "articles stored per transaction")
	c.Flags().IntVar(&runs, "runs", 5, "times each query is run")
	c.Flags().StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile of the run to this file (for go tool pprof)")
	c.Flags().Uint64Var(&seed, "seed", 0, "generator seed (default: from the store's size, so runs add new articles)")
	return c
}

func benchAPICmd(env Env) *cobra.Command {
	var base string
	var clients int
	var d time.Duration
	var vary bool
	var seed uint64
	c := &cobra.Command{
		Use:   "api URL",
		Short: "Load a running sitrep serve with concurrent clients and report latency",
		Long: `Send the API's typical requests (tables, filters, counts, series, the map,
facets, search) to a running server from --clients concurrent clients for
--duration, and report requests/s, errors and latency percentiles overall
and per request. Run it as a second process beside sitrep serve.

With --vary, requests are drawn at random as analysts filtering a
dashboard make them: a view (events, series by day, week, month or year
in any grouping and metric, the map, actors, facets, merged events,
articles, incidents, stats, one article) with a random few filters
(country, actor, root, QuadClass, source, place, words, a day range or
whole months), their values taken from the store's own facets, actors,
places and stats, so that few requests repeat and the answer cache seldom
helps. Percentiles are then per view. Run it once against a server with
--cache-ttl 0 and once with the cache on; the report says which it met.`,
		Example: "  sitrep bench api http://127.0.0.1:8080 --clients 200 --duration 60s\n  sitrep bench api http://127.0.0.1:8080 --vary --clients 200 --duration 60s",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			base = strings.TrimSuffix(args[0], "/")
			if clients < 1 || d <= 0 {
				return usagef("--clients and --duration must be positive")
			}
			var r loadgen.LoadResult
			if vary {
				v, err := loadgen.FetchValues(cmd.Context(), base)
				if err != nil {
					return fmt.Errorf("reading the store's values from %s: %w", base, err)
				}
				fmt.Fprintf(env.Stdout, "varied requests over %d countries, %d actors, %d roots, %d sources, %d places, %s to %s\n",
					len(v.Countries), len(v.Actors), len(v.Roots), len(v.Outlets), len(v.Places),
					v.First.Format(time.DateOnly), v.Last.Format(time.DateOnly))
				r = loadgen.LoadVaried(cmd.Context(), base, clients, d, v, seed)
			} else {
				r = loadgen.Load(cmd.Context(), base, clients, d)
			}
			fmt.Fprintf(env.Stdout, "clients %d for %s, server cache %s: %d requests, %.0f/s, %d errors\n",
				r.Clients, d, r.Cache, r.Requests, r.PerSecond, r.Errors)
			fmt.Fprintf(env.Stdout, "latency p50 %s  p90 %s  p95 %s  p99 %s  max %s\n\n", ms(r.P50), ms(r.P90), ms(r.P95), ms(r.P99), ms(r.Max))
			names := make([]string, 0, len(r.PerQuery))
			for n := range r.PerQuery {
				names = append(names, n)
			}
			sort.Strings(names)
			fmt.Fprintf(env.Stdout, "%-32s %7s %10s %10s %10s %10s\n", "request", "n", "p50", "p90", "p95", "p99")
			for _, n := range names {
				p := r.PerQuery[n]
				fmt.Fprintf(env.Stdout, "%-32s %7d %10s %10s %10s %10s\n", n, p.N, ms(p.P50), ms(p.P90), ms(p.P95), ms(p.P99))
			}
			if r.Errors > 0 {
				var st []string
				for code, n := range r.Statuses {
					name := fmt.Sprint(code)
					if code == 0 {
						name = "no answer"
					}
					st = append(st, fmt.Sprintf("%s: %d", name, n))
				}
				sort.Strings(st)
				return fmt.Errorf("%d requests failed (%s); first: %s", r.Errors, strings.Join(st, ", "), r.FirstErr)
			}
			return nil
		},
	}
	c.Flags().IntVar(&clients, "clients", 50, "concurrent clients")
	c.Flags().DurationVar(&d, "duration", 30*time.Second, "how long to run")
	c.Flags().BoolVar(&vary, "vary", false, "randomised filters drawn from the store's own values, instead of the fixed requests")
	c.Flags().Uint64Var(&seed, "seed", 1, "seed of the --vary requests")
	return c
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func describeDB(db string) string {
	if fi, err := os.Stat(db); err == nil {
		return fmt.Sprintf("%s (%.0f MB)", db, float64(fi.Size())/(1<<20))
	}
	if u, err := url.Parse(db); err == nil {
		return u.Redacted()
	}
	return "the database"
}
