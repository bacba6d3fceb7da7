package io.erplink.simulator.faults;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.http.HttpServerRequest;

/** How injected faults hold or cut an answer: shared by the connector and the BC simulator. */
public final class Disruptions {
    private Disruptions() {}

    /** Sleeps, keeping the interrupt flag. */
    public static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the client's connection and waits until it is closed, so the response this request
     * would otherwise produce can never reach the client first (the close runs on the event loop).
     */
    public static void closeConnection(HttpServerRequest http) {
        try {
            http.connection().close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The connection is going away either way.
        }
    }
}
