package io.erplink.batch.activities;

import io.erplink.kit.api.InvalidInput;

/** An activity the API refuses, with the reason (HTTP 400). */
public class InvalidActivity extends InvalidInput {
    public InvalidActivity(String message) {
        super(message);
    }
}
