package dev.sipscope.samples;

import dev.sipscope.capture.FrameWriter;
import dev.sipscope.capture.LinkType;
import dev.sipscope.capture.PcapWriter;
import dev.sipscope.capture.PcapngWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Command line: {@code Generate <scenario-name> <out.pcap> [--calls N] [--concurrent N]
 * [--seconds S] [--seed S] [--loss R] [--jitter-ms S] [--truth FILE]}, or {@code Generate --list}.
 *
 * <p>Load scenarios ({@code rtp-heavy}, {@code sip-heavy}) stream to disk in bounded memory, as
 * pcapng when the output name ends in {@code .pcapng}, else nanosecond pcap; with {@code --truth}
 * a JSON document with a summary and one entry per call is streamed alongside.
 * Sample scenarios (the committed captures) ignore the options and always write the committed
 * bytes plus their truth sidecar.
 *
 * <p>Run after {@code mvn -q -o -pl samples -am compile}:
 * {@code java -cp capture/target/classes:samples/target/classes dev.sipscope.samples.Generate rtp-heavy /tmp/big.pcap}
 */
public final class Generate {
    private Generate() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command; returns the process exit code (0 ok, 2 usage error, 1 failure). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("generate: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        if (o.list) {
            out.println("Load scenarios (streamed, any size):");
            out.println("  rtp-heavy   answered G.711 calls, RTP both ways with bursty loss, jitter, reorder, duplicates, RTCP");
            out.println("              defaults: " + describe(LoadProfile.rtpHeavyDefaults()));
            out.println("  sip-heavy   many short calls with mixed outcomes and REGISTERs, RTP on one answered call in five");
            out.println("              defaults: " + describe(LoadProfile.sipHeavyDefaults()));
            out.println("Sample captures (fixed content, options ignored):");
            for (String n : SampleCaptures.names()) {
                out.println("  " + n.substring(0, n.length() - ".pcap".length()));
            }
            return 0;
        }
        try {
            long t0 = System.nanoTime();
            if (SampleCaptures.names().contains(o.scenario + ".pcap") || SampleCaptures.names().contains(o.scenario)) {
                ScenarioTruth truth = SampleCaptures.scenario(o.scenario).writePcapWithTruth(o.out);
                out.printf(Locale.ROOT, "%s: %d frames, %d SIP messages, %d RTP packets; truth in %s%n", o.out,
                        truth.frames(), truth.sipMessages(), truth.rtpPacketsCaptured(), Scenario.truthPath(o.out));
                return 0;
            }
            LoadProfile.Settings s;
            boolean sip;
            if (o.scenario.equals("rtp-heavy")) {
                s = LoadProfile.rtpHeavyDefaults();
                sip = false;
            } else if (o.scenario.equals("sip-heavy")) {
                s = LoadProfile.sipHeavyDefaults();
                sip = true;
            } else {
                err.println("generate: unknown scenario \"" + o.scenario + "\" (try --list)");
                return 2;
            }
            s = new LoadProfile.Settings(o.calls >= 0 ? o.calls : s.calls(), o.concurrent > 0 ? o.concurrent : s.concurrent(),
                    o.seconds >= 0 ? o.seconds : s.talkSeconds(), o.loss >= 0 ? o.loss : s.lossRate(),
                    o.jitterMillis >= 0 ? o.jitterMillis : s.jitterMillis(), s.reorderRate(), s.duplicateRate());
            Iterator<ScenarioItem> items = sip ? LoadProfile.sipHeavy(o.seed, s) : LoadProfile.rtpHeavy(o.seed, s);
            long start = Scenario.DEFAULT_START.getEpochSecond() * 1_000_000_000L;
            RunStats stats;
            Summary summary = new Summary();
            try (FrameWriter w = o.out.getFileName().toString().endsWith(".pcapng")
                    ? PcapngWriter.create(o.out) : PcapWriter.create(o.out, LinkType.ETHERNET);
                 Writer truthOut = o.truth == null ? null : Files.newBufferedWriter(o.truth, StandardCharsets.UTF_8)) {
                StreamingTruth sink = new StreamingTruth(truthOut, summary, o.scenario, o.seed);
                stats = ScenarioRunner.run(o.seed, start, items, w, sink);
                sink.close(stats);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "%s: %d frames, %.1f MB of frames, %.1f s of traffic, %d items (at most %d at once)%n",
                    o.out, stats.frames(), stats.frameBytes() / 1e6,
                    (stats.lastFrameNanos() - stats.firstFrameNanos()) / 1e9, stats.items(), stats.maxActiveItems());
            out.println("  " + summary.describe());
            out.printf(Locale.ROOT, "  written in %.1f s%n", secs);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("generate: " + e.getMessage());
            return 1;
        }
    }

    static String usage() {
        return "usage: generate <scenario-name> <out.pcap> [--calls N] [--concurrent N] [--seconds S] [--seed S]\n"
                + "                [--loss RATE] [--jitter-ms SD] [--truth FILE.json]\n"
                + "       generate --list";
    }

    private static String describe(LoadProfile.Settings s) {
        return String.format(Locale.ROOT, "--calls %d --concurrent %d --seconds %s --loss %.3f --jitter-ms %s (Gaussian sd)",
                s.calls(), s.concurrent(), s.talkSeconds(), s.lossRate(), s.jitterMillis());
    }

    /** Parsed arguments. */
    static final class Options {
        String scenario;
        Path out;
        Path truth;
        int calls = -1;
        int concurrent = -1;
        double seconds = -1;
        double loss = -1;
        double jitterMillis = -1;
        long seed = 1;
        boolean list;

        static Options parse(String[] args) {
            Options o = new Options();
            int positional = 0;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--list")) {
                    o.list = true;
                } else if (a.startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--calls": o.calls = parseInt(a, v, 0); break;
                        case "--concurrent": o.concurrent = parseInt(a, v, 1); break;
                        case "--seconds": o.seconds = parseDouble(a, v, 0, 86_400); break;
                        case "--seed": o.seed = parseLong(a, v); break;
                        case "--loss": o.loss = parseDouble(a, v, 0, 0.99); break;
                        case "--jitter-ms": o.jitterMillis = parseDouble(a, v, 0, 10_000); break;
                        case "--truth": o.truth = Path.of(v); break;
                        default: throw new IllegalArgumentException("unknown option " + a);
                    }
                } else if (positional == 0) {
                    o.scenario = a;
                    positional++;
                } else if (positional == 1) {
                    o.out = Path.of(a);
                    positional++;
                } else {
                    throw new IllegalArgumentException("unexpected argument \"" + a + "\"");
                }
            }
            if (!o.list && positional < 2) {
                throw new IllegalArgumentException("need a scenario name and an output file");
            }
            if (o.scenario != null && o.scenario.endsWith(".pcap")) {
                o.scenario = o.scenario.substring(0, o.scenario.length() - ".pcap".length());
            }
            return o;
        }

        private static int parseInt(String name, String v, int min) {
            try {
                int n = Integer.parseInt(v);
                if (n < min) {
                    throw new IllegalArgumentException(name + " must be at least " + min + ", got " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs an integer, got \"" + v + "\"");
            }
        }

        private static long parseLong(String name, String v) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs an integer, got \"" + v + "\"");
            }
        }

        private static double parseDouble(String name, String v, double min, double max) {
            try {
                double d = Double.parseDouble(v);
                if (!(d >= min && d <= max)) {
                    throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + v);
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number, got \"" + v + "\"");
            }
        }
    }

    /** Totals over a run. */
    static final class Summary {
        final Map<CallOutcome, Long> outcomes = new EnumMap<>(CallOutcome.class);
        long registrations;
        long streams;
        long rtpSent;
        long rtpCaptured;
        long rtpLost;
        long rtpDuplicates;
        long rtpReordered;
        long sipMessages;

        void add(CallTruth c) {
            outcomes.merge(c.outcome(), 1L, Long::sum);
            sipMessages += c.messages().size();
            for (var s : c.streams()) {
                streams++;
                rtpSent += s.sent();
                rtpCaptured += s.captured();
                rtpLost += s.lost();
                rtpDuplicates += s.duplicates();
                rtpReordered += s.reordered();
            }
        }

        String describe() {
            return "calls " + outcomes + ", registrations " + registrations + ", SIP messages " + sipMessages
                    + ", RTP streams " + streams + ", RTP sent " + rtpSent + ", captured " + rtpCaptured + ", lost "
                    + rtpLost + ", duplicates " + rtpDuplicates + ", reordered " + rtpReordered;
        }
    }

    /** Streams per-call truth to a JSON document as calls complete, keeping only totals in memory. */
    static final class StreamingTruth implements TruthSink {
        private final Writer out;
        private final Summary summary;
        private boolean first = true;

        StreamingTruth(Writer out, Summary summary, String scenario, long seed) throws IOException {
            this.out = out == null ? null : new BufferedWriter(out, 1 << 16);
            this.summary = summary;
            if (this.out != null) {
                this.out.write("{\n  \"scenario\": \"" + scenario + "\",\n  \"seed\": " + seed + ",\n  \"calls\": [");
            }
        }

        @Override
        public void call(CallTruth truth) {
            summary.add(truth);
            write(TruthJson.compactCall(truth));
        }

        @Override
        public void registration(RegistrationTruth truth) {
            summary.registrations++;
            summary.sipMessages += truth.messages().size();
        }

        @Override
        public void streams(StreamGroupTruth truth) {
            for (var s : truth.streams()) {
                summary.streams++;
                summary.rtpSent += s.sent();
                summary.rtpCaptured += s.captured();
            }
        }

        private void write(String json) {
            if (out == null) {
                return;
            }
            try {
                out.write(first ? "\n" : ",\n");
                out.write(json);
                first = false;
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the truth file: " + e.getMessage(), e);
            }
        }

        void close(RunStats stats) throws IOException {
            if (out == null) {
                return;
            }
            out.write("\n  ],\n  \"frames\": " + stats.frames() + ",\n  \"frameBytes\": " + stats.frameBytes()
                    + ",\n  \"registrations\": " + summary.registrations + ",\n  \"rtpSent\": " + summary.rtpSent
                    + ",\n  \"rtpCaptured\": " + summary.rtpCaptured + ",\n  \"rtpLost\": " + summary.rtpLost
                    + ",\n  \"rtpDuplicates\": " + summary.rtpDuplicates + ",\n  \"rtpReordered\": " + summary.rtpReordered
                    + "\n}\n");
            out.flush();
        }
    }
}
