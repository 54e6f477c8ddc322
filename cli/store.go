package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"sitrep"
	"sitrep/api"
	"sitrep/export"
	"sitrep/pipeline"
	"sitrep/sqlstore"
	"sitrep/stores"
)

const defaultDB = "sitrep.db"

// dbHelp describes --db.
const dbHelp = "store: a SQLite file, or a postgres:// URL for a PostgreSQL database"

func openStore(ctx context.Context, db string) (sitrep.Store, error) {
	return stores.Open(ctx, db)
}

// ingestStats counts what an ingest did.
type ingestStats struct{ read, stored, unchanged, failed int }

func (s ingestStats) String() string {
	return fmt.Sprintf("read %d, stored %d, unchanged %d, failed %d", s.read, s.stored, s.unchanged, s.failed)
}

func ingestCmd(env Env) *cobra.Command {
	var rf readFlags
	var db string
	var batch, window int
	c := &cobra.Command{
		Use:   "ingest SOURCE...",
		Short: "Code articles and store them in the database",
		Long: `Code articles and store them: in an embedded SQLite file, or in a
PostgreSQL database that several ingest processes may write at once
(--db postgres://...).

Storing is idempotent: an article already stored (same id, URL or text hash)
is left unchanged. Records are committed in small batches, each whole or not
at all, so an ingest killed at any point and run again ends with every
article stored exactly once. Prints a progress bar on a terminal and always
a one-line summary: read, stored, unchanged, failed.`,
		Example: `  sitrep ingest examples/
  sitrep ingest --db news.db https://example.org/world/rss.xml corpus.jsonl`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if batch < 1 {
				return usagef("--batch must be at least 1")
			}
			rd, err := rf.reader(env.Stderr)
			if err != nil {
				return err
			}
			p, err := newPipeline(rf.workers, false, rf.dicts, rf.statements)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			if window < 0 {
				return usagef("--merge-window must not be negative")
			}
			st, err := openStore(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			st.SetMergeWindow(window)
			stats, err := runIngest(ctx, env, p, st, rd.Articles(ctx, args, env.Stdin), batch)
			fmt.Fprintln(env.Stderr, stats)
			if err != nil {
				return err
			}
			if stats.failed > 0 {
				return errFailed
			}
			return nil
		},
	}
	rf.register(c)
	c.Flags().StringVar(&db, "db", defaultDB, dbHelp)
	c.Flags().IntVar(&batch, "batch", 32, "records committed per transaction")
	c.Flags().IntVar(&window, "merge-window", sqlstore.DefaultMergeWindow, "days apart two reports may date one event and still be merged (0: one a day)")
	return c
}

func clustersCmd(env Env) *cobra.Command {
	var q queryFlags
	c := &cobra.Command{
		Use:   "clusters",
		Short: "List merged events: one real-world event with all the reports that mention it",
		Long: `List merged events. Events of several reports join one cluster when they
have the same source, target, CAMEO root and country and fall within the merge
window of each other (ingest --merge-window, 1 day by default; 0 merges only
events of the same day). Each cluster counts its mentions, articles and
distinct sources, as GDELT does, most mentioned first.`,
		Example: "  sitrep clusters --country SYR --cameo 19\n  sitrep clusters --format csv > clusters.csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, st, err := q.open(cmd.Context(), "table", "jsonl", "csv")
			if err != nil {
				return err
			}
			defer st.Close()
			ks, err := st.Clusters(cmd.Context(), f)
			if err != nil {
				return err
			}
			return writeClusters(env.Stdout, q.format, ks)
		},
	}
	q.register(c, "table, jsonl, csv")
	return c
}

