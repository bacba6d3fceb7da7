package io.erplink.mapping.preview;

import java.util.List;
import java.util.Map;

import io.erplink.mapping.engine.JobDefinition;

/**
 * A dry run: a job (by name, or inline) and sample source rows.
 *
 * @param jobName a job known to the service, or null when {@code job} is given
 * @param job     an inline job definition (validated like a saved one), or null
 * @param rows    sample rows; a null column value means isNull
 */
public record PreviewRequest(String jobName, JobDefinition job, List<Row> rows) {

    /**
     * One sample row.
     *
     * @param table   source table
     * @param page    page number for error messages (default 1)
     * @param row     row number within the page (default: position in the request, from 1)
     * @param columns column name to value
     */
    public record Row(String table, Integer page, Long row, Map<String, String> columns) {}
}
