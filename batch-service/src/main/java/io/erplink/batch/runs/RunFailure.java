package io.erplink.batch.runs;

/** Stops a run with a final FAILED status, an exit code and a message naming the page (and row) where it happened. */
public class RunFailure extends RuntimeException {
    private final String exitCode;
    private final Integer page;

    public RunFailure(String exitCode, Integer page, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.page = page;
    }

    public String exitCode() {
        return exitCode;
    }

    public Integer page() {
        return page;
    }
}