func writeClusters(w io.Writer, format string, ks []sitrep.Cluster) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		for _, k := range ks {
			if err := enc.Encode(api.ClusterJSON(k)); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"id", "start", "end", "source", "target", "root", "country", "mentions", "articles", "sources", "goldstein_mean"})
		for _, k := range ks {
			cw.Write([]string{strconv.FormatInt(k.ID, 10), string(k.Start), string(k.End), k.Source, k.Target, k.Root, k.Country,
				strconv.Itoa(k.Mentions), strconv.Itoa(k.Articles), strconv.Itoa(k.Sources), strconv.FormatFloat(k.Goldstein, 'f', 2, 64)})
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTART\tEND\tSOURCE\tROOT\tTARGET\tCOUNTRY\tMENTIONS\tARTICLES\tSOURCES")
	for _, k := range ks {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\n", k.ID, k.Start, k.End, orDash(k.Source), k.Root, orDash(k.Target), orDash(k.Country), k.Mentions, k.Articles, k.Sources)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d clusters\n", len(ks))
	return err
}

// runIngest codes and stores every article from in, committing in batches.
func runIngest(ctx context.Context, env Env, p *pipeline.Pipeline, st sitrep.Store, in func(func(sitrep.Article, error) bool), batch int) (ingestStats, error) {
	var stats ingestStats
	bar := newProgress(env.Stderr)
	pending := make([]*sitrep.Record, 0, batch)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		res, err := st.Put(context.WithoutCancel(ctx), pending)
		if err != nil {
			return err
		}
		for _, r := range res {
			if r == sitrep.Stored {
				stats.stored++
			} else {
				stats.unchanged++
			}
		}
		pending = pending[:0]
		return nil
	}
	err := p.Run(ctx, in, func(r pipeline.Result) error {
		if bar != nil {
			bar.Add(1)
		}
		if r.Err != nil {
			stats.failed++
			if bar != nil {
				bar.Clear()
			}
			reportErr(env.Stderr, r.Err)
			return nil
		}
		stats.read++
		rec := r.Record
		pending = append(pending, &rec)
		if len(pending) >= batch {
			return flush()
		}
		return nil
	})
	if ferr := flush(); err == nil {
		err = ferr
	}
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(env.Stderr)
	}
	return stats, err
}

// newProgress returns a progress counter on stderr when it is a terminal,
// else nil.
func newProgress(w io.Writer) *progressbar.ProgressBar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("coding"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
}

// queryFlags are the filters of the commands that read the store.
type queryFlags struct {
	db                    string
	from, to              string
	actor, country, cameo string
	query                 string
	limit, offset         int
	format                string
}

func (q *queryFlags) register(c *cobra.Command, formats string) {
	c.Flags().StringVar(&q.db, "db", defaultDB, dbHelp)
	c.Flags().StringVar(&q.from, "from", "", "first day (YYYY-MM-DD)")
	c.Flags().StringVar(&q.to, "to", "", "last day (YYYY-MM-DD)")
	c.Flags().StringVar(&q.actor, "actor", "", "actor code or its prefix (SYRMIL, SYR, IGOUNO)")
	c.Flags().StringVar(&q.country, "country", "", "ISO 3166-1 alpha-3 country of an actor or place (SYR)")
	c.Flags().StringVar(&q.cameo, "cameo", "", "CAMEO code or two-digit root (190, 19)")
	c.Flags().StringVarP(&q.query, "search", "q", "", "words the article text must all contain (the API takes them as q or search)")
	c.Flags().IntVar(&q.limit, "limit", 0, "at most this many rows (0: all)")
	c.Flags().IntVar(&q.offset, "offset", 0, "skip this many rows")
	c.Flags().StringVar(&q.format, "format", "table", "output format: "+formats+" (json is taken for jsonl, text for table)")
}

var (
	countryRe = regexp.MustCompile(`^[A-Za-z]{3}$`)
	cameoRe   = regexp.MustCompile(`^[0-9]{2,4}$`)
	actorRe   = regexp.MustCompile(`^[A-Za-z0-9]{1,30}$`)
)

