// Package geo finds and locates the places a report names. Its gazetteer
// is built from GeoNames (CC BY 4.0, https://www.geonames.org/) by
// scripts/build-gazetteer.sh and embedded, so nothing is downloaded at run
// time. Each line of data/gazetteer.tsv.gz is one place:
//
//	geonameid name ascii alternates lat lon feature country admin1 admin1name population
//
// with GeoNames' populated places of 500 people or more, and one line for
// each first-level division and each country (geonameid 0, located at the
// population-weighted centre of their places, or a country's capital).
package geo
