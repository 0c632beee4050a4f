#!/usr/bin/env bash
# Reading and decoding down to the UDP payload, against libpcap's read floor, on the same file
# from the page cache:
#   tcpdump -r FILE -w /dev/null                       libpcap reads every record (the floor)
#   sipscope analyze FILE --format json                the whole command, JVM start included
#   JMH FileReadBenchmark.read / .readAndDecode        steady state, frames per second
#
# usage: bench/reader-vs-tcpdump.sh [CAPTURE]
#   Without CAPTURE, generates bench/data/rtp-heavy.pcap with the samples scenario builder
#   (its rtp-heavy profile: about 2 GB of G.711 calls; CALLS=n and CONCURRENT=n override).
#   RUNS=n sets the repetitions of each command (median reported).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

runs=${RUNS:-5}
file=${1:-bench/data/rtp-heavy.pcap}
for tool in tcpdump java mvn /usr/bin/time; do
    command -v "$tool" >/dev/null 2>&1 || { echo "needs $tool (Debian: apt-get install tcpdump time maven openjdk-17-jdk-headless)" >&2; exit 1; }
done

echo "== building" >&2
mvn -q -B -ntp -DskipTests -pl bench,tui -am package >&2

if [ ! -f "$file" ]; then
    mkdir -p "$(dirname "$file")"
    echo "== generating $file" >&2
    opts=()
    [ -n "${CALLS:-}" ] && opts+=(--calls "$CALLS")
    [ -n "${CONCURRENT:-}" ] && opts+=(--concurrent "$CONCURRENT")
    java -cp bench/target/benchmarks.jar dev.sipscope.samples.Generate rtp-heavy "$file" "${opts[@]}" >&2
fi
cat "$file" > /dev/null   # into the page cache

# median of the first field of each line on stdin
median() { sort -n | awk '{a[NR]=$1} END {m=int((NR+1)/2); print a[m]}'; }

# one_run CMD... : prints "wall_s peak_rss_kb"
one_run() {
    local t; t=$(mktemp)
    /usr/bin/time -f "%e %M" -o "$t" "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; rm -f "$t"; return 1; }
    tail -1 "$t"; rm -f "$t"
}

frames=$(java -jar tui/target/sipscope.jar analyze --format json "$file" | awk -F': ' '/"frames"/ {gsub(/,/,"",$2); print $2; exit}')
size=$(stat -c %s "$file")
echo "== $file: $frames frames, $size bytes; $runs runs of each, alternating" >&2

tmp=$(mktemp -d)
for _ in $(seq "$runs"); do
    one_run tcpdump -r "$file" -w /dev/null >> "$tmp/tcpdump"
    one_run java -jar tui/target/sipscope.jar analyze --format json "$file" >> "$tmp/sipscope"
done

echo
printf '%-36s %10s %14s %12s\n' "command (median of $runs)" "wall s" "frames/s" "peak RSS MB"
for name in tcpdump sipscope; do
    label="tcpdump -r F -w /dev/null"
    [ "$name" = sipscope ] && label="sipscope analyze F --format json"
    wall=$(awk '{print $1}' "$tmp/$name" | median)
    rss=$(awk '{print $2}' "$tmp/$name" | median)
    awk -v l="$label" -v w="$wall" -v r="$rss" -v f="$frames" \
        'BEGIN { printf "%-36s %10.3f %14.0f %12.1f\n", l, w, (w > 0 ? f / w : 0), r / 1024 }'
done
rm -rf "$tmp"

echo
echo "== JMH (steady state, frames/s = the 'frames' row)" >&2
java -jar bench/target/benchmarks.jar FileReadBenchmark -p file="$file" -f 1 -wi 2 -i 5 -w 3s -r 5s 2>&1 \
    | grep -E "^(Benchmark|FileReadBenchmark)"
