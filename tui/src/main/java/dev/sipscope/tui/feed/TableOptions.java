package dev.sipscope.tui.feed;

import java.util.regex.Pattern;

/**
 * What the call table keeps, with the meanings sngrep users know.
 *
 * @param invitesOnly  keep only dialogs whose first request is an INVITE (sngrep {@code -c})
 * @param match        keep only dialogs whose first message matches this expression, or null
 *                     (sngrep's match expression)
 * @param invertMatch  keep the dialogs that do not match instead (sngrep {@code -v})
 * @param callLimit    the most calls kept, or 0 for no limit (sngrep {@code -l})
 * @param rotate       at the limit, forget the oldest call to take the new one; without it new
 *                     calls are ignored (sngrep {@code -R})
 * @param maxStreamsPerCall RTP streams shown per call, the first ones by first packet (more are left out)
 */
public record TableOptions(boolean invitesOnly, Pattern match, boolean invertMatch, int callLimit, boolean rotate,
                           int maxStreamsPerCall) {

    public static final TableOptions DEFAULTS = new TableOptions(false, null, false, 0, false, 32);

    public TableOptions {
        if (callLimit < 0) {
            throw new IllegalArgumentException("the call limit must be 0 (none) or more");
        }
        if (maxStreamsPerCall < 1) {
            throw new IllegalArgumentException("at least one stream per call");
        }
    }
}
