package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"sitrep"
	"sitrep/pipeline"
)

func codeCmd(env Env) *cobra.Command {
	var rf readFlags
	var format string
	var tokens bool
	c := &cobra.Command{
		Use:   "code SOURCE...",
		Short: "Code articles and print one record per article",
		Long: `Code articles and print one record per article, as JSON Lines (the record
contract) or as a readable summary (--format text).

A SOURCE is a text file, a directory (read recursively), "-" for standard
input, a JSON Lines corpus (fields id, url, title, source, published, and text
or html), an HTML page or an RSS/Atom feed, from disk or an http(s) URL.
A source that cannot be read is reported on stderr and skipped; the exit
status is 1 when any failed.`,
		Example: `  sitrep code examples/01_aleppo_airstrikes.txt
  sitrep code --format text --published 2016-10-05 story.txt
  curl -s https://example.org/feed.xml | sitrep code -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// The same names as the other commands: jsonl (or json), and
			// text (or table) for the summary a person reads.
			format, err := checkFormat(format, "jsonl", "table")
			if err != nil {
				return err
			}
			rd, err := rf.reader(env.Stderr)
			if err != nil {
				return err
			}
			p, err := newPipeline(rf.workers, tokens, rf.dicts, rf.statements)
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(env.Stdout, 256<<10)
			defer w.Flush()
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			failed := 0
			err = p.Run(cmd.Context(), rd.Articles(cmd.Context(), args, env.Stdin), func(r pipeline.Result) error {
				if r.Err != nil {
					failed++
					w.Flush()
					reportErr(env.Stderr, r.Err)
					return nil
				}
				if format == "table" {
					return writeSummary(w, &r.Record)
				}
				return enc.Encode(&r.Record)
			})
			if err != nil {
				return err
			}
			if failed > 0 {
				return errFailed
			}
			return nil
		},
	}
	rf.register(c)
	c.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl (JSON Lines; json is taken too) or text (a summary for a person; table is taken too)")
	c.Flags().BoolVar(&tokens, "tokens", false, "include every token with its tags, lemma, head and relation in the record (every sentence is then parsed)")
	return c
}

// writeSummary writes a record for a person to read.
func writeSummary(w io.Writer, r *sitrep.Record) error {
	a := r.Article
	title := a.Title
	if title == "" {
		title = "(untitled)"
	}
	fmt.Fprintf(w, "== %s\n", title)
	pub := string(a.Published)
	if pub == "" {
		pub = "unknown"
	}
	fmt.Fprintf(w, "   id %s · published %s · source %s · lang %s\n", a.ID, pub, orDash(a.Source), a.Lang)
	if a.URL != "" {
		fmt.Fprintf(w, "   %s\n", a.URL)
	} else if a.Origin != "" {
		fmt.Fprintf(w, "   from %s\n", a.Origin)
	}
	fmt.Fprintf(w, "   %d sentences, %d words\n", len(r.Sentences), len(strings.Fields(a.Text)))
	fmt.Fprintf(w, "   %d events · %d casualty counts · %d quotes · %d claims · %d places · %d times\n",
		len(r.Events), len(r.Casualties), len(r.Quotes), len(r.Claims), len(r.Places), len(r.Times))
	if len(r.Events) > 0 {
		fmt.Fprintln(w, "   Events:")
		for _, e := range r.Events {
			fmt.Fprintf(w, "     [s%d] %s %s %s  (%s, %s)\n", e.Sentence, actorLabel(e.Source), e.Cameo, actorLabel(e.Target), e.Modality, e.Evidence.Text)
		}
	}
	if len(r.Casualties) > 0 {
		fmt.Fprintln(w, "   Casualties:")
		for _, c := range r.Casualties {
			high := "?"
			if c.Count.High != nil {
				high = fmt.Sprint(*c.Count.High)
			}
			fmt.Fprintf(w, "     [s%d] %s %d (%d-%s) %s\n", c.Sentence, c.Kind, c.Count.Best, c.Count.Low, high, actorLabel(c.Victims))
		}
	}
	if len(r.Quotes) > 0 {
		fmt.Fprintln(w, "   Quotes:")
		for _, q := range r.Quotes {
			fmt.Fprintf(w, "     [s%d] %s: %s\n", q.Sentence, actorLabel(q.Speaker), clip(q.Text, 90))
		}
	}
	if len(r.Claims) > 0 {
		fmt.Fprintln(w, "   Claims:")
		for _, c := range r.Claims {
			if c.Direct {
				continue
			}
			fmt.Fprintf(w, "     [s%d] %s %s: %s\n", c.Sentence, actorLabel(c.Speaker), c.Cue.Text, clip(c.Content.Text, 90))
		}
	}
	if len(r.Places) > 0 {
		fmt.Fprintln(w, "   Places:")
		for _, p := range r.Places {
			fmt.Fprintf(w, "     %s -> %s, %s (%.3f, %.3f; %s)\n", p.Text, p.Name, p.Country, p.Lat, p.Lon, p.Precision)
		}
	}
	if len(r.Times) > 0 {
		fmt.Fprintln(w, "   Times:")
		for _, t := range r.Times {
			fmt.Fprintf(w, "     %s -> %s\n", t.Text, timeLabel(t.Time, a.Published))
		}
	}
	fmt.Fprintln(w, "   Lead:")
	for i, s := range r.Sentences {
		if i == 3 {
			fmt.Fprintf(w, "     ... %d more sentences\n", len(r.Sentences)-3)
			break
		}
		fmt.Fprintf(w, "     [s%d] %s\n", s.Index, clip(s.Text, 110))
	}
	_, err := fmt.Fprintln(w)
	return err
}

// timeLabel says what a time expression resolved to, or why it did not: a
// relative expression ("Tuesday", "last week") has no value without a
// publication date to count from.
func timeLabel(t sitrep.Time, published sitrep.Date) string {
	if t.Value != "" {
		return t.Value + " (" + t.Precision + ")"
	}
	if published == "" {
		return "unresolved: no publication date to count from (give one with --published)"
	}
	return "unresolved"
}

func actorLabel(a *sitrep.Actor) string {
	if a == nil {
		return "-"
	}
	if a.Code != "" {
		return a.Code + " (" + a.Text + ")"
	}
	return a.Text
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
