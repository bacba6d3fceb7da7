package io.erplink.batch.activities;

/** An activity the API refuses, with the reason (HTTP 400). */
public class InvalidActivity extends RuntimeException {
    public InvalidActivity(String message) {
        super(message);
    }
}