// filter validates the flags into a store filter.
func (q *queryFlags) filter() (sitrep.Filter, error) {
	var f sitrep.Filter
	var err error
	if f.From, err = sitrep.ParseDate(q.from); err != nil {
		return f, usagef("--from: %v", err)
	}
	if f.To, err = sitrep.ParseDate(q.to); err != nil {
		return f, usagef("--to: %v", err)
	}
	if f.From != "" && f.To != "" && f.To < f.From {
		return f, usagef("--to %s is before --from %s", f.To, f.From)
	}
	if q.country != "" && !countryRe.MatchString(q.country) {
		return f, usagef("--country %q: want an ISO 3166-1 alpha-3 code such as SYR", q.country)
	}
	if q.cameo != "" && !cameoRe.MatchString(q.cameo) {
		return f, usagef("--cameo %q: want a CAMEO code (190) or root (19)", q.cameo)
	}
	if q.actor != "" && !actorRe.MatchString(q.actor) {
		return f, usagef("--actor %q: want an actor code such as SYRMIL", q.actor)
	}
	if q.limit < 0 || q.offset < 0 {
		return f, usagef("--limit and --offset must not be negative")
	}
	if q.query != "" && strings.TrimSpace(strings.ReplaceAll(q.query, `"`, "")) == "" {
		return f, usagef("--search %q has no words", q.query)
	}
	f.Actor, f.Country, f.Cameo, f.Query = strings.ToUpper(q.actor), strings.ToUpper(q.country), q.cameo, q.query
	f.Limit, f.Offset = q.limit, q.offset
	return f, nil
}

// open checks the output format against those allowed, validates the
// filters and opens the store, which must exist.
func (q *queryFlags) open(ctx context.Context, formats ...string) (sitrep.Filter, sitrep.Store, error) {
	if err := q.checkFormat(formats...); err != nil {
		return sitrep.Filter{}, nil, err
	}
	f, err := q.filter()
	if err != nil {
		return f, nil, err
	}
	st, err := openExisting(ctx, q.db)
	return f, st, err
}

func (q *queryFlags) checkFormat(allowed ...string) error {
	f, err := checkFormat(q.format, allowed...)
	q.format = f
	return err
}

// formatNames are the other names every command accepts for its formats:
// JSON output is always JSON Lines, and the output for a person is a table
// or a text summary depending on the command.
var formatNames = map[string]string{"json": "jsonl", "ndjson": "jsonl", "text": "table"}

// checkFormat returns the format a --format value names, which must be one
// of allowed (given by their main names: table, jsonl, csv, ...).
func checkFormat(value string, allowed ...string) (string, error) {
	f := strings.ToLower(strings.TrimSpace(value))
	if n, ok := formatNames[f]; ok {
		f = n
	}
	for _, a := range allowed {
		if f == a {
			return f, nil
		}
	}
	var names []string
	for _, a := range allowed {
		switch a {
		case "table":
			names = append(names, "table (or text)")
		case "jsonl":
			names = append(names, "jsonl (or json)")
		default:
			names = append(names, a)
		}
	}
	return value, usagef("--format must be one of %s, not %q", strings.Join(names, ", "), value)
}

func articlesCmd(env Env) *cobra.Command {
	var q queryFlags
	c := &cobra.Command{
		Use:     "articles",
		Short:   "List stored articles",
		Example: "  sitrep articles --from 2016-10-01 --search Aleppo\n  sitrep articles --format csv > articles.csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, st, err := q.open(cmd.Context(), "table", "jsonl", "csv")
			if err != nil {
				return err
			}
			defer st.Close()
			arts, err := st.Articles(cmd.Context(), f)
			if err != nil {
				return err
			}
			return writeArticles(env.Stdout, q.format, arts)
		},
	}
	q.register(c, "table, jsonl, csv")
	return c
}

// openExisting opens a store that must already exist, so that a mistyped
// --db is an error rather than a new empty database.
func openExisting(ctx context.Context, db string) (sitrep.Store, error) {
	return stores.OpenExisting(ctx, db)
}

var articleColumns = []string{"id", "published", "title", "source", "url", "lang", "events", "casualties", "quotes", "sha256", "origin", "ingested"}

func articleRow(a sitrep.StoredArticle) []string {
	return []string{a.ID, string(a.Published), a.Title, a.Source, a.URL, a.Lang,
		strconv.Itoa(a.Events), strconv.Itoa(a.Casualties), strconv.Itoa(a.Quotes), a.SHA256, a.Origin,
		a.Ingested.Format(time.RFC3339)}
}

