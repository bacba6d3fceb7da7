package io.erplink.batch.exports.odata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.erp.ErpCallFailed;
import io.erplink.batch.erp.ErpClient;
import io.erplink.batch.odata.ODataMetadata;
import io.erplink.batch.odata.ODataUrls;
import io.erplink.kit.erp.ErpException;

/**
 * An export activity on an odata-v4 endpoint: for each table mapping, the commerce rows that meet its
 * conditionals are written to its entity set one by one ({@link EntityWriter}), the ERP's values of the
 * response mappings written back into each row, then the rows of its child mappings (an order's lines,
 * which need the order's number) are written. Two rows under the same parent row with the same lookup
 * key (two lines of one order with the same item and variant: nothing in BC tells them apart) are not
 * written onto each other: the second is a row error. Every row read is accounted for: inserted, updated,
 * skipped (conditionals not met) or failed (a row error with its reason).
 */
@ApplicationScoped
public class ODataExporter {

    /** Where a row that did not go through is recorded (the run's error list). */
    @FunctionalInterface
    public interface RowErrors {
        void record(String table, String key, String message);
    }

    /** Counts of one table mapping (children under their own label). */
    public static final class Counts {
        long read;
        long inserted;
        long updated;
        long skipped;
        long failed;

        public long read() {
            return read;
        }

        public long inserted() {
            return inserted;
        }

        public long updated() {
            return updated;
        }

        public long skipped() {
            return skipped;
        }

        public long failed() {
            return failed;
        }

        @Override
        public String toString() {
            return "read " + read + " = " + inserted + " inserted + " + updated + " updated + " + skipped
                    + " skipped + " + failed + " failed";
        }
    }

    /** What an export run did, in total and by table mapping; {@code stopped}: why it ended early, else null. */
    public record Outcome(Counts total, Map<String, Counts> byMapping, ExportStopped stopped) {
        public String message() {
            StringBuilder text = new StringBuilder(stopped == null ? "exported: " : "stopped early: ");
            text.append(total);
            byMapping.forEach((label, counts) ->
                    text.append("; ").append(label).append(": ").append(counts));
            if (stopped != null) {
                text.append("; ").append(stopped.getMessage());
            }
            return text.toString();
        }
    }

    private final ErpClient erp;
    private final CommerceRows rows;

    ODataExporter(ErpClient erp, CommerceRows rows) {
        this.erp = erp;
        this.rows = rows;
    }

    /**
     * Runs the export.
     *
     * @param endpoint   an odata-v4 endpoint name
     * @param config     its settings (service root, company)
     * @param checkpoint throws when the run is no longer ours (called before every ERP call)
     */
    public Outcome export(
            String endpoint,
            BatchConfig.Endpoint config,
            ODataExport spec,
            Duration timeout,
            Runnable checkpoint,
            RowErrors errors) {
        Counts total = new Counts();
        Map<String, Counts> byMapping = new LinkedHashMap<>();
        try {
            EntityWriter writer = writer(endpoint, config, spec, timeout, checkpoint);
            // one scan per source table: each of its mappings judges a row as it was read, not after an
            // earlier mapping wrote the ERP's number back into it (seed 004's "new" and "known" customers)
            Map<String, List<ODataExport.Mapping>> byTable = new LinkedHashMap<>();
            writer.spec()
                    .mappings()
                    .forEach(m -> byTable.computeIfAbsent(
                                    m.sourceTable().toLowerCase(Locale.ROOT), t -> new ArrayList<>())
                            .add(m));
            for (List<ODataExport.Mapping> mappings : byTable.values()) {
                ODataExport.Mapping first = mappings.get(0);
                rows.each(first.sourceTable(), Map.of(), first.sourceKey(), row -> {
                    for (ODataExport.Mapping mapping : mappings) {
                        checkpoint.run();
                        exportRow(writer, mapping, row, null, null, total, byMapping, errors);
                    }
                });
            }
            return new Outcome(total, byMapping, null);
        } catch (ExportStopped e) {
            return new Outcome(total, byMapping, e);
        }
    }

