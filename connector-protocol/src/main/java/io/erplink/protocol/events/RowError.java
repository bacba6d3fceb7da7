package io.erplink.protocol.events;

/**
 * An error tied to a source row, e.g. {@code ProductPrice: 'abc' is not a number}.
 *
 * @param page    the ERP page the row came from
 * @param row     row number within the page
 * @param table   source table
 * @param key     the row's key values, e.g. {@code ProductId=D0005, ProductLanguageId=en-us}
 * @param message what is wrong, naming the column
 */
public record RowError(int page, long row, String table, String key, String message) {}
