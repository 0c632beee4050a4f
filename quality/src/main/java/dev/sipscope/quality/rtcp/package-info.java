/**
 * What RTCP adds to a stream (QUALITY.md §9): report blocks as the receiving endpoint saw the stream,
 * XR VoIP Metrics kept verbatim, and the passive round-trip estimate (SR/RR and XR RRT/DLRR segment
 * method, median of the last five samples) that feeds the E-model's one-way delay.
 */
package dev.sipscope.quality.rtcp;
