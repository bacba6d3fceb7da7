package io.erplink.mapping.execution;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.mapping.engine.MappedRow;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;
import io.erplink.mapping.schema.SchemaCatalog;
import io.erplink.mapping.schema.TableInfo;

/**
 * The staging tables of a run and the COPY that fills them. A staging table has the commerce table's
 * columns and types (no constraints; logged unless
 * {@code erplink.mapping.staging.unlogged}) plus {@code stage_mapping}, {@code stage_chunk},
 * {@code stage_row} (where the row came from: the merge keeps the last, or with discardDuplicates the
 * first, row of a key), {@code stage_keep} (a failed row staged for its key only) and
 * {@code stage_written} (the columns the row wrote, NULL when they equal its chunk's union for the mapping).
 *
 * <p>Plain JDBC on the caller's connection and transaction, so the service and the benchmark share it.
 */
public final class Staging {
    /** The bookkeeping columns in front of the commerce columns. */
    static final String META_COLUMNS = "stage_mapping, stage_chunk, stage_row, stage_keep, stage_written";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_IDENTIFIER = 63;

    /**
     * One row to stage.
     *
     * @param mapping index of the table mapping in its job
     * @param chunk   chunk sequence
     * @param row     position within the chunk, from 0
     * @param sourceRow the row's number within its page, for messages
     * @param keep    a failed row, staged for its key only (never written to the commerce table)
     * @param source  the mapped values
     * @param written the columns it wrote, or null when they equal the chunk's union for the mapping
     */
    public record StageRow(
            int mapping, long chunk, long row, long sourceRow, boolean keep, MappedRow source, BitSet written) {}

    /** A row the database refused (e.g. a number too large for numeric(28,8)), with its message. */
    public record RefusedRow(StageRow row, String message) {}

    private Staging() {}

    /** The staging table's name for a run and a commerce table: {@code stage_<stageId>_<table>}. */
    public static String tableName(long stageId, TableInfo table) {
        String name = "stage_" + stageId + "_" + table.name();
        return name.length() > MAX_IDENTIFIER ? name.substring(0, MAX_IDENTIFIER) : name;
    }

    /** {@code "schema"."table"}. */
    public static String qualified(String schema, String table) {
        return SchemaCatalog.quote(schema) + "." + SchemaCatalog.quote(table);
    }

