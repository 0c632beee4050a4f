package dev.sipscope.decoder.tcp;

import dev.sipscope.decoder.IpAddress;

/**
 * One TCP connection as seen by the reassembler. The "client" is the side that sent the SYN, or,
 * when the handshake was not captured, the side whose segment was seen first.
 *
 * <p>Consumers keep their per-connection state (for example a SIP framer) in {@link #attachment}.
 */
public final class TcpStream {
    /** Sequential number of this connection in the capture, from 0. */
    public final long index;
    public final int ipVersion;
    public final long clientHi;
    public final long clientLo;
    public final int clientPort;
    public final long serverHi;
    public final long serverLo;
    public final int serverPort;

    /** Free slot for the consumer's state; the reassembler never reads it. */
    public Object attachment;

    public TcpStream(long index, int ipVersion, long clientHi, long clientLo, int clientPort,
                     long serverHi, long serverLo, int serverPort) {
        this.index = index;
        this.ipVersion = ipVersion;
        this.clientHi = clientHi;
        this.clientLo = clientLo;
        this.clientPort = clientPort;
        this.serverHi = serverHi;
        this.serverLo = serverLo;
        this.serverPort = serverPort;
    }

    @Override
    public String toString() {
        return "tcp#" + index + " " + IpAddress.format(clientHi, clientLo, clientPort) + " <-> "
                + IpAddress.format(serverHi, serverLo, serverPort);
    }
}
