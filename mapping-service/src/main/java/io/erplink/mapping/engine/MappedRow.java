package io.erplink.mapping.engine;

import java.util.BitSet;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A destination row produced by one table mapping. For import mappings the values are typed and
 * indexed by the destination column's ordinal ({@code written} tells which were set); for export
 * mappings {@code exported} holds the text values by destination column name.
 *
 * <p>The row's key text is made when first asked for: a staged row's key is read only for a message
 * (a row the database refuses), and making it for every row was a few % of a chunk's staging CPU.
 * Not thread-safe (a row belongs to the chunk being mapped).
 */
public final class MappedRow {
    private final CompiledTableMapping mapping;
    private final Object[] values;
    private final BitSet written;
    private final Map<String, String> customFields;
    private final Map<String, String> exported;
    private Supplier<String> keyText;
    private String key;

    /**
     * @param mapping      the table mapping that produced the row
     * @param values       typed values by column ordinal (import), else null
     * @param written      the ordinals set by this row (import), else null
     * @param customFields source columns without a destination column (import, auto-mapping), may be empty
     * @param exported     text values by destination name (export), else null
     * @param key          the row's key, e.g. {@code ProductId=D0005, ProductLanguageId=en-us}
     */
    public MappedRow(
            CompiledTableMapping mapping,
            Object[] values,
            BitSet written,
            Map<String, String> customFields,
            Map<String, String> exported,
            String key) {
        this(mapping, values, written, customFields, exported, (Supplier<String>) null);
        this.key = key;
    }

    /** As above, the key made by {@code keyText} when first asked for (its inputs must not change meanwhile). */
    MappedRow(
            CompiledTableMapping mapping,
            Object[] values,
            BitSet written,
            Map<String, String> customFields,
            Map<String, String> exported,
            Supplier<String> keyText) {
        this.mapping = mapping;
        this.values = values;
        this.written = written;
        this.customFields = customFields;
        this.exported = exported;
        this.keyText = keyText;
    }

    /** The table mapping that produced the row. */
    public CompiledTableMapping mapping() {
        return mapping;
    }

    /** Typed values by column ordinal (import), else null. */
    public Object[] values() {
        return values;
    }

    /** The ordinals set by this row (import), else null. */
    public BitSet written() {
        return written;
    }

    /** Source columns without a destination column (import, auto-mapping), may be empty. */
    public Map<String, String> customFields() {
        return customFields;
    }

    /** Text values by destination name (export), else null. */
    public Map<String, String> exported() {
        return exported;
    }

    /** The row's key, e.g. {@code ProductId=D0005, ProductLanguageId=en-us}. */
    public String key() {
        if (key == null && keyText != null) {
            key = keyText.get();
            keyText = null;
        }
        return key;
    }
}
