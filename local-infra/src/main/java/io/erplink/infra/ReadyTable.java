package io.erplink.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link LocalSuite} prints once everything is ready: where each service, the simulator,
 * PostgreSQL and Kafka are, the operator console, the local credentials with example calls, and
 * how long the start took.
 */
final class ReadyTable {
    private final Path repo;
    private final Path state;
    private final boolean color;
    private final LocalInfra infra;

    ReadyTable(Path repo, Path state, boolean color, LocalInfra infra) {
        this.repo = repo;
        this.state = state;
        this.color = color;
        this.infra = infra;
    }

    String render(double seconds, LocalCredentials credentials) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"what", "where", "OpenAPI UI", "metrics"});
        for (LocalSuite.App app : LocalSuite.SERVICES) {
            rows.add(new String[] {
                app.name() + " (" + app.apiHint() + ")",
                app.url() + "/q/openapi",
                swaggerUi(app),
                app.url() + "/q/metrics"
            });
        }
        rows.add(new String[] {
            LocalSuite.SIMULATOR.name() + " (" + LocalSuite.SIMULATOR.apiHint() + ")",
            LocalSuite.SIMULATOR.url() + "/connector",
            swaggerUi(LocalSuite.SIMULATOR),
            LocalSuite.SIMULATOR.url() + "/q/metrics"
        });
        rows.add(new String[] {
            "PostgreSQL (user " + infra.postgres().username() + ", no password)",
            infra.postgres().jdbcUrl(),
            "",
            ""
        });
        rows.add(new String[] {"Kafka", infra.kafka().bootstrapServers(), "", ""});
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < 4; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder("\n");
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            String line = String.format(
                            "  %-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s", (Object[]) row)
                    .stripTrailing();
            table.append(r == 0 && color ? "\u001b[1m" + line + "\u001b[0m" : line)
                    .append('\n');
        }
        table.append(String.format(
                Locale.ROOT,
                "%n  Operator console: %s (sign in as operator or admin with the local tokens)%n",
                LocalSuite.CONSOLE.url()));
        table.append(credentialsHelp(credentials));
        table.append(String.format(
                Locale.ROOT,
                "%n  erplink is up in %.1f s. Logs: %s/logs/. Health: <url>/q/health." + " Ctrl-C stops everything.%n",
                seconds,
                repo.relativize(state)));
        return table.toString();
    }

    private String credentialsHelp(LocalCredentials credentials) {
        String admin = repo.relativize(credentials.adminToken()).toString();
        String customer = repo.relativize(credentials.customerToken()).toString();
        return String.format(
                Locale.ROOT,
                """

                  Credentials in %s/ (tokens valid for %d h, renewed on every start):
                    operator APIs    admin.jwt (every action), operator.jwt (read only; order-queue wants admin)
                    storefront API   %s (customer %s), storefront-api-key (X-Api-Key, anonymous storefront)
                  e.g. curl -H "Authorization: Bearer $(cat %s)" %s/api/v1/activities
                       curl -H "Authorization: Bearer $(cat %s)" -H 'Content-Type: application/json' \\
                         -d '{"items":[{"productId":"10001","quantity":2}]}' %s/api/v1/prices
                """,
                repo.relativize(credentials.dir()),
                LocalCredentials.TOKEN_LIFETIME.toHours(),
                credentials.customerToken().getFileName(),
                LocalCredentials.DEMO_CUSTOMER,
                admin,
                LocalSuite.SERVICES.get(1).url(),
                customer,
                LocalSuite.SERVICES.get(0).url());
    }

    private String swaggerUi(LocalSuite.App app) {
        String url = app.url() + "/q/swagger-ui/";
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? url : "(not in this build)";
        } catch (IOException e) {
            return "(not in this build)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
