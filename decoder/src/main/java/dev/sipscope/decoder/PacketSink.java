package dev.sipscope.decoder;

import dev.sipscope.capture.Frame;
import dev.sipscope.decoder.tcp.TcpStream;

/**
 * Receives what the {@link PacketDecoder} finds. Every callback runs on the decoding thread and
 * every {@link Packet} it gets is valid only for the duration of the call.
 */
public interface PacketSink {

    /**
     * A self-contained payload: a UDP datagram (after IP reassembly and tunnel decapsulation), a
     * payload carried in HEP (protocol says what the agent saw), or the user data of one SCTP DATA chunk.
     */
    default void onDatagram(Packet packet) {
    }

    /**
     * New in-order bytes of one direction of a TCP connection. {@code packet} carries that
     * direction's addresses and ports and the time of the segment that made the bytes available.
     */
    default void onTcpData(TcpStream stream, Packet packet) {
    }

    /**
     * Bytes of one direction of {@code stream} were never seen (lost segment, or given up after a
     * memory or time bound); the next {@link #onTcpData} continues after the hole.
     *
     * @param fromClient  the direction: true for the side that opened the connection (or was seen first)
     * @param missingBytes size of the hole, or -1 when unknown
     */
    default void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
    }

    /**
     * A segment of one direction of {@code stream} arrived beyond a hole: its new bytes were kept aside
     * and will reach {@link #onTcpData} once the hole fills (or is given up as a gap), with the packet
     * that filled it. For whoever must know which frame carried which bytes (export copies the frames of
     * chosen messages). Called only for out-of-order segments; the default does nothing.
     *
     * @param packet     the segment (its frame), valid only for the call
     * @param aheadBytes how far past the next expected byte of the direction its payload starts (at least 1)
     * @param length     its payload length in bytes
     */
    default void onTcpBuffered(TcpStream stream, boolean fromClient, Packet packet, long aheadBytes, int length) {
    }

    /** The connection ended (FIN in both directions, RST, idle timeout, eviction, or end of input). */
    default void onTcpClose(TcpStream stream) {
    }

    /** A frame, or part of one, could not be decoded; it is counted and decoding goes on. */
    default void onMalformed(Frame frame, Malformed reason) {
    }
}
