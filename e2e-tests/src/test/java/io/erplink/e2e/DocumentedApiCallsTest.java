package io.erplink.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.erplink.infra.InfraFiles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code curl} of the runbook (docs/operations.md) against the running suite: the port-forwards'
 * local ports become the services' ports ({@code 8081} live, {@code 8082} batch, {@code 8083} mapping,
 * {@code 8084} order-queue), {@code <run-id>} a real run and {@code 42} a real queued order. Each call
 * must reach a route with the documented method and parameters: answered 2xx, or 409 where the state
 * refuses it (replaying a synced order, stopping a finished run), never 400, 404, 405 or 5xx.
 */
@ExtendWith(SuiteExtension.class)
class DocumentedApiCallsTest {
    private static final Pattern URL = Pattern.compile("'?(http://localhost:(808[1-4])[^'\\s`]*)'?");
    private static final Pattern METHOD = Pattern.compile("-X (\\w+)");
    private static final Pattern DATA = Pattern.compile("-d '([^']*)'");

    @AfterEach
    void clearFaults() {
        Simulator.clearFaults(SuiteExtension.suite());
    }

    @Test
    void everyCurlOfTheRunbookReachesItsRoute() throws Exception {
        Suite suite = SuiteExtension.suite();
        suite.startOrderServices();
        UUID run = ServedMetricsTest.exerciseThroughAnOutage(suite);
        long orderId = given().baseUri(suite.orderQueue().url())
                .get("/api/v1/queued-orders?size=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("items[0].id");
        Map<String, String> ports = Map.of(
                "8081", suite.live().url(),
                "8082", suite.batch().url(),
                "8083", suite.mapping().url(),
                "8084", suite.orderQueue().url());

        String runbook = Files.readString(InfraFiles.repoRoot().resolve("docs/operations.md"))
                .replace("\\\n", " ");
        Set<String> commands = curls(runbook);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> wrong = new ArrayList<>();
        for (String command : commands) {
            Matcher url = URL.matcher(command);
            assertTrue(url.find(), "a URL in " + command);
            String target = ports.get(url.group(2))
                    + url.group(1)
                            .substring(("http://localhost:" + url.group(2)).length())
                            .replace("<run-id>", run.toString())
                            .replace("/42", "/" + orderId);
            Matcher method = METHOD.matcher(command);
            Matcher data = DATA.matcher(command);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                    .timeout(Duration.ofSeconds(30)); // no token: the suite's operator APIs are open
            if (data.find()) {
                request.header("Content-Type", "application/json")
                        .method(
                                method.find() ? method.group(1) : "POST",
                                HttpRequest.BodyPublishers.ofString(data.group(1)));
            } else {
                request.method(method.find() ? method.group(1) : "GET", HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            if (!(status / 100 == 2 || status == 409)) {
                wrong.add(status + " " + command + " -> " + target + ": " + answer.body());
            }
        }
        assertEquals(List.of(), wrong, "runbook calls that miss their route");
        assertEquals(23, commands.size(), "the runbook's curl commands, each once: " + commands);
    }

    /**
     * Every {@code curl} command of a Markdown text, each once, on one line: a command ends at a line end
     * or a backtick or a {@code # comment} outside single quotes, so a JSON body spread over lines
     * ({@code -d '{ ... }'}) stays part of its command.
     */
    static Set<String> curls(String markdown) {
        Set<String> commands = new LinkedHashSet<>();
        int from = 0;
        while ((from = markdown.indexOf("curl ", from)) >= 0) {
            boolean quoted = false;
            int end = from;
            for (; end < markdown.length(); end++) {
                char c = markdown.charAt(end);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted
                        && (c == '\n' || c == '`' || (c == '#' && Character.isWhitespace(markdown.charAt(end - 1))))) {
                    break; // a comment (which may hold an apostrophe) ends the command too
                }
            }
            commands.add(markdown.substring(from, end).replaceAll("\\s+", " ").strip());
            from = end;
        }
        return commands;
    }
}
