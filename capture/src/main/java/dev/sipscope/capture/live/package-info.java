/**
 * Live capture from a network interface through pcap4j and the system's libpcap: the only package
 * in the project that touches pcap4j or JNA.
 *
 * <p>{@link dev.sipscope.capture.live.LiveCapture} wraps one libpcap handle and runs its capture
 * loop on the calling thread; {@link dev.sipscope.capture.live.LiveFrameSource} runs that loop on a
 * thread of its own and hands frames to a consumer through a bounded ring that never blocks the
 * capture (frames that do not fit are counted as queue drops). Every failure a user can cause or
 * fix (libpcap missing, no permission, unknown or down interface, bad filter) becomes a
 * {@link dev.sipscope.capture.live.LiveCaptureException} carrying one sentence; pcap4j's own
 * logging is silenced so that nothing reaches a terminal the UI owns.
 */
package dev.sipscope.capture.live;
