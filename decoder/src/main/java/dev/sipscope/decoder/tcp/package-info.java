/**
 * TCP stream reassembly with per-direction, global, connection-count and time bounds.
 *
 * <p>{@link dev.sipscope.decoder.tcp.TcpReassembler} turns segments into ordered bytes per direction
 * of each {@link dev.sipscope.decoder.tcp.TcpStream}, reporting lost bytes as gaps of known size so
 * that consumers (SIP framing over TCP, TLS, WebSocket) can resynchronise; its limits are a
 * {@link dev.sipscope.decoder.tcp.TcpConfig}. Everything else here is package-private machinery: the
 * connection hash table, per-direction sequence state and the out-of-order byte buffer.
 */
package dev.sipscope.decoder.tcp;
