package dev.sipscope.decoder.tcp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTableTest {

    /** Inserts and removals in random order, checked against a HashMap after every step. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 0})
    void behavesLikeAMapUnderChurn(long seed) {
        Random random = new Random(seed);
        ConnectionTable table = new ConnectionTable(seed);
        Map<Long, TcpConnection> model = new HashMap<>();
        java.util.Set<Long> keys = new java.util.LinkedHashSet<>();
        for (int step = 0; step < 20_000; step++) {
            long key = random.nextInt(3_000);
            TcpConnection existing = model.get(key);
            if (existing == null) {
                TcpConnection c = connection(table, key);
                table.insert(c);
                model.put(key, c);
                keys.add(key);
            } else if (random.nextBoolean()) {
                table.remove(existing);
                model.remove(key);
            }
            if (step % 97 == 0) {
                for (long k : keys) {
                    if (find(table, k) != model.get(k)) {
                        throw new AssertionError("seed " + seed + " step " + step + ": key " + k + " not found as stored");
                    }
                }
                assertThat(table.size()).isEqualTo(model.size());
            }
        }
        for (TcpConnection c : new ArrayList<>(model.values())) {
            table.remove(c);
        }
        assertThat(table.size()).isZero();
        for (long k : keys) {
            assertThat(find(table, k)).isNull();
        }
    }

    private static TcpConnection connection(ConnectionTable table, long key) {
        int version = key % 2 == 0 ? 4 : 6;
        int hash = table.hash(version, 0, key, 5060, 0, key + 1, (int) (key % 60_000));
        TcpStream s = new TcpStream(key, version, 0, key, 5060, 0, key + 1, (int) (key % 60_000));
        return new TcpConnection(s, hash, version, 0, key, 5060, 0, key + 1, (int) (key % 60_000));
    }

    private static TcpConnection find(ConnectionTable table, long key) {
        int version = key % 2 == 0 ? 4 : 6;
        int hash = table.hash(version, 0, key, 5060, 0, key + 1, (int) (key % 60_000));
        return table.find(hash, version, 0, key, 5060, 0, key + 1, (int) (key % 60_000));
    }
}
