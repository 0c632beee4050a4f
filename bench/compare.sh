#!/usr/bin/env bash
# sipscope against tshark, sngrep and the libpcap read floor, in one run (issue 7).
#
# usage: bench/compare.sh [--scaling | --live | --all] [--no-build] [--quick] [RTP_FILE [SIP_FILE]]
#
#   (default)   the comparison: on the RTP-heavy capture, alternating,
#                 tcpdump -r F -w /dev/null                     (libpcap read floor)
#                 sipscope analyze F --format json
#                 tshark -q -z rtp,streams -r F
#                 sngrep -I F -N -q                             (headless read)
#               then the per-stream agreement check (bench AgreementCheck: packets, lost, jitter
#               against tshark's rtp,streams); on the SIP-heavy capture the same tools with
#               tshark -q -z sip,stat instead of rtp,streams, and SIP messages per second.
#   --scaling   sipscope (and the tcpdump floor) on RTP-heavy captures of 1x, 2x, 4x the calls
#               (SCALE_CALLS x 1,2,4 at 300 concurrent: 0.5, 1, 2 GB by default) and at
#               SCALE_CONCURRENCY concurrent calls with the same number of calls (CONC_CALLS).
#   --live      bench/live-load.sh: 100,000 datagrams/s of SIP and RTP on lo into sipscope capture and the
#               TUI's live feed (needs root); its report is appended.
#   --all       all three: comparison, scaling, live (the full run: about 10 minutes on an idle machine
#               with the default RUNS=5 SLOW_RUNS=1, plus generating the missing captures once: up to 7 GB, about 1 minute).
#   --quick     small captures for a smoke test (RTP-heavy 100 calls, SIP-heavy 2,000 calls,
#               scaling 25/50/100 calls and 100 calls at 10/40/160 concurrent, live load 5 s at
#               20,000/s), in $DATA/quick/.
#   --no-build  use the jars already built.
#
# Captures missing are generated with the samples scenario builder
# (java -cp bench/target/benchmarks.jar dev.sipscope.samples.Generate ...) into $DATA.
#
# Environment:
#   RUNS=5            runs of tcpdump and sipscope (medians reported)
#   SLOW_RUNS=1       runs of tshark and sngrep (about 40 s and 155 s each on the 2 GB capture)
#   DATA=bench/data   where captures are read and generated (rtp-heavy.pcap, sip-heavy.pcap, scale-*.pcap)
#   OUT=bench/results/<UTC time>   where outputs, the agreement report and report.md are kept
#   TOOLS="tcpdump sipscope tshark sngrep"   leave some out
#   CALLS, CONCURRENT  rtp-heavy generation (default 2,200 calls, 300 concurrent: 2 GB)
#   SIP_CALLS         sip-heavy generation (default 20,000 calls and about 10,000 REGISTERs); the comparison
#                     also runs on sip-heavy-5x.pcap (5 x SIP_CALLS; tcpdump, sipscope, tshark; SIP_LARGE=0 skips it)
#                     and prints the SIP message rate beyond start-up from the two; on that file the
#                     per-stream agreement check runs too (one untimed tshark -z rtp,streams, about 40 s):
#                     it has more RTP streams in all than the 20,000 sipscope holds at once
#   SCALE_CALLS=550   calls of the 1x scaling capture; SCALE_CONCURRENCY="50 200 800"; CONC_CALLS=1100
#   SIPSCOPE_JAVA_OPTS  extra JVM options for sipscope (run through the ./sipscope launcher, with its own options)
#
# Prints Markdown tables (stdout, also in $OUT/report.md); progress on stderr. Every table names
# the load average before and after it: on a shared machine the figures are only indicative.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

mode=compare
build=1
quick=0
files=()
for a in "$@"; do
    case "$a" in
        --scaling) mode=scaling ;;
        --all) mode=all ;;
        --live) mode=live ;;
        --no-build) build=0 ;;
        --quick) quick=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "compare.sh: unknown option $a (see --help)" >&2; exit 2 ;;
        *) files+=("$a") ;;
    esac
done

