package io.erplink.kit.api;

import java.util.List;

import io.erplink.protocol.api.Problem;

/**
 * Input that Bean Validation cannot judge alone (a filter that is not a date, a job that does not
 * compile): 400, {@code urn:erplink:problem:invalid-input}, with the refused fields when known.
 */
public class InvalidInput extends RuntimeException {
    private final transient List<Problem.FieldError> errors;

    public InvalidInput(String message) {
        this(message, List.of());
    }

    public InvalidInput(String message, List<Problem.FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /** The refused field with what is wrong with it; the message names both. */
    public static InvalidInput field(String field, String message) {
        return new InvalidInput(field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
