#!/usr/bin/env bash
# Compare JVM option sets for `sipscope analyze F --format json`, through the ./sipscope launcher
# (each set is passed as SIPSCOPE_JAVA_OPTS, which comes after the launcher's own options and so
# overrides them). Runs alternate: round by round, file by file, set by set.
#
# usage: bench/jvm-options.sh [-r ROUNDS] [-f FILE]... SET...
#   -r ROUNDS   runs of each set on each file (default 3; medians reported)
#   -f FILE     a capture (repeatable; default: bench/data/rtp-heavy.pcap, bench/data/sip-heavy.pcap,
#               bench/data/sip-heavy-5x.pcap, those that exist; bench/compare.sh generates them)
#   SET         JVM options as one argument, e.g. "" (the launcher's own) or "-XX:InitialRAMPercentage=5"
#
# Prints one Markdown row per file and set: median wall time, CPU user+sys, peak RSS, and every run's
# wall time (the spread). Use an idle machine: with other work running the figures mean little.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
rounds=3
files=()
while [ $# -gt 0 ]; do
    case "$1" in
        -r) rounds=$2; shift 2 ;;
        -f) files+=("$2"); shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) break ;;
    esac
done
[ $# -ge 1 ] || { echo "jvm-options.sh: give at least one option set (\"\" for the launcher's own); see --help" >&2; exit 2; }
if [ "${#files[@]}" = 0 ]; then
    for f in bench/data/rtp-heavy.pcap bench/data/sip-heavy.pcap bench/data/sip-heavy-5x.pcap; do
        [ -f "$f" ] && files+=("$f")
    done
fi
[ "${#files[@]}" -gt 0 ] || { echo "jvm-options.sh: no capture: give -f FILE or run bench/compare.sh first" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "jvm-options.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
sets=("$@")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./sipscope --version > /dev/null    # builds the jar and the class-data archive first
for r in $(seq "$rounds"); do
    echo "round $r of $rounds (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    for fi in "${!files[@]}"; do
        for si in "${!sets[@]}"; do
            /usr/bin/time -f "%e %U %S %M" -o "$tmp/t" env SIPSCOPE_JAVA_OPTS="${sets[$si]}" \
                ./sipscope analyze "${files[$fi]}" --format json > /dev/null 2> "$tmp/err" \
                || { echo "jvm-options.sh: failed with [${sets[$si]}]:" >&2; cat "$tmp/err" >&2; exit 1; }
            echo "$fi $si $(tail -1 "$tmp/t")" >> "$tmp/all"
        done
    done
done
echo "| capture | options (SIPSCOPE_JAVA_OPTS) | wall (median) | CPU user+sys | peak RSS | runs |"
echo "|---|---|---|---|---|---|"
for fi in "${!files[@]}"; do
    for si in "${!sets[@]}"; do
        awk -v f="$fi" -v s="$si" '$1 == f && $2 == s {print $3, $4 + $5, $6}' "$tmp/all" | sort -n > "$tmp/rows"
        awk -v name="$(basename "${files[$fi]}")" -v opts="${sets[$si]:-(launcher only)}" '
            {w[NR] = $1; c[NR] = $2; m[NR] = $3; all = all (NR > 1 ? ", " : "") $1}
            END {
                n = NR; mid = int((n + 1) / 2)
                # medians: wall is sorted already; sort cpu and rss by insertion
                for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) {
                    if (c[j] < c[i]) {t = c[i]; c[i] = c[j]; c[j] = t}
                    if (m[j] < m[i]) {t = m[i]; m[i] = m[j]; m[j] = t}
                }
                printf "| %s | `%s` | %.2f s | %.2f s | %.0f MB | %s |\n", name, opts, w[mid], c[mid], m[mid] / 1024, all
            }' "$tmp/rows"
    done
done