runs=${RUNS:-5}
slow_runs=${SLOW_RUNS:-1}
data=${DATA:-bench/data}
tools=" ${TOOLS:-tcpdump sipscope tshark sngrep} "
out=${OUT:-bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
if [ "$quick" = 1 ]; then
    data=$data/quick
    : "${CALLS:=100}" "${CONCURRENT:=20}" "${SIP_CALLS:=2000}" "${SCALE_CALLS:=25}" "${CONC_CALLS:=100}"
    : "${SCALE_CONCURRENCY:=10 40 160}"
    export DURATION=${DURATION:-5} RATE=${RATE:-20000}   # for --live: 5 s at 20,000/s
fi
scale_calls=${SCALE_CALLS:-550}
conc_calls=${CONC_CALLS:-1100}
scale_concurrency=${SCALE_CONCURRENCY:-50 200 800}
rtp_file=${files[0]:-$data/rtp-heavy.pcap}
sip_file=${files[1]:-$data/sip-heavy.pcap}
jar=tui/target/sipscope.jar
benchjar=bench/target/benchmarks.jar

need() { command -v "$1" >/dev/null 2>&1 || { echo "compare.sh: needs $1 ($2)" >&2; exit 1; }; }
need java "apt-get install openjdk-17-jdk-headless"
need /usr/bin/time "apt-get install time"
[[ $tools == *" tcpdump "* ]] && need tcpdump "apt-get install tcpdump"
[[ $tools == *" tshark "* ]] && need tshark "apt-get install tshark"
[[ $tools == *" sngrep "* ]] && need sngrep "apt-get install sngrep"

if [ "$build" = 1 ] || [ ! -f "$jar" ] || [ ! -f "$benchjar" ]; then
    need mvn "apt-get install maven"
    echo "== building $jar and $benchjar" >&2
    mvn -q -B -ntp -o -DskipTests -pl bench,tui -am package >&2 2>/dev/null \
        || mvn -q -B -ntp -DskipTests -pl bench,tui -am package >&2
fi
mkdir -p "$out" "$data"
report=$out/report.md
: > "$report"
say() { printf '%s\n' "$*" | tee -a "$report"; }

# generate SCENARIO FILE [Generate options...]: writes FILE when missing
generate() {
    local scenario=$1 file=$2; shift 2
    [ -f "$file" ] && return 0
    mkdir -p "$(dirname "$file")"
    echo "== generating $file ($scenario $*)" >&2
    java -cp "$benchjar" dev.sipscope.samples.Generate "$scenario" "$file.part" "$@" | tee "${file%.*}.generate.txt" >&2
    mv "$file.part" "$file"
}

load() { awk '{print $1", "$2", "$3}' /proc/loadavg; }

# one_run NAME STDOUT_FILE CMD...: appends "wall user sys rss_kb" to $tmp/NAME
one_run() {
    local name=$1 stdout=$2; shift 2
    local t; t=$(mktemp)
    if ! /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" > "$stdout" 2> "$tmp/$name.err"; then
        echo "compare.sh: failed: $* (see $tmp/$name.err)" >&2; cat "$tmp/$name.err" >&2; rm -f "$t"; return 1
    fi
    tail -1 "$t" >> "$tmp/$name"; rm -f "$t"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v c="$2" '{print $c}' "$tmp/$1" | median; }            # median of column c of $tmp/NAME
cpu() { awk '{print $2+$3}' "$tmp/$1" | median; }                   # median user+sys seconds

# frames and SIP messages of a file, from sipscope's JSON report
json_field() { awk -F': ' -v f="\"$2\"" '$1 ~ f"$" {gsub(/[, ]/,"",$2); print $2; exit}' "$1"; }

# row NAME LABEL FRAMES FLOOR_WALL: one Markdown table row
row() {
    local name=$1 label=$2 frames=$3 floor=$4
    [ -s "$tmp/$name" ] || return 0
    local n wall c rss
    n=$(wc -l < "$tmp/$name"); wall=$(col "$name" 1); c=$(cpu "$name"); rss=$(col "$name" 4)
    awk -v l="$label" -v n="$n" -v w="$wall" -v c="$c" -v r="$rss" -v f="$frames" -v fl="$floor" 'BEGIN {
        ratio = (fl > 0 ? sprintf("%.1fx", w / fl) : "-")
        printf "| %s | %d | %.2f s | %s | %.2f M | %.2f s | %.0f MB |\n", l, n, w, ratio, (w > 0 ? f / w / 1e6 : 0), c, r / 1024 }' | tee -a "$report"
}
header() {
    say "| command | runs | wall time (median) | x tcpdump floor | frames/s | CPU user+sys | peak RSS |"
    say "|---|---|---|---|---|---|---|"
}
has() { [[ $tools == *" $1 "* ]]; }

