package io.erplink.mapping.engine;

import java.util.List;

/** A job that cannot run: every problem found, each naming the table mapping and the name at fault. */
public class JobValidationException extends RuntimeException {
    private final List<String> problems;

    public JobValidationException(String job, List<String> problems) {
        super("job '" + job + "' is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
