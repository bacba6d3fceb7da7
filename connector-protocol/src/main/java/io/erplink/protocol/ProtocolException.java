package io.erplink.protocol;

/**
 * A connector document that cannot be read: malformed or hostile XML, a limit exceeded, or a
 * structure that is not the {@code <tables>} format. The message says what is wrong and where.
 */
public class ProtocolException extends RuntimeException {
    private final int line;
    private final int column;

    public ProtocolException(String message, int line, int column, Throwable cause) {
        super(message + (line > 0 ? " (line " + line + ", column " + column + ")" : ""), cause);
        this.line = line;
        this.column = column;
    }

    public ProtocolException(String message) {
        this(message, -1, -1, null);
    }

    /** Line of the problem, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** Column of the problem, or -1 when unknown. */
    public int column() {
        return column;
    }
}
