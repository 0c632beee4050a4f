package dev.sipscope.samples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A test-side reading of one SIP message: start line, headers in order, body. */
record SipView(String firstLine, List<String[]> headers, String body) {

    static SipView parse(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
        }
        return new SipView(lines[0], headers, text.substring(end + 4));
    }

    String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    java.util.List<String> all(String name) {
        java.util.List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                out.add(h[1]);
            }
        }
        return out;
    }

    /** The branch parameter of a Via value. */
    static String branchOf(String via) {
        for (String part : via.split(";")) {
            if (part.startsWith("branch=")) {
                return part.substring(7);
            }
        }
        return null;
    }

    /** The sent-by of a Via value ({@code SIP/2.0/UDP host:port;...}). */
    static String sentByOf(String via) {
        String rest = via.substring(via.indexOf(' ') + 1);
        int semi = rest.indexOf(';');
        return semi < 0 ? rest : rest.substring(0, semi);
    }

    /** The tag of a From or To value, or null. */
    static String tagOf(String nameAddr) {
        int i = nameAddr.indexOf(";tag=");
        if (i < 0) {
            return null;
        }
        int end = nameAddr.indexOf(';', i + 5);
        return nameAddr.substring(i + 5, end < 0 ? nameAddr.length() : end);
    }

    long cseqNumber() {
        return Long.parseLong(header("CSeq").split(" ")[0]);
    }

    String cseqMethod() {
        return header("CSeq").split(" ")[1];
    }

    boolean isRequest() {
        return !firstLine.startsWith("SIP/2.0");
    }

    String method() {
        return isRequest() ? firstLine.substring(0, firstLine.indexOf(' ')) : header("CSeq").split(" ")[1];
    }

    int status() {
        return isRequest() ? 0 : Integer.parseInt(firstLine.split(" ")[1]);
    }

    /** The value of {@code ;name=value} in a header, or null. */
    String param(String header, String name) {
        String v = header(header);
        if (v == null) {
            return null;
        }
        for (String part : v.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The SDP line starting with {@code prefix} (e.g. "m="), or null. */
    String sdp(String prefix) {
        for (String line : body.split("\r\n")) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }
}
