package dev.sipscope.decoder.tcp;

import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketSink;

/**
 * Reassembles TCP connections into ordered byte streams per direction.
 * (Contract only; the implementation is being written.)
 */
public final class TcpReassembler {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private long streams;

    /**
     * One TCP segment. {@code packet} holds the direction's addresses, ports, time and the segment
     * payload (possibly empty); {@code seq} and {@code ack} are the unsigned 32-bit header values.
     */
    public void segment(Packet packet, long seq, long ack, int tcpFlags, PacketSink sink) {
    }

    /** End of input: deliver what can be delivered, then close every open stream. */
    public void finish(PacketSink sink) {
    }

    /** Connections seen so far. */
    public long streams() {
        return streams;
    }
}
