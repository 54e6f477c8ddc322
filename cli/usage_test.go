package cli

import (
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Every command of the tree answers a usage mistake with exit status 2 and
// a message starting "sitrep: usage: ": an unknown flag, a missing or
// extra argument, an unknown command. The tree is walked, so commands added
// later are held to the same rule.
func TestEveryCommandExitsTwoOnUsageErrors(t *testing.T) {
	root := newRoot(Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard})
	var cmds []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		cmds = append(cmds, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)

	expectUsage := func(args []string) {
		t.Helper()
		code, out, errs := run(t, "", args...)
		if code != 2 || !strings.HasPrefix(errs, "sitrep: usage: ") {
			t.Errorf("sitrep %s: exit %d, stderr %q, stdout %.80q; want exit 2 and a usage message", strings.Join(args, " "), code, errs, out)
		}
	}
	missing, extra, groups := 0, 0, 0
	for _, c := range cmds {
		path := strings.Fields(c.CommandPath())[1:]
		with := func(more ...string) []string { return append(append([]string{}, path...), more...) }
		expectUsage(with("--no-such-flag"))
		if c.HasSubCommands() {
			groups++
			expectUsage(with("no-such-command"))
			continue
		}
		if c.Name() == "help" {
			continue
		}
		// Validators are checked directly first, so that no command is
		// run with arguments it would accept (serve, watch, worker).
		if c.Args(c, nil) != nil {
			missing++
			expectUsage(path)
		}
		many := make([]string, 12)
		for i := range many {
			many[i] = "stray-argument"
		}
		if c.Args(c, many) != nil {
			extra++
			expectUsage(with(many...))
		}
	}
	// The walk must have found the commands this test was written against.
	if missing < 8 || extra < 15 || groups < 4 {
		t.Errorf("checked %d commands missing arguments, %d with extra ones, %d groups: the walk missed commands", missing, extra, groups)
	}

	// The cases new users meet first, by name.
	expectUsage([]string{"code"})
	expectUsage([]string{"nonsense"})
	expectUsage([]string{"dict", "nonsense"})
	expectUsage([]string{"help", "nonsense"})
	expectUsage([]string{"eval", "segment"})
	// A group given nothing shows its help and succeeds.
	if code, out, _ := run(t, "", "dict"); code != 0 || !strings.Contains(out, "check") {
		t.Errorf("sitrep dict: exit %d, %q", code, out)
	}
	if code, out, _ := run(t, "", "help", "dict", "check"); code != 0 || !strings.Contains(out, "dict check DIR") {
		t.Errorf("sitrep help dict check: exit %d, %q", code, out)
	}
}
