package dev.sipscope.correlator.export;

import dev.sipscope.correlator.export.JsonWriterEquivalenceTest.Step.Kind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte-buffer {@link JsonWriter} against the writer it replaced ({@link ReferenceJsonWriter}):
 * the same documents, byte for byte, over random strings (controls, surrogates, every plane),
 * longs, doubles at every rounding edge and times, through both sinks.
 */
class JsonWriterEquivalenceTest {
    private static final long SEED = 0x5195c09eL;

    record Step(Kind kind, String name, String s, long l, double d, int decimals, long t) {
        enum Kind { STRING, LONG, BOOL, DOUBLE, TIME, NULL, OBJECT, ARRAY }
    }

    @Test
    void randomDocumentsAreByteIdenticalToTheOldWriterThroughBothSinks() {
        Random r = new Random(SEED);
        for (int doc = 0; doc < 300; doc++) {
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                steps.add(randomStep(r));
            }
            for (boolean pretty : new boolean[] {false, true}) {
                StringWriter expected = new StringWriter();
                ReferenceJsonWriter ref = new ReferenceJsonWriter(expected, pretty);
                StringWriter viaWriter = new StringWriter();
                JsonWriter w = new JsonWriter(viaWriter, pretty);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                JsonWriter b = new JsonWriter(bytes, pretty);
                ref.beginObject();
                w.beginObject();
                b.beginObject();
                for (Step s : steps) {
                    apply(ref, s);
                    apply(w, s);
                    apply(b, s);
                }
                ref.endObject().finish();
                w.endObject().finish();
                b.endObject().finish();
                assertThat(viaWriter.toString()).isEqualTo(expected.toString());
                assertThat(bytes.toByteArray()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void surrogatePairsAndEscapesAcrossChunkBoundariesStayWhole() {
        for (int at = 2040; at < 2056; at++) {
            for (String piece : new String[] {"\uD83D\uDE00", "\ud800", "\udc00", "\u001b", "\u00e9", "\u20ac"}) {
                String s = "a".repeat(at) + piece + "b".repeat(5000 - at) + piece;
                StringWriter expected = new StringWriter();
                new ReferenceJsonWriter(expected, false).beginArray().value(s).endArray();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                new JsonWriter(bytes, false).beginArray().value(s).endArray();
                assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
            }
        }
    }

    @Test
    void doublesRoundLikeBigDecimalAtEveryEdge() {
        Random r = new Random(SEED + 1);
        double[] edges = {0.0, -0.0, 0.0005, 0.0015, 0.0025, -0.0005, 0.9995, 9.9995, 99.9995, 0.5, 1.5, 2.5,
            -2.5, 1e-7, 1e-3, 9.999999e6, 1e7, 1.0E22, 1.7976931348623157E308, Double.MIN_VALUE, 123456789.0125,
            4.35, 0.045, 1.005, 2.675, 1e-300, -1e-4, 0.00049999, 0.0004999999999999999, 1234.5};
        for (double v : edges) {
            for (int dec = 0; dec <= 6; dec++) {
                assertSameDouble(v, dec);
            }
        }
        for (int i = 0; i < 200_000; i++) {
            double v = randomDouble(r);
            assertSameDouble(v, 1 + r.nextInt(6));
        }
    }

    @Test
    void timesPrintLikeInstant() {
        Random r = new Random(SEED + 2);
        long[] edges = {0, -1, 1, 999_999_999, 1_000_000_000, -1_000_000_000, 1_000_000, 1_000,
            951_782_400_000_000_000L, 951_868_799_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE + 1};
        for (long t : edges) {
            assertSameTime(t);
        }
        for (int i = 0; i < 200_000; i++) {
            long t;
            switch (r.nextInt(4)) {
                case 0: t = r.nextLong(); break;
                case 1: t = 1_600_000_000_000_000_000L + r.nextInt(1_000_000) * 1_000_000L; break;
                case 2: t = 1_600_000_000_000_000_000L + r.nextInt(1_000_000) * 1_000L; break;
                default: t = (long) (r.nextGaussian() * 4e18);
            }
            assertSameTime(t);
        }
    }

    private static void apply(ReferenceJsonWriter w, Step s) {
        w.name(s.name());
        switch (s.kind()) {
            case STRING: w.value(s.s()); break;
            case LONG: w.value(s.l()); break;
            case BOOL: w.value(s.l() % 2 == 0); break;
            case DOUBLE: w.value(s.d(), s.decimals()); break;
            case TIME: w.value(SummaryJson.isoTime(s.t())); break;
            case NULL: w.nullValue(); break;
            case OBJECT: w.beginObject().field(s.name(), s.s()).field("n", s.l()).endObject(); break;
            default: w.beginArray().value(s.d(), s.decimals()).value(s.s()).beginArray().endArray().endArray();
        }
    }

    private static void apply(JsonWriter w, Step s) {
        w.name(s.name());
        switch (s.kind()) {
            case STRING: w.value(s.s()); break;
            case LONG: w.value(s.l()); break;
            case BOOL: w.value(s.l() % 2 == 0); break;
            case DOUBLE: w.value(s.d(), s.decimals()); break;
            case TIME: w.timeValue(s.t()); break;
            case NULL: w.nullValue(); break;
            case OBJECT: w.beginObject().field(s.name(), s.s()).field("n", s.l()).endObject(); break;
            default: w.beginArray().value(s.d(), s.decimals()).value(s.s()).beginArray().endArray().endArray();
        }
    }

    private static void assertSameTime(long nanos) {
        StringWriter sw = new StringWriter();
        new JsonWriter(sw, false).beginArray().timeValue(nanos).endArray();
        String expected = nanos == Long.MIN_VALUE ? "[null]" : "[\"" + Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L)) + "\"]";
        assertThat(sw.toString()).as("nanos %d", nanos).isEqualTo(expected);
    }

    private static void assertSameDouble(double v, int decimals) {
        StringWriter expected = new StringWriter();
        new ReferenceJsonWriter(expected, false).beginArray().value(v, decimals).endArray();
        StringWriter actual = new StringWriter();
        new JsonWriter(actual, false).beginArray().value(v, decimals).endArray();
        assertThat(actual.toString()).as("%s to %d decimals", Double.toString(v), decimals)
                .isEqualTo(expected.toString());
    }

    private static double randomDouble(Random r) {
        switch (r.nextInt(6)) {
            case 0: return Double.longBitsToDouble(r.nextLong());
            case 1: return r.nextInt(2_000_000) / 1e6 * (r.nextBoolean() ? 1 : -1);
            case 2: return r.nextLong() / 1e9;
            case 3: return (r.nextInt(100_000) + 0.5) / Math.pow(10, r.nextInt(8));
            case 4: return r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
            default: return r.nextInt(10_000) * 0.0005;
        }
    }

    private static Step randomStep(Random r) {
        String name = r.nextInt(4) == 0 ? randomString(r) : "f" + r.nextInt(50);
        Kind k = Kind.values()[r.nextInt(Kind.values().length)];
        return new Step(k, name, r.nextInt(10) == 0 ? null : randomString(r), r.nextLong() >> r.nextInt(64),
                randomDouble(r), r.nextInt(7), r.nextInt(3) == 0 ? 1_600_000_000_000_000_000L + r.nextLong() % 10_000_000_000_000_000L : Long.MIN_VALUE);
    }

    private static String randomString(Random r) {
        int n = r.nextInt(r.nextInt(8) == 0 ? 40_000 : 30);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0: sb.append((char) r.nextInt(0x80)); break;
                case 1: sb.append((char) r.nextInt(0x800)); break;
                case 2: sb.append((char) r.nextInt(0x10000)); break;
                case 3: sb.appendCodePoint(0x10000 + r.nextInt(0x100000)); break;
                case 4: sb.append("\"\\\u2028\u2029\ud800\udc00\u007f".charAt(r.nextInt(7))); break;
                default: sb.append((char) (0x20 + r.nextInt(0x5f)));
            }
        }
        return sb.toString();
    }
}
