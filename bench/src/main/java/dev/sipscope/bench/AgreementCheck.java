package dev.sipscope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks that {@code sipscope analyze --format json} and {@code tshark -q -z rtp,streams} give the
 * same answers per RTP stream: streams are matched by source address and port, destination address
 * and port, and SSRC; a matched pair agrees when packets and lost are equal and max and mean jitter
 * are within {@value #JITTER_TOLERANCE_MS} ms (both print three decimals).
 *
 * <p>One known difference is classified on its own: tshark 4.0 adds a sequence cycle (65,536 to its
 * expected count, so to lost) when a packet from before a sequence-number wrap arrives after the
 * wrap; sipscope follows RFC 3550 appendix A.1 there. A pair with equal packets and jitter whose
 * lost differs by a positive multiple of 65,536 (tshark's larger) counts as "wrap", not as a
 * disagreement. Max delta is compared too, for information only.
 *
 * <p>Command line: {@code AgreementCheck SIPSCOPE.json TSHARK-rtp-streams.txt [--list N]}; prints a
 * summary and up to N (default 50) differing streams; exit code 0 when nothing differs and no
 * tshark stream is missing from sipscope, 1 otherwise, 2 on unreadable input.
 */
public final class AgreementCheck {
    /** Jitter values may differ by this much (ms): both tools round to three decimals. */
    public static final double JITTER_TOLERANCE_MS = 0.01;
    private static final long SEQUENCE_CYCLE = 65_536;

    private AgreementCheck() {
    }

    /** How a tshark stream compares with sipscope's. */
    public enum Verdict { AGREE, WRAP, DIFFER, MISSING }

    /** A sipscope stream, the fields compared. Jitter and delta are NaN when sipscope printed null. */
    public record SipscopeStream(String key, long packets, long lost, double maxJitterMillis,
                                 double meanJitterMillis, double maxDeltaMillis) {
    }

    /** One comparison; {@code sipscope} is null when the verdict is MISSING. */
    public record Pair(TsharkRtpStreams.Row tshark, SipscopeStream sipscope, Verdict verdict, boolean maxDeltaAgrees) {
        /** One line naming the stream and every differing field, tshark's value first. */
        public String describe() {
            String name = key(tshark.srcAddress(), tshark.srcPort(), tshark.dstAddress(), tshark.dstPort(), tshark.ssrc());
            if (sipscope == null) {
                return name + ": not in sipscope's streams (tshark: " + tshark.packets() + " packets, " + tshark.payload() + ")";
            }
            StringBuilder s = new StringBuilder(name).append(':');
            if (tshark.packets() != sipscope.packets()) {
                s.append(String.format(Locale.ROOT, " packets %d vs %d (%+d);", tshark.packets(), sipscope.packets(),
                        tshark.packets() - sipscope.packets()));
            }
            if (tshark.lost() != sipscope.lost()) {
                s.append(String.format(Locale.ROOT, " lost %d vs %d (%+d);", tshark.lost(), sipscope.lost(),
                        tshark.lost() - sipscope.lost()));
            }
            if (!within(tshark.maxJitterMillis(), sipscope.maxJitterMillis())) {
                s.append(String.format(Locale.ROOT, " max jitter %.3f vs %.3f ms;", tshark.maxJitterMillis(),
                        sipscope.maxJitterMillis()));
            }
            if (!within(tshark.meanJitterMillis(), sipscope.meanJitterMillis())) {
                s.append(String.format(Locale.ROOT, " mean jitter %.3f vs %.3f ms;", tshark.meanJitterMillis(),
                        sipscope.meanJitterMillis()));
            }
            if (!maxDeltaAgrees) {
                s.append(String.format(Locale.ROOT, " max delta %.3f vs %.3f ms;", tshark.maxDeltaMillis(),
                        sipscope.maxDeltaMillis()));
            }
            s.setLength(s.length() - 1);
            return s.append(" (tshark vs sipscope)").toString();
        }
    }

    /** The whole comparison: every tshark stream's pair, and sipscope's streams tshark does not list. */
    public record Result(List<Pair> pairs, List<SipscopeStream> onlyInSipscope) {
        public long count(Verdict v) {
            return pairs.stream().filter(p -> p.verdict() == v).count();
        }

        public long maxDeltaAgreeing() {
            return pairs.stream().filter(p -> p.sipscope() != null && p.maxDeltaAgrees()).count();
        }

        /** True when no matched stream differs and every tshark stream was found. */
        public boolean agrees() {
            return count(Verdict.DIFFER) == 0 && count(Verdict.MISSING) == 0;
        }

        /** The summary lines, then up to {@code listLimit} differing or missing streams. */
        public void print(PrintStream out, int listLimit) {
            long matched = pairs.size() - count(Verdict.MISSING);
            out.printf(Locale.ROOT, "tshark streams: %d; matched in sipscope by src, dst and SSRC: %d; only in sipscope: %d%n",
                    pairs.size(), matched, onlyInSipscope.size());
            out.printf(Locale.ROOT, "  agree (packets and lost equal, max and mean jitter within %.2f ms): %d%n",
                    JITTER_TOLERANCE_MS, count(Verdict.AGREE));
            out.printf(Locale.ROOT, "  known tshark 4.0 difference (lost larger by a multiple of 65,536 after a late pre-wrap packet): %d%n",
                    count(Verdict.WRAP));
            out.printf(Locale.ROOT, "  differ: %d%n", count(Verdict.DIFFER));
            out.printf(Locale.ROOT, "  missing from sipscope: %d%n", count(Verdict.MISSING));
            out.printf(Locale.ROOT, "  max delta within %.2f ms (information): %d of %d%n", JITTER_TOLERANCE_MS,
                    maxDeltaAgreeing(), matched);
            int listed = 0;
            for (Verdict v : new Verdict[] {Verdict.WRAP, Verdict.DIFFER, Verdict.MISSING}) {
                for (Pair p : pairs) {
                    if (p.verdict() == v && listed < listLimit) {
                        out.println("  " + v.name().toLowerCase(Locale.ROOT) + ": " + p.describe());
                        listed++;
                    }
                }
            }
            for (SipscopeStream s : onlyInSipscope) {
                if (listed++ >= listLimit) {
                    break;
                }
                out.println("  only in sipscope: " + s.key() + " (" + s.packets() + " packets)");
            }
            if (listed > listLimit) {
                out.println("  ... (" + (listed - listLimit) + "+ more not listed)");
            }
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        int limit = 50;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--list") && i + 1 < args.length) {
                limit = Integer.parseInt(args[++i]);
            } else {
                files.add(args[i]);
            }
        }
        if (files.size() != 2) {
            err.println("usage: AgreementCheck SIPSCOPE.json TSHARK-rtp-streams.txt [--list N]");
            return 2;
        }
        Result result;
        try {
            List<SipscopeStream> sipscope = readSipscope(Path.of(files.get(0)));
            List<TsharkRtpStreams.Row> tshark = TsharkRtpStreams.parse(
                    Files.readAllLines(Path.of(files.get(1)), StandardCharsets.UTF_8));
            result = compare(tshark, sipscope);
        } catch (IOException | IllegalArgumentException e) {
            err.println("agreement check: " + e.getMessage());
            return 2;
        }
        result.print(out, limit);
        return result.agrees() ? 0 : 1;
    }

    /** The {@code streams} array of sipscope's JSON report. */
    public static List<SipscopeStream> readSipscope(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode streams = root == null ? null : root.get("streams");
        if (streams == null || !streams.isArray()) {
            throw new IllegalArgumentException(json + " has no \"streams\" array (not sipscope's JSON report?)");
        }
        List<SipscopeStream> list = new ArrayList<>();
        for (JsonNode s : streams) {
            String[] src = splitEndpoint(text(s, "src"));
            String[] dst = splitEndpoint(text(s, "dst"));
            String ssrc = text(s, "ssrc").toLowerCase(Locale.ROOT);
            if (!ssrc.startsWith("0x")) {
                throw new IllegalArgumentException("stream " + s.path("id").asText() + ": SSRC \"" + ssrc + "\" is not hexadecimal");
            }
            list.add(new SipscopeStream(
                    key(src[0], Integer.parseInt(src[1]), dst[0], Integer.parseInt(dst[1]), Long.parseLong(ssrc.substring(2), 16)),
                    s.path("packets").asLong(), s.path("lost").asLong(), number(s, "max_jitter_ms"),
                    number(s, "mean_jitter_ms"), number(s, "max_delta_ms")));
        }
        return list;
    }

    /** Matches every tshark row with a sipscope stream of the same key and classifies the pair. */
    public static Result compare(List<TsharkRtpStreams.Row> tshark, List<SipscopeStream> sipscope) {
        Map<String, List<SipscopeStream>> byKey = new HashMap<>();
        for (SipscopeStream s : sipscope) {
            byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);
        }
        List<Pair> pairs = new ArrayList<>();
        for (TsharkRtpStreams.Row row : tshark) {
            String key = key(row.srcAddress(), row.srcPort(), row.dstAddress(), row.dstPort(), row.ssrc());
            List<SipscopeStream> candidates = byKey.get(key);
            if (candidates == null || candidates.isEmpty()) {
                pairs.add(new Pair(row, null, Verdict.MISSING, false));
                continue;
            }
            SipscopeStream match = candidates.get(0);
            for (SipscopeStream c : candidates) { // the same key twice (a restarted stream): prefer equal packets
                if (c.packets() == row.packets()) {
                    match = c;
                    break;
                }
            }
            candidates.remove(match);
            pairs.add(new Pair(row, match, verdict(row, match), within(row.maxDeltaMillis(), match.maxDeltaMillis())));
        }
        Set<SipscopeStream> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Pair p : pairs) {
            if (p.sipscope() != null) {
                matched.add(p.sipscope());
            }
        }
        List<SipscopeStream> rest = new ArrayList<>();
        for (SipscopeStream s : sipscope) {
            if (!matched.contains(s)) {
                rest.add(s);
            }
        }
        return new Result(pairs, rest);
    }

    static Verdict verdict(TsharkRtpStreams.Row t, SipscopeStream s) {
        boolean jitter = within(t.maxJitterMillis(), s.maxJitterMillis()) && within(t.meanJitterMillis(), s.meanJitterMillis());
        if (t.packets() != s.packets() || !jitter) {
            return Verdict.DIFFER;
        }
        long extra = t.lost() - s.lost();
        if (extra == 0) {
            return Verdict.AGREE;
        }
        return extra > 0 && extra % SEQUENCE_CYCLE == 0 ? Verdict.WRAP : Verdict.DIFFER;
    }

    static boolean within(double a, double b) {
        return Math.abs(a - b) <= JITTER_TOLERANCE_MS + 1e-9;
    }

    /** "src:port > dst:port 0xssrc" with addresses in one canonical form (IPv6 compressed as Java prints it). */
    static String key(String srcAddress, int srcPort, String dstAddress, int dstPort, long ssrc) {
        return endpoint(srcAddress, srcPort) + " > " + endpoint(dstAddress, dstPort) + String.format(Locale.ROOT, " 0x%08x", ssrc);
    }

    private static String endpoint(String address, int port) {
        String canonical = address;
        if (address.indexOf(':') >= 0) {
            try {
                canonical = "[" + InetAddress.getByName(address).getHostAddress() + "]"; // a literal: no name lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("address \"" + address + "\" is not an IP literal", e);
            }
        }
        return canonical + ":" + port;
    }

    /** "1.2.3.4:5" or "[::1]:5" (or "::1:5", the last colon before the port) into address and port. */
    static String[] splitEndpoint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("endpoint \"" + text + "\" has no port");
        }
        String address = text.substring(0, colon);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        return new String[] {address, text.substring(colon + 1)};
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("a stream has no text field \"" + field + "\"");
        }
        return v.asText();
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
