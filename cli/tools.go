package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"sitrep"
	"sitrep/conllu"
	"sitrep/eval"
	"sitrep/examples"
	"sitrep/ingest"
	"sitrep/nlp"
	"sitrep/pipeline"
)

// evalTasks are the tasks `sitrep eval` knows, with the gold format each
// reads.
var evalTasks = map[string]string{
	"segment":    `{"id", "kind", "text", "sentences": ["...", ...]} (sentences verbatim, in order)`,
	"events":     `{"id", "form", "published", "text", "events": [{"source", "target", "cameo", "modality", "claimant"}]}, or ConfliBERT's {"text", "raters"}`,
	"casualties": `{"id", "form", "published", "text", "casualties": [{"kind", "best", "low", "high", "victims", "perpetrator", "cause", "reported_by", "part_of", "background"}]}`,
	"times":      `TimeBank/AQUAINT-style {"id", "dct", "text", "timex3": [...]} (TIMEX3 spans and values)`,
	"places":     `LGL's {"id", "text", "toponyms": [{"name", "start", "end", "geonameid", "lat", "lon"}]}`,
	"quotes":     `PolNeAR's {"id", "text", "attributions": [{"source", "cue", "content": [{"spans": [[start, end]], "text"}]}]}`,
	"parse":      `a CoNLL-U treebank (.conllu or .conllu.gz): tags, lemmas and dependency trees`,
}

func evalCmd(env Env) *cobra.Command {
	var maxErrors int
	var dicts []string
	var statements bool
	var tokens string
	c := &cobra.Command{
		Use:   "eval TASK GOLD",
		Short: "Score sitrep against gold data (precision, recall, F1)",
		Long: `Score sitrep against a gold file and print precision, recall and F1.

Tasks:
  segment   sentence boundaries; gold lines are
            {"id", "kind", "text", "sentences": ["...", ...]}
  events    CAMEO events: (source, target, code) triples, roots, modality,
            claimant, and a confusion table of roots; gold lines are
            {"id", "form", "published", "text", "events": [{"source": "RUSMIL",
            "target": "SYRCVL", "cameo": "195", "modality": "asserted",
            "claimant": null}]}, or ConfliBERT's annotated sentences
            {"text", "raters": {...}} (roots and source/target spans).
  quotes    direct quotes and reported claims against PolNeAR-style
            attributions (content, source and cue spans).
  times     temporal expressions against TimeBank/AQUAINT-style TIMEX3
            annotations: recognition (strict and lenient) and value accuracy.
  places    place recognition and resolution against LGL-style toponyms
            (spans, GeoNames ids, coordinates), end to end from raw text.
  casualties counts of killed, wounded, detained, displaced ... with
            precision and recall per field; gold lines are {"id", "form",
            "published", "text", "casualties": [{"kind", "best", "low", "high",
            "victims", "perpetrator", "cause", "reported_by", "part_of",
            "background"}]}.
  parse     part-of-speech tags (UPOS, XPOS), lemmas and dependency trees
            (UAS, LAS, LAS per relation) against a CoNLL-U treebank,
            punctuation included as in CoNLL 2018. --tokens gold (the
            default) hands the analyzer the gold words; --tokens raw rebuilds
            the text from the words and their SpaceAfter, runs the whole text
            layer and aligns its tokens to the gold words on character
            offsets, adding token, word and sentence F1.`,
		Example: "  sitrep eval segment nlp/testdata/segment_gold.jsonl\n  sitrep eval events cameo/testdata/events_gold.jsonl --show-errors 10\n  sitrep eval parse en_ewt-ud-dev.conllu.gz --tokens raw --show-errors 5",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			task, path := args[0], args[1]
			if _, ok := evalTasks[task]; !ok {
				names := make([]string, 0, len(evalTasks))
				for n := range evalTasks {
					names = append(names, n)
				}
				sort.Strings(names)
				return usagef("unknown task %q (tasks: %s)", task, strings.Join(names, ", "))
			}
			if task == "parse" {
				return evalParse(env, path, tokens, maxErrors)
			}
			f, err := os.Open(path)
			if err != nil {
				return fmt.Errorf("gold file: %w", err)
			}
			defer f.Close()
			var rep *eval.Report
			switch task {
			case "segment":
				an, aerr := nlp.New()
				if aerr != nil {
					return aerr
				}
				rep, err = eval.Segmentation(an, f, maxErrors)
			case "events", "quotes", "casualties", "places", "times":
				p, perr := newPipeline(1, false, dicts, statements)
				if perr != nil {
					return perr
				}
				switch task {
				case "events":
					rep, err = eval.Events(p.Code, f, maxErrors)
				case "quotes":
					rep, err = eval.Quotes(p.Code, f, maxErrors)
				case "places":
					rep, err = eval.Places(p.Code, f, maxErrors)
				case "times":
					rep, err = eval.Times(p.Code, f, maxErrors)
				default:
					rep, err = eval.Casualties(p.Code, f, maxErrors)
				}
			}
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			rep.Write(env.Stdout)
			return nil
		},
	}
	c.Flags().IntVar(&maxErrors, "show-errors", 0, "list up to this many cases that went wrong")
	c.Flags().BoolVar(&statements, "statements", false, "code saying verbs as CAMEO 010, as ConfliBERT's annotators do")
	c.Flags().StringArrayVar(&dicts, "dict", nil, "directory of dictionaries adding to the built-in ones; repeatable")
	c.Flags().StringVar(&tokens, "tokens", "gold", "parse task: gold (the treebank's words) or raw (from the text)")
	return c
}