func writeArticles(w io.Writer, format string, arts []sitrep.StoredArticle) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := range arts {
			a := arts[i]
			a.Text = ""
			if err := enc.Encode(struct {
				sitrep.StoredArticle
				Text string `json:"text,omitempty"`
			}{StoredArticle: a}); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(articleColumns)
		for _, a := range arts {
			cw.Write(articleRow(a))
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPUBLISHED\tEVENTS\tCASUALTIES\tQUOTES\tTITLE")
	for _, a := range arts {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\n", a.ID, orDash(string(a.Published)), a.Events, a.Casualties, a.Quotes, clip(a.Title, 70))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d articles\n", len(arts))
	return err
}

func eventsCmd(env Env) *cobra.Command {
	var q queryFlags
	c := &cobra.Command{
		Use:     "events",
		Short:   "List stored events",
		Example: "  sitrep events --country SYR --cameo 19 --from 2016-10-01\n  sitrep events --actor RUS --format csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, st, err := q.open(cmd.Context(), "table", "jsonl", "csv")
			if err != nil {
				return err
			}
			defer st.Close()
			evs, err := st.Events(cmd.Context(), f)
			if err != nil {
				return err
			}
			return writeEvents(env.Stdout, q.format, evs)
		},
	}
	q.register(c, "table, jsonl, csv")
	return c
}

var eventColumns = []string{"event_id", "article_id", "published", "date", "sentence",
	"source_code", "source_text", "target_code", "target_text", "cameo", "root", "quad",
	"goldstein", "plover", "modality", "claimant_code", "place", "country", "lat", "lon",
	"evidence", "pattern", "url"}

func eventRow(e sitrep.StoredEvent) []string {
	code := func(a *sitrep.Actor) string {
		if a == nil {
			return ""
		}
		return a.Code
	}
	text := func(a *sitrep.Actor) string {
		if a == nil {
			return ""
		}
		return a.Text
	}
	var date, place, country, lat, lon string
	if e.Date != nil {
		date = e.Date.Value
	}
	if e.Place != nil {
		place, country = e.Place.Name, e.Place.Country
		lat = strconv.FormatFloat(e.Place.Lat, 'f', 5, 64)
		lon = strconv.FormatFloat(e.Place.Lon, 'f', 5, 64)
	}
	return []string{e.ID, e.ArticleID, string(e.Published), date, strconv.Itoa(e.Sentence),
		code(e.Source), text(e.Source), code(e.Target), text(e.Target), e.Cameo, e.Root,
		strconv.Itoa(e.Quad), strconv.FormatFloat(e.Goldstein, 'f', 1, 64), e.Plover, e.Modality,
		code(e.Claimant), place, country, lat, lon, e.Evidence.Text, e.Evidence.Pattern, e.URL}
}

