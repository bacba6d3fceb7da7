package io.erplink.mapping.jobs;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

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

/**
 * Saving an import job over the API writes, in the same transaction, what it now reads from each source
 * table to the outbox (JobSourcesChanged on jobs.changed, key = job name), for batch-service's activities.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class JobSourcesPublishedTest {
    static final String JOB = "jobsync-contacts";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

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

    /** The job's events in the outbox, oldest first, with the outbox's own topic, key and type checked. */
    private List<JobSourcesChanged> published() throws Exception {
        List<JobSourcesChanged> events = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select topic, event_type, payload::text from mapping.outbox_event where event_key = ? order by seq")) {
            s.setString(1, JOB);
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
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select saved_at from mapping.job where name = ? and version = ?")) {
            s.setString(1, JOB);
            s.setInt(2, version);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getTimestamp(1).toInstant().toString();
            }
        }
    }
}
