package io.erplink.batch.runs;

/** Stops a run with a final FAILED status, an exit code and a message naming the page (and row) where it happened. */
public class RunFailure extends RuntimeException {
    private final ExitCode exitCode;
    private final Integer page;

    public RunFailure(ExitCode exitCode, Integer page, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.page = page;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public Integer page() {
        return page;
    }
}
