/**
 * Call diagnostics: the "signal to watch" a VoIP engineer looks for (no media, one-way audio, NAT,
 * codec and quality problems, slow or failed setup), each with a stable code, a severity and one
 * sentence, computed from a call's snapshot and its RTP streams.
 */
package dev.sipscope.correlator.diag;
