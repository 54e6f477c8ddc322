// Package examples embeds the bundled news reports (the *.txt files beside
// this one) so that `sitrep demo` and `sitrep bench` work from the binary
// alone.
package examples

import "embed"

// FS holds the example reports.
//
//go:embed *.txt
var FS embed.FS
