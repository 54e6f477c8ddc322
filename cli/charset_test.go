package cli

import (
	"fmt"
	"strings"
	"testing"
)

// A UTF-8 file with one stray byte is coded as UTF-8, its quotes kept, and
// the byte is reported on stderr with the file and its offset; the run
// succeeds.
func TestCodeWarnsOfStrayByte(t *testing.T) {
	i := strings.Index(story, "said a rescuer")
	body := story[:i] + "\x94" + story[i:]
	path := writeFile(t, t.TempDir(), "stray.txt", body)
	code, out, errs := run(t, "", "code", path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	want := fmt.Sprintf("sitrep: %s: warning: invalid UTF-8 byte 0x94 at byte offset %d replaced with U+FFFD", path, i)
	if !strings.Contains(errs, want) {
		t.Errorf("stderr = %q, want %q", errs, want)
	}
	if !strings.Contains(out, "“It was a direct hit,”") {
		t.Errorf("the quote was not kept as UTF-8: %s", out)
	}
	if strings.Contains(out, "â€") {
		t.Errorf("mojibake in the record: %s", out)
	}
}
