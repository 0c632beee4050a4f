package dev.sipscope.tui.model;

import dev.sipscope.tui.fixtures.UiFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ViewWorkerTest {

    private static List<Long> keys(UiSnapshot s) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.row(i).key());
        }
        return out;
    }

    @Test
    void withoutItsThreadTheViewIsComputedAtOnce() throws QuerySyntaxException {
        ViewWorker w = new ViewWorker(UiFixtures::standard, ViewSpec.DEFAULT);
        assertThat(keys(w.refreshIfStale())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        w.request(ViewSpec.DEFAULT.withQuery(CallQuery.parse("code:4xx,5xx")).withSort(Column.CODE, true));
        assertThat(keys(w.latest())).containsExactly(7L, 3L, 2L);
        assertThat(w.latest().totalCalls()).isEqualTo(7);
        assertThat(w.latest().indexOf(3)).isEqualTo(1);
        assertThat(w.latest().indexOf(1)).isEqualTo(-1);
        assertThat(w.latest().rowByKey(1).from()).isEqualTo("alice@10.0.1.1");
        assertThat(w.latest().rowByKey(99)).isNull();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void theWorkerThreadPublishesFilteredViewsAndFollowsTheFeed() throws Exception {
        AtomicReference<FeedSnapshot> feed = new AtomicReference<>(grow(1000));
        try (ViewWorker w = new ViewWorker(feed::get, ViewSpec.DEFAULT).start()) {
            w.request(ViewSpec.DEFAULT.withQuery(CallQuery.parse("state:busy")).withSort(Column.INDEX, true));
            UiSnapshot s = await(w, v -> v.spec().query().text().equals("state:busy") && v.totalCalls() == 1000);
            assertThat(s.size()).isEqualTo(100);
            assertThat(s.row(0).key()).isEqualTo(991);
            feed.set(grow(2000));
            UiSnapshot t = await(w, v -> v.totalCalls() == 2000);
            assertThat(t.size()).isEqualTo(200);
            assertThat(t.row(0).key()).isEqualTo(1991);
            assertThat(t.sequence()).isGreaterThan(s.sequence());
        }
    }

    @Test
    void unchangedCallsAreNotSearchedAgainWhileTheFilterStays() throws QuerySyntaxException {
        AtomicInteger detailCalls = new AtomicInteger();
        FeedSnapshot base = grow(500);
        FeedSnapshot counting = new FeedSnapshot(1, base.status(), base.calls(), k -> {
            detailCalls.incrementAndGet();
            return CallDetail.empty(k);
        });
        AtomicReference<FeedSnapshot> feed = new AtomicReference<>(counting);
        ViewWorker w = new ViewWorker(feed::get, ViewSpec.DEFAULT);
        w.request(ViewSpec.DEFAULT.withQuery(CallQuery.parse("nothing-matches-this")));
        assertThat(detailCalls.get()).isEqualTo(500);
        // a new snapshot with the same row objects plus one new call: only the new one is searched
        List<CallRow> more = new ArrayList<>(counting.calls());
        more.add(row(501));
        feed.set(new FeedSnapshot(2, base.status(), more, counting.details()));
        w.refreshIfStale();
        assertThat(detailCalls.get()).isEqualTo(501);
    }

    private static UiSnapshot await(ViewWorker w, java.util.function.Predicate<UiSnapshot> done) throws InterruptedException {
        while (true) {
            UiSnapshot s = w.latest();
            if (done.test(s)) {
                return s;
            }
            Thread.sleep(5);
        }
    }

    /** {@code n} calls; every tenth (keys 1, 11, 21...) is busy. */
    static FeedSnapshot grow(int n) {
        List<CallRow> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(row(i));
        }
        return new FeedSnapshot(n, UiFixtures.standard().status(), List.copyOf(rows), k -> null);
    }

    static CallRow row(long key) {
        boolean busy = key % 10 == 1;
        return new CallRow(key, UiFixtures.T0 + key * 1_000_000L, "INVITE", "u" + key + "@a", "v" + key + "@b",
                "id-" + key, "10.0.0.1:5060", "10.0.0.2:5060", busy ? CallState.BUSY : CallState.COMPLETED,
                busy ? 486 : 200, 7, 1_000_000_000L, Double.NaN, 0);
    }
}
