package dev.sipscope.capture.live;

import java.net.InetAddress;
import java.util.List;

/**
 * A network interface libpcap can capture on, as {@link LiveCapture#listInterfaces()} reports it.
 *
 * @param name        the name to pass to {@link LiveOptions} (e.g. {@code eth0}, {@code any})
 * @param description libpcap's description, or null (Linux gives none for ordinary interfaces)
 * @param addresses   the interface's IPv4 and IPv6 addresses, possibly empty
 * @param loopback    true for the loopback interface
 * @param up          true when the interface is administratively up
 * @param running     true when the interface is running (carrier present)
 */
public record LiveInterface(String name, String description, List<InetAddress> addresses, boolean loopback,
                            boolean up, boolean running) {

    public LiveInterface {
        addresses = List.copyOf(addresses);
    }
}