# Every wall time of sipscope and tcpdump, sorted, and the ratio of their fastest runs: on a machine
# shared with other guests the medians move with the neighbours, the fastest runs much less.
runs_note() {
    [ -s "$tmp/sipscope" ] && [ -s "$tmp/tcpdump" ] || return 0
    local a b
    a=$(awk '{print $1}' "$tmp/sipscope" | sort -n | tr '\n' ' '); a=${a% }
    b=$(awk '{print $1}' "$tmp/tcpdump" | sort -n | tr '\n' ' '); b=${b% }
    say ""
    say "Every run's wall time, sorted: sipscope $a s; tcpdump $b s. Fastest against fastest: $(awk -v x="${a%% *}" -v y="${b%% *}" 'BEGIN { printf "%.1fx", (y > 0 ? x / y : 0) }')."
    # Each sipscope run against the tcpdump run just before it: the two saw nearly the same load on a
    # shared host, which drifts over the minutes a whole set of runs takes.
    local pairs
    pairs=$(paste -d' ' <(awk '{print $1}' "$tmp/tcpdump") <(awk '{print $1}' "$tmp/sipscope") \
        | awk '$1 > 0 && $2 != "" {printf "%.2f\n", $2 / $1}' | sort -n)
    [ -n "$pairs" ] && say "Run by run (each sipscope run over the tcpdump run just before it): median $(median <<< "$pairs")x, from $(head -1 <<< "$pairs")x to $(tail -1 <<< "$pairs")x."
    return 0
}

compare_rtp() {
    local f=$rtp_file
    generate rtp-heavy "$f" ${CALLS:+--calls "$CALLS"} ${CONCURRENT:+--concurrent "$CONCURRENT"}
    tmp=$(mktemp -d); cat "$f" > /dev/null
    local load0; load0=$(load)
    echo "== $f: $runs runs of tcpdump and sipscope, $slow_runs of tshark and sngrep, alternating" >&2
    for i in $(seq "$runs"); do
        echo "   run $i ($(load))" >&2
        has tcpdump && one_run tcpdump /dev/null tcpdump -r "$f" -w /dev/null
        has sipscope && one_run sipscope "$out/sipscope-rtp.json" ./sipscope analyze "$f" --format json
        if [ "$i" -le "$slow_runs" ]; then
            has tshark && one_run tshark "$out/tshark-rtp-streams.txt" tshark -q -z rtp,streams -r "$f"
            has sngrep && one_run sngrep /dev/null env TERM="${TERM:-xterm}" sngrep -I "$f" -N -q
        fi
    done
    local frames size floor
    if [ -s "$out/sipscope-rtp.json" ]; then frames=$(json_field "$out/sipscope-rtp.json" frames)
    else frames=$(capinfos -c -M "$f" | awk '/Number of packets/ {print $NF}'); fi
    size=$(stat -L -c %s "$f")
    floor=0; [ -s "$tmp/tcpdump" ] && floor=$(col tcpdump 1)
    say ""
    say "### RTP-heavy: $(basename "$f"), $(awk -v s="$size" 'BEGIN{printf "%.2f GB", s/1e9}'), $frames frames"
    say ""
    say "$(date -u +%Y-%m-%d), load average before: $load0; after: $(load) ($(nproc) cores)."
    say ""
    header
    row tcpdump "\`tcpdump -r F -w /dev/null\`" "$frames" "$floor"
    row sipscope "\`sipscope analyze F --format json\`" "$frames" "$floor"
    row tshark "\`tshark -q -z rtp,streams -r F\`" "$frames" "$floor"
    row sngrep "\`sngrep -I F -N -q\`" "$frames" "$floor"
    runs_note
    if [ -s "$tmp/sipscope" ]; then
        local s; s=$(col sipscope 1)
        for other in tshark sngrep; do
            [ -s "$tmp/$other" ] && say "" && awk -v o="$other" -v a="$(col $other 1)" -v b="$s" -v ra="$(col $other 4)" -v rb="$(col sipscope 4)" \
                'BEGIN { printf "%s takes %.1fx the wall time of sipscope and %.1fx its peak memory.\n", o, a / b, ra / rb }' | tee -a "$report"
        done
    fi
    if [ -s "$tmp/sipscope" ] && [ "$floor" != 0 ]; then
        say ""
        awk -v w="$(col sipscope 1)" -v fl="$floor" -v r="$(col sipscope 4)" 'BEGIN {
            printf "Issue 7 targets on this file: wall time at most 2x the tcpdump floor: %s (%.1fx); peak RSS under 512 MB: %s (%.0f MB).\n",
                (w <= 2 * fl ? "met" : "NOT met"), w / fl, (r < 512 * 1024 ? "met" : "NOT met"), r / 1024 }' | tee -a "$report"
    fi
    if [ -s "$out/sipscope-rtp.json" ] && [ -s "$out/tshark-rtp-streams.txt" ]; then
        agreement "Agreement with tshark, per RTP stream (\`java -cp $benchjar dev.sipscope.bench.AgreementCheck\`):" \
            "$out/sipscope-rtp.json" "$out/tshark-rtp-streams.txt" "$out/agreement.txt"
    fi
    rm -rf "$tmp"
}

