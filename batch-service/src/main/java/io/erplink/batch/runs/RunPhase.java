package io.erplink.batch.runs;

/** Where a run is within its status: what a worker or mapping-service does with it next. */
public enum RunPhase {
    /** STARTING: waiting to be claimed. */
    QUEUED,
    /** STARTED: a worker holds the lease and fetches pages (or exports rows). */
    FETCHING,
    /** STARTED: sealed (RunSealed published); waiting for mapping-service's RunResult. */
    AWAITING_MERGE,
    /** A final status. */
    DONE
}
