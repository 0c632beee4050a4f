package dev.sipscope.decoder.sdp;

/**
 * A c= line (RFC 4566 §5.7): {@code c=<nettype> <addrtype> <address>[/<ttl>][/<count>]}. For IP4
 * multicast the first suffix is the TTL and the second the address count; for IP6 the only suffix
 * is the count.
 *
 * @param netType  normally {@code IN}
 * @param addrType {@code IP4} or {@code IP6} (upper case as written)
 * @param address  the address or host name without suffixes
 * @param ttl      the TTL suffix, or -1
 * @param count    the number of addresses, 1 when not given
 */
public record SdpConnection(String netType, String addrType, String address, int ttl, int count) {

    public boolean isIpv6() {
        return "IP6".equalsIgnoreCase(addrType);
    }

    /**
     * Whether the address is the unspecified address ({@code 0.0.0.0} or {@code ::}): the RFC 2543
     * way of putting a stream on hold (RFC 3264 §8.4).
     */
    public boolean isUnspecified() {
        return "0.0.0.0".equals(address) || "::".equals(address);
    }

    @Override
    public String toString() {
        return netType + " " + addrType + " " + address + (ttl >= 0 ? "/" + ttl : "") + (count > 1 ? "/" + count : "");
    }
}