# agreement TITLE SIPSCOPE_JSON TSHARK_RTP_STREAMS OUT: the per-stream check (bench AgreementCheck) into the report
agreement() {
    say ""
    say "$1"
    say ""
    local rc=0
    java -cp "$benchjar" dev.sipscope.bench.AgreementCheck "$2" "$3" > "$4" 2>&1 || rc=$?
    sed 's/^/    /' "$4" | tee -a "$report"
    [ "$rc" = 0 ] || say "" "**The answers differ (exit code $rc); see $4.**"
}

# compare_sip FILE [CALLS]: the SIP-heavy comparison on FILE (generated with CALLS calls when missing)
compare_sip() {
    local f=$1 gen_calls=${2:-} tag
    tag=$(basename "$f"); tag=${tag%.*}
    generate sip-heavy "$f" ${gen_calls:+--calls "$gen_calls"}
    tmp=$(mktemp -d); cat "$f" > /dev/null
    local load0; load0=$(load)
    echo "== $f: $runs runs of tcpdump and sipscope, $slow_runs of tshark and sngrep, alternating" >&2
    for i in $(seq "$runs"); do
        echo "   run $i ($(load))" >&2
        has tcpdump && one_run tcpdump /dev/null tcpdump -r "$f" -w /dev/null
        has sipscope && one_run sipscope "$out/sipscope-$tag.json" ./sipscope analyze "$f" --format json
        if [ "$i" -le "$slow_runs" ]; then
            has tshark && one_run tshark "$out/tshark-$tag-sip-stat.txt" tshark -q -z sip,stat -r "$f"
            [ "${SIP_SNGREP:-1}" = 1 ] && has sngrep && one_run sngrep /dev/null env TERM="${TERM:-xterm}" sngrep -I "$f" -N -q
        fi
    done
    local frames=0 msgs=0 tmsgs=0 size floor
    if [ -s "$out/sipscope-$tag.json" ]; then
        frames=$(json_field "$out/sipscope-$tag.json" frames); msgs=$(json_field "$out/sipscope-$tag.json" sip_messages)
    else frames=$(capinfos -c -M "$f" | awk '/Number of packets/ {print $NF}'); fi
    [ -s "$out/tshark-$tag-sip-stat.txt" ] && tmsgs=$(awk -F': *' '/^Number of SIP messages/ {print $2; exit}' "$out/tshark-$tag-sip-stat.txt")
    size=$(stat -L -c %s "$f")
    floor=0; [ -s "$tmp/tcpdump" ] && floor=$(col tcpdump 1)
    say ""
    say "### SIP-heavy: $(basename "$f"), $(awk -v s="$size" 'BEGIN{printf "%.0f MB", s/1e6}'), $frames frames, $msgs SIP messages (sipscope), ${tmsgs:-?} (tshark)"
    say ""
    say "$(date -u +%Y-%m-%d), load average before: $load0; after: $(load) ($(nproc) cores)."
    say ""
    say "| command | runs | wall time (median) | x tcpdump floor | frames/s | CPU user+sys | peak RSS | SIP messages/s |"
    say "|---|---|---|---|---|---|---|---|"
    for name in tcpdump sipscope tshark sngrep; do
        local label m=""
        case $name in
            tcpdump) label="\`tcpdump -r F -w /dev/null\`" ;;
            sipscope) label="\`sipscope analyze F --format json\`"; m=$msgs ;;
            tshark) label="\`tshark -q -z sip,stat -r F\`"; m=$tmsgs ;;
            sngrep) label="\`sngrep -I F -N -q\`" ;;
        esac
        [ -s "$tmp/$name" ] || continue
        local wall; wall=$(col "$name" 1)
        awk -v l="$label" -v n="$(wc -l < "$tmp/$name")" -v w="$wall" -v c="$(cpu "$name")" -v r="$(col "$name" 4)" \
            -v f="$frames" -v fl="$floor" -v m="$m" 'BEGIN {
            ratio = (fl > 0 ? sprintf("%.1fx", w / fl) : "-")
            rate = (m != "" && w > 0 ? sprintf("%.0f k", m / w / 1e3) : "-")
            printf "| %s | %d | %.2f s | %s | %.2f M | %.2f s | %.0f MB | %s |\n", l, n, w, ratio, (w > 0 ? f / w / 1e6 : 0), c, r / 1024, rate }' \
            | tee -a "$report"
    done
    runs_note
    if [ -s "$tmp/sipscope" ] && [ -s "$tmp/tshark" ]; then
        say ""
        awk -v a="$(col tshark 1)" -v b="$(col sipscope 1)" 'BEGIN { printf "tshark -z sip,stat takes %.1fx the wall time of sipscope on this file.\n", a / b }' | tee -a "$report"
    fi
    if [ -n "$tmsgs" ] && [ "$tmsgs" != 0 ] && [ "$msgs" != "$tmsgs" ]; then
        say "" "**SIP message counts differ: sipscope $msgs, tshark $tmsgs.**"
    fi
    if [ -s "$tmp/sipscope" ] && [ "$msgs" != 0 ]; then
        say ""
        awk -v m="$msgs" -v w="$(col sipscope 1)" -v t="$([ -s "$tmp/tshark" ] && col tshark 1 || echo 0)" 'BEGIN {
            rate = m / w
            printf "Issue 7 targets on this file: at least 300,000 SIP messages/s end to end: %s (%.0f/s)", (rate >= 300000 ? "met" : "NOT met"), rate
            if (t > 0) printf "; at least 10x tshark -z sip,stat: %s (%.1fx)", (t >= 10 * w ? "met" : "NOT met"), t / w
            printf ".\n" }' | tee -a "$report"
    fi
    if [ "${SIP_RTP_AGREE:-0}" = 1 ] && has tshark && [ -s "$out/sipscope-$tag.json" ]; then
        # More RTP streams in all than the RTP analysis holds at once: every one must still be there.
        echo "   tshark -q -z rtp,streams for the agreement check (not timed)" >&2
        tshark -q -z rtp,streams -r "$f" > "$out/tshark-$tag-rtp-streams.txt" 2>/dev/null || true
        agreement "Agreement with tshark per RTP stream on this file (\`tshark -q -z rtp,streams\`, not timed):" \
            "$out/sipscope-$tag.json" "$out/tshark-$tag-rtp-streams.txt" "$out/agreement-$tag.txt"
    fi
    sip_points+=("$msgs $([ -s "$tmp/sipscope" ] && col sipscope 1 || echo 0)")
    rm -rf "$tmp"
}

