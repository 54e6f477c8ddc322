package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"sitrep"
	"sitrep/api"
	"sitrep/ingest"
	"sitrep/web"
)

func serveCmd(env Env) *cobra.Command {
	var db, addr, token string
	var demo, noWeb bool
	var timeout time.Duration
	var maxBody int64
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the dashboard and the HTTP API over a store",
		Long: `Serve the analyst's dashboard at / and the HTTP API under /api/ (described
at /openapi.json and in docs/api.md) over a store: a SQLite file or a
postgres:// URL (--db).

Reading needs no token. POST /api/ingest stores articles and needs
"Authorization: Bearer TOKEN" with the token given by --token or the
SITREP_TOKEN environment variable; without one, ingest is disabled.
POST /api/code codes an article without storing it.

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
			if timeout <= 0 || maxBody <= 0 {
				return usagef("--timeout and --max-body must be positive")
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
				Log: slog.New(slog.NewTextHandler(env.Stderr, nil))}
			if !noWeb {
				o.Web = web.FS()
			}
			return serve(ctx, env, addr, api.New(o), timeout, st)
		},
	}
	c.Flags().StringVar(&db, "db", defaultDB, dbHelp)
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on, HOST:PORT (port 0 picks a free one)")
	c.Flags().StringVar(&token, "token", "", "token that POST /api/ingest requires (default $SITREP_TOKEN; none disables ingest)")
	c.Flags().BoolVar(&demo, "demo", false, "load the bundled example reports into the store first")
	c.Flags().BoolVar(&noWeb, "no-dashboard", false, "serve the API only")
	c.Flags().DurationVar(&timeout, "timeout", 30*time.Second, "longest time one request may take")
	c.Flags().Int64Var(&maxBody, "max-body", 1<<20, "largest request body in bytes")
	return c
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
