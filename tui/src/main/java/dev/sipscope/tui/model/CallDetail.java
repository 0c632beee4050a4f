package dev.sipscope.tui.model;

import java.util.List;

/**
 * Everything the ladder and the streams screen need about one call.
 *
 * @param key         the call ({@link CallRow#key()})
 * @param messages    its SIP messages in capture order
 * @param streams     its RTP streams, ordered by first packet
 * @param diagnostics problems found on the call, each one plain sentence
 * @param linkedKeys  other calls found to be legs of the same B2BUA call
 * @param diagnosticCodes the stable codes of those diagnostics that have one ({@code LOW_MOS}...), for filters
 */
public record CallDetail(long key, List<MessageRow> messages, List<StreamRow> streams, List<String> diagnostics,
                         List<Long> linkedKeys, List<String> diagnosticCodes) {

    /** A detail whose diagnostics carry no codes. */
    public CallDetail(long key, List<MessageRow> messages, List<StreamRow> streams, List<String> diagnostics,
                      List<Long> linkedKeys) {
        this(key, messages, streams, diagnostics, linkedKeys, List.of());
    }

    public CallDetail {
        messages = messages == null ? List.of() : List.copyOf(messages);
        streams = streams == null ? List.of() : List.copyOf(streams);
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
        linkedKeys = linkedKeys == null ? List.of() : List.copyOf(linkedKeys);
        diagnosticCodes = diagnosticCodes == null ? List.of() : List.copyOf(diagnosticCodes);
    }

    /** A call with nothing known beyond its row. */
    public static CallDetail empty(long key) {
        return new CallDetail(key, List.of(), List.of(), List.of(), List.of());
    }
}
