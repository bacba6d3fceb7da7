package io.erplink.batch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything batch-service can be tuned with; every key has a default that runs the local suite. */
@ConfigMapping(prefix = "erplink.batch")
public interface BatchConfig {

    /** Workers: how this replica claims and executes runs. */
    Worker worker();

    /**
     * Rows per {@code RecordChunk} on {@code batch.records} at most; a chunk also closes at 768 KiB of
     * encoded rows. Larger chunks mean fewer Kafka records and fewer transactions per row in both services
     * (each chunk is staged in one mapping-service transaction and reported back once). A run keeps the
     * value it was first claimed with, so a change applies to new runs.
     */
    @WithDefault("5000")
    int chunkSize();

    /** The Kafka producer of chunks on {@code batch.records}. */
    Publish publish();

    /** Raw ERP responses kept on disk, for audits and "run last response". */
    Archive archive();

    /** Waiting for the ERP during an outage. */
    ErpWait erpWait();

    /** Exports from the commerce database. */
    Export export();

    /** Scheduler of due runs. */
    Scheduling scheduling();

    /**
     * More ERP connectors activities can name, besides {@code default} ({@code erplink.erp.url} and
     * {@code erplink.erp.secret}), e.g. a second company or a separate export connector:
     * {@code erplink.batch.endpoints.<name>.url} and {@code .secret}. Names are lower-case letters and
     * digits (they become part of environment variable names, {@code ERPLINK_BATCH_ENDPOINTS_<NAME>_URL});
     * {@code default} is reserved.
     */
    Map<String, Endpoint> endpoints();

    /** One named ERP connector. */
    interface Endpoint {
        /** The connector endpoint that takes the XML requests, e.g. {@code https://erp2.example/connector}. */
        URI url();

        /**
         * Shared secret for signing this connector's requests (HMAC-SHA256, at least 16 bytes), from a
         * Kubernetes Secret ({@code ERPLINK_BATCH_ENDPOINTS_<NAME>_SECRET}). Never stored, shown or logged.
         */
        String secret();

        /**
         * Time allowed for one page from this connector (the wait for the answer's headers and each pause
         * in its body); default {@code erplink.batch.erp-wait.page-timeout}.
         */
        Optional<Duration> pageTimeout();
    }

    interface Worker {
        /** Whether this replica executes runs at all (an API-only replica sets false). */
        @WithDefault("true")
        boolean enabled();

        /** Runs executed at the same time by this replica. */
        @WithDefault("2")
        int concurrency();

        /** How often an idle worker looks for claimable runs. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long a claim is valid without a heartbeat. A worker that dies (kill -9) loses its runs to
         * another worker this long after its last heartbeat.
         */
        @WithDefault("30s")
        Duration lease();

        /** How often a worker renews the leases of its runs; well below {@link #lease()}. */
        @WithDefault("5s")
        Duration heartbeat();

        /** Claims of one run before it is ABANDONED (each expired lease counts as one attempt). */
        @WithDefault("3")
        int maxAttempts();

        /** Upper bound of pages per run; protects against a connector that never says ExportIsDone. */
        @WithDefault("1000000")
        int maxPages();

        /** Identity written into leases; default host/pid/random. */
        Optional<String> owner();
    }

    interface Publish {
        /**
         * Compression of the chunk batches: {@code none}, {@code lz4}, {@code zstd}, {@code snappy} or
         * {@code gzip}. Off by default: mapping-service's consumer bounds its fetches in compressed bytes, so
         * with lz4 one poll of a backlog decompresses to several times more chunks; in the 1M-product
         * benchmark that ran mapping-service (1 GiB heap) out of memory. Turn it on only together with
         * consumer limits on mapping-service (max.poll.records, fetch sizes) sized for decompressed chunks.
         */
        @WithDefault("none")
        String compression();

        /** How long the producer waits for more chunks to fill a batch before sending it. */
        @WithDefault("5ms")
        Duration linger();
    }

    interface Archive {
        /** Default for activities that do not say: keep each raw response as a file. */
        @WithDefault("false")
        boolean enabled();

        /** Directory of the file store: {@code <dir>/<run id>/page-000001.xml}. */
        @WithDefault("target/batch-archive")
        Path directory();
    }

    interface ErpWait {
        /** First pause after a failed page while the ERP is unavailable. */
        @WithDefault("1s")
        Duration initialDelay();

        /** Longest pause between two attempts; the activity timeout bounds the whole wait. */
        @WithDefault("30s")
        Duration maxDelay();

        /** Time allowed for one page (request, streaming, publishing). */
        @WithDefault("10m")
        Duration pageTimeout();
    }

    interface Export {
        /** Schema of the commerce tables (owned by mapping-service) on the {@code commerce} datasource. */
        @WithDefault("commerce")
        String commerceSchema();

        /** Orders exported per run at most. */
        @WithDefault("200")
        int maxOrdersPerRun();
    }

    interface Scheduling {
        /** Whether this replica creates due runs from the activities' schedules (safe on every replica). */
        @WithDefault("true")
        boolean enabled();

        /** How often schedules are evaluated. */
        @WithDefault("10s")
        Duration interval();

        /** How long a finished run waits for mapping-service's RunResult before the run is FAILED. */
        @WithDefault("2h")
        Duration mergeTimeout();
    }
}
