package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"sitrep/actors"
	"sitrep/cameo"
	"sitrep/petrarch"
)

func dictCmd(env Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "dict",
		Short: "Check and import dictionaries",
		Long: `sitrep's dictionaries are plain text files, documented in their headers:
verbs.txt (CAMEO verb patterns), countries.txt, actors.txt (named actors with
dates), agents.txt (generic agents) and discards.txt. A directory holding any
of them can be passed to code, ingest, bench and eval with --dict, adding to
or overriding the built-in entries.`,
	}
	c.AddCommand(dictCheckCmd(env), dictImportCmd(env))
	return c
}

func dictCheckCmd(env Env) *cobra.Command {
	return &cobra.Command{
		Use:     "check DIR",
		Short:   "Validate a dictionary directory, listing every bad line",
		Example: "  sitrep dict check mydicts/",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return usagef("%s is not a directory", dir)
			}
			var errs []error
			found := false
			for _, name := range append(append([]string{}, actors.Files...), cameo.VerbFile, cameo.DiscardFile) {
				if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
					found = true
				}
			}
			if !found {
				return fmt.Errorf("%s: no dictionary files (verbs.txt, countries.txt, actors.txt, agents.txt, discards.txt)", dir)
			}
			for _, e := range actors.Check(dir) {
				if !strings.Contains(e.Error(), "no actor dictionary files") {
					errs = append(errs, e)
				}
			}
			errs = append(errs, cameo.CheckDir(dir)...)
			for _, e := range errs {
				fmt.Fprintln(env.Stdout, e)
			}
			if len(errs) > 0 {
				fmt.Fprintf(env.Stdout, "%d problems\n", len(errs))
				return errFailed
			}
			fmt.Fprintln(env.Stdout, "ok")
			return nil
		},
	}
}

func dictImportCmd(env Env) *cobra.Command {
	var from, out string
	c := &cobra.Command{
		Use:   "import --from petrarch --out DIR FILE...",
		Short: "Convert PETRARCH2 dictionaries into sitrep's formats",
		Long: `Convert dictionaries in PETRARCH2's formats (verb patterns, actors with
date restrictions, agents, discards; the kind of each file is detected) into
sitrep's files in --out, ready for --dict. What sitrep's pattern language
cannot express (words before the verb, source slots) is counted and reported.`,
		Example: "  sitrep dict import --from petrarch --out mydicts CAMEO.2.0.txt Phoenix.agents.txt\n  sitrep code --dict mydicts story.txt",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if from != "petrarch" {
				return usagef("--from must be petrarch (the only format known so far), not %q", from)
			}
			if out == "" {
				return usagef("--out DIR is required")
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			failed := false
			for _, path := range args {
				st, kind, err := importOne(path, out)
				if err != nil {
					reportErr(env.Stderr, fmt.Errorf("%s: %w", path, err))
					failed = true
					continue
				}
				fmt.Fprintf(env.Stdout, "%s (%s): %s\n", path, kind, st)
			}
			if failed {
				return errFailed
			}
			return nil
		},
	}
	c.Flags().StringVar(&from, "from", "petrarch", "format of the input dictionaries")
	c.Flags().StringVar(&out, "out", "", "directory to write sitrep dictionaries into (files are appended to)")
	return c
}

func importOne(path, out string) (petrarch.Stats, petrarch.Kind, error) {
	f, err := os.Open(path)
	if err != nil {
		return petrarch.Stats{}, "", err
	}
	defer f.Close()
	head := make([]byte, 256<<10)
	n, _ := io.ReadFull(f, head)
	if n == 0 {
		return petrarch.Stats{}, "", errors.New("empty file")
	}
	kind := petrarch.Detect(string(head[:n]))
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return petrarch.Stats{}, kind, err
	}
	name := map[petrarch.Kind]string{petrarch.Verbs: "verbs.txt", petrarch.Actors: "actors.txt",
		petrarch.Agents: "agents.txt", petrarch.Discards: "discards.txt"}[kind]
	w, err := os.OpenFile(filepath.Join(out, name), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return petrarch.Stats{}, kind, err
	}
	defer w.Close()
	var st petrarch.Stats
	switch kind {
	case petrarch.Verbs:
		st, err = petrarch.ConvertVerbs(f, w)
	case petrarch.Actors:
		st, err = petrarch.ConvertActors(f, w)
	case petrarch.Agents:
		st, err = petrarch.ConvertAgents(f, w)
	default:
		st, err = petrarch.ConvertDiscards(f, w)
	}
	if err != nil {
		return st, kind, err
	}
	return st, kind, w.Close()
}
