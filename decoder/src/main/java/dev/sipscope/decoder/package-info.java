/**
 * From frames to transport payloads: link layers, tags, tunnels, IPv4/IPv6 with fragment
 * reassembly, UDP, SCTP user messages, HEP decapsulation, and (in {@code decoder.tcp}) TCP stream
 * reassembly.
 *
 * <p>{@link dev.sipscope.decoder.PacketDecoder} is the entry point: configured by
 * {@link dev.sipscope.decoder.DecoderConfig}, it hands a reused {@link dev.sipscope.decoder.Packet} to
 * a {@link dev.sipscope.decoder.PacketSink} and counts everything in
 * {@link dev.sipscope.decoder.DecoderStats}. Everything works on views over the frame's bytes; the UDP
 * path allocates nothing per packet. State that spans packets (IP fragments, SCTP fragments, TCP
 * streams) is bounded in count, bytes and capture time.
 */
package dev.sipscope.decoder;
