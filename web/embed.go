// Package web holds the built dashboard that `sitrep serve` shows at /: a
// map, a timeline, an event table, an event and article reader and a box to
// code a pasted report, all driven by the API under /api/. The dashboard's
// sources are in src/ (an npm project built with Vite); the build in dist/ is
// checked in, so that building sitrep needs Go alone. README.md says how to
// rebuild it.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// FS is the built dashboard, rooted at index.html.
func FS() fs.FS {
	sub, _ := fs.Sub(dist, "dist")
	return sub
}
