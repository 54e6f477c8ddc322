package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/spf13/cobra"

	"sitrep"
	"sitrep/api"
	"sitrep/ingest"
	"sitrep/watch"
	"sitrep/web"
)

func serveCmd(env Env) *cobra.Command {
	var db, addr, token string
	var demo, noWeb bool
	var feeds []string
	var wf watchFlags
	var timeout, queryTimeout, cacheTTL time.Duration
	var maxBody int64
	var codeRate float64
	var codeBurst int
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the dashboard and the HTTP API over a store",
		Long: `Serve the analyst's dashboard at / and the HTTP API under /api/ (described
at /openapi.json and in docs/api.md) over a store: a SQLite file or a
postgres:// URL (--db).

Reading needs no token. POST /api/ingest stores articles and needs
"Authorization: Bearer TOKEN" with the token given by --token or the
SITREP_TOKEN environment variable; without one, ingest is disabled.
POST /api/code codes an article without storing it; each client (IP
address) may code --code-rate articles a second on average (bursts of
--code-burst), and requests with the token are not limited.

Heavy reads (lists, counts, series, facets, the map, stats, search) and
cheap ones (one article, one merged event) use separate database
connection pools, so a burst of heavy requests never holds up a lookup.
Each read's database work stops at --query-timeout, and the request is
answered 503 with Retry-After.

--watch follows feeds while serving (see sitrep watch). Prometheus metrics
are at /metrics.

--demo first loads the bundled example reports into the store (a no-op
when they are already there). SIGINT or SIGTERM stops the server
gracefully, letting requests in flight finish.`,
		Example: `  sitrep serve --demo
  sitrep serve --db news.db --addr 0.0.0.0:8080 --token "$(openssl rand -hex 16)"
  sitrep serve --db postgres://sitrep@db.internal/sitrep`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if token == "" {
				token = os.Getenv("SITREP_TOKEN")
			}
			if token != "" && len(token) < 12 {
				return usagef("--token must be at least 12 characters")
			}
			if timeout <= 0 || maxBody <= 0 || queryTimeout <= 0 || codeBurst <= 0 {
				return usagef("--timeout, --query-timeout, --code-burst and --max-body must be positive")
			}
			if codeRate <= 0 {
				codeRate = -1 // no limit
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
			if demo {
				stats, err := runIngest(ctx, env, p, st, embeddedArticles(ctx, ingest.NewReader(ingest.Options{})), 32)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "bundled examples: %s\n", stats)
			}
			o := api.Options{Store: st, Coder: p, Token: token, MaxBody: maxBody, Timeout: timeout,
				QueryTimeout: queryTimeout, CodeRate: codeRate, CodeBurst: codeBurst,
				CacheTTL: cacheTTL, Log: slog.New(slog.NewTextHandler(env.Stderr, nil))}
			if cacheTTL <= 0 {
				o.CacheTTL = -1
			}
			if !noWeb {
				o.Web = web.FS()
			}
			reg := newRegistry()
			var wg sync.WaitGroup
			defer wg.Wait()
			if len(feeds) > 0 {
				list, err := watch.ReadList(feeds)
				if err != nil {
					return err
				}
				w, err := wf.watcher(env, list, st, p, reg)
				if err != nil {
					return err
				}
				wg.Go(func() { w.Run(ctx) })
			}
			return serve(ctx, env, addr, withMetrics(api.New(o), reg), timeout, st)
		},
	}
	c.Flags().StringVar(&db, "db", defaultDB, dbHelp)
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on, HOST:PORT (port 0 picks a free one)")
	c.Flags().StringVar(&token, "token", "", "token that POST /api/ingest requires (default $SITREP_TOKEN; none disables ingest)")
	c.Flags().BoolVar(&demo, "demo", false, "load the bundled example reports into the store first")
	c.Flags().BoolVar(&noWeb, "no-dashboard", false, "serve the API only")
	c.Flags().DurationVar(&timeout, "timeout", 30*time.Second, "longest time one request may take")
	c.Flags().DurationVar(&queryTimeout, "query-timeout", 10*time.Second, "longest time one read request's database work may take (then 503)")
	c.Flags().Float64Var(&codeRate, "code-rate", 1, "articles a second one client may POST to /api/code, on average (0: no limit)")
	c.Flags().IntVar(&codeBurst, "code-burst", 5, "articles one client may POST to /api/code at once before --code-rate applies")
	c.Flags().Int64Var(&maxBody, "max-body", 1<<20, "largest request body in bytes")
	c.Flags().DurationVar(&cacheTTL, "cache-ttl", 10*time.Second, "keep read answers this long, refreshing them in the background after (0: no cache)")
	c.Flags().StringArrayVar(&feeds, "watch", nil, "follow this feed (URL or file of URLs) while serving, as sitrep watch does; repeatable")
	wf.register(c)
	return c
}

// withMetrics serves Prometheus metrics at /metrics beside h, and counts
// h's requests by route and status with their latency.
func withMetrics(h http.Handler, reg *prometheus.Registry) http.Handler {
	dur := prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: "sitrep", Subsystem: "api",
		Name: "request_seconds", Help: "API request latency by method and status code.",
		Buckets: prometheus.ExponentialBuckets(0.0005, 2.5, 12)}, []string{"method", "code"})
	inflight := prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "sitrep", Subsystem: "api",
		Name: "requests_in_flight", Help: "Requests being served."})
	reg.MustRegister(dur, inflight)
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.Handle("/", promhttp.InstrumentHandlerInFlight(inflight, promhttp.InstrumentHandlerDuration(dur, h)))
	return mux
}

// serve listens on addr until ctx ends, then shuts down gracefully.
func serve(ctx context.Context, env Env, addr string, h http.Handler, timeout time.Duration, st sitrep.Store) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       timeout,
		WriteTimeout:      timeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "sitrep: %d articles, %d events; serving http://%s/ (API under /api/, Ctrl-C stops)\n",
		stats.Articles, stats.Events, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(env.Stderr, "sitrep: stopping; letting requests in flight finish")
	sctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
