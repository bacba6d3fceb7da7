package io.erplink.mapping.execution;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.engine.JobDefinition.Options;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.TableInfo;

/**
 * What a merge strategy's SQL is made of for one table mapping: its table, its staging table, its
 * keys and options, and the columns its staged rows wrote.
 *
 * @param stage          the qualified staging table
 * @param chunkMaskTable the qualified {@code run_chunk_mapping} (per chunk written-column masks)
 * @param mapping        the table mapping's index in its job ({@code stage_mapping})
 * @param common         columns every staged row wrote
 * @param productId      the table's product id column, if it has one
 * @param sampleSize     how many changed rows' product ids are read at most
 */
record MappingTarget(
        TableInfo table,
        String stage,
        String chunkMaskTable,
        int mapping,
        List<ColumnInfo> keys,
        MergeSql.Columns columns,
        BitSet common,
        boolean insertOnly,
        boolean updateOnly,
        boolean discardDuplicates,
        Optional<ColumnInfo> productId,
        long sampleSize) {

    static MappingTarget of(
            TableInfo table,
            String stage,
            String chunkMaskTable,
            CompiledTableMapping mapping,
            Merge.MappingStats stats,
            long sampleSize) {
        List<ColumnInfo> keys = MergeSql.keys(mapping);
        Options options = mapping.options();
        return new MappingTarget(
                table,
                stage,
                chunkMaskTable,
                mapping.index(),
                keys,
                MergeSql.columns(table, keys, stats.union(), stats.common()),
                stats.common(),
                options.insertOnly(),
                options.updateOnly(),
                options.discardDuplicateRows(),
                ProductSample.productIdColumn(table),
                sampleSize);
    }

    boolean keyIsPrimaryKey() {
        return !keys.isEmpty() && MergeSql.keySetIsPrimaryKey(table, keys);
    }

    /** Whether the merge reads each row's written-column mask: some updated column was not written by every row. */
    boolean withMasks() {
        return columns.perRow() && !insertOnly;
    }

    String pid() {
        return MergeSql.productId(productId);
    }
}
