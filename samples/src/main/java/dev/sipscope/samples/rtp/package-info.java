/**
 * RTP (RFC 3550) streams with chosen impairments and exact ground truth: codecs and their payload
 * sizes, loss models (independent and Gilbert two-state), network jitter, explicit reordering and
 * duplication, talk spurts with the marker bit, RFC 4733 telephone events, RTCP sender and receiver
 * reports, and the per-stream truth ({@link dev.sipscope.samples.rtp.StreamTruth}) that tests
 * compare analyzers against.
 */
package dev.sipscope.samples.rtp;