// evalParse runs `sitrep eval parse`.
func evalParse(env Env, path, tokens string, maxErrors int) error {
	if tokens != "gold" && tokens != "raw" {
		return usagef("--tokens must be gold or raw, not %q", tokens)
	}
	sents, err := conllu.ReadFile(path)
	if err != nil {
		return fmt.Errorf("gold file: %w", err)
	}
	an, err := nlp.New()
	if err != nil {
		return err
	}
	rep, err := eval.Parse(an, sents, eval.ParseOptions{RawText: tokens == "raw", MaxErrors: maxErrors})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	rep.Write(env.Stdout)
	return nil
}

func benchCmd(env Env) *cobra.Command {
	var n, size, workers int
	var dicts []string
	var cpuprofile string
	var db string
	c := &cobra.Command{
		Use:   "bench",
		Short: "Measure coding speed and memory on a generated corpus",
		Long: `Generate a corpus from the bundled reports' paragraphs and code it end to
end (text in, record out), printing articles/s, MB/s, start-up time and peak
memory. With --db, records are also stored, so the figure includes SQLite.`,
		Example: "  sitrep bench --articles 5000\n  sitrep bench --articles 2000 --db /tmp/bench.db",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if n < 1 || size < 100 {
				return usagef("--articles must be at least 1 and --size at least 100")
			}
			t0 := time.Now()
			p, err := newPipeline(workers, false, dicts, false)
			if err != nil {
				return err
			}
			startup := time.Since(t0)
			arts := examples.Synthetic(n, size, 1)
			var bytes int64
			for _, a := range arts {
				bytes += int64(len(a.Text))
			}
			src := func(yield func(sitrep.Article, error) bool) {
				for _, a := range arts {
					if !yield(a, nil) {
						return
					}
				}
			}
			ctx := cmd.Context()
			var sentences, events int
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
			start := time.Now()
			if db != "" {
				st, err := openStore(ctx, db)
				if err != nil {
					return err
				}
				defer st.Close()
				stats, err := runIngest(ctx, Env{Stderr: env.Stderr}, p, st, src, 64)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "store: %s\n", stats)
			} else {
				err = p.Run(ctx, src, func(r pipeline.Result) error {
					sentences += len(r.Record.Sentences)
					events += len(r.Record.Events)
					return r.Err
				})
				if err != nil {
					return err
				}
			}
			el := time.Since(start)
			w := p.Workers
			if w == 0 {
				w = runtime.GOMAXPROCS(0)
			}
			fmt.Fprintf(env.Stdout, "articles      %d (%.1f KB each, %.1f MB in all)\n", n, float64(bytes)/float64(n)/1024, float64(bytes)/(1<<20))
			if sentences > 0 {
				fmt.Fprintf(env.Stdout, "sentences     %d\n", sentences)
				fmt.Fprintf(env.Stdout, "events        %d\n", events)
			}
			fmt.Fprintf(env.Stdout, "workers       %d on %d CPUs\n", w, runtime.NumCPU())
			fmt.Fprintf(env.Stdout, "elapsed       %s\n", el.Round(time.Millisecond))
			fmt.Fprintf(env.Stdout, "articles/s    %.0f\n", float64(n)/el.Seconds())
			fmt.Fprintf(env.Stdout, "MB/s          %.2f\n", float64(bytes)/(1<<20)/el.Seconds())
			fmt.Fprintf(env.Stdout, "start-up      %s (models and tables loaded)\n", startup.Round(time.Millisecond))
			fmt.Fprintf(env.Stdout, "peak memory   %.0f MB (max RSS of this process)\n", peakRSSMB())
			return nil
		},
	}
	c.Flags().IntVar(&n, "articles", 2000, "articles to generate")
	c.Flags().IntVar(&size, "size", 5000, "approximate bytes of text per article")
	c.Flags().IntVar(&workers, "workers", 0, "articles coded at once (default: one per CPU)")
	c.Flags().StringVar(&db, "db", "", "also store the records in this store (SQLite file or postgres:// URL)")
	c.Flags().StringArrayVar(&dicts, "dict", nil, "directory of dictionaries adding to the built-in ones; repeatable")
	c.Flags().StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile of the run to this file (for go tool pprof)")
	c.AddCommand(benchStoreCmd(env), benchAPICmd(env))
	return c
}

