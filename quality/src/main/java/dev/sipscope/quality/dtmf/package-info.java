/**
 * DTMF and other RFC 4733 named events decoded from telephone-event packets: digit, start time,
 * duration, volume, end seen. Telephone-event packets never feed jitter (QUALITY.md §4.3).
 */
package dev.sipscope.quality.dtmf;