    private EntityWriter writer(
            String endpoint, BatchConfig.Endpoint config, ODataExport spec, Duration timeout, Runnable checkpoint) {
        String company;
        try {
            company = ODataUrls.companySegment(
                    config.url(),
                    config.company().orElse(null),
                    config.companyId().orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ExportStopped(null, "endpoint " + endpoint + ": " + e.getMessage(), e);
        }
        ODataMetadata metadata;
        try {
            metadata = erp.fetchOData(
                    endpoint,
                    "OData.$metadata",
                    ODataUrls.metadata(config.url()),
                    "application/xml",
                    0,
                    timeout,
                    ODataMetadata::read);
        } catch (ErpCallFailed e) {
            throw new ExportStopped(e.kind(), "reading $metadata: " + e.getMessage(), e);
        } catch (ErpException | CircuitBreakerOpenException | TimeoutException e) {
            throw new ExportStopped(ErpException.Kind.UNAVAILABLE, "reading $metadata: " + e.getMessage(), e);
        }
        Map<String, Map<String, String>> properties = new TreeMap<>();
        // first the sets and fields as given (a set the service lacks is named as such), then the resolved keys
        spec.mappings().forEach(m -> describe(m, metadata, properties));
        // what the activity leaves out: the entity key from the $metadata, the source key from the commerce table
        ODataExport resolved = spec.resolved(set -> metadata.key(set).orElse(List.of()), rows::primaryKey);
        String problem = resolved.keyProblem();
        if (problem != null) {
            throw new ExportStopped(null, problem, null);
        }
        resolved.mappings().forEach(m -> describe(m, metadata, properties));
        return new EntityWriter(
                erp,
                new EntityWriter.Target(
                        endpoint,
                        config.url(),
                        company,
                        timeout,
                        resolved,
                        properties,
                        metadata.enumTypes(),
                        checkpoint));
    }

    /** The properties of each mapping's entity set; a set or field the service does not have stops the run. */
    private static void describe(
            ODataExport.Mapping m, ODataMetadata metadata, Map<String, Map<String, String>> properties) {
        Map<String, String> props = metadata.properties(m.entitySet())
                .orElseThrow(() -> new ExportStopped(
                        null,
                        "the $metadata has no entity set " + m.entitySet()
                                + " (is the page published as a web service under this name?)",
                        null));
        for (ODataExport.Column c : m.columns()) {
            require(m, props, c.destination());
        }
        m.entityKey().forEach(k -> require(m, props, k));
        m.response().forEach(r -> require(m, props, r.destination()));
        properties.put(m.entitySet(), props);
        m.children().forEach(child -> describe(child, metadata, properties));
    }

    private static void require(ODataExport.Mapping m, Map<String, String> props, String field) {
        if (!props.containsKey(field)) {
            throw new ExportStopped(
                    null, "mapping " + m.label() + ": entity set " + m.entitySet() + " has no property " + field, null);
        }
    }

    private void exportRow(
            EntityWriter writer,
            ODataExport.Mapping mapping,
            CommerceRows.Row row,
            Map<String, String> parent,
            Set<String> siblings,
            Counts total,
            Map<String, Counts> byMapping,
            RowErrors errors) {
        Counts counts = byMapping.computeIfAbsent(mapping.label(), label -> new Counts());
        counts.read++;
        total.read++;
        Map<String, String> values = new LinkedHashMap<>(row.text());
        if (parent != null) {
            for (String column : mapping.fromParent()) {
                String key = column.toLowerCase(Locale.ROOT);
                values.put(key, parent.getOrDefault(key, ""));
            }
        }
        if (!ExportConditions.matches(mapping.conditions(), values)) {
            counts.skipped++;
            total.skipped++;
            return;
        }
        String key = sourceKey(mapping, values);
        EntityWriter.Written written;
        try {
            ObjectNode body = writer.body(mapping, column -> values.getOrDefault(column.toLowerCase(Locale.ROOT), ""));
            if (siblings != null) {
                String filter = writer.filter(mapping, body);
                if (!siblings.add(mapping.entitySet() + "?" + filter)) {
                    // the lookup would find the sibling written a moment ago and PATCH it: one line lost
                    throw new EntityWriter.RowError("another row under the same parent row has the key fields "
                            + mapping.keys() + " (" + filter + ") and was written in this run; this one would"
                            + " change it instead of being a row of its own (keys must tell the rows apart)");
                }
            }
            written = writer.write(mapping, body);
        } catch (EntityWriter.RowError e) {
            counts.failed++;
            total.failed++;
            errors.record(mapping.sourceTable(), key, mapping.label() + ": " + e.getMessage());
            return;
        }
        if (written.result() == EntityWriter.Result.INSERTED) {
            counts.inserted++;
            total.inserted++;
        } else {
            counts.updated++;
            total.updated++;
        }
        writeBack(mapping, row, values, written.entity());
        // the lookup keys of the rows written under this row (an order's lines), to tell two of them apart
        Set<String> children = new HashSet<>();
        for (ODataExport.Mapping child : mapping.children()) {
            if (child.parentLink().isEmpty()) {
                exportRow(
                        writer,
                        child,
                        new CommerceRows.Row(values, row.raw()),
                        values,
                        children,
                        total,
                        byMapping,
                        errors);
                continue;
            }
            Map<String, Object> link = new LinkedHashMap<>();
            child.parentLink()
                    .forEach((mine, theirs) -> link.put(mine, row.raw().get(theirs.toLowerCase(Locale.ROOT))));
            rows.each(child.sourceTable(), link, child.sourceKey(), line -> {
                exportRow(writer, child, line, values, children, total, byMapping, errors);
            });
        }
    }

    /** The response mappings: the ERP's values into the commerce row, and into the values its children see. */
    private void writeBack(
            ODataExport.Mapping mapping, CommerceRows.Row row, Map<String, String> values, JsonNode entity) {
        if (mapping.response().isEmpty()) {
            return;
        }
        Map<String, String> back = new LinkedHashMap<>();
        for (ODataExport.Response r : mapping.response()) {
            JsonNode value = entity.path(r.destination());
            String text = value.isNumber() ? value.decimalValue().toPlainString() : value.asText("");
            back.put(r.source(), text);
            values.put(r.source().toLowerCase(Locale.ROOT), text);
        }
        Map<String, Object> key = new LinkedHashMap<>();
        mapping.sourceKey().forEach(column -> key.put(column, row.raw().get(column.toLowerCase(Locale.ROOT))));
        rows.writeBack(mapping.sourceTable(), key, back);
    }

    private static String sourceKey(ODataExport.Mapping mapping, Map<String, String> values) {
        StringBuilder key = new StringBuilder();
        for (String column : mapping.sourceKey()) {
            key.append(key.isEmpty() ? "" : ",")
                    .append(column)
                    .append('=')
                    .append(values.getOrDefault(column.toLowerCase(Locale.ROOT), ""));
        }
        return key.toString();
    }
}
