package io.erplink.batch.odata;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The first request of an OData import: entity set URL, {@code $select} of the job's mapped columns,
 * {@code $filter} of the pushed-down conditionals and the delta clause. The URL stays within
 * {@code maxUrlLength}: the {@code $select} goes first, then the pushed-down conditionals (mapping-service
 * applies both anyway); the delta clause always stays. No {@code $skip}, no {@code $orderby}: paging is
 * the server's ({@code @odata.nextLink}).
 *
 * @param url       the request
 * @param select    whether a {@code $select} was sent
 * @param pushdown  the pushed-down filter, or null
 * @param delta     the delta clause, or null
 */
public record ODataQuery(URI url, boolean select, String pushdown, String delta) {

    /**
     * @param properties the entity type's properties from {@code $metadata}, or null when unknown (then
     *                   neither $select nor pushdown, which need to know the properties)
     * @param since      the watermark of a delta run, or null for a full import
     */
    public static ODataQuery plan(
            URI serviceRoot,
            String companySegment,
            ODataSource source,
            Map<String, String> properties,
            Map<String, Set<String>> enumTypes,
            String since,
            int maxUrlLength) {
        String delta = since == null
                ? null
                : DeltaValues.since(
                        source.delta(),
                        properties == null ? null : properties.get(source.delta()),
                        since,
                        source.overlap());
        List<String> select = properties == null ? List.of() : select(source, properties);
        String pushdown = properties == null || !source.pushdownEnabled()
                ? null
                : FilterPushdown.of(source.conditions(), properties, enumTypes).orElse(null);
        URI full = url(serviceRoot, companySegment, source.entitySet(), select, pushdown, delta);
        if (full.toString().length() <= maxUrlLength) {
            return new ODataQuery(full, !select.isEmpty(), pushdown, delta);
        }
        URI noSelect = url(serviceRoot, companySegment, source.entitySet(), List.of(), pushdown, delta);
        if (noSelect.toString().length() <= maxUrlLength) {
            return new ODataQuery(noSelect, false, pushdown, delta);
        }
        return new ODataQuery(
                url(serviceRoot, companySegment, source.entitySet(), List.of(), null, delta), false, null, delta);
    }

    /**
     * The mapped columns that are properties of the entity type, plus the delta field (its largest value
     * is the next watermark); empty (no $select) when the job maps every column.
     */
    static List<String> select(ODataSource source, Map<String, String> properties) {
        if (source.columns().isEmpty()) {
            return List.of();
        }
        Set<String> columns = new LinkedHashSet<>();
        for (String column : source.columns()) {
            if (properties.containsKey(column)) {
                columns.add(column);
            }
        }
        for (List<Condition> mapping : source.conditions()) {
            for (Condition c : mapping) {
                if (c.column() != null && properties.containsKey(c.column())) {
                    columns.add(c.column()); // mapping-service tests them on the row
                }
            }
        }
        if (properties.containsKey(source.delta())) {
            columns.add(source.delta());
        }
        return new ArrayList<>(columns);
    }

    private static URI url(
            URI root, String company, String entitySet, List<String> select, String pushdown, String delta) {
        List<String> options = new ArrayList<>();
        if (!select.isEmpty()) {
            options.add(ODataUrls.option("$select", String.join(",", select)));
        }
        Optional<String> filter = pushdown == null
                ? Optional.ofNullable(delta)
                : Optional.of(delta == null ? pushdown : "(" + pushdown + ") and " + delta);
        filter.ifPresent(f -> options.add(ODataUrls.option("$filter", f)));
        return ODataUrls.entitySet(root, company, entitySet, String.join("&", options));
    }
}
