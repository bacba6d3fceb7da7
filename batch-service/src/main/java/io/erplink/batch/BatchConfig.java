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

    /** One named ERP endpoint: a connector (XML, signed) or an OData v4 service (Business Central). */
    interface Endpoint {
        /** How activities on this endpoint talk to the ERP. */
        @WithDefault("connector-xml")
        Protocol protocol();

        /**
         * {@code connector-xml}: the connector endpoint that takes the XML requests, e.g.
         * {@code https://erp2.example/connector}. {@code odata-v4}: the OData service root the entity sets
         * hang off, e.g. {@code https://api.businesscentral.dynamics.com/v2.0/<tenant>/<environment>/ODataV4}
         * (Business Central online), {@code https://bc.example:7048/<instance>/ODataV4} (on-premises) or
         * {@code .../api/v2.0} (BC API pages); an activity's {@code apiPath} replaces its last segment.
         */
        URI url();

        /**
         * Shared secret for signing this connector's requests (HMAC-SHA256, at least 16 bytes), from a
         * Kubernetes Secret ({@code ERPLINK_BATCH_ENDPOINTS_<NAME>_SECRET}). Required for {@code connector-xml},
         * unused for {@code odata-v4}. Never stored, shown or logged.
         */
        Optional<String> secret();

        /**
         * Time allowed for one page from this endpoint (the wait for the answer's headers and each pause
         * in its body); default {@code erplink.batch.erp-wait.page-timeout}.
         */
        Optional<Duration> pageTimeout();

        /**
         * {@code odata-v4}: the Business Central company. Page web services ({@code ODataV4}) address it by
         * name ({@code Company('CRONUS International Ltd.')}, escaped here), API pages ({@code api/...}) by
         * its id ({@code companies(<guid>)}): set {@link #companyId()} for those. Empty: no company segment
         * (a generic OData v4 service, or BC's default company).
         */
        Optional<String> company();

        /** {@code odata-v4}: the company's id (a GUID), for activities on BC API paths ({@code api/v2.0}). */
        Optional<String> companyId();

        /**
         * {@code odata-v4}: rows per page asked for with {@code Prefer: odata.maxpagesize}; the server may
         * send fewer (Business Central sends at most 20,000).
         */
        @WithDefault("1000")
        int maxPageSize();

        /**
         * {@code odata-v4}: longest request URL sent; a {@code $select} (then a {@code $filter}) that would
         * make it longer is left out, mapping-service still selects and filters the rows.
         */
        @WithDefault("2048")
        int maxUrlLength();

        /** {@code odata-v4}: how requests authenticate. */
        Auth auth();
    }

    /** The wire protocol of an ERP endpoint. */
    enum Protocol {
        /** The connector protocol of the source documents: signed XML requests, {@code <tables>} answers. */
        CONNECTOR_XML,
        /** OData v4 (JSON, server-driven paging), e.g. Business Central page web services and API pages. */
        ODATA_V4;
    }

    /** How an OData endpoint's requests authenticate. */
    enum AuthType {
        NONE,
        BASIC,
        OAUTH2
    }

    /** Authentication of an OData endpoint's requests. Secrets come from the environment (a Kubernetes Secret). */
    interface Auth {
        /** {@code none}, {@code basic} (on-premises) or {@code oauth2} (client credentials, BC online). */
        @WithDefault("none")
        AuthType type();

        /** {@code basic}: the user name. */
        Optional<String> username();

        /** {@code basic}: the password or web service access key; never stored, shown or logged. */
        Optional<String> password();

        /**
         * {@code oauth2}: the token endpoint, e.g.
         * {@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token}.
         */
        Optional<URI> tokenUrl();

        /** {@code oauth2}: the application (client) id. */
        Optional<String> clientId();

        /** {@code oauth2}: the client secret; never stored, shown or logged. */
        Optional<String> clientSecret();

        /** {@code oauth2}: the scope asked for. */
        @WithDefault("https://api.businesscentral.dynamics.com/.default")
        String scope();

        /** {@code oauth2}: a token is used until this long before it expires, then a new one is fetched. */
        @WithDefault("60s")
        Duration refreshBeforeExpiry();
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

        /**
         * How a run's chunks go over the partitions of {@code batch.records}: {@code run} puts them all
         * on the run id's partition (one mapping-service consumer stages the whole run, in order);
         * {@code spread} sends chunk {@code k} to the partition {@code k} after it, so the
         * mapping-service replicas share one big run (its merge still happens once, in PostgreSQL).
         */
        @WithDefault("run")
        Partitioning partitioning();
    }

    /** See {@link Publish#partitioning()}. */
    enum Partitioning {
        RUN,
        SPREAD
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

        /**
         * First pause between the retries of one ERP call (doubled per retry, at most 10 s; an ERP's
         * Retry-After wins). The retries happen inside one page attempt, before the run waits.
         */
        @WithDefault("500ms")
        Duration retryDelay();

        /** How long an endpoint's open circuit breaker refuses calls before it lets one through. */
        @WithDefault("5s")
        Duration breakerDelay();
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
