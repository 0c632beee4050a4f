package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.NetPath;

/**
 * Describes a subscription (RFC 6665) over UDP: SUBSCRIBE, 200 (the dialog), an initial NOTIFY
 * with the current state and further ones on changes, each answered 200; then the subscriber
 * unsubscribes (SUBSCRIBE with Expires: 0 in the dialog, 200) and the notifier sends the last
 * NOTIFY with {@code Subscription-State: terminated}.
 *
 * <p>Event packages with bodies: {@code presence} (application/pidf+xml, RFC 3863) and
 * {@code message-summary} (application/simple-message-summary, RFC 3842).
 */
public final class SubscribeBuilder {
    String label;
    long atMillis;
    String subscriberUser;
    Endpoint subscriber;
    String notifierUser;
    Endpoint notifier;
    String event = "presence";
    int expiresSeconds = 600;
    int notifies = 2;
    double lastingSeconds = 4;
    long oneWayDelayMillis = 10;
    NetPath path = NetPath.DEFAULT;

    public SubscribeBuilder() {
    }

    public SubscribeBuilder label(String value) {
        this.label = value;
        return this;
    }

    /** Start, in milliseconds after the scenario start. */
    public SubscribeBuilder at(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a subscription cannot start before the scenario");
        }
        this.atMillis = millis;
        return this;
    }

    public SubscribeBuilder subscriber(String user, String ip, int sipPort) {
        this.subscriberUser = user;
        this.subscriber = Endpoint.of(ip, sipPort);
        return this;
    }

    /** The notifier; the subscription is to this user's state. */
    public SubscribeBuilder notifier(String user, String ip, int sipPort) {
        this.notifierUser = user;
        this.notifier = Endpoint.of(ip, sipPort);
        return this;
    }

    /** {@code presence} (default) or {@code message-summary}. */
    public SubscribeBuilder event(String name) {
        if (!"presence".equals(name) && !"message-summary".equals(name)) {
            throw new IllegalArgumentException("event must be presence or message-summary, got " + name);
        }
        this.event = name;
        return this;
    }

    public SubscribeBuilder expires(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("a subscription lasts at least a second");
        }
        this.expiresSeconds = seconds;
        return this;
    }

    /** NOTIFYs while the subscription is active (the first carries the initial state); default 2. */
    public SubscribeBuilder notifies(int count) {
        if (count < 1 || count > 20) {
            throw new IllegalArgumentException("1..20 NOTIFYs, got " + count);
        }
        this.notifies = count;
        return this;
    }

    /** Time from the SUBSCRIBE to the unsubscribe. */
    public SubscribeBuilder lastingSeconds(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("a subscription lasts a positive time");
        }
        this.lastingSeconds = seconds;
        return this;
    }

    public SubscribeBuilder oneWayDelayMillis(long millis) {
        if (millis < 0 || millis > 2000) {
            throw new IllegalArgumentException("one-way delay must be 0..2000 ms, got " + millis);
        }
        this.oneWayDelayMillis = millis;
        return this;
    }

    public SubscribeBuilder vlan(int id) {
        this.path = path.withVlan(id);
        return this;
    }

    void validate() {
        if (subscriber == null || notifier == null) {
            throw new IllegalArgumentException("a subscription needs subscriber(...) and notifier(...)");
        }
        if (subscriber.ip().isV6() != notifier.ip().isV6()) {
            throw new IllegalArgumentException(subscriber + " and " + notifier + " use different IP families");
        }
    }
}
