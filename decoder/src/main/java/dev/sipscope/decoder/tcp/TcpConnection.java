package dev.sipscope.decoder.tcp;

/**
 * One tracked connection: its public {@link TcpStream}, the canonical key it is filed under in the
 * {@link ConnectionTable}, its two directions and its place in the least-recently-active list.
 *
 * <p>The canonical key orders the two endpoints ({@code a <= b} by address then port) so that both
 * directions of a connection find the same entry.
 */
final class TcpConnection {
    final TcpStream stream;
    final int hash;
    final int ipVersion;
    final long aHi;
    final long aLo;
    final int aPort;
    final long bHi;
    final long bLo;
    final int bPort;

    final TcpDirection client = new TcpDirection(this, true);
    final TcpDirection server = new TcpDirection(this, false);

    /** Least-recently-active list: the head has waited longest. */
    TcpConnection lruPrev;
    TcpConnection lruNext;
    long lastActiveNanos;
    boolean closed;

    TcpConnection(TcpStream stream, int hash, int ipVersion, long aHi, long aLo, int aPort,
                  long bHi, long bLo, int bPort) {
        this.stream = stream;
        this.hash = hash;
        this.ipVersion = ipVersion;
        this.aHi = aHi;
        this.aLo = aLo;
        this.aPort = aPort;
        this.bHi = bHi;
        this.bLo = bLo;
        this.bPort = bPort;
    }

    boolean matches(int ipVersion, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        return this.aLo == aLo && this.bLo == bLo && this.aPort == aPort && this.bPort == bPort
                && this.aHi == aHi && this.bHi == bHi && this.ipVersion == ipVersion;
    }

    /** The direction whose sender is {@code (srcHi, srcLo, srcPort)}. */
    TcpDirection directionFrom(long srcHi, long srcLo, int srcPort) {
        TcpStream s = stream;
        return srcLo == s.clientLo && srcPort == s.clientPort && srcHi == s.clientHi ? client : server;
    }

    TcpDirection other(TcpDirection d) {
        return d == client ? server : client;
    }
}
