package io.erplink.batch.exports.odata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.erplink.batch.odata.Condition;
import io.erplink.protocol.events.JobSourcesChanged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * An export activity follows its job's table mappings: the shipped settings (V9) are exactly what each
 * shipped job gives them, an edited job's conditionals and columns reach the mappings they belong to (keys,
 * response mappings and lines kept), and a job whose structure no longer pairs with the activity's, or
 * whose column an export cannot write, leaves the activity as it is with the reason.
 */
public class ExportJobMappingsTest {
    static final Path JOBS = Path.of("..", "mapping-service", "src", "main", "resources", "jobs", "bc-odata-v4");
    static final Path V9 = Path.of("src", "main", "resources", "db", "migration", "V9__bc_export_settings.sql");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UPDATE = Pattern.compile(
            "update activity set odata_export = '(.*)' where name = '([^']+)' and odata_export is null;");

    @Test
    void everyShippedExportIsExactlyWhatItsJobGivesIt() throws IOException {
        Map<String, ODataExport> shipped = shipped();
        assertEquals(16, shipped.size());
        for (Map.Entry<String, ODataExport> activity : shipped.entrySet()) {
            ExportJobMappings.Followed followed = ExportJobMappings.follow(activity.getValue(), job(activity.getKey()));
            assertNull(followed.problem(), activity.getKey());
            assertEquals(activity.getValue(), followed.export(), activity.getKey());
        }
    }

    @Test
    void anEditedOrdersJobReachesTheHeaderAndTheLinesItChangesAndKeepsTheActivitysKeysAndLinks() throws IOException {
        ODataExport shipped = shipped().get("bc-export-orders");
        List<JobSourcesChanged.ExportMapping> job = new ArrayList<>(job("bc-export-orders"));
        // the header also maps the shop's language; the payment fee line gets another item number and only
        // above 1; the item lines carry the product name
        job.set(0, withColumn(job.get(0), column("OrderLanguageId", "Language_Code")));
        JobSourcesChanged.ExportMapping payment = job.get(1);
        List<JobSourcesChanged.Column> paymentColumns = new ArrayList<>(payment.columns());
        paymentColumns.set(2, new JobSourcesChanged.Column(null, "No", "Constant", "DW-PAYMENT", null, null));
        job.set(
                1,
                new JobSourcesChanged.ExportMapping(
                        payment.name(),
                        payment.sourceTable(),
                        payment.destinationTable(),
                        List.of(
                                new JobSourcesChanged.Condition("OrderPaymentFeeWithoutVAT", "GreatherThan", "1"),
                                new JobSourcesChanged.Condition("OrderComplete", "EqualTo", "True")),
                        paymentColumns));
        job.set(3, withColumn(job.get(3), column("OrderLineProductName", "Description")));

        ExportJobMappings.Followed followed = ExportJobMappings.follow(shipped, job);
        assertNull(followed.problem());
        ODataExport.Mapping header = followed.export().mappings().get(0);
        ODataExport.Mapping before = shipped.mappings().get(0);
        List<ODataExport.Column> headerColumns = new ArrayList<>(before.columns());
        headerColumns.add(new ODataExport.Column("OrderLanguageId", "Language_Code", null));
        assertEquals(headerColumns, header.columns());
        assertEquals(before.conditions(), header.conditions());
        assertEquals(List.of("Document_Type", "External_Document_No"), header.keys());
        assertEquals(List.of(new ODataExport.Response("No", "OrderIntegrationOrderId")), header.response());

        ODataExport.Mapping paymentLine = header.children().get(0);
        assertEquals("Payment fee", paymentLine.name());
        // the header's conditional (OrderComplete) holds already for its lines
        assertEquals(
                List.of(new Condition("OrderPaymentFeeWithoutVAT", "GreatherThan", "1")), paymentLine.conditions());
        assertEquals(
                new ODataExport.Column(null, "No", "DW-PAYMENT"),
                paymentLine.columns().get(2));
        assertEquals(List.of("Document_Type", "Document_No", "Type", "No"), paymentLine.keys());

        ODataExport.Mapping items = header.children().get(2);
        ODataExport.Mapping itemsBefore = before.children().get(2);
        List<ODataExport.Column> itemColumns = new ArrayList<>(itemsBefore.columns());
        itemColumns.add(new ODataExport.Column("OrderLineProductName", "Description", null));
        assertEquals(itemColumns, items.columns());
        assertEquals(Map.of("OrderLineOrderId", "OrderId"), items.parentLink());
        assertEquals(List.of("OrderIntegrationOrderId"), items.fromParent());
        // the rest exactly as shipped
        assertEquals(before.children().get(1), header.children().get(1));
        assertEquals(before.children().get(3), header.children().get(3));
        assertEquals(before.children().get(4), header.children().get(4));
    }

    @Test
    void aJobWhoseTableMappingsNoLongerPairWithTheActivitysLeavesItAsItIs() throws IOException {
        ODataExport shipped = shipped().get("bc-export-orders");
        List<JobSourcesChanged.ExportMapping> job = new ArrayList<>(job("bc-export-orders"));
        job.remove(5);
        assertEquals(
                new ExportJobMappings.Followed(
                        null,
                        "the job has 5 table mappings and the activity's odataExport 6; which of them are lines under"
                                + " which header, their keys and response mappings are the activity's own: change"
                                + " its odataExport"),
                ExportJobMappings.follow(shipped, job));

        List<JobSourcesChanged.ExportMapping> moved = new ArrayList<>(job("bc-export-orders"));
        moved.add(0, moved.remove(3));
        assertEquals(
                "table mapping 1 of the job is Item: EcomOrderLines -> DynamicwebSalesOrderSalesLines, the activity's"
                        + " EcomOrders -> DynamicwebSalesOrder; table mapping 2 of the job is EcomOrders ->"
                        + " DynamicwebSalesOrder, the activity's Payment fee: EcomOrders ->"
                        + " DynamicwebSalesOrderSalesLines; table mapping 3 of the job is Payment fee: EcomOrders ->"
                        + " DynamicwebSalesOrderSalesLines, the activity's Shipping fee: EcomOrders ->"
                        + " DynamicwebSalesOrderSalesLines; table mapping 4 of the job is Shipping fee: EcomOrders ->"
                        + " DynamicwebSalesOrderSalesLines, the activity's Item: EcomOrderLines ->"
                        + " DynamicwebSalesOrderSalesLines",
                ExportJobMappings.follow(shipped, moved).problem());
        assertNull(ExportJobMappings.follow(shipped, moved).export());
    }