// peakRSSMB returns the process's peak resident memory in MB.
func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // kilobytes on Linux
}

func demoCmd(env Env) *cobra.Command {
	var db string
	c := &cobra.Command{
		Use:   "demo",
		Short: "Load the bundled example reports into a store and show what was extracted",
		Long: `Load the bundled example reports (24 invented news stories on war, protest,
diplomacy, elections, disasters and crime) into a SQLite store, then show
what was extracted from them. Running it again changes nothing: the articles
are already stored.`,
		Example: "  sitrep demo\n  sitrep articles --db sitrep-demo.db",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			p, err := newPipeline(0, false, nil, false)
			if err != nil {
				return err
			}
			st, err := openStore(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			rd := ingest.NewReader(ingest.Options{})
			fmt.Fprintf(env.Stdout, "Loading the bundled examples into %s ...\n", db)
			stats, err := runIngest(ctx, env, p, st, embeddedArticles(ctx, rd), 32)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, stats)
			arts, err := st.Articles(ctx, sitrep.Filter{})
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout)
			if err := writeArticles(env.Stdout, "table", arts); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "\nOne record in full, as a person reads it:")
			err = st.Records(ctx, sitrep.Filter{Limit: 1}, func(r *sitrep.Record) error {
				return writeSummary(env.Stdout, r)
			})
			if err != nil {
				return err
			}
			abs, _ := filepath.Abs(db)
			fmt.Fprintf(env.Stdout, `Next:
  sitrep articles --db %[1]s --search Aleppo
  sitrep events   --db %[1]s --country SYR
  sitrep export   --db %[1]s --format jsonl > records.jsonl
  sitrep code --format text examples/01_aleppo_airstrikes.txt
`, abs)
			return nil
		},
	}
	c.Flags().StringVar(&db, "db", "sitrep-demo.db", "SQLite database file to load the examples into")
	return c
}

// embeddedArticles reads the examples built into the binary.
func embeddedArticles(ctx context.Context, rd *ingest.Reader) func(func(sitrep.Article, error) bool) {
	return func(yield func(sitrep.Article, error) bool) {
		names, _ := fs.Glob(examples.FS, "*.txt")
		sort.Strings(names)
		for _, n := range names {
			b, err := examples.FS.ReadFile(n)
			if err != nil {
				if !yield(sitrep.Article{}, err) {
					return
				}
				continue
			}
			for a, err := range rd.Bytes(ctx, "examples/"+n, b) {
				if !yield(a, err) {
					return
				}
			}
		}
	}
}
