package io.erplink.batch.erp;

/**
 * A failure on this side while a response was being read (publishing to Kafka, a lost lease): not
 * the ERP's fault, so neither retried by {@link ErpClient} nor counted by its circuit breaker.
 */
public class LocalFailure extends RuntimeException {
    public LocalFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
