package dev.sipscope.tui.model;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnTest {

    private static int used(Column.Layout l) {
        int w = l.columns().size() - 1;
        for (int x : l.widths()) {
            w += x;
        }
        return w;
    }

    @Test
    void everyWidthFromFortyToFourHundredFitsExactlyAndKeepsIndexAndState() {
        for (int width = 40; width <= 400; width++) {
            Column.Layout l = Column.fit(Column.DEFAULTS, width);
            assertThat(used(l)).as("width %d", width).isLessThanOrEqualTo(width);
            assertThat(l.columns()).contains(Column.INDEX, Column.STATE);
            for (int i = 0; i < l.columns().size(); i++) {
                assertThat(l.widths()[i]).isGreaterThanOrEqualTo(l.columns().get(i).width());
            }
            if (l.columns().stream().anyMatch(Column::flexible)) {
                assertThat(used(l)).as("flexible columns take what is left at %d", width).isEqualTo(width);
            }
        }
    }

    @Test
    void narrowTerminalsDropTheLeastImportantColumnsFirst() {
        List<Column> at80 = Column.fit(Column.DEFAULTS, 78).columns();
        assertThat(at80).doesNotContain(Column.CALLER, Column.CALLEE, Column.START)
                .contains(Column.FROM, Column.TO, Column.MSGS, Column.CODE, Column.MOS);
        assertThat(Column.fit(Column.DEFAULTS, 158).columns()).containsExactlyElementsOf(Column.DEFAULTS);
    }

    @Test
    void listsParseByIdOrTitleAndRejectUnknownNames() {
        assertThat(Column.parseList("idx, From,STATE,mos,idx")).containsExactly(Column.INDEX, Column.FROM, Column.STATE,
                Column.MOS);
        assertThatThrownBy(() -> Column.parseList("idx,colour")).hasMessageStartingWith("unknown column 'colour'");
        assertThatThrownBy(() -> Column.parseList(" , ")).hasMessage("no column chosen");
    }

    @Test
    void unknownMosSortsAfterEveryFigureAndTiesFallBackToTheIndex() {
        List<CallRow> rows = new ArrayList<>();
        rows.add(row(3, Double.NaN));
        rows.add(row(1, 4.1));
        rows.add(row(2, 2.5));
        rows.add(row(4, 2.5));
        rows.sort(Column.MOS.comparator());
        assertThat(rows).extracting(CallRow::key).containsExactly(2L, 4L, 1L, 3L);
    }

    @Test
    void cellsAreWrittenAsTheListShowsThem() {
        CallRow r = new CallRow(12, 1_768_471_200_123_456_789L, "INVITE", "a@b", "c@d", "id", "1.2.3.4:5060",
                "5.6.7.8:5060", CallState.REJECTED, 0, 3, 3_725_000_000_000L, Double.NaN, 1);
        ZoneId utc = ZoneId.of("UTC");
        assertThat(Column.START.text(r, utc)).isEqualTo("10:00:00.123");
        assertThat(Column.CODE.text(r, utc)).isEqualTo("-");
        assertThat(Column.DURATION.text(r, utc)).isEqualTo("1:02:05");
        assertThat(Column.MOS.text(r, utc)).isEqualTo("-");
        assertThat(Column.DIAG.text(r, utc)).isEqualTo("!");
    }

    private static CallRow row(long key, double mos) {
        return new CallRow(key, key, "INVITE", "", "", "", "", "", CallState.IN_CALL, 200, 1, 0, mos, 0);
    }
}
