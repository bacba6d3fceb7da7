package io.erplink.mapping.execution;

import io.erplink.mapping.runs.MappingRunStatus;

/**
 * A run's {@code mapping_run} row as the execution reads it (locked).
 *
 * @param chunkCount null until RunSealed arrived
 * @param rowCount   null until RunSealed arrived
 * @param stageId    names the run's staging tables
 */
record MappingRun(
        String runId,
        String job,
        MappingRunStatus status,
        boolean sealed,
        Long chunkCount,
        Long rowCount,
        boolean fullImport,
        long stageId) {

    boolean started() {
        return status == MappingRunStatus.STARTED;
    }
}