func writeEvents(w io.Writer, format string, evs []sitrep.StoredEvent) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := range evs {
			if err := enc.Encode(&evs[i]); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(eventColumns)
		for _, e := range evs {
			cw.Write(eventRow(e))
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tSOURCE\tCAMEO\tTARGET\tQUAD\tGOLDSTEIN\tMODALITY\tEVIDENCE")
	for _, e := range evs {
		r := eventRow(e)
		day := r[3]
		if day == "" {
			day = r[2]
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", orDash(day), orDash(r[5]), r[9], orDash(r[7]), r[11], r[12], r[14], clip(r[20], 60))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d events\n", len(evs))
	return err
}

func exportCmd(env Env) *cobra.Command {
	var q queryFlags
	var merged bool
	c := &cobra.Command{
		Use:   "export",
		Short: "Export stored records for other tools",
		Long: `Export stored records: --format jsonl writes one full record per article
(the record contract), --format csv one row per event with a header row, ready
for pandas (read_csv) and R (read.csv); --format parquet the same events as a
typed Parquet file (pandas, Arrow, DuckDB, Spark); --format gdelt GDELT 2.0's event table
(61 tab-separated columns in GDELT's order, no header; geography country codes
are ISO3); --format acled an ACLED-style CSV (event_date, event_type and
sub_event_type derived from CAMEO and the target, actors, location, latitude,
longitude, geo_precision, the article's fatalities counted once, source,
notes). GDELT's DATEADDED is when the article was stored.`,
		Example: "  sitrep export --format jsonl > records.jsonl\n  sitrep export --format csv --country SYR > syria_events.csv\n  sitrep export --format gdelt > events.tsv\n  sitrep export --format acled --from 2016-01-01 > acled.csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, st, err := q.open(cmd.Context(), "jsonl", "csv", "parquet", "gdelt", "acled")
			if err != nil {
				return err
			}
			defer st.Close()
			switch q.format {
			case "csv":
				evs, err := st.Events(cmd.Context(), f)
				if err != nil {
					return err
				}
				return writeEvents(env.Stdout, "csv", evs)
			case "parquet":
				if out, ok := env.Stdout.(*os.File); ok && term.IsTerminal(int(out.Fd())) {
					return usagef("--format parquet writes binary data: redirect it to a file (sitrep export --format parquet > events.parquet)")
				}
				evs, err := st.Events(cmd.Context(), f)
				if err != nil {
					return err
				}
				return export.WriteParquet(env.Stdout, evs)
			case "gdelt", "acled":
				if merged && q.format == "gdelt" {
					return exportMergedGDELT(cmd.Context(), env, st, f)
				}
				var w export.Writer
				if q.format == "acled" {
					w = export.NewACLED(env.Stdout, f)
				} else {
					g := export.NewGDELT(env.Stdout, f)
					if g.Added, err = storedTimes(cmd.Context(), st, f); err != nil {
						return err
					}
					w = g
				}
				// The store selects articles with matching events; the
				// writer selects those events. Paging applies to articles.
				af := f
				if err := st.Records(cmd.Context(), af, w.Write); err != nil {
					return err
				}
				return w.Flush()
			}
			enc := json.NewEncoder(env.Stdout)
			enc.SetEscapeHTML(false)
			return st.Records(cmd.Context(), f, func(r *sitrep.Record) error { return enc.Encode(r) })
		},
	}
	q.register(c, "jsonl (records), csv (events), parquet (events), gdelt (GDELT 2.0 events TSV), acled (ACLED-style CSV)")
	q.format = "jsonl"
	c.Flags().BoolVar(&merged, "merged", false, "with --format gdelt: a row a merged event with its NumMentions, NumSources and NumArticles, as GDELT's table has (default: a row a mention)")
	c.Flags().Lookup("format").DefValue = "jsonl"
	return c
}

// exportMergedGDELT writes GDELT rows a merged event each.
func exportMergedGDELT(ctx context.Context, env Env, st sitrep.Store, f sitrep.Filter) error {
	all := f
	all.Limit, all.Offset, all.Sort = 0, 0, ""
	ks, err := st.Clusters(ctx, sitrep.Filter{From: f.From, To: f.To})
	if err != nil {
		return err
	}
	byID := make(map[int64]sitrep.Cluster, len(ks))
	for _, k := range ks {
		byID[k.ID] = k
	}
	evs, err := st.Events(ctx, all)
	if err != nil {
		return err
	}
	g := export.NewGDELT(env.Stdout, f)
	if g.Added, err = storedTimes(ctx, st, all); err != nil {
		return err
	}
	return g.WriteMerged(evs, byID)
}

// storedTimes returns when each article f selects was stored, for GDELT's
// DATEADDED.
func storedTimes(ctx context.Context, st sitrep.Store, f sitrep.Filter) (func(string) (time.Time, bool), error) {
	as, err := st.Articles(ctx, f)
	if err != nil {
		return nil, err
	}
	at := make(map[string]time.Time, len(as))
	for _, a := range as {
		at[a.ID] = a.Ingested
	}
	return func(id string) (time.Time, bool) { t, ok := at[id]; return t, ok }, nil
}
