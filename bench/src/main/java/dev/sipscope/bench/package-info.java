/**
 * JMH benchmarks of the hot paths, and the tools of the end-to-end comparison (issue 7).
 *
 * <p>Build with {@code mvn -pl bench,tui -am package -DskipTests}; run the benchmarks with
 * {@code java -jar bench/target/benchmarks.jar}; their inputs come from
 * {@code bench/reader-vs-tcpdump.sh} or {@code bench/compare.sh}. Also in the jar, run with
 * {@code java -cp bench/target/benchmarks.jar CLASS}:
 * <ul>
 *   <li>{@link dev.sipscope.bench.AgreementCheck}: sipscope's JSON streams against tshark's
 *       {@code -z rtp,streams} table ({@link dev.sipscope.bench.TsharkRtpStreams} reads it);</li>
 *   <li>{@link dev.sipscope.bench.UdpBlast}: paced SIP and RTP over UDP, the live-capture load;</li>
 *   <li>{@link dev.sipscope.bench.LiveFeedLoad}: the TUI's live feed without a terminal.</li>
 * </ul>
 * Scripts: {@code bench/compare.sh} (sipscope, tshark, sngrep and tcpdump timed alternately; the
 * agreement check; scaling) and {@code bench/live-load.sh} (capture and live feed under load).
 */
package dev.sipscope.bench;
