#!/usr/bin/env bash
# Live capture under load (issue 7): RATE datagrams/s of SIP and RTP on loopback for SECONDS, sent
# by bench's UdpBlast, while
#   1. sipscope capture -i lo -w FILE FILTER        (capture to a file; its summary line gives the drops)
#   2. LiveFeedLoad -i lo FILTER                    (the TUI's live analysis path, headless: LiveSource ->
#                                                    CaptureFeed (decoder, correlator, RTP quality) -> ViewWorker)
# For each: datagrams sent, frames captured (written / analysed), sipscope's queue drops, the kernel
# drops libpcap reports, and the kernel's backlog drops (/proc/net/softnet_stat, where loopback
# traffic can be lost before any capture sees it), plus CPU and peak RSS.
#
# usage: bench/live-load.sh [--no-build] [capture|feed|both]      (default both; needs root for libpcap)
# Environment: RATE=100000 DURATION=25 (seconds) LIVE_CALLS=500 (concurrent call slots, 2 RTP legs each) CALL_SECONDS=10
#   BUFFER_MIB (sipscope -B; default 8 MiB for capture, 64 MiB for the feed as for sipscope -i)  OUT=bench/results/live-<UTC time>
#   SIPSCOPE_JAVA_OPTS (JVM options for sipscope and the feed harness, after the launcher's own: sipscope
#     and the feed run with the options ./sipscope runs with, SIPSCOPE_PRINT_JVM_OPTS=1 ./sipscope;
#     LAUNCHER_OPTS=0 leaves those out, for the JVM's defaults)
#   PRIORITY=-10 runs the sender and the process under test with nice -n PRIORITY (root): on a machine shared
#     with other work the sender may otherwise fall short of RATE (the report says so when it does)
#   KEEP_PCAP=1 keeps the captured file ($OUT/live.pcap, about 0.5 GB at the defaults)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

build=1
what=both
for a in "$@"; do
    case "$a" in
        --no-build) build=0 ;;
        capture|feed|both) what=$a ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "live-load.sh: unknown argument $a (see --help)" >&2; exit 2 ;;
    esac
done
rate=${RATE:-100000}
secs=${DURATION:-25}
calls=${LIVE_CALLS:-500}
call_seconds=${CALL_SECONDS:-10}
out=${OUT:-bench/results/live-$(date -u +%Y%m%dT%H%M%SZ)}
jar=tui/target/sipscope.jar
benchjar=bench/target/benchmarks.jar
rtp_base=40000
sip_port=5070
filter="udp and (portrange $rtp_base-$((rtp_base + 2 * calls - 1)) or portrange $sip_port-$((sip_port + 1)))"
bopt=(); [ -n "${BUFFER_MIB:-}" ] && bopt=(-B "$BUFFER_MIB")
prio=(); [ -n "${PRIORITY:-}" ] && prio=(nice -n "$PRIORITY")

[ "$(id -u)" = 0 ] || echo "live-load.sh: not root: libpcap will likely refuse to open lo" >&2
for t in java /usr/bin/time capinfos; do command -v "$t" >/dev/null || { echo "live-load.sh: needs $t" >&2; exit 1; }; done
if [ "$build" = 1 ] || [ ! -f "$jar" ] || [ ! -f "$benchjar" ]; then
    echo "== building" >&2
    mvn -q -B -ntp -o -DskipTests -pl bench,tui -am package >&2 2>/dev/null || mvn -q -B -ntp -DskipTests -pl bench,tui -am package >&2
fi
launcher_opts=()
if [ "${LAUNCHER_OPTS:-1}" = 1 ]; then
    read -r -a launcher_opts < <(SIPSCOPE_PRINT_JVM_OPTS=1 ./sipscope)
