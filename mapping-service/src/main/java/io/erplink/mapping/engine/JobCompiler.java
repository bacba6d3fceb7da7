package io.erplink.mapping.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.erplink.mapping.engine.Destination.Part;
import io.erplink.mapping.engine.JobDefinition.ColumnMappingDefinition;
import io.erplink.mapping.engine.JobDefinition.Condition;
import io.erplink.mapping.engine.JobDefinition.Options;
import io.erplink.mapping.engine.JobDefinition.TableMappingDefinition;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;
import io.erplink.mapping.schema.SchemaCatalog;
import io.erplink.mapping.schema.TableInfo;
import io.erplink.mapping.schema.UnknownNameException;

/**
 * Validates a job against the commerce schema and compiles it. Every problem is collected (not just
 * the first), each naming the table mapping; unknown table and column names list close matches.
 */
public final class JobCompiler {
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String PRODUCT_ACTIVE = "ProductActive";

    private JobCompiler() {}

    public static CompiledJob compile(JobDefinition job, SchemaCatalog catalog) {
        List<String> problems = new ArrayList<>();
        String jobName = job.name() == null ? "" : job.name();
        if (!JOB_NAME.matcher(jobName).matches()) {
            problems.add("name '" + jobName + "' must be 1-100 letters, digits, '.', '_' or '-'");
        }
        if (job.tableMappings().isEmpty()) {
            problems.add("the job has no table mappings");
        }
        List<CompiledTableMapping> compiled = new ArrayList<>();
        int index = 0;
        for (TableMappingDefinition mapping : job.tableMappings()) {
            CompiledTableMapping result = compileMapping(index, mapping, job.direction(), catalog, problems);
            if (result != null) {
                compiled.add(result);
            }
            index++;
        }
        if (!problems.isEmpty()) {
            throw new JobValidationException(jobName, problems);
        }
        return new CompiledJob(job, compiled);
    }

