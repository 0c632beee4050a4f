package dev.sipscope.tui.model;

/**
 * How the user wants the call list: which calls (the filter) in which order.
 *
 * @param query      the display filter
 * @param sort       the column to order by
 * @param descending true for largest first
 */
public record ViewSpec(CallQuery query, Column sort, boolean descending) {

    /** Every call, oldest first. */
    public static final ViewSpec DEFAULT = new ViewSpec(CallQuery.ALL, Column.INDEX, false);

    public ViewSpec {
        query = query == null ? CallQuery.ALL : query;
        sort = sort == null ? Column.INDEX : sort;
    }

    public ViewSpec withQuery(CallQuery q) {
        return new ViewSpec(q, sort, descending);
    }

    public ViewSpec withSort(Column column, boolean desc) {
        return new ViewSpec(query, column, desc);
    }

    /** True when the list is the feed's own order (no filter, by index ascending). */
    public boolean isIdentity() {
        return query.isEmpty() && sort == Column.INDEX && !descending;
    }
}
