package io.erplink.batch.publish;

import io.erplink.batch.erp.LocalFailure;

/** Kafka did not acknowledge a chunk; the page is not committed and is fetched again. */
public class PublishFailed extends LocalFailure {
    public PublishFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
