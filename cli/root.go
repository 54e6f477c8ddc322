// Package cli is sitrep's command line: it parses flags, builds the
// pipeline and the store from the other packages, and formats what they
// return for a person (tables, summaries) or for tools (JSON Lines, CSV).
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"sitrep"
	"sitrep/engine"
	"sitrep/ingest"
	"sitrep/pipeline"
)

// Version is set at build time with -ldflags "-X sitrep/cli.Version=...".
var Version = "dev"

// errFailed marks a run in which some inputs failed; they were already
// reported, so only the exit status remains to be set.
var errFailed = errors.New("some inputs failed")

// Env is what a command reads and writes: standard streams, so tests can
// run commands in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// syncWriter serializes writes to w.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// Main runs the command line with args and returns the exit status.
func Main(args []string, env Env) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Warnings come from the goroutine reading sources while errors are
	// reported from the one writing results: one line each, never mixed.
	env.Stderr = &syncWriter{w: env.Stderr}
	root := newRoot(env)
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.ExecuteContext(ctx)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errFailed):
		return 1
	case errors.Is(err, errUsage):
		fmt.Fprintf(env.Stderr, "sitrep: %v\n", err)
		return 2
	default:
		fmt.Fprintf(env.Stderr, "sitrep: %v\n", err)
		return 1
	}
}

var errUsage = errors.New("usage")

func usagef(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

func newRoot(env Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "sitrep",
		Short: "Turn news reports into a sourced record of political and conflict events",
		Long: `sitrep reads news reports (text, HTML pages, RSS/Atom feeds, JSON Lines corpora)
and codes each into a record: sentences, events (CAMEO), casualties, quotes,
places and times, every item traceable to its sentence. Records are printed
as JSON Lines or stored in an embedded SQLite database and queried back.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usagef("%v (see '%s --help')", err, c.CommandPath())
	})
	root.AddCommand(
		codeCmd(env), ingestCmd(env), articlesCmd(env), eventsCmd(env),
		exportCmd(env), clustersCmd(env), seriesCmd(env), incidentsCmd(env), serveCmd(env), watchCmd(env), queueCmd(env), workerCmd(env), evalCmd(env), trainCmd(env), benchCmd(env), demoCmd(env), dictCmd(env), storeCmd(env),
	)
	root.SetHelpCommand(helpCmd())
	root.InitDefaultCompletionCmd()
	usageErrors(root)
	return root
}

// helpCmd replaces cobra's help command, which answers an unknown topic
// with a message and success, by one that calls it a usage error.
func helpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, rest, err := cmd.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return usagef("no help topic %q (see 'sitrep --help')", strings.Join(args, " "))
			}
			return c.Help()
		},
	}
}

// usageErrors makes every argument mistake a usage error (exit status 2)
// in the whole command tree: a wrong number of arguments, and an unknown
// command. Cobra reports those as plain errors, and lets a group of
// commands (sitrep, sitrep dict, sitrep queue) print its help and succeed
// when given a command it does not know; here such a group prints its help
// only when given nothing.
func usageErrors(c *cobra.Command) {
	for _, sub := range c.Commands() {
		usageErrors(sub)
	}
	if c.HasSubCommands() && !c.Runnable() {
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown command %q for %q (see '%s --help')", args[0], cmd.CommandPath(), cmd.CommandPath())
			}
			return cmd.Help()
		}
		return
	}
	check := c.Args
	if check == nil {
		// Cobra's default for a command without subcommands takes any
		// arguments; one with subcommands refuses unknown ones.
		check = cobra.ArbitraryArgs
		if c.HasSubCommands() {
			check = cobra.NoArgs
		}
	}
	c.Args = func(cmd *cobra.Command, args []string) error {
		err := check(cmd, args)
		if err == nil {
			return nil
		}
		path := cmd.CommandPath()
		if strings.Contains(err.Error(), path) {
			return usagef("%v (see '%s --help')", err, path)
		}
		return usagef("%s: %v (usage: %s; see '%s --help')", path, err, cmd.UseLine(), path)
	}
}

// readFlags are the flags of every command that reads sources.
type readFlags struct {
	published  string
	maxBytes   int64
	timeout    time.Duration
	noFetch    bool
	workers    int
	dicts      []string
	statements bool
}

func (f *readFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&f.published, "published", "", "publication date (YYYY-MM-DD) for articles whose input has none")
	c.Flags().Int64Var(&f.maxBytes, "max-bytes", ingest.DefaultMaxBytes, "largest input accepted for one article, in bytes")
	c.Flags().DurationVar(&f.timeout, "timeout", ingest.DefaultTimeout, "time limit for each HTTP request")
	c.Flags().BoolVar(&f.noFetch, "no-fetch", false, "do not fetch the linked page of feed items that hold only a summary")
	c.Flags().IntVar(&f.workers, "workers", 0, "articles coded at once (default: one per CPU)")
	c.Flags().BoolVar(&f.statements, "statements", false, "also code every saying verb as CAMEO 010 (make statement), as GDELT does")
	c.Flags().StringArrayVar(&f.dicts, "dict", nil, "directory of dictionaries (verbs.txt, actors.txt, countries.txt, agents.txt, discards.txt) adding to or overriding the built-in ones; repeatable")
}

// reader returns an ingest.Reader for the flags; its warnings (stray bytes
// replaced in an input) go to stderr, one line each.
func (f *readFlags) reader(stderr io.Writer) (*ingest.Reader, error) {
	d, err := sitrep.ParseDate(f.published)
	if err != nil {
		return nil, usagef("--published: %v", err)
	}
	if f.maxBytes <= 0 {
		return nil, usagef("--max-bytes must be positive")
	}
	return ingest.NewReader(ingest.Options{
		Published: d, MaxBytes: f.maxBytes, Timeout: f.timeout, NoFetch: f.noFetch,
		Warn: func(source, msg string) { fmt.Fprintf(stderr, "sitrep: %s: warning: %s\n", source, msg) },
	}), nil
}

// newPipeline builds the full coding pipeline.
func newPipeline(workers int, tokens bool, dictDirs []string, statements bool) (*pipeline.Pipeline, error) {
	return engine.New(engine.Options{Workers: workers, Tokens: tokens, ParseAll: tokens, Dicts: dictDirs, Statements: statements})
}

// reportErr writes a source's error on stderr in one line.
func reportErr(w io.Writer, err error) {
	fmt.Fprintf(w, "sitrep: %v\n", err)
}
