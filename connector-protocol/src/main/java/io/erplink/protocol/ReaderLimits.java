package io.erplink.protocol;

/**
 * Bounds that keep a hostile or broken document from exhausting memory or the stack.
 *
 * @param maxDepth           deepest element nesting accepted ({@code <tables><table><item><column>} is 4)
 * @param maxAttributeLength longest attribute value, in characters
 * @param maxValueLength     longest column value, in characters
 * @param maxColumnsPerRow   most columns in one item
 */
public record ReaderLimits(int maxDepth, int maxAttributeLength, long maxValueLength, int maxColumnsPerRow) {

    public ReaderLimits {
        if (maxDepth < 4 || maxAttributeLength < 1 || maxValueLength < 1 || maxColumnsPerRow < 1) {
            throw new IllegalArgumentException("reader limits too small: " + maxDepth + ", " + maxAttributeLength + ", "
                    + maxValueLength + ", " + maxColumnsPerRow);
        }
    }

    /** Depth 16, attributes of 4096 characters, values of 64 Mi characters, 10,000 columns per row. */
    public static ReaderLimits defaults() {
        return new ReaderLimits(16, 4096, 64L * 1024 * 1024, 10_000);
    }
}