# After the SIP-heavy runs on two sizes: the rate beyond start-up, from the difference of the two.
sip_marginal() {
    [ "${#sip_points[@]}" -ge 2 ] || return 0
    set -- ${sip_points[0]} ${sip_points[1]}
    [ "$2" != 0 ] && [ "$4" != 0 ] || return 0
    say ""
    awk -v m1="$1" -v w1="$2" -v m2="$3" -v w2="$4" 'BEGIN {
        if (w2 <= w1 || m2 <= m1) exit
        printf "Between the two SIP-heavy files: %d more SIP messages took %.2f s more, %.0f SIP messages/s once start-up and warm-up (the first file'"'"'s %.2f s) are paid.\n", m2 - m1, w2 - w1, (m2 - m1) / (w2 - w1), w1 }' | tee -a "$report"
}

# scale_file CALLS CONCURRENT: the capture for that point (the default 2,200 x 300 is rtp-heavy.pcap)
scale_file() {
    if [ "$1" = 2200 ] && [ "$2" = 300 ] && [ "$quick" = 0 ]; then echo "$data/rtp-heavy.pcap"
    else echo "$data/scale-rtp-c$1-k$2.pcap"; fi
}

scaling() {
    local points=()
    for m in 1 2 4; do points+=("$((scale_calls * m)) 300 size-${m}x"); done
    for k in $scale_concurrency; do points+=("$conc_calls $k concurrency-$k"); done
    say ""
    say "### Scaling: sipscope analyze F --format json ($runs runs each, median; tcpdump floor alongside)"
    say ""
    say "$(date -u +%Y-%m-%d), load average before: $(load) ($(nproc) cores)."
    say ""
    say "| capture | calls | concurrent (asked / at most) | size | frames | sipscope wall | CPU user+sys | peak RSS | tcpdump wall | x floor | calls (sipscope) |"
    say "|---|---|---|---|---|---|---|---|---|---|---|"
    for p in "${points[@]}"; do
        set -- $p
        local calls=$1 conc=$2 label=$3 f
        f=$(scale_file "$calls" "$conc")
        generate rtp-heavy "$f" --calls "$calls" --concurrent "$conc"
        tmp=$(mktemp -d); cat "$f" > /dev/null
        echo "== $label: $f ($(load))" >&2
        for _ in $(seq "$runs"); do
            has tcpdump && one_run tcpdump /dev/null tcpdump -r "$f" -w /dev/null
            one_run sipscope "$tmp/out.json" ./sipscope analyze "$f" --format json
        done
        local frames ncalls floor=0 peak="?"
        [ -f "${f%.*}.generate.txt" ] && peak=$(sed -n 's/.*(at most \([0-9]*\) at once).*/\1/p' "${f%.*}.generate.txt" | head -1)
        frames=$(json_field "$tmp/out.json" frames); ncalls=$(json_field "$tmp/out.json" calls)
        [ -s "$tmp/tcpdump" ] && floor=$(col tcpdump 1)
        awk -v l="$label" -v c="$calls" -v k="$conc" -v s="$(stat -L -c %s "$f")" -v fr="$frames" -v w="$(col sipscope 1)" \
            -v cp="$(cpu sipscope)" -v r="$(col sipscope 4)" -v fl="$floor" -v nc="$ncalls" -v pk="$peak" 'BEGIN {
            printf "| %s | %d | %d / %s | %.2f GB | %.2f M | %.2f s | %.2f s | %.0f MB | %s | %s | %s |\n", l, c, k, pk, s / 1e9, fr / 1e6, w, cp, r / 1024,
                (fl > 0 ? sprintf("%.2f s", fl) : "-"), (fl > 0 ? sprintf("%.1fx", w / fl) : "-"), nc }' | tee -a "$report"
        rm -rf "$tmp"
    done
    say ""
    say "Load average after: $(load)."
}

