package dev.sipscope.correlator.media;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded memo of immutable values that many calls describe alike (the payload map of an offer:
 * nearly every call on a system offers the same few codec lists), so that each distinct value is
 * kept once instead of once per media binding. Least recently used entries leave first; at most
 * {@code capacity} entries. Single-threaded (engine thread).
 *
 * @param <K> the key, immutable with value equality
 * @param <V> the shared value made from the key
 */
final class SharedValues<K, V> {
    private final Map<K, V> values;
    private final Function<K, V> make;

    SharedValues(int capacity, Function<K, V> make) {
        this.make = make;
        this.values = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value kept for a key equal to {@code key}, made (and kept) on first sight. */
    V get(K key) {
        V v = values.get(key);
        if (v == null) {
            v = make.apply(key);
            values.put(key, v);
        }
        return v;
    }
}
