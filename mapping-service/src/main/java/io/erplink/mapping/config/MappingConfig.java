package io.erplink.mapping.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of mapping-service: the commerce schema, job files, execution and preview limits. */
@ConfigMapping(prefix = "erplink.mapping")
public interface MappingConfig {

    /**
     * Schema holding the shop's Ecom* and Access* tables. Flyway creates it (it must also be listed in
     * {@code quarkus.flyway.schemas} and set as the {@code commerce_schema} Flyway placeholder).
     */
    @WithDefault("commerce")
    String commerceSchema();

    /**
     * Table names the source documents use for a commerce table under another spelling, as
     * {@code Alias=Table}: seed 004 writes EcomVariantOptions and seed 003 EcomVariantsGroups for the
     * EcomVariantsOptions and EcomVariantGroups tables.
     */
    @WithDefault("EcomVariantOptions=EcomVariantsOptions,EcomVariantsGroups=EcomVariantGroups")
    List<String> tableAliases();

    /** Classpath folder with the shipped job files ({@code *.yaml}, loaded and validated at start). */
    @WithDefault("jobs")
    String jobsLocation();

    /** Extra folder with job files on disk, loaded after the shipped ones (same name = override). */
    Optional<String> jobsDirectory();

    /** Row errors kept per chunk result and per run result (the counts are always complete). */
    @WithDefault("100")
    int maxReportedErrors();

    /** Maximum number of sample rows a preview request may carry. */
    @WithDefault("10000")
    int previewMaxRows();

    /** Maximum size of a preview request body in bytes. */
    @WithDefault("10485760")
    long previewMaxBytes();

    /** Rows per COPY round trip when a chunk is written to staging. */
    @WithDefault("5000")
    int copyBatchRows();

    /** How long staged rows of runs that were never sealed are kept before they are purged. */
    @WithDefault("P2D")
    Duration stagedRunRetention();

    /** Product ids listed in a CatalogChanged event before it says "all products" instead. */
    @WithDefault("1000")
    int catalogChangedMaxIds();

    /** Schema holding the runs' staging tables (one per run and destination table, dropped after the merge). */
    @WithDefault("mapping")
    String stagingSchema();

    /** The runs' staging tables. */
    Staging staging();

    /** The runs' staging tables. */
    interface Staging {
        /**
         * Whether staging tables are UNLOGGED: faster COPY (no WAL), but PostgreSQL's crash recovery
         * empties them, so a crash during a run loses its staged rows and the run then FAILS (its merge
         * finds fewer staged rows than its chunks recorded) and must be re-run. Off by default: staged
         * rows survive a crash like the chunk accounting they are committed with.
         */
        @WithDefault("false")
        boolean unlogged();
    }

    /** Transaction timeout for processing one chunk or RunSealed, the merge included. */
    @WithDefault("PT30M")
    Duration mergeTimeout();

    /** work_mem for the merge's transaction (sorting the staged rows by key), e.g. 64MB; empty keeps the server's. */
    @WithDefault("64MB")
    String mergeWorkMem();

    /** Merging a first import while its chunks arrive. */
    EagerMerge eagerMerge();

    /** Swapping a first import's staging table in for the empty commerce table. */
    ShadowSwap shadowSwap();

    /**
     * A first import into an empty commerce table without dependent objects (views, foreign keys,
     * triggers, ...) is merged by building the table's indexes and constraints on the run's staging table
     * and renaming it into the table's place, in the merge's transaction: every row is written once (at
     * staging) and the primary key built in one sorted pass. Such a run takes no eager merge. A table the
     * swap cannot take is merged the usual way (metric {@code erplink.mapping.shadow-swaps}).
     */
    interface ShadowSwap {
        /** Whether first imports are swapped in where they can be. */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * A first import (every commerce table of the job empty at the run's first chunk) is merged chunk by
     * chunk in a transaction of its own, which the run's merge only commits: the merge no longer keeps one
     * core busy after everything else is done. The job's commerce tables stay locked against other
     * writers (not readers) from the first chunk until the merge.
     */
    interface EagerMerge {
        /** Whether first imports are merged as their chunks arrive. */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long the eager merge's transaction may wait for the run's next chunk (an ERP outage holding
         * the run up, a rebalance that moved the run's partition elsewhere). Past it PostgreSQL ends that
         * transaction, releasing its locks, and the run is merged from staging at its end.
         */
        @WithDefault("PT2M")
        Duration idleTimeout();
    }
}
