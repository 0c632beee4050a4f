package dev.sipscope.quality.corpus;

import dev.sipscope.quality.MediaEndpoint;
import dev.sipscope.quality.PayloadMap;
import dev.sipscope.quality.QualityEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test-only stand-in for the correlator's media registry: finds SDP bodies in SIP text and declares
 * their media endpoints to a {@link QualityEngine}, the way tshark's SDP dissector sets up RTP
 * conversations (address and port of every m= line, with that description's rtpmap lines). Non-RTP
 * media (udptl, T.38) is declared as such. Deliberately small: the real SIP/SDP parsing lives in
 * the decoder, not here.
 */
final class SdpHints {
    private final QualityEngine engine;
    int declared;
    int withdrawn;

    SdpHints(QualityEngine engine) {
        this.engine = engine;
    }

    /**
     * Scans one signalling message (SIP, or MEGACO/H.248 whose descriptors carry SDP too, as tshark
     * decodes them) for SDP session descriptions, each starting at a {@code v=0} line.
     */
    void scan(byte[] b, int off, int len) {
        if (len < 20) {
            return;
        }
        String text = new String(b, off, len, StandardCharsets.ISO_8859_1);
        if (!(text.startsWith("SIP/2.0") || text.matches("(?s)^[A-Z]+ \\S+ SIP/2\\.0\r?\n.*")
                || text.startsWith("MEGACO/") || text.startsWith("!/"))) {
            return;
        }
        declareAll(text);
    }

    /** Declares every SDP description found in a text (a message, or a body on its own). */
    void declareAll(String text) {
        int v = text.startsWith("v=0") ? 0 : indexOfLine(text, "v=0", 0);
        while (v >= 0) {
            int next = indexOfLine(text, "v=0", v + 3);
            String sdp = text.substring(v, next < 0 ? text.length() : next);
            int brace = sdp.indexOf('}');
            declare(brace < 0 ? sdp : sdp.substring(0, brace));
            v = next;
        }
    }

    private static int indexOfLine(String text, String prefix, int from) {
        int i = from;
        while (true) {
            int n = text.indexOf("\n" + prefix, i);
            if (n < 0) {
                return -1;
            }
            return n + 1;
        }
    }

    private void declare(String sdp) {
        String sessionAddress = null;
        List<String[]> media = new ArrayList<>();
        List<List<String>> attrs = new ArrayList<>();
        List<String> mediaAddress = new ArrayList<>();
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("c=")) {
                String[] f = line.substring(2).trim().split("\\s+");
                String a = f.length >= 3 ? f[2].split("/")[0] : null;
                if (media.isEmpty()) {
                    sessionAddress = a;
                } else {
                    mediaAddress.set(mediaAddress.size() - 1, a);
                }
            } else if (line.startsWith("m=")) {
                media.add(line.substring(2).trim().split("\\s+"));
                attrs.add(new ArrayList<>());
                mediaAddress.add(null);
            } else if (line.startsWith("a=") && !media.isEmpty()) {
                attrs.get(attrs.size() - 1).add(line.substring(2));
            }
        }
        for (int k = 0; k < media.size(); k++) {
            String[] m = media.get(k);
            if (m.length < 3) {
                continue;
            }
            String address = mediaAddress.get(k) != null ? mediaAddress.get(k) : sessionAddress;
            int port;
            try {
                port = Integer.parseInt(m[1].split("/")[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (address == null || port <= 0 || port > 65535) {
                continue;
            }
            long[] a;
            try {
                a = MediaEndpoint.parseAddress(address);
            } catch (IllegalArgumentException e) {
                continue;
            }
            String proto = m[2].toUpperCase(Locale.ROOT);
            if (!proto.contains("RTP")) {
                engine.declareEndpoint(new MediaEndpoint(a[0], a[1], port, 0, false, PayloadMap.EMPTY, Double.NaN,
                        null, k, false, false));
                withdrawn++;
                continue;
            }
            PayloadMap.Builder map = PayloadMap.builder();
            boolean mux = false;
            double ptime = Double.NaN;
            for (String attr : attrs.get(k)) {
                if (attr.startsWith("rtpmap:")) {
                    String[] f = attr.substring(7).trim().split("\\s+", 2);
                    if (f.length < 2) {
                        continue;
                    }
                    String[] enc = f[1].trim().split("/");
                    try {
                        int pt = Integer.parseInt(f[0]);
                        int clock = enc.length > 1 ? Integer.parseInt(enc[1].trim()) : 8000;
                        if (pt >= 0 && pt < 128 && clock > 0) {
                            map.add(pt, enc[0], clock);
                        }
                    } catch (NumberFormatException e) {
                        // not a usable rtpmap line
                    }
                } else if (attr.equals("rtcp-mux")) {
                    mux = true;
                } else if (attr.startsWith("ptime:")) {
                    try {
                        ptime = Double.parseDouble(attr.substring(6).trim());
                    } catch (NumberFormatException e) {
                        // ignore
                    }
                }
            }
            engine.declareEndpoint(new MediaEndpoint(a[0], a[1], port, 0, mux, map.build(), ptime, null, k,
                    proto.contains("SAVP"), true));
            declared++;
        }
    }
}