fi
mkdir -p "$out"
report=$out/report.md
: > "$report"
say() { printf '%s\n' "$*" | tee -a "$report"; }
load() { awk '{print $1", "$2", "$3}' /proc/loadavg; }
# the kernel's per-CPU backlog drops (second column of softnet_stat, hex), summed
softnet_drops() { local s=0 d; for d in $(awk '{print $2}' /proc/net/softnet_stat); do s=$((s + 16#$d)); done; echo "$s"; }
blast() {
    "${prio[@]}" java ${SIPSCOPE_JAVA_OPTS:-} -cp "$benchjar" dev.sipscope.bench.UdpBlast --rate "$rate" --seconds "$secs" --calls "$calls" \
        --call-seconds "$call_seconds" --rtp-base "$rtp_base" --sip-port "$sip_port" > "$out/$1.blast" 2> "$out/$1.blast.err"
}
# pid of the java child of /usr/bin/time
child_of() { local c=""; for _ in $(seq 50); do c=$(pgrep -P "$1" | head -1) && [ -n "$c" ] && break; sleep 0.1; done; echo "$c"; }

say "## Live capture load: $rate datagrams/s on lo for $secs s ($(date -u '+%Y-%m-%d %H:%M UTC'))"
say ""
say "UdpBlast: $calls call slots (2 RTP legs each, 172-byte RTP), calls of $call_seconds s (INVITE/100/180/200/ACK, BYE/200);" \
    "filter \`$filter\`; $(nproc) cores; sipscope -B ${BUFFER_MIB:-default (8 for capture, 64 for the feed)} MiB${PRIORITY:+; sender and sipscope under nice -n $PRIORITY}; sipscope's JVM options: ${launcher_opts[*]:-the JVM defaults}${SIPSCOPE_JAVA_OPTS:+ $SIPSCOPE_JAVA_OPTS} (the CDS archive applies to the capture only)."

# rate_check NAME: says so when the sender fell short of RATE (it was starved of CPU): then the run did not test RATE
rate_check() {
    local total took warm
    read -r _ total _ _ took _ warm < "$out/$1.blast"
    awk -v t="$((total - ${warm:-0}))" -v s="$took" -v r="$rate" 'BEGIN { a = t / s; if (a < 0.95 * r) exit 1 }' \
        || say "" "**The sender reached only $(awk -v t="$((total - ${warm:-0}))" -v s="$took" 'BEGIN { printf "%.0f", t / s }') datagrams/s of $rate: it was short of CPU, so this run does not test $rate/s.**"
}

capture_run() {
    local pcap=$out/live.pcap s0 s1 load0
    rm -f "$pcap"
    load0=$(load); s0=$(softnet_drops)
    /usr/bin/time -f "%e %U %S %M" -o "$out/capture.time" \
        "${prio[@]}" java "${launcher_opts[@]}" ${SIPSCOPE_JAVA_OPTS:-} -jar "$jar" capture -i lo "${bopt[@]}" -w "$pcap" "$filter" 2> "$out/capture.err" &
    local tpid=$!
    local jpid; jpid=$(child_of "$tpid")
    for _ in $(seq 100); do [ -s "$pcap" ] && break; sleep 0.1; done
    sleep 1
    echo "== capture: blasting $rate/s for $secs s ($(load))" >&2
    blast capture
    sleep 2
    kill -TERM "$jpid"   # SIGINT is ignored by background jobs of a script; the JVM stops cleanly on TERM too
    wait "$tpid" || true
    s1=$(softnet_drops)
    local sent written summary
    read -r _ sent _ _ _ _ < "$out/capture.blast"
    written=$(capinfos -c -M "$pcap" | awk '/Number of packets/ {print $NF}')
    summary=$(grep -E "packets .* captured on" "$out/capture.err" | tail -1)
    local kd idrop qd krecv
    kd=$(sed -n 's/.*drops: kernel \([0-9,]*\),.*/\1/p' <<< "$summary" | tr -d ,)
    idrop=$(sed -n 's/.*interface \([0-9,]*\),.*/\1/p' <<< "$summary" | tr -d ,)
    qd=$(sed -n 's/.*queue \([0-9,]*\);.*/\1/p' <<< "$summary" | tr -d ,)
    krecv=$(sed -n 's/.*kernel received \([0-9,]*\)\..*/\1/p' <<< "$summary" | tr -d ,)
    read -r wall user sys rss < <(tail -1 "$out/capture.time")
    say ""
    say "### \`sipscope capture -i lo -w F FILTER\` (load average before: $load0; after: $(load))"
    say ""
    say "| datagrams sent | frames written | missing | sipscope queue drops | kernel drops (libpcap) | interface drops | kernel received (libpcap) | backlog drops (softnet) | capture CPU user+sys | peak RSS |"
    say "|---|---|---|---|---|---|---|---|---|---|"
    awk -v s="$sent" -v w="$written" -v q="$qd" -v k="$kd" -v i="$idrop" -v r="$krecv" -v b="$((s1 - s0))" -v u="$user" -v y="$sys" -v m="$rss" \
        'BEGIN { printf "| %d | %d | %d | %s | %s | %s | %s | %d | %.1f s | %.0f MB |\n", s, w, s - w, q, k, i, r, b, u + y, m / 1024 }' | tee -a "$report"
    say ""
    say "sipscope: $summary"
    say "sender: $(tail -1 "$out/capture.blast.err")"
    rate_check capture
    [ "${KEEP_PCAP:-0}" = 1 ] || rm -f "$pcap"
    if [ "$qd" = 0 ] && [ "$sent" = "$written" ]; then say "" "Every datagram sent was written; no queue drops."
    else say "" "**Frames missing: $((sent - written)) (queue drops $qd, kernel drops $kd, backlog drops $((s1 - s0))).**"; fi
}

feed_run() {
    local s0 s1 load0
    load0=$(load); s0=$(softnet_drops); rm -f "$out/feed.stop"
    /usr/bin/time -f "%e %U %S %M" -o "$out/feed.time" \
        "${prio[@]}" java "${launcher_opts[@]}" ${SIPSCOPE_JAVA_OPTS:-} -cp "$benchjar" dev.sipscope.bench.LiveFeedLoad -i lo "${bopt[@]}" --seconds "$((secs * 4 + 60))" --until-file "$out/feed.stop" "$filter" \
        > "$out/feed.out" 2> "$out/feed.err" &
    local tpid=$!
    for _ in $(seq 100); do grep -q "^live feed on" "$out/feed.err" 2>/dev/null && break; sleep 0.1; done
    sleep 2
    echo "== feed: blasting $rate/s for $secs s ($(load))" >&2
    blast feed
    sleep 2
    touch "$out/feed.stop"
    wait "$tpid" || true
    s1=$(softnet_drops)
    local sent frames kd qd calls sipm heap ecpu ccpu
    read -r _ sent _ _ _ _ < "$out/feed.blast"
    read -r _ frames kd qd calls sipm heap ecpu ccpu < "$out/feed.out"
    read -r wall user sys rss < <(tail -1 "$out/feed.time")
    say ""
    say "### TUI live feed, headless (\`LiveFeedLoad -i lo FILTER\`: LiveSource -> CaptureFeed -> ViewWorker; load average before: $load0; after: $(load))"
    say ""
    say "| datagrams sent | frames analysed | missing | queue drops | kernel drops (libpcap) | backlog drops (softnet) | calls | SIP messages | engine thread CPU | capture thread CPU | process CPU user+sys | peak RSS |"
    say "|---|---|---|---|---|---|---|---|---|---|---|---|"
    awk -v s="$sent" -v f="$frames" -v q="$qd" -v k="$kd" -v b="$((s1 - s0))" -v c="$calls" -v sm="$sipm" -v e="$ecpu" -v cc="$ccpu" \
        -v u="$user" -v y="$sys" -v m="$rss" \
        'BEGIN { printf "| %d | %d | %d | %d | %d | %d | %d | %d | %.1f s | %.1f s | %.1f s | %.0f MB |\n", s, f, s - f, q, k, b, c, sm, e, cc, u + y, m / 1024 }' \
        | tee -a "$report"
    say ""
    say "sender: $(tail -1 "$out/feed.blast.err")"
    rate_check feed
    say "feed: $(grep '^final:' "$out/feed.err" | tail -1)"
    if [ "$qd" = 0 ] && [ "$sent" = "$frames" ]; then say "" "Every datagram sent was analysed; no queue drops."
    else say "" "**Frames not analysed: $((sent - frames)) (queue drops $qd, kernel drops $kd, backlog drops $((s1 - s0))).**"; fi
}

case $what in
    capture) capture_run ;;
    feed) feed_run ;;
    both) capture_run; feed_run ;;
esac
echo "== report: $report" >&2
