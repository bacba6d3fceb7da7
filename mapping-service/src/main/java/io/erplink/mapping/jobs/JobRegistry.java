package io.erplink.mapping.jobs;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

import io.erplink.mapping.config.MappingConfig;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.JobCompiler;
import io.erplink.mapping.engine.JobDefinition;
import io.erplink.mapping.engine.JobValidationException;
import io.erplink.mapping.schema.CommerceCatalog;

/**
 * The jobs this service runs: the shipped job files, overridden by versions saved over the API
 * (table {@code mapping.job}). Every job is validated against the commerce schema when it is loaded
 * or saved; an invalid shipped job stops the start. Once loaded, the current version of every job is
 * published again on {@code jobs.changed} (see {@link JobSourcesPublisher}).
 */
@ApplicationScoped
public class JobRegistry {
    private static final Logger LOG = Logger.getLogger(JobRegistry.class);

    /** A job with where it comes from: version 0 is the shipped file, higher versions were saved. */
    public record Entry(JobDefinition definition, int version, CompiledJob compiled) {
        public String origin() {
            return version == 0 ? "shipped" : "saved";
        }
    }

    private final MappingConfig config;
    private final CommerceCatalog catalog;
    private final AgroalDataSource dataSource;
    private final JobSourcesPublisher publisher;
    private final Map<String, Entry> jobs = new ConcurrentHashMap<>();

    JobRegistry(
            MappingConfig config, CommerceCatalog catalog, AgroalDataSource dataSource, JobSourcesPublisher publisher) {
        this.config = config;
        this.catalog = catalog;
        this.dataSource = dataSource;
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent event) throws IOException, SQLException {
        List<String> problems = new ArrayList<>();
        ShippedJobs.load(config.jobsLocation(), config.jobsDirectory().orElse(null))
                .forEach((name, job) -> {
                    try {
                        jobs.put(name, new Entry(job, 0, JobCompiler.compile(job, catalog.get())));
                    } catch (JobValidationException e) {
                        problems.add(e.getMessage());
                    }
                });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("shipped jobs are invalid:\n" + String.join("\n", problems));
        }
        Map<String, Instant> savedAt = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select distinct on (name) name, version, definition, saved_at from mapping.job"
                                + " order by name, version desc");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                try {
                    JobDefinition job = JobCodec.read(rows.getString(3));
                    jobs.put(
                            rows.getString(1), new Entry(job, rows.getInt(2), JobCompiler.compile(job, catalog.get())));
                    savedAt.put(rows.getString(1), rows.getTimestamp(4).toInstant());
                } catch (RuntimeException e) {
                    LOG.errorf(
                            "saved job %s version %d no longer validates and is not used: %s",
                            rows.getString(1), rows.getInt(2), e.getMessage());
                }
            }
        }
        LOG.infof("%d mapping jobs loaded", jobs.size());
        publisher.republish(list(), savedAt);
    }

    public List<Entry> list() {
        return jobs.values().stream()
                .sorted(Comparator.comparing(e -> e.definition().name()))
                .toList();
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(name == null ? null : jobs.get(name));
    }

    /** Validates a job against the schema; throws {@link JobValidationException} with every problem. */
    public CompiledJob compile(JobDefinition job) {
        return JobCompiler.compile(job, catalog.get());
    }

    /**
     * Saves a new version of a job after validating it, and publishes what an import job now reads from
     * each source table (in the same transaction, through the outbox); returns the new entry.
     */
    @Transactional
    public Entry save(JobDefinition job) {
        CompiledJob compiled = compile(job);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "mapping.job/" + job.name());
                lock.execute();
            }
            int version;
            try (PreparedStatement max =
                    connection.prepareStatement("select coalesce(max(version), 0) from mapping.job where name = ?")) {
                max.setString(1, job.name());
                try (ResultSet rows = max.executeQuery()) {
                    rows.next();
                    version = rows.getInt(1) + 1;
                }
            }
            Instant savedAt;
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into mapping.job (name, version, definition) values (?, ?, ?) returning saved_at")) {
                insert.setString(1, job.name());
                insert.setInt(2, version);
                insert.setString(3, JobCodec.write(job));
                try (ResultSet saved = insert.executeQuery()) {
                    saved.next();
                    savedAt = saved.getTimestamp(1).toInstant();
                }
            }
            publisher.saved(job, version, savedAt);
            Entry entry = new Entry(job, version, compiled);
            jobs.put(job.name(), entry);
            return entry;
        } catch (SQLException e) {
            throw new IllegalStateException("could not save job " + job.name() + ": " + e.getMessage(), e);
        }
    }
}
