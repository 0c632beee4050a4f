package dev.sipscope.tui.feed;

import dev.sipscope.decoder.IpAddress;

/**
 * A transport address (IP as two longs, IPv4 in the v4-mapped form, and a port). Mutable only
 * through {@link #set}, which the engine uses on one reused probe for map lookups without
 * allocating; instances stored in maps are never changed.
 */
final class Endpoint {
    long hi;
    long lo;
    int port;

    Endpoint() {
    }

    Endpoint(long hi, long lo, int port) {
        this.hi = hi;
        this.lo = lo;
        this.port = port;
    }

    Endpoint set(long hi, long lo, int port) {
        this.hi = hi;
        this.lo = lo;
        this.port = port;
        return this;
    }

    Endpoint copy() {
        return new Endpoint(hi, lo, port);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Endpoint)) {
            return false;
        }
        Endpoint e = (Endpoint) o;
        return e.hi == hi && e.lo == lo && e.port == port;
    }

    @Override
    public int hashCode() {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL ^ port;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return IpAddress.format(hi, lo, port);
    }

    /**
     * Parses a numeric IPv4 or IPv6 address (no name is ever resolved) into {@code out}; false
     * when {@code text} is not a numeric address.
     */
    static boolean parse(String text, int port, Endpoint out) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (text.indexOf(':') < 0) {
            int v = 0;
            int parts = 0;
            int cur = -1;
            for (int i = 0; i <= text.length(); i++) {
                char c = i < text.length() ? text.charAt(i) : '.';
                if (c == '.') {
                    if (cur < 0 || cur > 255) {
                        return false;
                    }
                    v = v << 8 | cur;
                    parts++;
                    cur = -1;
                } else if (c >= '0' && c <= '9') {
                    cur = (cur < 0 ? 0 : cur * 10) + (c - '0');
                    if (cur > 255) {
                        return false;
                    }
                } else {
                    return false;
                }
            }
            if (parts != 4) {
                return false;
            }
            out.set(0, IpAddress.v4Lo(v), port);
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return false;
            }
        }
        try {
            // only hex digits, colons and dots: an IPv6 literal, never a name to look up
            byte[] b = java.net.InetAddress.getByName(text).getAddress();
            if (b.length == 4) {
                out.set(0, IpAddress.v4Lo(IpAddress.readInt(b, 0)), port);
            } else {
                out.set(IpAddress.readLong(b, 0), IpAddress.readLong(b, 8), port);
            }
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
