package io.erplink.batch.activities;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.erplink.batch.exports.odata.ODataExport;
import io.erplink.batch.odata.ODataSource;

/** An activity as created or replaced through the API. */
@Schema(name = "ActivityInput")
public record ActivityInput(
        @Schema(
                description = "Unique name, letters, digits, '-', '_' and '.'",
                example = "import-products",
                required = true)
        @Pattern(
                regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}",
                message = "must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit")
        String name,

        @Schema(description = "What the activity does") String description,

        @Schema(required = true)
        @NotNull(message = "is required: IMPORT, IMPORT_WITH_PAGING, IMPORT_WITH_CUSTOM_REQUEST or EXPORT")
        ActivityType type,

        @Schema(
                description = "The request sent to the ERP: a GetEcomData document (imports); unused for EXPORT",
                example = "<GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>")
        String requestXml,

        @Schema(
                description =
                        "Name of the ERP endpoint the activity uses: default (erplink.erp.url, also when empty) or one"
                                + " configured under erplink.batch.endpoints.<name>; an unknown name is refused with the configured ones",
                example = "default")
        String endpoint,

        @Schema(description = "mapping-service job the rows feed (imports)", example = "ifv2-import-products")
        String mappingJob,

        @Schema(description = "ONCE, MINUTES, HOURLY, DAILY, WEEKLY or CRON; default ONCE")
        ScheduleInterval interval,

        @Schema(description = "Every n units of the interval; default 1") @Positive
        Integer every,

        @Schema(description = "Cron expression for CRON (5 fields Unix, or 6-7 fields Quartz), UTC")
        String cron,

        @Schema(description = "Begin of the schedule (grid origin); default: creation time")
        Instant beginAt,

        @Schema(description = "End of the schedule; no runs are due after it")
        Instant endAt,

        @Schema(description = "Whether the schedule fires; default false")
        Boolean enabled,

        @Schema(description = "true: full reimport every run; false: only changes since the last successful run")
        Boolean reimport,

        @Schema(description = "CustomModifier attribute, for two shops on one ERP")
        String customModifier,

        @Schema(description = "pageSize attribute (IMPORT_WITH_PAGING)") @Positive
        Integer pageSize,

        @Schema(description = "Timeout of a run in seconds, waits for the ERP included; default 3600") @Positive
        Integer timeoutSeconds,

        @Schema(description = "Archive raw responses (needed for 'run last response'); empty for the service default")
        Boolean archiveResponses,

        @Schema(
                description = "Imports from an odata-v4 endpoint: the entity set, and the mapping job's columns and"
                        + " conditionals the server may apply; replaces requestXml there")
        ODataSource odata,

        @Schema(
                description = "Exports to an odata-v4 endpoint: the table mappings from commerce tables to entity sets,"
                        + " their key fields and response mappings")
        ODataExport odataExport,

        @Schema(description = "Group the activity is listed in, e.g. Business Central OData v4 - imports")
        String group,

        @Schema(description = "Place in the group's order (1 first)") @Positive
        Integer position) {}
