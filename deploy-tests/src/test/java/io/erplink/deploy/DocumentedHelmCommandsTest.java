package io.erplink.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.HasMetadata;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every `helm install` / `helm upgrade` command in docs/operations.md, rendered with the chart and
 * validated: the runbook's commands must work with the chart as it is.
 */
class DocumentedHelmCommandsTest {

    static final Path RUNBOOK = HelmChart.ROOT.resolve("docs/operations.md");

    /** The helm install/upgrade commands of the runbook, continuation lines joined. */
    static Stream<String> commands() throws Exception {
        List<String> commands = new ArrayList<>();
        String joined = Files.readString(RUNBOOK).replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("helm install ") || trimmed.startsWith("helm upgrade ")) {
                commands.add(trimmed.replaceAll("\\s+", " "));
            }
        }
        assertTrue(commands.size() >= 5, "the runbook's helm commands: " + commands);
        return commands.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void rendersAndValidates(String command) {
        List<String> args = tokenize(command);
        Path valuesFile = null;
        Map<String, String> sets = new LinkedHashMap<>();
        boolean reuse = false;
        for (int i = 2; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-f", "--values" -> valuesFile = valuesFile(args.get(++i));
                case "--set" -> {
                    String[] kv = args.get(++i).split("=", 2);
                    sets.put(kv[0], kv[1].contains("$") ? "runbook-value-0123456789abcdef" : kv[1]);
                }
                case "--reuse-values" -> reuse = true;
                case "-n", "--namespace" -> i++;
                default ->
                    assertFalse(
                            a.startsWith("-") && !a.equals("--install"), "unexpected option " + a + " in: " + command);
            }
        }
        if (reuse && valuesFile == null) {
            // --reuse-values continues an installed release: the install of section 1.2.
            valuesFile = HelmChart.CHART.resolve("ci/default-values.yaml");
        }
        String rendered = HelmChart.template(valuesFile, sets);
        List<HasMetadata> typed = KubernetesValidator.validateAll(Manifests.parse(rendered, command), command);
        assertFalse(typed.isEmpty());
        List<String> problems = new ArrayList<>(Policies.references(typed));
        Policies.podSpecs(typed).forEach((where, spec) -> problems.addAll(Policies.restrictedPss(where, spec)));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    /** Files the runbook names: the chart's ci files, and the reader's own copy of the production one. */
    private static Path valuesFile(String name) {
        if (name.equals("my-production-values.yaml")) {
            return HelmChart.CHART.resolve("ci/production-values.yaml");
        }
        Path file = HelmChart.ROOT.resolve(name);
        assertTrue(Files.isRegularFile(file), "the runbook names a values file that does not exist: " + name);
        return file;
    }

    /** Shell words: whitespace-separated, single and double quotes kept together and removed. */
    static List<String> tokenize(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        int depth = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote && depth == 0) {
                    quote = 0;
                } else {
                    word.append(c);
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (Character.isWhitespace(c) && depth == 0) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
