package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"sitrep/postgres"
	"sitrep/queue"
)

// openQueue opens the PostgreSQL store db and its job queue.
func openQueue(ctx context.Context, db string) (*postgres.Store, *queue.Queue, error) {
	if !postgres.IsURL(db) {
		return nil, nil, usagef("the job queue lives in a PostgreSQL store: give --db postgres://...")
	}
	st, err := postgres.Open(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	return st, queue.New(st.DB), nil
}

func queueCmd(env Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "queue",
		Short: "Queue sources for sitrep worker processes sharing a PostgreSQL store",
	}
	var db string
	add := &cobra.Command{
		Use:   "add SOURCE...",
		Short: "Queue sources (files, directories, URLs, feeds) to be ingested by workers",
		Long: `Queue sources for workers. Files and directories must exist; they are
queued by their absolute path, so that workers started elsewhere find them
(on other machines, give paths that are the same there). A missing path
fails the command (exit 1) and queues nothing.`,
		Example: "  sitrep queue add --db postgres://sitrep@db/sitrep corpus/part-*.jsonl https://example.org/rss.xml",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sources, err := queue.Sources(args)
			if err != nil {
				return err
			}
			st, q, err := openQueue(cmd.Context(), db)
			if err != nil {
				return err
			}
			defer st.Close()
			n, err := q.Add(cmd.Context(), sources...)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "queued %d of %d sources (the others were already waiting)\n", n, len(args))
			return nil
		},
	}
	status := &cobra.Command{
		Use:   "status",
		Short: "Show how many jobs are queued, running, done and failed",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, q, err := openQueue(cmd.Context(), db)
			if err != nil {
				return err
			}
			defer st.Close()
			c, err := q.Counts(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "queued %d, running %d, done %d, failed %d\n", c["queued"], c["running"], c["done"], c["failed"])
			failed, err := q.Failed(cmd.Context())
			for _, f := range failed {
				fmt.Fprintln(env.Stdout, "failed:", f)
			}
			return err
		},
	}
	for _, sub := range []*cobra.Command{add, status} {
		sub.Flags().StringVar(&db, "db", "", "PostgreSQL store (postgres:// URL)")
		sub.MarkFlagRequired("db")
		c.AddCommand(sub)
	}
	return c
}

func workerCmd(env Env) *cobra.Command {
	var rf readFlags
	var db, name string
	var lease, poll time.Duration
	var batch int
	var exitWhenEmpty bool
	c := &cobra.Command{
		Use:   "worker",
		Short: "Take queued sources from a PostgreSQL store's job queue and ingest them",
		Long: `Run as one of several workers, on one machine or several, sharing a
PostgreSQL store: take the oldest queued source (SELECT ... FOR UPDATE SKIP
LOCKED), read, code and store it, mark it done, and take the next. A job is
held under a lease the worker renews; if the worker dies, another takes the
job when the lease runs out. Articles are stored once however many times a
job runs. SIGINT or SIGTERM stops after the current job's articles are
stored (the job itself returns to the queue).`,
		Example: `  sitrep queue add --db "$DB" corpus/*.jsonl
  sitrep worker --db "$DB" --exit-when-empty`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if lease < time.Second || poll <= 0 || batch < 1 {
				return usagef("--lease must be at least 1s; --poll and --batch must be positive")
			}
			if name == "" {
				host, _ := os.Hostname()
				name = fmt.Sprintf("%s:%d", host, os.Getpid())
			}
			rd, err := rf.reader(env.Stderr)
			if err != nil {
				return err
			}
			p, err := newPipeline(rf.workers, false, rf.dicts, rf.statements)
			if err != nil {
				return err
			}
			st, q, err := openQueue(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			jobs := 0
			for ctx.Err() == nil {
				j, err := q.Claim(ctx, name, lease)
				if errors.Is(err, queue.ErrEmpty) && exitWhenEmpty {
					break
				}
				if err != nil && !errors.Is(err, queue.ErrEmpty) {
					return err
				}
				if j == nil {
					select {
					case <-ctx.Done():
					case <-time.After(poll):
					}
					continue
				}
				// Renew the lease while working; stop if the job is lost.
				jctx, cancel := context.WithCancel(ctx)
				renewed := make(chan struct{})
				go func() {
					defer close(renewed)
					for {
						select {
						case <-jctx.Done():
							return
						case <-time.After(lease / 3):
							if err := q.Renew(context.WithoutCancel(jctx), j, name, lease); err != nil {
								fmt.Fprintf(env.Stderr, "sitrep worker: %v; stopping it\n", err)
								cancel()
								return
							}
						}
					}
				}()
				stats, err := runIngest(jctx, Env{Stderr: env.Stderr}, p, st, rd.Articles(jctx, []string{j.Source}, nil), batch)
				lost := jctx.Err() != nil
				cancel()
				<-renewed
				if err != nil && !lost {
					return fmt.Errorf("job %d (%s): %w", j.ID, j.Source, err)
				}
				if lost {
					continue // stopped, or taken over: the job stays open
				}
				res := queue.Result{Stored: stats.stored, Unchanged: stats.unchanged, Failed: stats.failed}
				if stats.read == 0 && stats.failed > 0 {
					res.Err = errors.New("no article could be read from it")
				}
				if err := q.Finish(context.WithoutCancel(ctx), j, name, res); err != nil {
					return err
				}
				jobs++
				fmt.Fprintf(env.Stderr, "sitrep worker %s: job %d %s: %s\n", name, j.ID, j.Source, stats)
			}
			fmt.Fprintf(env.Stderr, "sitrep worker %s: %d jobs done\n", name, jobs)
			return nil
		},
	}
	rf.register(c)
	c.Flags().StringVar(&db, "db", "", "PostgreSQL store (postgres:// URL)")
	c.MarkFlagRequired("db")
	c.Flags().StringVar(&name, "name", "", "worker name in the job table (default HOST:PID)")
	c.Flags().DurationVar(&lease, "lease", time.Minute, "how long a job stays this worker's without renewal")
	c.Flags().DurationVar(&poll, "poll", 2*time.Second, "wait between looks at an empty queue")
	c.Flags().IntVar(&batch, "batch", 32, "records committed per transaction")
	c.Flags().BoolVar(&exitWhenEmpty, "exit-when-empty", false, "exit when no job is queued or running")
	return c
}
