package dev.sipscope.decoder.sdp;

/**
 * An a= line (RFC 4566 §5.13): {@code a=<name>} (a property, {@code value} null) or {@code a=<name>:<value>}.
 */
public record SdpAttribute(String name, String value) {
    @Override
    public String toString() {
        return value == null ? name : name + ":" + value;
    }
}
