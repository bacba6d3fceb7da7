package io.erplink.batch.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;

/**
 * batch-service's metrics. What an SRE scales workers on: {@code erplink_batch_runs_due} (runs
 * waiting for a worker, including expired leases) and {@code erplink_batch_runs{status="STARTED"}}.
 * Throughput: {@code rate(erplink_batch_rows_read_total[1m])} = rows/s and
 * {@code rate(erplink_batch_pages_fetched_total[1m])} = pages/s. ERP latency and outcomes come from
 * service-kit's {@code erplink_erp_requests_seconds{endpoint,type,outcome}}; waits for the ERP from
 * {@code erplink_batch_erp_waits_total{endpoint,reason}}.
 */
@ApplicationScoped
public class RunMetrics {
    private static final Logger LOG = Logger.getLogger(RunMetrics.class);

    private final MeterRegistry registry;
    private final AgroalDataSource dataSource;
    private final Map<RunStatus, AtomicLong> byStatus = new EnumMap<>(RunStatus.class);
    private final AtomicLong due = new AtomicLong();
    private final Counter rows;
    private final Counter pages;
    private final Counter bytes;

    RunMetrics(MeterRegistry registry, AgroalDataSource dataSource) {
        this.registry = registry;
        this.dataSource = dataSource;
        for (RunStatus status : RunStatus.values()) {
            AtomicLong value = new AtomicLong();
            byStatus.put(status, value);
            Gauge.builder("erplink.batch.runs", value, AtomicLong::get)
                    .description("Runs by status")
                    .tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder("erplink.batch.runs.due", due, AtomicLong::get)
                .description("Runs waiting for a worker: due and unclaimed, or with an expired lease")
                .register(registry);
        rows = Counter.builder("erplink.batch.rows.read")
                .description("Rows read from ERP responses and published")
                .register(registry);
        pages = Counter.builder("erplink.batch.pages.fetched")
                .description("Pages committed")
                .register(registry);
        bytes = Counter.builder("erplink.batch.bytes.read")
                .description("Bytes of ERP responses read")
                .register(registry);
    }

    void page(long rowCount, long byteCount) {
        rows.increment(rowCount);
        pages.increment();
        bytes.increment(byteCount);
    }

    void erpWait(String endpoint, String reason) {
        registry.counter("erplink.batch.erp.waits", "endpoint", endpoint, "reason", reason)
                .increment();
    }

    void finished(String activity, RunStatus status, Duration duration) {
        Timer.builder("erplink.batch.run.duration")
                .description("Run duration from claim to final status")
                .tag("activity", activity)
                .tag("status", status.name())
                .register(registry)
                .record(duration);
    }

    void runEnded(String outcome) {
        registry.counter("erplink.batch.worker.runs", "outcome", outcome).increment();
    }

    /** Refreshes the gauges from the database (cheap: indexed counts). */
    @Scheduled(every = "${erplink.batch.metrics.refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select status, count(*) from run group by status");
                    ResultSet rs = s.executeQuery()) {
                Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
                while (rs.next()) {
                    counts.put(RunStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }
                byStatus.forEach((status, value) -> value.set(counts.getOrDefault(status, 0L)));
            }
            try (PreparedStatement s = c.prepareStatement(
                            """
                    select count(*) from run where (status = '%s' and not_before <= now())
                        or (status = '%s' and phase = '%s' and lease_until < now())""".formatted(RunStatus.STARTING, RunStatus.STARTED, RunPhase.FETCHING));
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                due.set(rs.getLong(1));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("run metrics not refreshed: %s", e.getMessage());
        }
    }
}
