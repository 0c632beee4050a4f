package dev.sipscope.tui.model;

/**
 * The counters of the status bar at one instant.
 *
 * @param source         what is read: file names, the interface, or the HEP listening address
 * @param kind           the kind of source
 * @param filter         the BPF filter of a live capture, empty when none
 * @param frames         frames read so far
 * @param kernelDrops    frames the kernel or the interface dropped (live only)
 * @param queueDrops     frames dropped because the engine fell behind (live only)
 * @param calls          calls known (before any display filter)
 * @param sipMessages    SIP messages decoded
 * @param heapUsedBytes  Java heap in use
 * @param heapMaxBytes   the heap's limit
 * @param progress       share of a file read so far, 0..1; negative when not applicable
 * @param finished       true when the source has ended (file read to its end, capture stopped)
 * @param problem        a one-sentence failure (the interface went away), or null
 */
public record StatusCounters(String source, SourceKind kind, String filter, long frames, long kernelDrops,
                             long queueDrops, long calls, long sipMessages, long heapUsedBytes, long heapMaxBytes,
                             double progress, boolean finished, String problem) {

    public StatusCounters {
        source = source == null ? "" : source;
        filter = filter == null ? "" : filter;
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
    }

    /** True for a live source (an interface or a HEP listener). */
    public boolean live() {
        return kind != SourceKind.FILE;
    }

    /** Heap figures of this JVM now. */
    public static long[] heapNow() {
        Runtime rt = Runtime.getRuntime();
        return new long[] {rt.totalMemory() - rt.freeMemory(), rt.maxMemory()};
    }
}
