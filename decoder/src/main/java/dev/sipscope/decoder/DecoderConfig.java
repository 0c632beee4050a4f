package dev.sipscope.decoder;

import dev.sipscope.decoder.tcp.TcpConfig;
import java.util.Objects;

/**
 * What the {@link PacketDecoder} looks for and how much memory and time it may spend on state that
 * spans packets (IP fragments, SCTP fragments, TCP streams).
 *
 * <p>Immutable; start from {@link #DEFAULTS} and change what you need with the {@code with...}
 * methods. Every bound is checked when the record is built: counts and sizes must be positive,
 * times at least one nanosecond.
 *
 * @param hepUdpPorts                UDP ports whose datagrams are tried as HEP/EEP (either direction)
 * @param vxlanUdpPorts              UDP destination ports whose datagrams are VXLAN (RFC 7348)
 * @param maxTunnelDepth             tunnels (IP-in-IP, GRE, ERSPAN, VXLAN) followed inside one frame; deeper is
 *                                   {@link Malformed#TOO_DEEP}
 * @param maxFragmentedDatagrams     IP datagrams being reassembled at once; the oldest is evicted beyond
 * @param maxFragmentBufferBytes     bytes of buffers held for incomplete IP datagrams; the oldest are evicted beyond
 * @param fragmentTimeoutNanos       an incomplete IP datagram (or SCTP message) older than this, in capture time, is
 *                                   dropped (RFC 791 suggests 15 s, Linux uses 30 s)
 * @param maxHepInflatedBytes        largest payload a compressed HEP chunk may inflate to
 * @param maxSctpPendingMessages     fragmented SCTP user messages being reassembled at once
 * @param maxSctpMessageBytes        largest SCTP user message reassembled from fragments
 * @param maxSctpBufferBytes         bytes held for all incomplete SCTP user messages
 * @param tcp                        bounds of the TCP reassembler the decoder creates
 */
public record DecoderConfig(
        PortSet hepUdpPorts,
        PortSet vxlanUdpPorts,
        int maxTunnelDepth,
        int maxFragmentedDatagrams,
        long maxFragmentBufferBytes,
        long fragmentTimeoutNanos,
        int maxHepInflatedBytes,
        int maxSctpPendingMessages,
        int maxSctpMessageBytes,
        long maxSctpBufferBytes,
        TcpConfig tcp) {

    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final long MIB = 1024L * 1024L;

    /** HEP on 9060, VXLAN on 4789, 8 tunnels deep, 4096 datagrams / 32 MiB / 30 s for IP fragments. */
    public static final DecoderConfig DEFAULTS = new DecoderConfig(
            PortSet.of(9060),
            PortSet.of(4789),
            8,
            4096,
            32 * MIB,
            30 * SECOND_NANOS,
            256 * 1024,
            1024,
            256 * 1024,
            8 * MIB,
            TcpConfig.DEFAULTS);

    public DecoderConfig {
        Objects.requireNonNull(hepUdpPorts, "hepUdpPorts");
        Objects.requireNonNull(vxlanUdpPorts, "vxlanUdpPorts");
        positive(maxTunnelDepth, "maxTunnelDepth");
        positive(maxFragmentedDatagrams, "maxFragmentedDatagrams");
        positive(maxFragmentBufferBytes, "maxFragmentBufferBytes");
        positive(fragmentTimeoutNanos, "fragmentTimeoutNanos");
        positive(maxHepInflatedBytes, "maxHepInflatedBytes");
        positive(maxSctpPendingMessages, "maxSctpPendingMessages");
        positive(maxSctpMessageBytes, "maxSctpMessageBytes");
        positive(maxSctpBufferBytes, "maxSctpBufferBytes");
        Objects.requireNonNull(tcp, "tcp");
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    public DecoderConfig withHepUdpPorts(int... ports) {
        return new DecoderConfig(PortSet.of(ports), vxlanUdpPorts, maxTunnelDepth, maxFragmentedDatagrams,
                maxFragmentBufferBytes, fragmentTimeoutNanos, maxHepInflatedBytes, maxSctpPendingMessages,
                maxSctpMessageBytes, maxSctpBufferBytes, tcp);
    }

    public DecoderConfig withVxlanUdpPorts(int... ports) {
        return new DecoderConfig(hepUdpPorts, PortSet.of(ports), maxTunnelDepth, maxFragmentedDatagrams,
                maxFragmentBufferBytes, fragmentTimeoutNanos, maxHepInflatedBytes, maxSctpPendingMessages,
                maxSctpMessageBytes, maxSctpBufferBytes, tcp);
    }

    public DecoderConfig withMaxTunnelDepth(int depth) {
        return new DecoderConfig(hepUdpPorts, vxlanUdpPorts, depth, maxFragmentedDatagrams,
                maxFragmentBufferBytes, fragmentTimeoutNanos, maxHepInflatedBytes, maxSctpPendingMessages,
                maxSctpMessageBytes, maxSctpBufferBytes, tcp);
    }

    /** IP fragment reassembly bounds: datagrams at once, buffered bytes, and timeout in capture time. */
    public DecoderConfig withFragmentLimits(int maxDatagrams, long maxBufferBytes, long timeoutNanos) {
        return new DecoderConfig(hepUdpPorts, vxlanUdpPorts, maxTunnelDepth, maxDatagrams,
                maxBufferBytes, timeoutNanos, maxHepInflatedBytes, maxSctpPendingMessages,
                maxSctpMessageBytes, maxSctpBufferBytes, tcp);
    }

    public DecoderConfig withMaxHepInflatedBytes(int maxBytes) {
        return new DecoderConfig(hepUdpPorts, vxlanUdpPorts, maxTunnelDepth, maxFragmentedDatagrams,
                maxFragmentBufferBytes, fragmentTimeoutNanos, maxBytes, maxSctpPendingMessages,
                maxSctpMessageBytes, maxSctpBufferBytes, tcp);
    }

    /** SCTP user-message reassembly bounds: messages at once, bytes per message, bytes in all. */
    public DecoderConfig withSctpLimits(int maxPendingMessages, int maxMessageBytes, long maxBufferBytes) {
        return new DecoderConfig(hepUdpPorts, vxlanUdpPorts, maxTunnelDepth, maxFragmentedDatagrams,
                maxFragmentBufferBytes, fragmentTimeoutNanos, maxHepInflatedBytes, maxPendingMessages,
                maxMessageBytes, maxBufferBytes, tcp);
    }

    /** Bounds of the TCP reassembler. */
    public DecoderConfig withTcp(TcpConfig tcpConfig) {
        return new DecoderConfig(hepUdpPorts, vxlanUdpPorts, maxTunnelDepth, maxFragmentedDatagrams,
                maxFragmentBufferBytes, fragmentTimeoutNanos, maxHepInflatedBytes, maxSctpPendingMessages,
                maxSctpMessageBytes, maxSctpBufferBytes, tcpConfig);
    }
}
