package dev.sipscope.decoder;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz target (Jazzer) for {@link HepDecoder}, fed directly (HEPv1/v2, HEPv3 and
 * EEP1 chunks, compressed payloads inflated up to 16 KiB). The input is one UDP payload.
 *
 * <p>Oracle: nothing throws; the result is one of the three documented values; a decoded payload
 * lies inside its array and is at most the input or the inflation bound long; decoding the same
 * bytes inside a larger array gives the same packet; and a decoded packet written again with
 * {@link HepEncoder} (as HEPv3) decodes to the same protocol, addresses, ports, time (to the
 * microsecond), payload type, capture id and payload bytes.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HepDecoderFuzzTest {
    private static final int MAX_INFLATED_BYTES = 16 * 1024;
    private static final long FRAME_NANOS = 1_700_000_000_123_456_000L;

    @FuzzTest(maxDuration = "30s")
    void hep(byte[] input) {
        HepDecoder decoder = new HepDecoder(MAX_INFLATED_BYTES);
        int result = decoder.decode(input, 0, input.length, FRAME_NANOS);
        if (result != HepDecoder.RESULT_PAYLOAD && result != HepDecoder.RESULT_NO_PAYLOAD
                && result != HepDecoder.RESULT_MALFORMED) {
            throw new AssertionError("result " + result);
        }
        String seen = describe(decoder, result, input.length);

        byte[] embedded = new byte[input.length + 13];
        Arrays.fill(embedded, (byte) 'H');
        System.arraycopy(input, 0, embedded, 6, input.length);
        HepDecoder other = new HepDecoder(MAX_INFLATED_BYTES);
        int resultEmbedded = other.decode(embedded, 6, input.length, FRAME_NANOS);
        String seenEmbedded = describe(other, resultEmbedded, input.length);
        if (!seen.equals(seenEmbedded)) {
            throw new AssertionError("the same packet inside a larger array decodes differently:\n" + seen + "\n---\n"
                    + seenEmbedded);
        }
        if (result != HepDecoder.RESULT_PAYLOAD) {
            return;
        }
        Packet p = new Packet();
        decoder.fill(p);
        HepEncoder encoder = new HepEncoder((int) p.hepCaptureId, null);
        int encoded = encoder.encode(p, p.hepPayloadType, p.data, p.payloadOffset, p.payloadLength);
        if (encoded < 0) {
            return; // a payload too large for one HEPv3 packet
        }
        byte[] again = Arrays.copyOf(encoder.buffer(), encoded);
        HepDecoder redecoder = new HepDecoder(MAX_INFLATED_BYTES);
        if (redecoder.decode(again, 0, again.length, 0) != HepDecoder.RESULT_PAYLOAD) {
            throw new AssertionError("a re-encoded packet does not decode");
        }
        Packet q = new Packet();
        redecoder.fill(q);
        String first = carried(p);
        String second = carried(q);
        if (!first.equals(second)) {
            throw new AssertionError("round trip through HepEncoder changed the packet:\n" + first + "\n" + second);
        }
    }

    private static String describe(HepDecoder d, int result, int inputLength) {
        if (result != HepDecoder.RESULT_PAYLOAD) {
            return "result " + result;
        }
        Packet p = new Packet();
        d.fill(p);
        if (p.data == null || p.payloadOffset < 0 || p.payloadLength < 0
                || p.payloadOffset + p.payloadLength > p.data.length
                || p.payloadLength > Math.max(inputLength, MAX_INFLATED_BYTES)) {
            throw new AssertionError("payload " + p.payloadOffset + "+" + p.payloadLength + " of a "
                    + (p.data == null ? "null" : p.data.length + "-byte") + " array");
        }
        if (p.srcPort < 0 || p.srcPort > 0xffff || p.dstPort < 0 || p.dstPort > 0xffff) {
            throw new AssertionError("ports " + p.srcPort + " " + p.dstPort);
        }
        return p.ipVersion + " " + p.protocol + " " + p.srcHi + " " + p.srcLo + " " + p.dstHi + " " + p.dstLo + " "
                + p.srcPort + " " + p.dstPort + " " + p.timestampNanos + " " + p.hepPayloadType + " " + p.hepCaptureId
                + " " + p.vlanId + " " + p.flags + " "
                + Arrays.toString(Arrays.copyOfRange(p.data, p.payloadOffset, p.payloadOffset + p.payloadLength));
    }

    /** What a HEPv3 packet written by {@link HepEncoder} carries. */
    private static String carried(Packet p) {
        long micros = Math.floorDiv(p.timestampNanos, 1000L);
        return (p.protocol & 0xff) + " " + p.srcHi + " " + p.srcLo + " " + p.dstHi + " " + p.dstLo + " " + p.srcPort + " "
                + p.dstPort + " " + micros + " " + (p.hepPayloadType & 0xff) + " " + (p.hepCaptureId & 0xffffffffL) + " "
                + Arrays.toString(Arrays.copyOfRange(p.data, p.payloadOffset, p.payloadOffset + p.payloadLength));
    }
}
