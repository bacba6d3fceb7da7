package io.erplink.mapping.engine;

/** A source value that does not fit its destination column, e.g. {@code ProductPrice: 'abc' is not a number}. */
public class ConversionException extends RuntimeException {
    public ConversionException(String message) {
        super(message, null, false, false);
    }
}
