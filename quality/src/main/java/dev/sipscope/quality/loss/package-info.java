/**
 * Loss-pattern metrics over slot outcomes (QUALITY.md §7): Markov p/q and BurstR, run-length BurstR,
 * the RFC 3611 burst/gap split with Gmin ({@link dev.sipscope.quality.loss.LossPattern}), and the RFC
 * 3611 Appendix A.2 counters kept only for comparison with endpoint XR reports.
 */
package dev.sipscope.quality.loss;
