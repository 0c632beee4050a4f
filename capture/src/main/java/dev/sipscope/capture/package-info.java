/**
 * Frames and where they come from: pure-Java pcap and pcapng readers and writers (no native code),
 * and live capture through pcap4j, the only place in the project that touches pcap4j or JNA.
 *
 * <p>Reading files starts at {@link dev.sipscope.capture.CaptureFiles}: it recognises pcap,
 * pcapng and gzip from the first bytes and returns a {@link dev.sipscope.capture.FrameSource}
 * that streams through one reused buffer (memory bounded whatever the file size, nothing
 * allocated per frame). Damage at the end of a file ends the stream with a warning instead of an
 * exception. {@link dev.sipscope.capture.MergingFrameSource} merges several sources in time
 * order; {@link dev.sipscope.capture.PcapWriter} and {@link dev.sipscope.capture.PcapngWriter}
 * write frames back out.
 */
package dev.sipscope.capture;
