package io.erplink.e2e;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a text names: the services' own ({@code erplink_}), Kafka client, HTTP server,
 * fault-tolerance and JVM metrics. A name ending in {@code _*} stands for every name it starts.
 */
final class MetricNames {
    static final Pattern NAME =
            Pattern.compile("\\b(?:erplink|kafka_consumer|kafka_producer|http_server|ft|jvm|process)_[a-z0-9_]*\\*?");

    /** The row of the runbook's metric table: {@code | `name`, `name` | services | meaning |}. */
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (`[^|]+`) \\| ([^|]+) \\|", Pattern.MULTILINE);

    private static final Map<String, List<String>> SERVICES = Map.of(
            "live", List.of("live-service"),
            "batch", List.of("batch-service"),
            "mapping", List.of("mapping-service"),
            "order-queue", List.of("order-queue-service"),
            "all", List.of("live-service", "batch-service", "mapping-service", "order-queue-service"));

    private MetricNames() {}

    /** Names of that shape that are not metrics: the call budget's shared schema. */
    private static final Set<String> NOT_METRICS = Set.of("erplink_budget");

    /** Every metric name in {@code text}, in order of appearance. */
    static Set<String> in(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            if (!NOT_METRICS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Every metric name inside backticks of a Markdown text. */
    static Set<String> inCode(String markdown) {
        Set<String> names = new LinkedHashSet<>();
        Matcher code = Pattern.compile("`([^`\\n]+)`").matcher(markdown);
        while (code.find()) {
            names.addAll(in(code.group(1)));
        }
        return names;
    }

    /** The heading of the runbook's section with the metric table. */
    static final String TABLE_HEADING = "## Metrics reference";

    /**
     * The metric table of {@code docs/operations.md} (section {@value #TABLE_HEADING}): metric name to
     * the services said to serve it.
     */
    static Map<String, List<String>> table(String markdown) {
        int start = markdown.indexOf("\n" + TABLE_HEADING);
        if (start < 0) {
            throw new IllegalArgumentException("no section " + TABLE_HEADING);
        }
        int end = markdown.indexOf("\n## ", start + 1);
        String section = markdown.substring(start, end < 0 ? markdown.length() : end);
        Map<String, List<String>> table = new LinkedHashMap<>();
        Matcher row = TABLE_ROW.matcher(section);
        while (row.find()) {
            List<String> services = java.util.Arrays.stream(row.group(2).split(","))
                    .map(String::trim)
                    .flatMap(s -> {
                        List<String> known = SERVICES.get(s);
                        if (known == null) {
                            throw new IllegalArgumentException("unknown service " + s + " in row " + row.group());
                        }
                        return known.stream();
                    })
                    .toList();
            for (String name : in(row.group(1))) {
                table.put(name, services);
            }
        }
        return table;
    }

    /** Whether {@code served} has {@code name}, or a name it stands for when it ends in {@code *}. */
    static boolean served(String name, Set<String> served) {
        if (name.endsWith("*")) {
            String prefix = name.substring(0, name.length() - 1);
            return served.stream().anyMatch(s -> s.startsWith(prefix));
        }
        return served.contains(name);
    }
}
