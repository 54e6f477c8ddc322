package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"sitrep"
)

func incidentsCmd(env Env) *cobra.Command {
	var q queryFlags
	var sort string
	c := &cobra.Command{
		Use:   "incidents",
		Short: "List casualty figures by incident, with every report's figures and who gave them",
		Long: `List counted human outcomes by incident (one kind, place and day), newest
first: the figures kept across reports (the highest best, the lowest low,
the highest high; never their sum) and, under each, every report's own
figures with its outlet and who gave them. --sort -day (default), day,
-best or -reports.`,
		Example: "  sitrep incidents --country SYR --limit 20\n  sitrep incidents --sort -reports --format jsonl",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, st, err := q.open(cmd.Context(), "table", "jsonl")
			if err != nil {
				return err
			}
			defer st.Close()
			f.Sort = sort
			in, err := st.Incidents(cmd.Context(), f)
			if err != nil {
				return err
			}
			return writeIncidents(env.Stdout, q.format, in)
		},
	}
	q.register(c, "table, jsonl")
	c.Flags().StringVar(&sort, "sort", "-day", "order: -day, day, -best or -reports")
	return c
}

func writeIncidents(w io.Writer, format string, in []sitrep.Incident) error {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		for _, i := range in {
			if err := enc.Encode(i); err != nil {
				return err
			}
		}
		return nil
	}
	fmt.Fprintf(w, "%-10s  %-10s  %-24s  %-7s  %8s  %8s  %8s  %s\n", "DAY", "KIND", "PLACE", "COUNTRY", "BEST", "LOW", "HIGH", "REPORTS")
	for _, i := range in {
		fmt.Fprintf(w, "%-10s  %-10s  %-24s  %-7s  %8d  %8d  %8d  %d\n", i.Day, i.Kind, orDash(i.Place), orDash(i.Country), i.Best, i.Low, i.High, len(i.Reports))
		for _, r := range i.Reports {
			by := "-"
			if r.ReportedBy != nil {
				by = r.ReportedBy.Text
				if r.ReportedBy.Code != "" {
					by += " (" + r.ReportedBy.Code + ")"
				}
			}
			fmt.Fprintf(w, "    %d (%d-%d) by %s, in %s: %s\n", r.Best, r.Low, r.High, by, orDash(r.Outlet), r.Title)
		}
	}
	_, err := fmt.Fprintf(w, "%d incidents\n", len(in))
	return err
}
