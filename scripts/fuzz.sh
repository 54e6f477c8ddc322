#!/usr/bin/env bash
# Runs every fuzz target for a bounded time, one after another, and stops at
# the first failure (a crasher is written under the package's
# testdata/fuzz/FuzzXxx/ and then runs with every `go test` as a regression
# test).
#
#   scripts/fuzz.sh          # 10s per target
#   scripts/fuzz.sh 60s      # any -fuzztime value: 60s, 2m, 10000x
#
# FUZZFLAGS adds flags to every run, e.g. FUZZFLAGS=-parallel=1 on a busy
# machine.
set -euo pipefail

T=${1:-10s}
cd "$(dirname "$0")/.."

# package target
TARGETS="
ingest FuzzReader
ingest FuzzDecodeText
ingest FuzzTextArticle
ingest FuzzParseDate
ingest FuzzHTML
ingest FuzzFeed
ingest FuzzJSONL
cameo FuzzVerbDict
cameo FuzzParsePattern
cameo FuzzCodebook
actors FuzzDict
petrarch FuzzConvert
timex FuzzAnnotate
nlp FuzzAnalyze
syntax FuzzAnalyze
conllu FuzzRead
engine FuzzPipeline
api FuzzQueryParams
"

# The list must not name a target that does not exist; a target in a
# fuzz_test.go that the list lacks is reported (add it above).
listed=$(awk 'NF {print $1, $2}' <<<"$TARGETS" | sort)
found=$(grep -H '^func Fuzz' -- */fuzz_test.go | sed -E 's#^([^/]+)/fuzz_test.go:func (Fuzz[A-Za-z0-9_]*)\(.*#\1 \2#' | sort)
if missing=$(comm -23 <(echo "$listed") <(echo "$found")) && [ -n "$missing" ]; then
	echo "scripts/fuzz.sh: listed targets not found in any fuzz_test.go:" >&2
	echo "$missing" >&2
	exit 1
fi
if extra=$(comm -13 <(echo "$listed") <(echo "$found")) && [ -n "$extra" ]; then
	echo "scripts/fuzz.sh: not listed, so not run:" >&2
	echo "$extra" >&2
fi

# Go's fuzzing engine can stop a run with "context deadline exceeded" when
# the time is up while a worker is still busy, on a loaded machine, without
# any failing input. Such a run is tried once more; a real failure (an input
# written under testdata/fuzz) or a second such stop fails.
fuzz_one() {
	local pkg=$1 target=$2 out
	# shellcheck disable=SC2086
	if out=$(go test -run='^$' -fuzz="^${target}\$" -fuzztime="$T" ${FUZZFLAGS:-} "./$pkg/" 2>&1); then
		printf '%s\n' "$out" | tail -2
		return 0
	fi
	printf '%s\n' "$out"
	if grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input written' <<<"$out"; then
		echo "== ./$pkg/ $target: the fuzzing engine ran out of time with no failing input; once more"
		# shellcheck disable=SC2086
		go test -run='^$' -fuzz="^${target}\$" -fuzztime="$T" ${FUZZFLAGS:-} "./$pkg/"
		return
	fi
	return 1
}

while read -r pkg target; do
	[ -z "$pkg" ] && continue
	echo "== ./$pkg/ $target ($T)"
	fuzz_one "$pkg" "$target"
done <<<"$TARGETS"
echo "all fuzz targets passed ($T each)"
