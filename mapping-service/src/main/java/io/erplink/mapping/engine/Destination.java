package io.erplink.mapping.engine;

import java.util.List;

import io.erplink.mapping.schema.ColumnInfo;

/**
 * A destination column of a table mapping with its parts, in job order, and how its text is
 * computed from a source row.
 *
 * @param name   the destination name as written in the job
 * @param column the resolved column (import), else null
 */
record Destination(String name, ColumnInfo column, List<Part> parts, NullHandling onNull, String nullValue) {

    /** One source (or constant) contributing to the destination. */
    record Part(String source, Script script, String value, String separator) {}

    /** The source column of a destination that copies one column as it is, else null. */
    String singleSource() {
        return parts.size() == 1 ? parts.get(0).source() : null;
    }

    /** The text value from the parts (scripts applied, null handling not), or null. */
    String text(SourceRow row) {
        if (parts.size() == 1) {
            Part part = parts.get(0);
            return apply(part, part.source() == null ? null : row.get(part.source()));
        }
        StringBuilder text = null;
        boolean any = false;
        for (Part part : parts) {
            String raw = part.source() == null ? null : row.get(part.source());
            any |= raw != null || part.script() == Script.CONSTANT;
            String value = apply(part, raw == null && part.script() != Script.CONSTANT ? "" : raw);
            if (text == null) {
                text = new StringBuilder();
            } else if (part.separator() != null) {
                text.append(part.separator());
            }
            text.append(value == null ? "" : value);
        }
        return any ? text.toString() : null;
    }

    private String apply(Part part, String raw) {
        return switch (part.script()) {
            case NONE -> raw;
            case CONSTANT -> part.value();
            case PREPEND -> raw == null ? null : part.value() + raw;
            case APPEND -> raw == null ? null : raw + part.value();
            case INVERT -> {
                if (raw == null || raw.isBlank()) {
                    yield null;
                }
                Boolean bool = ValueConverter.parseBoolean(raw);
                if (bool == null) {
                    throw new ConversionException(name + ": '" + raw + "' from " + part.source()
                            + " is not a boolean and cannot be inverted");
                }
                yield Boolean.toString(!bool);
            }
        };
    }
}
