/**
 * Frames and where they come from: pure-Java pcap and pcapng readers and writers (no native code),
 * and live capture through pcap4j, the only place in the project that touches pcap4j or JNA.
 */
package dev.sipscope.capture;
