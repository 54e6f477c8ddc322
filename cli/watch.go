package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/spf13/cobra"

	"sitrep"
	"sitrep/fetch"
	"sitrep/watch"
)

// watchFlags configure following feeds, for watch and serve --watch.
type watchFlags struct {
	interval     time.Duration
	perHost      float64
	retries      int
	timeout      time.Duration
	maxBytes     int64
	ignoreRobots bool
	once         bool
}

func (w *watchFlags) register(c *cobra.Command) {
	c.Flags().DurationVar(&w.interval, "interval", 5*time.Minute, "time between polls of a feed")
	c.Flags().Float64Var(&w.perHost, "per-host", 1, "most requests a second to one host")
	c.Flags().IntVar(&w.retries, "retries", 3, "tries again after a timeout, refused connection, 429 or 5xx (with backoff)")
	c.Flags().DurationVar(&w.timeout, "fetch-timeout", 30*time.Second, "longest time for one feed or page")
	c.Flags().Int64Var(&w.maxBytes, "max-bytes", 16<<20, "largest feed or page in bytes")
	c.Flags().BoolVar(&w.ignoreRobots, "ignore-robots", false, "do not read robots.txt (only for sites of your own)")
}

// watcher builds a watcher of feeds over st, registering its metrics.
func (w *watchFlags) watcher(env Env, feeds []string, st sitrep.Store, c watch.Coder, reg prometheus.Registerer) (*watch.Watcher, error) {
	if w.interval <= 0 || w.perHost <= 0 || w.timeout <= 0 || w.maxBytes <= 0 {
		return nil, usagef("--interval, --per-host, --fetch-timeout and --max-bytes must be positive")
	}
	m := watch.NewMetrics(reg)
	client := fetch.New(fetch.Options{UserAgent: sitrep.UserAgent, PerHost: w.perHost,
		Retries: w.retries, Timeout: w.timeout, IgnoreRobots: w.ignoreRobots, OnAttempt: m.Attempt})
	return watch.New(watch.Options{Feeds: feeds, Interval: w.interval, Store: st, Coder: c, Client: client,
		MaxBytes: w.maxBytes, Timeout: w.timeout, Retries: w.retries, Metrics: m, Once: w.once,
		Log: slog.New(slog.NewTextHandler(env.Stderr, nil))}), nil
}

// newRegistry is a Prometheus registry with the Go and process collectors.
func newRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

func watchCmd(env Env) *cobra.Command {
	var wf watchFlags
	var db, metricsAddr string
	c := &cobra.Command{
		Use:   "watch FEEDS...",
		Short: "Follow RSS/Atom feeds and sites, coding and storing new articles",
		Long: `Follow feeds and sites: each FEEDS argument is a feed or page URL, or a file
of URLs one a line (# comments). Every --interval each feed is fetched with
a conditional GET (ETag, Last-Modified); the pages of items not yet stored
are fetched, extracted, coded and stored. Requests obey robots.txt, keep to
--per-host requests a second, time out, are retried with backoff, follow at
most 5 redirects and are capped in size. Items in several feeds are stored
once (same URL, or same text).

Metrics in Prometheus text format are served at /metrics on --metrics-addr.
SIGINT or SIGTERM stops after storing what was already fetched.`,
		Example: `  sitrep watch --db news.db https://example.org/world/rss.xml
  sitrep watch --db postgres://sitrep@db/sitrep --interval 2m --metrics-addr 127.0.0.1:9464 feeds.txt`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			feeds, err := watch.ReadList(args)
			if err != nil {
				return err
			}
			p, err := newPipeline(0, false, nil, false)
			if err != nil {
				return err
			}
			st, err := openStore(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			reg := newRegistry()
			w, err := wf.watcher(env, feeds, st, p, reg)
			if err != nil {
				return err
			}
			if metricsAddr != "" {
				ln, err := net.Listen("tcp", metricsAddr)
				if err != nil {
					return fmt.Errorf("listen on %s: %w", metricsAddr, err)
				}
				mux := http.NewServeMux()
				mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
				srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
				go srv.Serve(ln)
				defer srv.Shutdown(context.Background())
				fmt.Fprintf(env.Stderr, "sitrep: metrics at http://%s/metrics\n", ln.Addr())
			}
			if wf.once {
				fmt.Fprintf(env.Stderr, "sitrep: polling %d feeds once\n", len(feeds))
			} else {
				fmt.Fprintf(env.Stderr, "sitrep: watching %d feeds every %s (Ctrl-C stops)\n", len(feeds), wf.interval)
			}
			err = w.Run(ctx)
			fmt.Fprintln(env.Stderr, "sitrep: stopped")
			return err
		},
	}
	wf.register(c)
	c.Flags().BoolVar(&wf.once, "once", false, "poll every feed once and exit")
	c.Flags().StringVar(&db, "db", defaultDB, dbHelp)
	c.Flags().StringVar(&metricsAddr, "metrics-addr", "", "serve /metrics on this address (HOST:PORT)")
	return c
}
