/**
 * Turns decoded packets into what users look at. For now: the batch analysis of a capture's
 * frames and transports ({@link dev.sipscope.correlator.CaptureAnalysis}); transactions, dialogs,
 * calls and the single-writer engine build on it.
 */
package dev.sipscope.correlator;