say "## sipscope vs tshark and sngrep ($(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -n))"
say ""
say "$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM;" \
    "$(java -version 2>&1 | head -1); $(tshark -v 2>/dev/null | head -1 | cut -d' ' -f1-3); $(sngrep -V 2>/dev/null | head -1); $(tcpdump --version 2>&1 | head -1)."
if [ "$mode" = compare ] || [ "$mode" = all ]; then
    compare_rtp
    sip_points=()
    compare_sip "$sip_file" "${SIP_CALLS:-}"
    if [ "${SIP_LARGE:-1}" = 1 ] && [ "${#files[@]}" -lt 2 ]; then
        SIP_SNGREP=0 SIP_RTP_AGREE=1 compare_sip "$data/sip-heavy-5x.pcap" $((5 * ${SIP_CALLS:-20000}))
        sip_marginal
    fi
fi
if [ "$mode" = scaling ] || [ "$mode" = all ]; then
    scaling
fi
if [ "$mode" = live ] || [ "$mode" = all ]; then
    say ""
    OUT=$out/live bench/live-load.sh --no-build both > /dev/null || say "**live-load.sh failed; see $out/live.**"
    [ -f "$out/live/report.md" ] && sed 's/^## /### /; s/^### `/#### `/; s/^### TUI/#### TUI/' "$out/live/report.md" | tee -a "$report"
fi
echo >&2
echo "== report: $report" >&2
