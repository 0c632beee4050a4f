package dev.sipscope.samples.net;

/**
 * How frames between two hosts look on the link where they are captured.
 *
 * @param vlanId           802.1Q VLAN id (1..4094), or -1 for an untagged frame
 * @param mtu              IP MTU: a larger IP datagram is fragmented (IPv4 needs 68+, IPv6 1280+)
 * @param ttl              IPv4 TTL / IPv6 hop limit
 * @param reverseFragments send the last fragment first (some stacks do), to exercise reassembly
 */
public record NetPath(int vlanId, int mtu, int ttl, boolean reverseFragments) {
    public static final NetPath DEFAULT = new NetPath(-1, 1500, 64, false);

    public NetPath {
        if (vlanId != -1 && (vlanId < 1 || vlanId > 4094)) {
            throw new IllegalArgumentException("VLAN id must be 1..4094 (or -1 for none), got " + vlanId);
        }
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("MTU must be 68..65535, got " + mtu);
        }
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 1..255, got " + ttl);
        }
    }

    public NetPath withVlan(int id) {
        return new NetPath(id, mtu, ttl, reverseFragments);
    }

    public NetPath withMtu(int bytes) {
        return new NetPath(vlanId, bytes, ttl, reverseFragments);
    }

    public NetPath withTtl(int hops) {
        return new NetPath(vlanId, mtu, hops, reverseFragments);
    }

    public NetPath withReverseFragments(boolean reverse) {
        return new NetPath(vlanId, mtu, ttl, reverse);
    }
}
