/**
 * Sequence numbers and timestamps of one RTP stream: the strict RFC 3550 A.1/A.3 tracker (profile
 * {@code RFC}), the analyzer tracker with its extensions, segments, duplicate/late classification and
 * slot window (profile {@code ANALYZER}, QUALITY.md §3), and timestamp unwrapping (§2.5). All
 * allocation-free per packet.
 */
package dev.sipscope.quality.seq;
