package dev.sipscope.tui.export;

import java.util.Locale;

/** What the save dialog can write. */
public enum SaveFormat {
    PCAP("pcap", "pcap"),
    PCAPNG("pcapng", "pcapng"),
    CSV("CSV", "csv"),
    TEXT("text ladder", "txt");

    private final String label;
    private final String extension;

    SaveFormat(String label, String extension) {
        this.label = label;
        this.extension = extension;
    }

    public String label() {
        return label;
    }

    public String extension() {
        return extension;
    }

    /** True for the formats that hold packets (and need the feed to write them). */
    public boolean isPackets() {
        return this == PCAP || this == PCAPNG;
    }

    /** The format a file name's extension suggests, or null. */
    public static SaveFormat byFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (SaveFormat f : values()) {
            if (n.endsWith("." + f.extension)) {
                return f;
            }
        }
        return null;
    }
}
