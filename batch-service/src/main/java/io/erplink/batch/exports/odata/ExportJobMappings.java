package io.erplink.batch.exports.odata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import io.erplink.batch.odata.Condition;
import io.erplink.protocol.events.JobSourcesChanged;

/**
 * An export activity's {@link ODataExport} at a version of its mapping job: what the job states (each
 * table mapping's conditionals and columns) from the job, what it does not state from the activity (the
 * ERP's key fields, entity and source keys, seed 004's response mappings, the lines under their header with
 * {@code parentLink} and {@code fromParent}). The job's table mappings pair with the activity's in order (a
 * header before its lines, as tools/generate_bc_activities.py writes them), each pair naming the same source
 * table and entity set (and the same name, where both have one). When they do not pair (a table mapping added, removed or moved, another table) or a
 * column cannot be written by an export (a Prepend/Append script, parts concatenated into one field, an
 * {@code onNull} rule), the structure is not derivable from the job: the activity keeps its odataExport and
 * the reason is given.
 */
public final class ExportJobMappings {
    private ExportJobMappings() {}

    /** The activity's export at the job's version, or why it stays as it is ({@code export} null). */
    public record Followed(ODataExport export, String problem) {}

    public static Followed follow(ODataExport current, List<JobSourcesChanged.ExportMapping> job) {
        List<ODataExport.Mapping> flat = new ArrayList<>();
        current.mappings().forEach(m -> flatten(m, flat));
        if (flat.size() != job.size()) {
            return new Followed(
                    null,
                    "the job has " + job.size() + " table mappings and the activity's odataExport " + flat.size()
                            + "; which of them are lines under which header, their keys and response mappings"
                            + " are the activity's own: change its odataExport");
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < flat.size(); i++) {
            ODataExport.Mapping mine = flat.get(i);
            JobSourcesChanged.ExportMapping theirs = job.get(i);
            boolean renamed =
                    mine.name() != null && theirs.name() != null && !mine.name().equals(theirs.name());
            if (renamed
                    || !mine.sourceTable().equalsIgnoreCase(theirs.sourceTable())
                    || !mine.entitySet().equals(theirs.destinationTable())) {
                problems.add("table mapping " + (i + 1) + " of the job is "
                        + label(theirs.name(), theirs.sourceTable(), theirs.destinationTable()) + ", the activity's "
                        + label(mine.name(), mine.sourceTable(), mine.entitySet()));
            }
            columns(theirs, problems);
        }
        if (!problems.isEmpty()) {
            return new Followed(null, String.join("; ", problems));
        }
        Iterator<JobSourcesChanged.ExportMapping> next = job.iterator();
        List<ODataExport.Mapping> mappings = new ArrayList<>();
        for (ODataExport.Mapping m : current.mappings()) {
            mappings.add(rebuild(m, next, List.of()));
        }
        ODataExport followed = new ODataExport(mappings, current.conflictRetries(), current.transientRetries());
        String problem = followed.problem();
        return problem == null ? new Followed(followed, null) : new Followed(null, problem);
    }

    private static String label(String name, String sourceTable, String entitySet) {
        return (name == null ? "" : name + ": ") + sourceTable + " -> " + entitySet;
    }

    private static void flatten(ODataExport.Mapping m, List<ODataExport.Mapping> flat) {
        flat.add(m);
        m.children().forEach(child -> flatten(child, flat));
    }

    /**
     * The mapping with the job's conditionals and columns; a line leaves out the conditionals its header
     * holds already (it is written only after its header was).
     */
    private static ODataExport.Mapping rebuild(
            ODataExport.Mapping m, Iterator<JobSourcesChanged.ExportMapping> next, List<Condition> parents) {
        JobSourcesChanged.ExportMapping theirs = next.next();
        List<Condition> all = theirs.conditions().stream()
                .map(c -> new Condition(c.column(), c.operator(), c.value() == null ? "" : c.value()))
                .toList();
        List<Condition> own = all.stream().filter(c -> !parents.contains(c)).toList();
        List<ODataExport.Mapping> children = new ArrayList<>();
        for (ODataExport.Mapping child : m.children()) {
            children.add(rebuild(child, next, all));
        }
        return new ODataExport.Mapping(
                m.name(),
                m.sourceTable(),
                m.entitySet(),
                own,
                columns(theirs, new ArrayList<>()),
                m.keys(),
                m.entityKey(),
                m.sourceKey(),
                m.response(),
                m.parentLink(),
                m.fromParent(),
                children);
    }

    /** The job's column mappings as export columns; what an export cannot write goes to {@code problems}. */
    private static List<ODataExport.Column> columns(JobSourcesChanged.ExportMapping m, List<String> problems) {
        String at = "table mapping " + label(m.name(), m.sourceTable(), m.destinationTable()) + ": column ";
        List<ODataExport.Column> columns = new ArrayList<>();
        Set<String> destinations = new HashSet<>();
        for (JobSourcesChanged.Column c : m.columns()) {
            if (!destinations.add(c.destination())) {
                problems.add(at + c.destination() + " has several parts (concatenated); an export writes one value");
                continue;
            }
            if (c.separator() != null || (c.onNull() != null && !c.onNull().equals("default"))) {
                problems.add(at + c.destination() + ": separator and onNull have no export equivalent");
                continue;
            }
            String script = c.script() == null || c.script().isBlank() ? null : c.script();
            if (script == null) {
                columns.add(new ODataExport.Column(c.source(), c.destination(), null));
            } else if (script.equals("Constant")) {
                columns.add(new ODataExport.Column(null, c.destination(), c.value() == null ? "" : c.value()));
            } else if (script.equals("Invert")) {
                columns.add(new ODataExport.Column(c.source(), c.destination(), null, true));
            } else {
                problems.add(at + c.destination() + ": script " + script + " has no export equivalent");
            }
        }
        return columns;
    }
}
