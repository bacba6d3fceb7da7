package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.mapping.execution.MappedChunk.MappingRows;
import io.erplink.mapping.execution.Staging.StageRow;
import io.erplink.mapping.schema.TableInfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** For merge tests: source rows mapped and staged as the service does, and what each table mapping staged. */
final class StagedChunks {
    private StagedChunks() {}

    /** One chunk of source rows mapped as the service maps it (sequence n is page n + 1). */
    static MappedChunk map(CompiledJob job, int sequence, List<SourceRow> rows) {
        MappedChunk chunk = new MappedChunk(job, sequence, sequence + 1, 100, false);
        rows.forEach(chunk::add);
        return chunk;
    }

    /**
     * Maps and COPYs each chunk into {@code stage} in a transaction of its own (none refused), and returns
     * what each table mapping staged, summed over the chunks as the run's merge sees it.
     */
    static Map<Integer, Merge.MappingStats> stage(
            Connection connection, CompiledJob job, String stage, List<List<SourceRow>> sourceChunks)
            throws SQLException {
        List<MappedChunk> chunks = new ArrayList<>();
        for (int sequence = 0; sequence < sourceChunks.size(); sequence++) {
            chunks.add(map(job, sequence, sourceChunks.get(sequence)));
        }
        return stageMapped(connection, stage, chunks, 1000);
    }

    /**
     * COPYs chunks mapped already into {@code stage}, each in a transaction of its own (none refused), in
     * COPY batches of {@code copyBatch} rows; returns what each table mapping staged, summed over the chunks.
     */
    static Map<Integer, Merge.MappingStats> stageMapped(
            Connection connection, String stage, List<MappedChunk> chunks, int copyBatch) throws SQLException {
        Map<Integer, Long> staged = new LinkedHashMap<>();
        Map<Integer, BitSet> union = new LinkedHashMap<>();
        Map<Integer, BitSet> common = new LinkedHashMap<>();
        for (MappedChunk chunk : chunks) {
            for (Map.Entry<TableInfo, List<StageRow>> entry :
                    chunk.stageRowsByTable().entrySet()) {
                assertEquals(List.of(), Staging.copy(connection, stage, entry.getKey(), entry.getValue(), copyBatch));
            }
            for (MappingRows rows : chunk.mappingRows()) {
                int index = rows.mapping().index();
                staged.merge(index, rows.staged(), Long::sum);
                union.computeIfAbsent(index, i -> new BitSet()).or(rows.union());
                common.computeIfAbsent(index, i -> (BitSet) rows.common().clone())
                        .and(rows.common());
            }
            connection.commit();
        }
        Map<Integer, Merge.MappingStats> stats = new LinkedHashMap<>();
        staged.forEach(
                (index, count) -> stats.put(index, new Merge.MappingStats(count, union.get(index), common.get(index))));
        return stats;
    }

    /** A Business Central item card; {@code version} changes the description and price of a repeated key. */
    static SourceRow bcItem(int key, int version) {
        return bcItem(key, version, version + ".99");
    }

    /** A Business Central item card with the given price text. */
    static SourceRow bcItem(int key, int version, String price) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("No", String.format("ITEM-%07d", key));
        columns.put("Description", "Item " + version + " description");
        columns.put("Base_Unit_of_Measure", "PCS");
        columns.put("Unit_Price", price);
        columns.put("Blocked", "false");
        columns.put("AssemblyBOM", key % 10 == 0 ? "True" : "False");
        return new SourceRow("DynamicwebItemCard", 1, version, columns);
    }
}
