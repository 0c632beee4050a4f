package dev.sipscope.decoder.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz target (Jazzer) for {@link SdpParser}. The input is one SDP body.
 *
 * <p>Oracle: parsing never throws; every accessor of the session and of each media section answers
 * without throwing; no more media sections, attributes or malformed lines than the text has lines;
 * the same text with every bare LF line end written as CRLF parses to the same session (RFC 8866
 * §5 line ends, read leniently); and the same bytes placed inside a larger array parse the same.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
public class SdpParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void sdp(byte[] input) {
        SdpSession s = SdpParser.parse(input, 0, input.length);
        String seen = exercise(s);
        String text = new String(input, StandardCharsets.UTF_8);
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        int attributes = s.attributes().size();
        for (SdpMedia m : s.media()) {
            attributes += m.attributes().size();
        }
        if (s.media().size() > lines || attributes > lines || s.malformedLines() < 0 || s.malformedLines() > lines) {
            throw new AssertionError(s.media().size() + " media, " + attributes + " attributes, "
                    + s.malformedLines() + " malformed lines from " + lines + " lines");
        }
        StringBuilder crlf = new StringBuilder(text.length() + lines);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r')) {
                crlf.append('\r');
            }
            crlf.append(c);
        }
        String seenCrlf = exercise(SdpParser.parse(crlf.toString()));
        if (!seen.equals(seenCrlf)) {
            throw new AssertionError("LF and CRLF line ends parse differently:\n" + seen + "\n---\n" + seenCrlf);
        }
        byte[] embedded = new byte[input.length + 9];
        System.arraycopy(input, 0, embedded, 4, input.length);
        String seenEmbedded = exercise(SdpParser.parse(embedded, 4, input.length));
        if (!seen.equals(seenEmbedded)) {
            throw new AssertionError("the same bytes inside a larger array parse differently");
        }
    }

    /** Calls every accessor of a parsed session and its media; returns a description to compare. */
    public static String exercise(SdpSession s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(s.version()).append(s.origin()).append(s.sessionName()).append(s.connection()).append(s.bandwidths())
                .append(s.timings()).append(s.attributes()).append(s.attribute("sendrecv")).append(s.attribute("group"))
                .append(s.direction()).append(s.malformedLines()).append(s);
        for (SdpMedia md : s.media()) {
            sb.append('\n').append(md.mediaType()).append(md.port()).append(md.portCount()).append(md.isDisabled())
                    .append(md.proto()).append(md.isRtp()).append(md.isUdptl()).append(md.formats())
                    .append(md.payloadTypes()).append(md.codecs()).append(md.rtpMaps()).append(md.connection())
                    .append(md.effectiveConnection()).append(md.effectiveAddress()).append(md.bandwidths())
                    .append(md.attributes()).append(md.attribute("rtcp")).append(md.hasAttribute("rtcp-mux"))
                    .append(md.ptimeMillis()).append(md.maxptimeMillis()).append(md.rtcpPort())
                    .append(md.rtcpConnection()).append(md.rtcpMux()).append(md.direction());
            for (int pt : md.payloadTypes()) {
                if (pt < 0 || pt > 127) {
                    throw new AssertionError("payload type " + pt + " outside 0..127");
                }
                sb.append(md.codec(pt)).append(md.fmtp(pt));
            }
            for (String f : md.formats()) {
                sb.append(md.fmtp(f));
            }
        }
        return sb.toString();
    }
}