    private static CompiledTableMapping compileMapping(
            int index,
            TableMappingDefinition def,
            JobDefinition.Direction direction,
            SchemaCatalog catalog,
            List<String> problems) {
        String label = "table mapping " + (index + 1) + " (" + def.sourceTable() + " -> " + def.destinationTable()
                + (def.name() != null ? ", " + def.name() : "") + ")";
        int before = problems.size();
        if (blank(def.sourceTable())) {
            problems.add(label + ": sourceTable is missing");
        }
        if (blank(def.destinationTable())) {
            problems.add(label + ": destinationTable is missing");
        }
        if (problems.size() > before) {
            return null;
        }
        boolean isImport = direction == JobDefinition.Direction.IMPORT;
        TableInfo destination = null;
        TableInfo sourceSchemaTable = null;
        if (isImport) {
            try {
                destination = catalog.table(def.destinationTable());
            } catch (UnknownNameException e) {
                problems.add(label + ": " + e.getMessage());
            }
        } else {
            try {
                sourceSchemaTable = catalog.table(def.sourceTable());
            } catch (UnknownNameException e) {
                problems.add(label + ": " + e.getMessage());
            }
        }
        Options options = def.options();
        List<CompiledCondition> conditions = conditions(def.conditionals(), sourceSchemaTable, label, problems);
        List<List<CompiledCondition>> anyOf = new ArrayList<>();
        for (List<Condition> group : def.anyOf()) {
            if (group.isEmpty()) {
                problems.add(label + ": an anyOf group is empty");
            }
            anyOf.add(conditions(group, sourceSchemaTable, label, problems));
        }
        Map<String, List<ColumnMappingDefinition>> byDestination = new LinkedHashMap<>();
        for (ColumnMappingDefinition column : def.columns()) {
            if (blank(column.destination())) {
                problems.add(label + ": a column mapping has no destination (source " + column.source() + ")");
                continue;
            }
            String key = column.destination().trim().toLowerCase(Locale.ROOT);
            if (destination != null) {
                try {
                    key = destination.column(column.destination()).name();
                } catch (UnknownNameException e) {
                    problems.add(label + ": " + e.getMessage());
                    continue;
                }
            }
            byDestination.computeIfAbsent(key, k -> new ArrayList<>()).add(column);
        }
        List<Destination> destinations = new ArrayList<>();
        for (List<ColumnMappingDefinition> group : byDestination.values()) {
            String name = group.get(0).destination().trim();
            ColumnInfo column = destination == null ? null : destination.column(name);
            if (column != null && column.type() == ColumnType.JSONB) {
                problems.add(label + ": " + name + " is a JSON column and is filled from unmapped source columns only");
                continue;
            }
            List<Part> parts = new ArrayList<>();
            NullHandling onNull = NullHandling.DEFAULT;
            String nullValue = null;
            for (ColumnMappingDefinition part : group) {
                Script script;
                try {
                    script = Script.parse(part.script());
                } catch (IllegalArgumentException e) {
                    problems.add(label + ", " + name + ": " + e.getMessage());
                    continue;
                }
                String source = blank(part.source()) ? null : part.source().trim();
                if (script == Script.CONSTANT) {
                    if (part.value() == null) {
                        problems.add(label + ", " + name + ": Constant needs a value ('' for an empty string)");
                    }
                    source = null;
                } else if (source == null) {
                    problems.add(label + ", " + name + ": "
                            + (script == Script.NONE ? "no source column" : script + " needs a source column"));
                } else if ((script == Script.PREPEND || script == Script.APPEND) && part.value() == null) {
                    problems.add(label + ", " + name + ": " + script + " needs a value");
                }
                if (source != null && sourceSchemaTable != null) {
                    try {
                        source = sourceSchemaTable.column(source).name();
                    } catch (UnknownNameException e) {
                        problems.add(label + ": " + e.getMessage());
                    }
                }
                try {
                    NullHandling handling = NullHandling.parse(part.onNull());
                    if (handling != NullHandling.DEFAULT) {
                        onNull = handling;
                        nullValue = part.nullValue();
                        if (handling == NullHandling.CONSTANT && nullValue == null) {
                            problems.add(label + ", " + name + ": onNull constant needs a nullValue");
                        }
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(label + ", " + name + ": " + e.getMessage());
                }
                parts.add(new Part(source, script, part.value(), parts.isEmpty() ? null : part.separator()));
            }
            if (column != null) {
                for (Part part : parts) {
                    if (part.script() == Script.CONSTANT && part.value() != null && group.size() == 1) {
                        try {
                            ValueConverter.convert(name, part.value(), column.type());
                        } catch (ConversionException e) {
                            problems.add(label + ": Constant " + e.getMessage());
                        }
                    }
                }
            }
            destinations.add(new Destination(name, column, parts, onNull, nullValue));
        }
        boolean autoMap = def.autoMapping();
        List<ColumnInfo> keys = new ArrayList<>();
        List<String> exportKeys = new ArrayList<>();
        if (destination != null) {
            if (def.keyColumns().isEmpty()) {
                for (ColumnInfo pk : destination.primaryKey()) {
                    if (!pk.identity()) {
                        keys.add(pk);
                    }
                }
            } else {
                for (String key : def.keyColumns()) {
                    try {
                        keys.add(destination.column(key));
                    } catch (UnknownNameException e) {
                        problems.add(label + ": key " + e.getMessage());
                    }
                }
            }
            if (keys.isEmpty() && !options.insertOnly()) {
                problems.add(label + ": " + destination.name()
                        + " has a generated primary key; list keyColumns (or set insertOnlyNew)");
            }
            for (ColumnInfo key : keys) {
                boolean explicit = destinations.stream().anyMatch(d -> d.column() == key);
                if (!explicit && !autoMap && !(key.type() == ColumnType.TEXT && key.hasDefault())) {
                    problems.add(label + ": key column " + key.name() + " is not mapped");
                }
            }
            if (options.deactivateMissingProducts()
                    && destination.findColumn(PRODUCT_ACTIVE).isEmpty()) {
                problems.add(label + ": deactivateMissing needs a " + PRODUCT_ACTIVE + " column, " + destination.name()
                        + " has none");
            }
        } else {
            for (String key : def.keyColumns()) {
                exportKeys.add(key);
            }
            if (options.removeRowsNotInSource() || options.deactivateMissingProducts()) {
                problems.add(label + ": removeMissing and deactivateMissing apply to imports only");
            }
        }
        if (options.insertOnly() && options.updateOnly()) {
            problems.add(label + ": insertOnlyNew and updateOnlyExisting exclude each other");
        }
        if (options.removeRowsNotInSource() && options.deactivateMissingProducts()) {
            problems.add(label + ": removeMissing and deactivateMissing exclude each other");
        }
        double threshold = options.removalThresholdPercent();
        if (threshold < 0 || threshold > 100) {
            problems.add(label + ": removalThreshold must be between 0 and 100 percent");
        }
        if (problems.size() > before) {
            return null;
        }
        String display = def.name() != null ? def.name() : def.sourceTable() + " -> " + def.destinationTable();
        return new CompiledTableMapping(
                index,
                display,
                def.sourceTable().trim(),
                def.destinationTable().trim(),
                destination,
                conditions,
                anyOf,
                destinations,
                keys,
                exportKeys,
                options,
                autoMap);
    }

    private static List<CompiledCondition> conditions(
            List<Condition> list, TableInfo sourceSchemaTable, String label, List<String> problems) {
        List<CompiledCondition> result = new ArrayList<>();
        for (Condition condition : list) {
            if (blank(condition.column())) {
                problems.add(label + ": a conditional has no column");
                continue;
            }
            String column = condition.column().trim();
            if (sourceSchemaTable != null) {
                try {
                    column = sourceSchemaTable.column(column).name();
                } catch (UnknownNameException e) {
                    problems.add(label + ": conditional " + e.getMessage());
                    continue;
                }
            }
            try {
                result.add(new CompiledCondition(column, Operator.parse(condition.operator()), condition.value()));
            } catch (IllegalArgumentException e) {
                problems.add(label + ": " + e.getMessage());
            }
        }
        return result;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
