package dev.sipscope.capture.live;

import dev.sipscope.capture.live.LiveCaptureException.Reason;

/**
 * Turns what pcap4j, JNA and libpcap throw into one-sentence {@link LiveCaptureException}s, and
 * silences pcap4j's logging. Pure functions over messages and return codes, so they can be tested
 * without libpcap.
 */
final class LiveErrors {
    static final String LIBPCAP_MISSING_MESSAGE = "Live capture needs libpcap, which is not installed: run "
            + "`apt-get install libpcap0.8` (Debian/Ubuntu) or install your distribution's libpcap package.";

    /** libpcap return codes (pcap/pcap.h). */
    static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    static final int PCAP_ERROR_PERM_DENIED = -8;
    static final int PCAP_ERROR_IFACE_NOT_UP = -9;
    static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;

    /** slf4j-simple reads this per logger when the logger is created (pcap4j creates its loggers on class init). */
    static final String SIMPLE_LOGGER_PCAP4J_LEVEL = "org.slf4j.simpleLogger.log.org.pcap4j";

    private LiveErrors() {
    }

    /**
     * pcap4j logs at INFO on every open, loop and close, and at ERROR for conditions we report
     * ourselves: none of it may reach a terminal the UI owns. Must run before the first pcap4j
     * class is initialised; a level the user set explicitly is left alone.
     */
    static void quietPcap4jLogging() {
        try {
            if (System.getProperty(SIMPLE_LOGGER_PCAP4J_LEVEL) == null) {
                System.setProperty(SIMPLE_LOGGER_PCAP4J_LEVEL, "off");
            }
        } catch (SecurityException ignored) {
            // No say over system properties: pcap4j keeps the application's logging configuration.
        }
    }

    /** An Error thrown by the first (or a later) use of pcap4j's native bindings. */
    static LiveCaptureException nativeUnavailable(LinkageError error) {
        String text = firstLine(error.getMessage());
        if (text.contains("jnidispatch") || text.contains("com.sun.jna")) {
            return new LiveCaptureException(Reason.FAILED,
                    "Live capture could not load JNA's native library: " + sentenceTail(text) + ".");
        }
        if (error instanceof NoClassDefFoundError && !text.startsWith("Could not initialize class")) {
            return new LiveCaptureException(Reason.FAILED, "Live capture is not available in this build: the class "
                    + text.replace('/', '.') + " is missing from the class path.");
        }
        if (error instanceof ExceptionInInitializerError && error.getCause() != null
                && !(error.getCause() instanceof UnsatisfiedLinkError)) {
            return new LiveCaptureException(Reason.FAILED, "Live capture could not initialise pcap4j: "
                    + sentenceTail(firstLine(String.valueOf(error.getCause()))) + ".");
        }
        return new LiveCaptureException(Reason.LIBPCAP_MISSING, LIBPCAP_MISSING_MESSAGE);
    }

    /**
     * libpcap refused to open or activate {@code interfaceName}.
     *
     * @param returnCode      libpcap's return code, or null when pcap4j gave none
     * @param libpcapText     libpcap's error text
     * @param interfaceListed whether the interface appears in libpcap's device list (as non-root,
     *                        Linux reports "permission denied" even for a name that does not exist)
     */
    static LiveCaptureException openFailed(String interfaceName, Integer returnCode, String libpcapText,
                                           boolean interfaceListed) {
        String text = cleanText(libpcapText);
        int rc = returnCode == null ? 0 : returnCode;
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        boolean noDevice = rc == PCAP_ERROR_NO_SUCH_DEVICE || lower.contains("no such device");
        boolean permission = rc == PCAP_ERROR_PERM_DENIED || lower.contains("operation not permitted")
                || lower.contains("permission");
        if (noDevice || (permission && !interfaceListed)) {
            return noSuchInterface(interfaceName);
        }
        if (rc == PCAP_ERROR_PROMISC_PERM_DENIED) {
            return new LiveCaptureException(Reason.PERMISSION_DENIED, "Capturing on " + interfaceName
                    + " in promiscuous mode is not permitted: capture without promiscuous mode (--no-promisc) instead.");
        }
        if (permission) {
            return permissionDenied(interfaceName);
        }
        if (rc == PCAP_ERROR_IFACE_NOT_UP || lower.contains("not up")) {
            return new LiveCaptureException(Reason.INTERFACE_DOWN, "The interface " + interfaceName
                    + " is down: bring it up (`ip link set " + interfaceName + " up`) or pick another one from "
                    + "`sipscope capture --list`.");
        }
        return new LiveCaptureException(Reason.FAILED, "Cannot capture on " + interfaceName + ": "
                + sentenceTail(text) + ".");
    }

    static LiveCaptureException noSuchInterface(String interfaceName) {
        return new LiveCaptureException(Reason.NO_SUCH_INTERFACE, "There is no network interface named \""
                + interfaceName + "\": run `sipscope capture --list` to see the interfaces you can capture on.");
    }

    static LiveCaptureException permissionDenied(String interfaceName) {
        return new LiveCaptureException(Reason.PERMISSION_DENIED, "Capturing on " + interfaceName
                + " needs root or the CAP_NET_RAW and CAP_NET_ADMIN capabilities (e.g. "
                + "`sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))`).");
    }

    /** libpcap could not compile {@code filter}. */
    static LiveCaptureException badFilter(String filter, String libpcapText) {
        return new LiveCaptureException(Reason.BAD_FILTER, "The capture filter \"" + filter + "\" is not valid: "
                + sentenceTail(cleanText(libpcapText)) + ".");
    }

    /** The capture loop ended with an error after it had started. */
    static LiveCaptureException captureFailed(String interfaceName, String libpcapText) {
        return new LiveCaptureException(Reason.FAILED, "Capture on " + interfaceName + " stopped: "
                + sentenceTail(cleanText(libpcapText)) + ".");
    }

    /** libpcap's text without pcap4j's prefixes, on one line. */
    static String cleanText(String text) {
        String t = firstLine(text);
        for (String prefix : new String[] {"Error occurred in pcap_compile: ", "Unexpected error occurred: ",
                "Error occurred: "}) {
            if (t.startsWith(prefix)) {
                t = t.substring(prefix.length());
            }
        }
        t = t.strip();
        return t.isEmpty() ? "libpcap gave no reason" : t;
    }

    /** The first line of a message, trimmed; never null. */
    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    /** {@code text} ready to end a sentence: no trailing full stop or colon. */
    private static String sentenceTail(String text) {
        String t = text.strip();
        while (t.endsWith(".") || t.endsWith(":")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }
}
