package dev.sipscope.capture;

/**
 * A capture interface as a file declares it.
 *
 * @param id           index across the whole file (pcapng: counted over all sections)
 * @param linkType     LINKTYPE_ number of frames captured on it
 * @param snapLength   the snapshot length, 0 when unlimited or unknown
 * @param name         {@code if_name} option, or null
 * @param description  {@code if_description} option, or null
 */
public record InterfaceInfo(int id, int linkType, int snapLength, String name, String description) {
}
