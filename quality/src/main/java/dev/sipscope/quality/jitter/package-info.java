/**
 * Jitter: the RFC 3550 interarrival estimator in its floating-point and integer forms (profiles
 * {@code RFC} and {@code ANALYZER}, QUALITY.md §4) and the Wireshark 4.0 stream analysis with its
 * delta, jitter, skew, lost and clock-drift figures (profile {@code WS40}, §5). Allocation-free.
 */
package dev.sipscope.quality.jitter;
