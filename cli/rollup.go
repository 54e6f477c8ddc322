package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"sitrep/sqlstore"
	"sitrep/stores"
)

func storeCmd(env Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "store",
		Short: "Maintain a store",
	}
	c.AddCommand(rollupCmd(env))
	return c
}

// rollupStore is a store that keeps rollups (both SQL stores do).
type rollupStore interface {
	RebuildRollups(ctx context.Context) error
	RollupSizes(ctx context.Context) (events int, rollups []int, err error)
}

func rollupCmd(env Env) *cobra.Command {
	var db string
	var rebuild bool
	c := &cobra.Command{
		Use:   "rollup",
		Short: "Show or rebuild the aggregates that series, facets, the map and stats read",
		Long: `Storing keeps aggregates of the events up to date in the same transaction
(events per day, CAMEO root, QuadClass and modality, also per country; per
month, also by country, by actor code and by place; fatal incidents per
day, country and place), and series, facets,
actors, the map and stats read them instead of every event whenever the
filter allows (not with a text search, an outlet, an actor, or a CAMEO code
finer than its root; the monthly ones only for whole months). A store made before them has them built when first opened.

Without flags, prints how many rows each holds beside the events. With
--rebuild, recomputes them from the events and casualties, in one
transaction that holds off writers (a repair; nothing needs it normally).`,
		Example: "  sitrep store rollup --db news.db\n  sitrep store rollup --db news.db --rebuild",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := stores.OpenExisting(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			rs, ok := st.(rollupStore)
			if !ok {
				return fmt.Errorf("store %s keeps no rollups", describeDB(db))
			}
			if rebuild {
				t0 := time.Now()
				if err := rs.RebuildRollups(ctx); err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "rollups rebuilt in %s\n", time.Since(t0).Round(time.Millisecond))
			}
			ev, sizes, err := rs.RollupSizes(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "%-20s %10d rows\n", "events", ev)
			for i, t := range sqlstore.RollupTables() {
				fmt.Fprintf(env.Stdout, "%-20s %10d rows\n", t, sizes[i])
			}
			return nil
		},
	}
	c.Flags().StringVar(&db, "db", defaultDB, dbHelp)
	c.Flags().BoolVar(&rebuild, "rebuild", false, "recompute the rollups from the detail tables")
	return c
}
