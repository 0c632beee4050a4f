#!/usr/bin/env bash
# Two builds of sipscope on the same capture, alternating: A, B, B, A, A, B ... Each build is a checkout
# with its own ./sipscope launcher (for instance `git worktree add /tmp/before HEAD~1` beside this
# one; link the bench captures into it or give absolute paths). Each launcher builds its jar and
# class-data archive first if its sources changed.
#
# usage: bench/ab.sh [-r ROUNDS] DIR_A DIR_B FILE [ARG...]
#   -r ROUNDS   runs of each build (default 6)
#   ARG...      arguments after FILE for `sipscope analyze` (default: --format json)
#
# Prints each build's wall times sorted, the median wall time, the median CPU (user+sys) and the
# median peak RSS; then B's wall time and CPU over A's round by round (each B run over the A run of
# its round; rounds alternate which build runs first), whose median is steadier than the medians'
# ratio when the host's load drifts. Use an idle machine; VM noise between runs is about 0.1 s on the 2 GB capture.
set -euo pipefail
rounds=6
if [ "${1:-}" = -r ]; then
    rounds=$2
    shift 2
fi
if [ $# -lt 3 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 2
fi
a=$1
b=$2
file=$3
shift 3
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--format json)
command -v /usr/bin/time >/dev/null || { echo "ab.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
for d in "$a" "$b"; do
    [ -x "$d/sipscope" ] || { echo "ab.sh: no sipscope launcher in $d" >&2; exit 2; }
    "$d/sipscope" --version > /dev/null
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for round in $(seq "$rounds"); do
    # A then B, then B then A: neither build always runs first in its round (ABBA).
    order="a b"
    [ $((round % 2)) = 0 ] && order="b a"
    for side in $order; do
        d=$a
        [ "$side" = b ] && d=$b
        # The file's pages first: this VM drops page cache of files left idle for a few minutes.
        cat "$file" > /dev/null
        /usr/bin/time -f "%e %U %S %M" -a -o "$tmp/$side" "$d/sipscope" analyze "$file" "${args[@]}" > /dev/null
    done
done
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for side in a b; do
    d=$a
    [ "$side" = b ] && d=$b
    printf '%s: wall %s s (runs: %s), CPU %s s, peak RSS %s MB\n' "$d" \
        "$(awk '{print $1}' "$tmp/$side" | median)" "$(awk '{print $1}' "$tmp/$side" | sort -n | tr '\n' ' ' | sed 's/ $//')" \
        "$(awk '{print $2 + $3}' "$tmp/$side" | median)" "$(awk '{print int($4 / 1024)}' "$tmp/$side" | median)"
done
# Round by round: each B run over the A run of the same round. The two saw nearly the same load, which
# drifts on a shared host over the minutes all the rounds take.
ratios=$(paste -d' ' "$tmp/a" "$tmp/b" | awk '$1 > 0 {printf "%.3f %.3f\n", $5 / $1, ($6 + $7) / ($2 + $3)}')
printf 'B over A, round by round: wall %s (%s to %s), CPU %s\n' \
    "$(awk '{print $1}' <<< "$ratios" | median)" "$(awk '{print $1}' <<< "$ratios" | sort -n | head -1)" \
    "$(awk '{print $1}' <<< "$ratios" | sort -n | tail -1)" "$(awk '{print $2}' <<< "$ratios" | median)"
