package io.erplink.mapping.engine;

import java.util.BitSet;
import java.util.Map;

/**
 * A destination row produced by one table mapping. For import mappings the values are typed and
 * indexed by the destination column's ordinal ({@code written} tells which were set); for export
 * mappings {@code exported} holds the text values by destination column name.
 *
 * @param mapping      the table mapping that produced the row
 * @param values       typed values by column ordinal (import), else null
 * @param written      the ordinals set by this row (import), else null
 * @param customFields source columns without a destination column (import, auto-mapping), may be empty
 * @param exported     text values by destination name (export), else null
 * @param key          the row's key, e.g. {@code ProductId=D0005, ProductLanguageId=en-us}
 */
public record MappedRow(
        CompiledTableMapping mapping,
        Object[] values,
        BitSet written,
        Map<String, String> customFields,
        Map<String, String> exported,
        String key) {}
