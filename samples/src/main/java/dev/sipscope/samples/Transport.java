package dev.sipscope.samples;

/** SIP transport of a call or registration (the Via transport token). */
public enum Transport {
    UDP, TCP
}
