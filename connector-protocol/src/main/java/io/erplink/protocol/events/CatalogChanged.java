package io.erplink.protocol.events;

import java.util.List;

/**
 * What an import changed in the commerce DB ({@code catalog.changed}), so live-service drops
 * stale cache entries.
 *
 * @param eventId    unique id of this event
 * @param version    contract version, {@link #VERSION}
 * @param runId      the run whose merge changed the rows
 * @param table      destination table, e.g. {@code EcomProducts}
 * @param productIds ids of the products touched (bounded; see {@code allProducts})
 * @param allProducts true when too many products changed to list: drop every entry of the table
 */
public record CatalogChanged(
        String eventId, int version, String runId, String table, List<String> productIds, boolean allProducts) {
    public static final int VERSION = 1;
}