    @Test
    void aColumnAnExportCannotWriteLeavesTheActivityAsItIsAndSaysWhich() throws IOException {
        ODataExport shipped = shipped().get("bc-export-countries");
        JobSourcesChanged.ExportMapping countries = job("bc-export-countries").get(0);
        List<JobSourcesChanged.Column> columns = new ArrayList<>(countries.columns());
        columns.set(0, new JobSourcesChanged.Column("CountryCode2", "Code", "Prepend", "X-", null, null));
        columns.add(new JobSourcesChanged.Column("CountryNumber", "ISO_Numeric_Code", null, null, "-", null));
        List<JobSourcesChanged.ExportMapping> job = List.of(new JobSourcesChanged.ExportMapping(
                null, countries.sourceTable(), countries.destinationTable(), countries.conditions(), columns));
        assertEquals(
                new ExportJobMappings.Followed(
                        null,
                        "table mapping EcomCountries -> DynamicwebCountries: column Code: script Prepend has no export"
                                + " equivalent; table mapping EcomCountries -> DynamicwebCountries: column"
                                + " ISO_Numeric_Code has several parts (concatenated); an export writes one value"),
                ExportJobMappings.follow(shipped, job));
    }

    @Test
    void aJobWhoseItemLinesNoLongerWriteTheVariantTheyAreLookedUpByLeavesTheActivityAsItIs() throws IOException {
        // the item lines as V13 keys them: by their variant too
        ObjectNode tree = (ObjectNode) JSON.readTree(ODataExport.write(shipped().get("bc-export-orders")));
        ((ArrayNode) tree.at("/mappings/0/children/2/keys")).add("Variant_Code");
        ODataExport keyed = ODataExport.read(JSON.writeValueAsString(tree));
        assertNull(ExportJobMappings.follow(keyed, job("bc-export-orders")).problem());

        List<JobSourcesChanged.ExportMapping> job = new ArrayList<>(job("bc-export-orders"));
        JobSourcesChanged.ExportMapping items = job.get(3);
        job.set(
                3,
                new JobSourcesChanged.ExportMapping(
                        items.name(),
                        items.sourceTable(),
                        items.destinationTable(),
                        items.conditions(),
                        items.columns().stream()
                                .filter(c -> !c.destination().equals("Variant_Code"))
                                .toList()));
        // two lines of one item in two variants would be written onto each other: the activity keeps its mappings
        assertEquals(
                new ExportJobMappings.Followed(
                        null, "odataExport mapping Item: key Variant_Code is not one of the mapped destination fields"),
                ExportJobMappings.follow(keyed, job));
    }

    // ---- the shipped jobs and activities ----

    /** V9's odataExport by activity name (V13 then adds Variant_Code to bc-export-orders' item line keys). */
    public static Map<String, ODataExport> shipped() throws IOException {
        Map<String, ODataExport> exports = new LinkedHashMap<>();
        for (String line : Files.readAllLines(V9)) {
            Matcher m = UPDATE.matcher(line);
            if (m.matches()) {
                exports.put(m.group(2), ODataExport.read(m.group(1).replace("''", "'")));
            }
        }
        return exports;
    }

    /** A job file's table mappings as mapping-service publishes them. */
    public static List<JobSourcesChanged.ExportMapping> job(String name) throws IOException {
        JsonNode job = YAML.readTree(JOBS.resolve(name + ".yaml").toFile());
        List<JobSourcesChanged.ExportMapping> mappings = new ArrayList<>();
        for (JsonNode m : job.path("tableMappings")) {
            List<JobSourcesChanged.Condition> conditions = new ArrayList<>();
            for (JsonNode c : m.path("conditionals")) {
                conditions.add(new JobSourcesChanged.Condition(
                        c.path("column").asText(),
                        c.path("operator").asText(),
                        c.path("value").asText("")));
            }
            List<JobSourcesChanged.Column> columns = new ArrayList<>();
            for (JsonNode c : m.path("columns")) {
                columns.add(new JobSourcesChanged.Column(
                        text(c, "source"),
                        text(c, "destination"),
                        text(c, "script"),
                        text(c, "value"),
                        text(c, "separator"),
                        text(c, "onNull")));
            }
            mappings.add(new JobSourcesChanged.ExportMapping(
                    text(m, "name"),
                    m.path("sourceTable").asText(),
                    m.path("destinationTable").asText(),
                    conditions,
                    columns));
        }
        return mappings;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static JobSourcesChanged.Column column(String source, String destination) {
        return new JobSourcesChanged.Column(source, destination, null, null, null, null);
    }

    private static JobSourcesChanged.ExportMapping withColumn(
            JobSourcesChanged.ExportMapping m, JobSourcesChanged.Column column) {
        List<JobSourcesChanged.Column> columns = new ArrayList<>(m.columns());
        columns.add(column);
        return new JobSourcesChanged.ExportMapping(
                m.name(), m.sourceTable(), m.destinationTable(), m.conditions(), columns);
    }
}
