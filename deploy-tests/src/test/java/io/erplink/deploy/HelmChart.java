package io.erplink.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart helm/erplink driven by a real helm 3 (helm-java: the helm Go library through JNA),
 * offline: template, lint, and a client-only dry-run install for NOTES.txt.
 */
final class HelmChart {

    static final Path ROOT =
            Paths.get(System.getProperty("erplink.root", "..")).toAbsolutePath().normalize();
    static final Path CHART = ROOT.resolve("helm/erplink");
    static final String RELEASE = "erplink";
    static final String NAMESPACE = "erplink";
    /** Kubernetes version the chart is rendered for (helm's offline default, 1.20, is below kubeVersion). */
    static final String KUBE_VERSION = "1.31.0";

    private HelmChart() {}

    /** The ci/*-values.yaml variants, sorted by name. */
    static List<Path> variants() {
        try (Stream<Path> files = Files.list(CHART.resolve("ci"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-values.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String variantName(Path valuesFile) {
        return valuesFile.getFileName().toString().replace("-values.yaml", "");
    }

    /** `helm template` of the chart's manifests (helm-java leaves hooks, i.e. the test pods, out). */
    static String template(Path valuesFile, Map<String, String> sets) {
        return template(CHART, valuesFile, sets);
    }

    static String template(Path chart, Path valuesFile, Map<String, String> sets) {
        TemplateCommand command = new Helm(chart)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, String> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        String rendered = command.call();
        return rendered == null ? "" : rendered;
    }

    /**
     * The test hooks (templates/tests) rendered as plain manifests: a copy of the chart without the
     * helm.sh/hook annotations, so `helm template` includes them.
     */
    static String templateTestHooks(Path valuesFile) {
        Path copy = copyChart();
        try {
            Path tests = copy.resolve("templates/tests");
            try (Stream<Path> files = Files.list(tests)) {
                for (Path f : files.toList()) {
                    List<String> lines = Files.readAllLines(f).stream()
                            .filter(l -> !l.contains("helm.sh/hook"))
                            .toList();
                    Files.write(f, lines);
                }
            }
            // Only the tests: every other template is rendered by template() already.
            try (Stream<Path> files = Files.list(copy.resolve("templates"))) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".yaml")) {
                        Files.delete(f);
                    }
                }
            }
            String rendered = template(copy, valuesFile, Map.of());
            return rendered == null ? "" : rendered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    /**
     * `helm lint --strict -f valuesFile`: helm-java's lint takes no values files, so the variant's
     * values are merged into values.yaml of a copy of the chart (null lints the chart as it is).
     */
    static LintResult lint(Path valuesFile) {
        Path copy = copyChart();
        try {
            if (valuesFile != null) {
                JsonNode merged = Manifests.merge(
                        Manifests.YAML.readTree(CHART.resolve("values.yaml").toFile()),
                        Manifests.YAML.readTree(valuesFile.toFile()));
                Manifests.YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
            }
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    /** NOTES.txt as `helm install --dry-run=client` prints it. */
    static String notes(Path valuesFile, Map<String, String> sets) {
        InstallCommand install = new Helm(CHART)
                .install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .clientOnly()
                .withDryRunOption(DryRun.CLIENT);
        if (valuesFile != null) {
            install = install.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, String> set : sets.entrySet()) {
            install = install.set(set.getKey(), set.getValue());
        }
        return install.call().getOutput();
    }

    private static Path copyChart() {
        return TempTrees.copy(CHART, "erplink");
    }

    private static void delete(Path chartCopy) {
        TempTrees.delete(chartCopy);
    }
}
