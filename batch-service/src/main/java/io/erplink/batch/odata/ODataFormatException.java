package io.erplink.batch.odata;

/** An OData answer that is not what the protocol promises (broken or truncated JSON, no value array, over a limit). */
public class ODataFormatException extends RuntimeException {
    public ODataFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public ODataFormatException(String message) {
        super(message);
    }

    /** The body ended before the JSON did: a cut connection or a server that gave up; worth another attempt. */
    public static class Truncated extends ODataFormatException {
        public Truncated(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
