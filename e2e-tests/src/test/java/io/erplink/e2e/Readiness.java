package io.erplink.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A service's {@code /q/health/ready} as Kubernetes probes it. */
final class Readiness {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {}

    /** The status of one probe; -1 when nothing answered. */
    static int probe(AppProcess app) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Probes until the answer is {@code status}; the time it took. */
    static Duration await(AppProcess app, int status, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = probe(app);
            if (last == status) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Thread.sleep(200);
        }
        throw new AssertionError(app.name() + " readiness did not answer " + status + " within " + timeout.toSeconds()
                + " s (last " + last + ")");
    }
}
