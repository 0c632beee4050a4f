/**
 * Frames on the wire, built byte by byte: addresses, Ethernet II with an optional 802.1Q tag,
 * IPv4 (header checksum, identification, fragmentation) and IPv6 (fragment extension header),
 * UDP and TCP with correct checksums, a TCP connection that keeps sequence and acknowledgement
 * numbers, time-ordered frame generators and their merge, and the seeded random source every
 * generator draws from so that output is byte-for-byte reproducible.
 */
package dev.sipscope.samples.net;
