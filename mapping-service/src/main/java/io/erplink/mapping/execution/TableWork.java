package io.erplink.mapping.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.TableInfo;

/** One commerce table of a merge: its table mappings in job order, its staging table, and what the merge did to it. */
final class TableWork {
    final TableInfo table;
    final String stage;
    final List<CompiledTableMapping> mappings = new ArrayList<>();
    final Optional<ColumnInfo> productId;
    final ProductSample products;
    long inserted;
    long updated;
    long unchanged;
    long skipped;
    long removed;

    TableWork(TableInfo table, String stage, int maxProductIds) {
        this.table = table;
        this.stage = stage;
        this.productId = ProductSample.productIdColumn(table);
        this.products = new ProductSample(maxProductIds);
    }

    /** The table as the job spells it (EcomProducts), for messages. */
    String display() {
        return mappings.get(0).destinationName();
    }

    Merge.TableOutcome outcome() {
        return new Merge.TableOutcome(
                table.name(),
                inserted,
                updated,
                unchanged,
                skipped,
                removed,
                products.ids(),
                products.allProducts(),
                productId.isPresent());
    }
}