    /**
     * Creates the staging table unless it exists: the commerce table's columns and types, no constraints.
     * {@code unlogged} skips the WAL, but crash recovery then empties the table ({@link #count} tells).
     */
    public static void create(Connection connection, String qualifiedStage, TableInfo table, boolean unlogged)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create " + (unlogged ? "unlogged " : "") + "table if not exists " + qualifiedStage
                    + " as select"
                    + " 0::integer as stage_mapping, 0::bigint as stage_chunk, 0::bigint as stage_row,"
                    + " false as stage_keep, null::bit varying as stage_written, t.* from " + table.qualified()
                    + " t with no data");
        }
    }

    /** The rows in a staging table. */
    static long count(Connection connection, String qualifiedStage) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from " + qualifiedStage)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public static void drop(Connection connection, String qualifiedStage) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + qualifiedStage);
        }
    }

    /**
     * COPYs rows into a staging table in batches. A batch the database refuses is split in halves
     * (each under a savepoint) until the refused rows are found; they are returned, the others staged.
     */
    public static List<RefusedRow> copy(
            Connection connection, String qualifiedStage, TableInfo table, List<StageRow> rows, int batchRows)
            throws SQLException {
        List<ColumnInfo> columns = writtenColumns(table, rows);
        String sql = copySql(qualifiedStage, columns);
        List<RefusedRow> refused = new ArrayList<>();
        PGConnection pg = connection.unwrap(PGConnection.class);
        for (int from = 0; from < rows.size(); from += batchRows) {
            copyRange(connection, pg, sql, columns, rows, from, Math.min(rows.size(), from + batchRows), refused);
        }
        return refused;
    }

    /**
     * The commerce columns any of the rows wrote, in table order. The others stay NULL in staging: the
     * merge reads only the columns the run's rows wrote, so they are neither sent nor parsed (e.g. an
     * empty CustomFields JSON per row of a mapping without custom fields).
     */
    static List<ColumnInfo> writtenColumns(TableInfo table, List<StageRow> rows) {
        BitSet union = new BitSet();
        boolean customFields = false;
        for (StageRow row : rows) {
            union.or(row.source().written());
            customFields |= row.source().mapping().writesCustomFields();
        }
        if (customFields) {
            table.customFields().ifPresent(c -> union.set(c.ordinal()));
        }
        return table.columns().stream().filter(c -> union.get(c.ordinal())).toList();
    }

    static String copySql(String qualifiedStage, List<ColumnInfo> columns) {
        StringBuilder sql =
                new StringBuilder("copy ").append(qualifiedStage).append(" (").append(META_COLUMNS);
        for (ColumnInfo column : columns) {
            sql.append(", ").append(column.quoted());
        }
        return sql.append(") from stdin").toString();
    }

    private static void copyRange(
            Connection connection,
            PGConnection pg,
            String sql,
            List<ColumnInfo> columns,
            List<StageRow> rows,
            int from,
            int to,
            List<RefusedRow> refused)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("savepoint stage_copy");
            try {
                writeCopy(pg, sql, columns, rows, from, to);
                statement.execute("release savepoint stage_copy");
                return;
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                statement.execute("rollback to savepoint stage_copy");
                statement.execute("release savepoint stage_copy");
                if (to - from == 1) {
                    refused.add(new RefusedRow(rows.get(from), describe(e)));
                    return;
                }
            }
        }
        int middle = (from + to) >>> 1;
        copyRange(connection, pg, sql, columns, rows, from, middle, refused);
        copyRange(connection, pg, sql, columns, rows, middle, to, refused);
    }

    /** Encodes and sends rows as they go, so the database parses one buffer while the next is encoded. */
    private static void writeCopy(
            PGConnection pg, String sql, List<ColumnInfo> columns, List<StageRow> rows, int from, int to)
            throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn(sql);
        try {
            StringBuilder text = new StringBuilder(1 << 16);
            for (int i = from; i < to; i++) {
                encode(rows.get(i), columns, text);
                if (text.length() >= 1 << 15) {
                    flush(copy, text);
                }
            }
            flush(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn copy, StringBuilder text) throws SQLException {
        if (text.length() > 0) {
            byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(data, 0, data.length);
            text.setLength(0);
        }
    }

    /** Data exceptions (class 22) and integrity violations (class 23) are the row's fault; anything else is not. */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static String describe(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            String where = server.getWhere();
            String column = null;
            if (where != null) {
                int at = where.indexOf("column ");
                if (at >= 0) {
                    int colon = where.indexOf(':', at);
                    column = where.substring(at + 7, colon > 0 ? colon : where.length());
                }
            }
            String detail = server.getDetail();
            return (column != null ? column + ": " : "")
                    + server.getMessage()
                    + (detail != null ? " (" + detail + ")" : "");
        }
        return e.getMessage();
    }

    /** One COPY text line: the bookkeeping columns, then the given commerce columns in table order. */
    static void encode(StageRow row, List<ColumnInfo> columns, StringBuilder out) {
        MappedRow mapped = row.source();
        out.append(row.mapping())
                .append('\t')
                .append(row.chunk())
                .append('\t')
                .append(row.row())
                .append('\t')
                .append(row.keep() ? 't' : 'f')
                .append('\t');
        if (row.written() == null) {
            out.append("\\N");
        } else {
            int size = mapped.mapping().destination().columns().size();
            for (int i = 0; i < size; i++) {
                out.append(row.written().get(i) ? '1' : '0');
            }
        }
        encodeColumns(mapped, columns, out, true);
    }

    /** The columns of a COPY text line, separated by tabs (after one when {@code leadingTab}), and the newline. */
    static void encodeColumns(MappedRow mapped, List<ColumnInfo> columns, StringBuilder out, boolean leadingTab) {
        Object[] values = mapped.values();
        boolean tab = leadingTab;
        for (ColumnInfo column : columns) {
            if (tab) {
                out.append('\t');
            }
            tab = true;
            if (column.type() == ColumnType.JSONB) {
                Map<String, String> custom = mapped.customFields();
                text(custom == null || custom.isEmpty() ? "{}" : json(custom), out);
                continue;
            }
            Object value = values[column.ordinal()];
            if (value == null) {
                out.append("\\N");
            } else if (value instanceof String text) {
                text(text, out);
            } else if (value instanceof Boolean bool) {
                out.append(bool ? 't' : 'f');
            } else if (value instanceof BigDecimal number) {
                out.append(number.toString());
            } else {
                out.append(value);
            }
        }
        out.append('\n');
    }

    private static String json(Map<String, String> custom) {
        try {
            return JSON.writeValueAsString(custom);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom fields cannot be written as JSON", e);
        }
    }

    /** COPY text escaping: backslash, tab, newline and carriage return. */
    static void text(String value, StringBuilder out) {
        int plain = 0;
        while (plain < value.length() && !special(value.charAt(plain))) {
            plain++;
        }
        if (plain == value.length()) {
            out.append(value); // the usual case: one bulk copy instead of a char-by-char append
            return;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    /** The raw COPY of mapped rows straight into their commerce table (the benchmark's baseline). */
    public static void copyRaw(Connection connection, TableInfo table, List<MappedRow> rows)
            throws SQLException, IOException {
        StringBuilder sql = new StringBuilder("copy ").append(table.qualified()).append(" (");
        for (ColumnInfo column : table.columns()) {
            if (column.ordinal() > 0) {
                sql.append(", ");
            }
            sql.append(column.quoted());
        }
        sql.append(") from stdin");
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString());
        try {
            StringBuilder text = new StringBuilder(1 << 16);
            for (MappedRow row : rows) {
                encodeColumns(row, table.columns(), text, false);
                if (text.length() >= 1 << 15) {
                    flush(copy, text);
                }
            }
            flush(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
