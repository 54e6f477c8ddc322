// Package web holds the built dashboard (web/dist), embedded in the binary
// so that sitrep serve works offline. web/README.md says how to rebuild it.
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
