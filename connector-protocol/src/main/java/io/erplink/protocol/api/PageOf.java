package io.erplink.protocol.api;

import java.util.List;

/**
 * One page of a list, the same in every operator API: {@code ?page=} (from 0) and {@code ?size=}
 * choose it, the answer carries the total, and RFC 8288 {@code Link} headers ({@code first},
 * {@code prev}, {@code next}, {@code last}) name the neighbouring pages.
 *
 * @param items the page's items, never null
 * @param page  this page's index, from 0
 * @param size  the page size asked for
 * @param total how many items the whole list holds
 * @param <T>   the item type
 */
public record PageOf<T>(List<T> items, int page, int size, long total) {
    public PageOf {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** The number of pages (at least 1, so an empty list has one empty page). */
    public long pages() {
        return Math.max(1, (total + size - 1) / size);
    }
}
