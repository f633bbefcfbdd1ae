#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs one or all of them for a given time.
#
#   bash Fuzz/run.sh TARGET SECONDS     e.g.  bash Fuzz/run.sh log-scanner 60
#   bash Fuzz/run.sh all SECONDS        every target, one after the other
#
# Each target starts from its committed seeds in Fixtures/fuzz/<target>/ (never modified) and
# a working corpus in fuzz-out/<target>/corpus/ (kept between runs, not committed). A crash,
# a hang (an input taking over 10 s) or a leak of over 2 GiB stops the target, leaves the
# input in fuzz-out/<target>/ and makes the script exit non-zero: turn that input into a
# regression test (see Tests/*/FuzzRegressionTests.swift) before fixing the parser.
# The summary line per target gives the executions run, for SECURITY.md.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=(log-scanner key-slots anchor entry minisign-signature minisign-public-key bundle-archive age-header)

# Largest input per target: a little above the largest seed.
max_len() {
    case "$1" in
        bundle-archive) echo 131072 ;;
        log-scanner) echo 4096 ;;
        entry) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

usage() { echo "usage: $0 TARGET|all SECONDS   (targets: ${TARGETS[*]})" >&2; exit 2; }
[ $# -eq 2 ] || usage
[[ "$2" =~ ^[0-9]+$ ]] || usage
SECONDS_EACH="$2"
if [ "$1" = "all" ]; then
    RUN=("${TARGETS[@]}")
else
    [[ " ${TARGETS[*]} " == *" $1 "* ]] || usage
    RUN=("$1")
fi

# libFuzzer ships with the Swift toolchain (lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a);
# SwiftPM's --sanitize fuzzer instruments every module for coverage and links it.
echo "== building fuzz targets (release, --sanitize fuzzer)"
swift build --package-path Fuzz -c release --sanitize fuzzer
BIN="$(swift build --package-path Fuzz -c release --sanitize fuzzer --show-bin-path)"

failed=()
summary=()
for target in "${RUN[@]}"; do
    out="fuzz-out/$target"
    mkdir -p "$out/corpus"
    seeds="Fixtures/fuzz/$target"
    [ -d "$seeds" ] || { echo "error: no seeds in $seeds" >&2; exit 1; }
    echo "== fuzzing $target for ${SECONDS_EACH}s"
    log="$out/last-run.log"
    status=0
    # SWIFT_BACKTRACE off: libFuzzer's own handler reports the crash and saves the input.
    SWIFT_BACKTRACE=enable=no "$BIN/fuzz-$target" \
        -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$target")" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/" \
        "$out/corpus" "$seeds" >"$log" 2>&1 || status=$?
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    corpus="$(find "$out/corpus" -type f | wc -l)"
    if [ "$status" -eq 0 ]; then
        summary+=("$target: ${execs:-0} executions in ${SECONDS_EACH}s, corpus $corpus, no crash")
    else
        grep -E "ERROR|SUMMARY|Fatal error|Test unit written|panic" "$log" | head -20 >&2 || true
        summary+=("$target: FAILED (exit $status) after ${execs:-?} executions; input saved in $out/ (see $log)")
        failed+=("$target")
    fi
done

echo "== fuzzing summary"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "error: fuzzing found a problem in: ${failed[*]}" >&2
    exit 1
fi
