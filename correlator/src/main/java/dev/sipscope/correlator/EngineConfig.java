package dev.sipscope.correlator;

import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.decoder.PortSet;
import dev.sipscope.decoder.sip.SipDecoder;
import dev.sipscope.decoder.sip.SipLimits;

import java.util.Objects;

/**
 * Settings of an {@link Engine}: SIP framing limits, the ports known to carry SIP, the correlator's
 * bounds and windows, and the media registry's size.
 *
 * @param sipLimits         SIP message size and header limits
 * @param sipPorts          ports on which traffic is SIP (either end); SIP is also recognised elsewhere by its start line
 * @param correlator        transaction, dialog, call bounds and windows
 * @param maxMediaBindings  media endpoints the registry keeps at most
 */
public record EngineConfig(SipLimits sipLimits, PortSet sipPorts, CorrelatorConfig correlator, int maxMediaBindings) {

    /** SIP on 5060, default limits and correlator bounds, 1,048,576 media bindings. */
    public static final EngineConfig DEFAULTS = new EngineConfig(SipLimits.DEFAULTS, SipDecoder.DEFAULT_SIP_PORTS,
            CorrelatorConfig.DEFAULTS, dev.sipscope.correlator.media.MediaRegistry.DEFAULT_MAX_BINDINGS);

    public EngineConfig {
        Objects.requireNonNull(sipLimits, "sipLimits");
        Objects.requireNonNull(sipPorts, "sipPorts");
        Objects.requireNonNull(correlator, "correlator");
        if (maxMediaBindings < 1) {
            throw new IllegalArgumentException("maxMediaBindings must be positive, got " + maxMediaBindings);
        }
    }

    public EngineConfig withSipPorts(int... ports) {
        return new EngineConfig(sipLimits, PortSet.of(ports), correlator, maxMediaBindings);
    }

    public EngineConfig withCorrelator(CorrelatorConfig value) {
        return new EngineConfig(sipLimits, sipPorts, value, maxMediaBindings);
    }

    public EngineConfig withSipLimits(SipLimits value) {
        return new EngineConfig(value, sipPorts, correlator, maxMediaBindings);
    }
}
