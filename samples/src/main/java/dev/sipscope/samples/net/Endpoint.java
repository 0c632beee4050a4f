package dev.sipscope.samples.net;

/** A transport address: IP and port (0..65535). */
public record Endpoint(IpAddress ip, int port) {
    public Endpoint {
        if (ip == null) {
            throw new IllegalArgumentException("an endpoint needs an IP address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static Endpoint of(String ipLiteral, int port) {
        return new Endpoint(IpAddress.parse(ipLiteral), port);
    }

    /** The same host with another port. */
    public Endpoint withPort(int otherPort) {
        return new Endpoint(ip, otherPort);
    }

    /** {@code 10.0.0.1:5060} or {@code [2001:db8::1]:5060}. */
    @Override
    public String toString() {
        return ip.uriHost() + ":" + port;
    }
}
