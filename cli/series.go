package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"sitrep"
)

func seriesCmd(env Env) *cobra.Command {
	var q queryFlags
	var by, group, metric string
	c := &cobra.Command{
		Use:   "series",
		Short: "Count events or fatalities per day, week or month",
		Long: `Count stored events (with their mean Goldstein value) or fatalities (people
killed, best/low/high, leaving out background totals and subsets) per period,
by country, actor, CAMEO root or QuadClass (events) or by country or place
(fatalities). Deaths reported at one place on one day are one incident: its
reports are never summed; it keeps the highest best figure, the lowest low and
the highest high.`,
		Example: "  sitrep series --by month --group root --country SYR\n  sitrep series --metric fatalities --by week --group place --format csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch by {
			case "day", "week", "month", "year":
			default:
				return usagef("--by must be day, week, month or year, not %q", by)
			}
			switch metric {
			case "events":
				if group != "" && group != "country" && group != "actor" && group != "root" && group != "quad" {
					return usagef("--group for events must be country, actor, root or quad, not %q", group)
				}
			case "fatalities":
				if group != "" && group != "country" && group != "place" {
					return usagef("--group for fatalities must be country or place, not %q", group)
				}
			default:
				return usagef("--metric must be events or fatalities, not %q", metric)
			}
			f, st, err := q.open(cmd.Context(), "table", "jsonl", "csv")
			if err != nil {
				return err
			}
			defer st.Close()
			pts, err := st.Series(cmd.Context(), sitrep.SeriesQuery{By: by, Group: group, Metric: metric, Filter: f})
			if err != nil {
				return err
			}
			return writeSeries(env.Stdout, q.format, metric, pts)
		},
	}
	q.register(c, "table, jsonl, csv")
	c.Flags().StringVar(&by, "by", "month", "period: day, week, month or year")
	c.Flags().StringVar(&group, "group", "", "group by: country, actor, root, quad (events); country, place (fatalities)")
	c.Flags().StringVar(&metric, "metric", "events", "events (one per mention), clusters (merged events, each once) or fatalities")
	return c
}

func writeSeries(w io.Writer, format, metric string, pts []sitrep.SeriesPoint) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		for _, p := range pts {
			if err := enc.Encode(p); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		if metric == "fatalities" {
			cw.Write([]string{"period", "group", "killed", "killed_low", "killed_high"})
			for _, p := range pts {
				cw.Write([]string{p.Period, p.Group, strconv.Itoa(p.Killed), strconv.Itoa(p.KilledLow), strconv.Itoa(p.KilledHigh)})
			}
		} else {
			cw.Write([]string{"period", "group", metric, "goldstein_mean"})
			for _, p := range pts {
				cw.Write([]string{p.Period, p.Group, strconv.Itoa(p.Events + p.Clusters), strconv.FormatFloat(p.Goldstein, 'f', 2, 64)})
			}
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if metric == "fatalities" {
		fmt.Fprintln(tw, "PERIOD\tGROUP\tKILLED\tLOW\tHIGH")
		for _, p := range pts {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\n", p.Period, orDash(p.Group), p.Killed, p.KilledLow, p.KilledHigh)
		}
	} else {
		fmt.Fprintf(tw, "PERIOD\tGROUP\t%s\tGOLDSTEIN\n", strings.ToUpper(metric))
		for _, p := range pts {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%.2f\n", p.Period, orDash(p.Group), p.Events+p.Clusters, p.Goldstein)
		}
	}
	return tw.Flush()
}
