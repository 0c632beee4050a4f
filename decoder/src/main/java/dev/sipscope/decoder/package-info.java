/**
 * From frames to transport payloads: link layers, tunnels, IPv4/IPv6 with fragment reassembly,
 * UDP, TCP stream reassembly, SCTP data chunks and HEP decapsulation. Everything works on views
 * over the frame's bytes; the UDP path allocates nothing per packet.
 */
package dev.sipscope.decoder;
