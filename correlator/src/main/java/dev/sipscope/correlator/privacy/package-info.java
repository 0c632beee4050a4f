/**
 * Privacy masking of captures: {@link dev.sipscope.correlator.privacy.SipMasker} rewrites the user
 * parts of SIP, SIPS and tel URIs, display names and digest credentials of a SIP text in place with
 * same-length masks from a keyed hash (the same value always gets the same mask under one key, so
 * calls still correlate); {@link dev.sipscope.correlator.privacy.FrameMasker} finds the UDP and TCP
 * payloads of a captured frame, masks them and fixes the checksums, and
 * {@link dev.sipscope.correlator.privacy.MaskingFrameSource} masks every frame read through it.
 * Owns nothing else; imports capture only.
 */
package dev.sipscope.correlator.privacy;
