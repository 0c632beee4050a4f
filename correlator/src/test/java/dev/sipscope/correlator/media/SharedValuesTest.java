package dev.sipscope.correlator.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedValuesTest {

    @Test
    void equalKeysGetTheOneValueMadeForTheFirst() {
        AtomicInteger made = new AtomicInteger();
        SharedValues<String, StringBuilder> shared = new SharedValues<>(4, k -> {
            made.incrementAndGet();
            return new StringBuilder(k);
        });
        StringBuilder first = shared.get(new String("PCMU PCMA"));
        assertThat(shared.get(new String("PCMU PCMA"))).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        AtomicInteger made = new AtomicInteger();
        SharedValues<Integer, Object> shared = new SharedValues<>(2, k -> {
            made.incrementAndGet();
            return new Object();
        });
        Object one = shared.get(1);
        shared.get(2);
        assertThat(shared.get(1)).isSameAs(one);
        shared.get(3);
        assertThat(shared.get(1)).isSameAs(one);
        assertThat(made).hasValue(3);
        shared.get(2);
        assertThat(made).as("2 was dropped when 3 came").hasValue(4);
    }
}
