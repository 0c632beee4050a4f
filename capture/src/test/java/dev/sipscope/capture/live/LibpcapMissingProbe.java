package dev.sipscope.capture.live;

/**
 * Run in a child JVM by {@link LibpcapMissingTest} with pcap4j pointed at a library that does not
 * exist: prints, one line per attempt, the reason and message each entry point reports.
 */
public final class LibpcapMissingProbe {

    private LibpcapMissingProbe() {
    }

    public static void main(String[] args) {
        attempt(LiveCapture::listInterfaces);          // first use: UnsatisfiedLinkError inside pcap4j
        attempt(() -> LiveCapture.open(LiveOptions.of("lo")));  // later uses: NoClassDefFoundError
        attempt(() -> LiveFrameSource.open(LiveOptions.of("lo")));
        attempt(LiveCapture::libpcapVersion);
    }

    private interface Attempt {
        Object run() throws LiveCaptureException;
    }

    private static void attempt(Attempt attempt) {
        try {
            Object result = attempt.run();
            System.out.println("UNEXPECTED|" + result);
        } catch (LiveCaptureException e) {
            System.out.println(e.reason() + "|" + e.getMessage());
        }
    }
}
