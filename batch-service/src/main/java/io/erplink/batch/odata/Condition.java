package io.erplink.batch.odata;

/**
 * A conditional of a mapping job's table mapping, as mapping-service applies it to source rows
 * (operators spelled as in the source documents: EqualTo, DifferentFrom, GreatherThan, LessThan,
 * Contains, NotContains, In, NotIn).
 */
public record Condition(String column, String operator, String value) {}
