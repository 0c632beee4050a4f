package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.NetPath;

/**
 * Describes one registration over UDP (RFC 3261 section 10): REGISTER, by default a 401 digest
 * challenge (RFC 2617, qop=auth), REGISTER with credentials, and the final response (200 with the
 * binding, or the code given to {@link #reject(int)}).
 */
public final class RegisterBuilder {
    String user;
    Endpoint ua;
    Endpoint registrar;
    long atMillis;
    boolean challenge = true;
    String password = "secret";
    int expiresSeconds = 3600;
    int finalStatus = 200;
    long oneWayDelayMillis = 10;
    NetPath path = NetPath.DEFAULT;
    String userAgent = "sipscope-samples phone/1.0";

    public RegisterBuilder() {
    }

    public RegisterBuilder user(String name, String ip, int sipPort) {
        this.user = name;
        this.ua = Endpoint.of(ip, sipPort);
        return this;
    }

    public RegisterBuilder registrar(String ip, int sipPort) {
        this.registrar = Endpoint.of(ip, sipPort);
        return this;
    }

    /** Start, in milliseconds after the scenario start. */
    public RegisterBuilder at(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a registration cannot start before the scenario");
        }
        this.atMillis = millis;
        return this;
    }

    /** Skip the 401 challenge. */
    public RegisterBuilder noChallenge() {
        this.challenge = false;
        return this;
    }

    public RegisterBuilder password(String value) {
        this.password = value;
        return this;
    }

    /** Requested binding lifetime; 0 removes the binding. */
    public RegisterBuilder expires(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("expires cannot be negative");
        }
        this.expiresSeconds = seconds;
        return this;
    }

    /** The registrar refuses the (authenticated) request with this code, e.g. 403. */
    public RegisterBuilder reject(int code) {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("a rejection is 3xx-6xx, got " + code);
        }
        this.finalStatus = code;
        return this;
    }

    public RegisterBuilder vlan(int id) {
        this.path = path.withVlan(id);
        return this;
    }

    void validate() {
        if (ua == null || registrar == null) {
            throw new IllegalArgumentException("a registration needs user(...) and registrar(...)");
        }
        if (ua.ip().isV6() != registrar.ip().isV6()) {
            throw new IllegalArgumentException("user agent " + ua + " and registrar " + registrar + " use different IP families");
        }
    }
}
