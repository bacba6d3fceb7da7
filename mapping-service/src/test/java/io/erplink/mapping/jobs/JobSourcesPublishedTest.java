package io.erplink.mapping.jobs;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.protocol.events.JobSourcesChanged;
import io.erplink.protocol.events.JobSourcesChanged.Condition;
import io.erplink.protocol.events.JobSourcesChanged.Source;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Saving a job over the API writes, in the same transaction, what it now reads from each source table (and
 * an export job's table mappings) to the outbox (JobSourcesChanged on jobs.changed, key = job name), for
 * batch-service's activities; at start the current version of every job is written again.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class JobSourcesPublishedTest {
    static final String JOB = "jobsync-contacts";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Inject
    JobRegistry registry;

    @Inject
    JobSourcesPublisher publisher;

    /** Two mappings of the contact card (one with an anyOf group, a Constant, a column used twice), one auto-mapping. */
    static String job(String extraColumn) {
        return """
                name: %s
                direction: import
                source: {provider: odata-v4, entity: DynamicwebContactCard}
                destination: {provider: commerce}
                tableMappings:
                - sourceTable: DynamicwebContactCard
                  destinationTable: AccessUser
                  autoMap: false
                  conditionals:
                  - {column: Type, operator: EqualTo, value: Person}
                  anyOf:
                  - [{column: Salesperson_Code, operator: DifferentFrom, value: ''}]
                  columns:
                  - {source: 'No', destination: AccessUserExternalId}
                  - {source: Name, destination: AccessUserName}
                  - {destination: AccessUserCompany, script: Constant, value: Shop}
                  - {source: Name, destination: AccessUserUserName}
                %s  keyColumns: [AccessUserExternalId]
                - sourceTable: DynamicwebContactCard
                  destinationTable: AccessUserSecondaryRelation
                  autoMap: false
                  conditionals:
                  - {column: Salesperson_Code, operator: DifferentFrom, value: ''}
                  columns:
                  - {source: 'No', destination: AccessUserSecondaryRelationSecondaryUserId}
                  - {source: Salesperson_Code, destination: AccessUserSecondaryRelationUserId}
                - sourceTable: DynamicwebCountries
                  destinationTable: EcomCountries
                  autoMap: true
                """.formatted(JOB, extraColumn);
    }

    @Test
    void eachSavedVersionPublishesItsColumnsAndConditionalsPerSourceTable() throws Exception {
        int first = save(job(""));
        int second = save(job("  - {source: Phone_No, destination: AccessUserPhone}\n"));
        assertEquals(first + 1, second);

        List<JobSourcesChanged> events = published();
        assertEquals(2, events.size());
        List<List<Condition>> contactConditions = List.of(
                List.of(new Condition("Type", "EqualTo", "Person")),
                List.of(new Condition("Salesperson_Code", "DifferentFrom", "")));
        Source countries = new Source("DynamicwebCountries", List.of(), List.of(List.of()));
        assertEquals(
                List.of(
                        new Source(
                                "DynamicwebContactCard", List.of("No", "Name", "Salesperson_Code"), contactConditions),
                        countries),
                events.get(0).sources());
        assertEquals(
                List.of(
                        new Source(
                                "DynamicwebContactCard",
                                List.of("No", "Name", "Phone_No", "Salesperson_Code"),
                                contactConditions),
                        countries),
                events.get(1).sources());
        assertEquals(
                List.of(first, second),
                events.stream().map(JobSourcesChanged::jobVersion).toList());
        for (JobSourcesChanged event : events) {
            assertEquals(JOB, event.job());
            assertEquals(JobSourcesChanged.VERSION, event.version());
        }
        assertEquals(savedAt(second), events.get(1).savedAt());
    }

    @Test
    void atStartTheCurrentVersionOfEveryJobIsPublishedAgainTheShippedOnesAsVersionZero() throws Exception {
        // the first event of a shipped job nobody saved: the start's, version 0, no saving time
        JobSourcesChanged currencies = published("bc-import-currencies").get(0);
        assertEquals(0, currencies.jobVersion());
        assertEquals(null, currencies.savedAt());
        assertEquals(
                List.of(new Source(
                        "DynamicwebCurrencies",
                        List.of("Code", "Description", "ExchangeRateAmt", "ISO_Numeric_Code"),
                        List.of(List.of()))),
                currencies.sources());
        assertEquals(List.of(), currencies.exports());
        Set<String> missing = new TreeSet<>();
        registry.list().forEach(e -> missing.add(e.definition().name()));
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select distinct event_key from mapping.outbox_event where topic = ?")) {
            s.setString(1, Topics.JOBS_CHANGED);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    missing.remove(rows.getString(1));
                }
            }
        }
        assertEquals(Set.of(), missing, "jobs whose current version was not published at start");

        // an export job's table mappings as the job states them
        JobSourcesChanged orders = published("bc-export-orders").get(0);
        assertEquals(0, orders.jobVersion());
        assertEquals(
                List.of(
                        "EcomOrders -> DynamicwebSalesOrder",
                        "Payment fee: EcomOrders -> DynamicwebSalesOrderSalesLines",
                        "Shipping fee: EcomOrders -> DynamicwebSalesOrderSalesLines",
                        "Item: EcomOrderLines -> DynamicwebSalesOrderSalesLines",
                        "Fixed price: EcomOrderLines -> DynamicwebSalesOrderSalesLines",
                        "Tax: EcomOrderLines -> DynamicwebSalesOrderSalesLines"),
                orders.exports().stream()
                        .map(m -> (m.name() == null ? "" : m.name() + ": ") + m.sourceTable() + " -> "
                                + m.destinationTable())
                        .toList());
        JobSourcesChanged.ExportMapping payment = orders.exports().get(1);
        assertEquals(
                List.of(
                        new Condition("OrderPaymentFeeWithoutVAT", "GreatherThan", "0"),
                        new Condition("OrderComplete", "EqualTo", "True")),
                payment.conditions());
        assertEquals(
                new JobSourcesChanged.Column(null, "No", "Constant", "DW-PAY", null, null),
                payment.columns().get(2));
        assertEquals(
                new JobSourcesChanged.Column("OrderPaymentFeeWithoutVAT", "Line_Amount", null, null, null, null),
                payment.columns().get(4));
    }

    @Test
    void aSavedVersionIsPublishedAgainAsTheCurrentVersionWithItsSavingTime() throws Exception {
        String job = "jobsync-republished";
        int version = asAdmin()
                .contentType("application/yaml")
                .body(job("").replace("name: " + JOB, "name: " + job).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/jobs/" + job)
                .then()
                .statusCode(200)
                .extract()
                .path("version");
        JobRegistry.Entry entry = registry.find(job).orElseThrow();
        publisher.republish(List.of(entry), Map.of(job, java.time.Instant.parse(savedAt(job, version))));

        List<JobSourcesChanged> events = published(job);
        assertEquals(2, events.size());
        assertEquals(
                List.of(version, version),
                events.stream().map(JobSourcesChanged::jobVersion).toList());
        assertEquals(events.get(0).sources(), events.get(1).sources());
        assertEquals(events.get(0).savedAt(), events.get(1).savedAt());
        assertTrue(!events.get(0).eventId().equals(events.get(1).eventId()), "a new event");
    }

    private static int save(String yaml) {
        return asAdmin()
                .contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/jobs/" + JOB)
                .then()
                .statusCode(200)
                .extract()
                .path("version");
    }

    private List<JobSourcesChanged> published() throws Exception {
        return published(JOB);
    }

    /** The job's events in the outbox, oldest first, with the outbox's own topic, key and type checked. */
    private List<JobSourcesChanged> published(String job) throws Exception {
        List<JobSourcesChanged> events = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select topic, event_type, payload::text from mapping.outbox_event where event_key = ? order by seq")) {
            s.setString(1, job);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    assertEquals(Topics.JOBS_CHANGED, rows.getString(1));
                    assertEquals("JobSourcesChanged", rows.getString(2));
                    events.add(JSON.readValue(rows.getString(3), JobSourcesChanged.class));
                }
            }
        }
        return events;
    }

    private String savedAt(int version) throws Exception {
        return savedAt(JOB, version);
    }

    private String savedAt(String job, int version) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select saved_at from mapping.job where name = ? and version = ?")) {
            s.setString(1, job);
            s.setInt(2, version);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getTimestamp(1).toInstant().toString();
            }
        }
    }
}
