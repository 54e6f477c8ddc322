// Package demo fills a store for the dashboard's tests and its development
// server: the bundled example reports, coded by the full pipeline, plus any
// extra reports.
package demo

import (
	"context"
	"fmt"
	"io/fs"
	"sort"

	"sitrep"
	"sitrep/engine"
	"sitrep/examples"
	"sitrep/ingest"
)

// Load codes the bundled examples and the extra reports (each a text file's
// contents, with the optional Title:/Source:/Published: header block) and
// stores them. It returns how many articles it stored; the others were
// already there.
func Load(ctx context.Context, st sitrep.Store, extra ...[]byte) (int, error) {
	p, err := engine.New(engine.Options{})
	if err != nil {
		return 0, err
	}
	type file struct {
		name string
		data []byte
	}
	var files []file
	names, err := fs.Glob(examples.FS, "*.txt")
	if err != nil {
		return 0, err
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := examples.FS.ReadFile(n)
		if err != nil {
			return 0, err
		}
		files = append(files, file{"examples/" + n, b})
	}
	for i, b := range extra {
		files = append(files, file{fmt.Sprintf("extra/%02d.txt", i), b})
	}
	rd := ingest.NewReader(ingest.Options{})
	var recs []*sitrep.Record
	for _, f := range files {
		for a, err := range rd.Bytes(ctx, f.name, f.data) {
			if err != nil {
				return 0, fmt.Errorf("%s: %w", f.name, err)
			}
			rec := p.Code(a)
			recs = append(recs, &rec)
		}
	}
	res, err := st.Put(ctx, recs)
	if err != nil {
		return 0, err
	}
	stored := 0
	for _, r := range res {
		if r == sitrep.Stored {
			stored++
		}
	}
	return stored, nil
}
