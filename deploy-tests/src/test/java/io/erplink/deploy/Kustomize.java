package io.erplink.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * `kubectl kustomize` (kustomize v5 built into kubectl), the real tool, run offline: the build
 * installs kubectl from a pinned npm package into target/kubectl (see pom.xml).
 */
final class Kustomize {

    static final Path KUBECTL = Paths.get(System.getProperty("erplink.kubectl", "target/kubectl/bin/kubectl"))
            .toAbsolutePath();

    private Kustomize() {}

    /** The objects `kubectl kustomize directory` renders; a kustomize error fails with its message. */
    static List<ObjectNode> build(Path directory) {
        return Manifests.parse(render(directory), "kubectl kustomize " + directory);
    }

    /** The YAML `kubectl kustomize directory` prints. */
    static String render(Path directory) {
        if (!Files.isExecutable(KUBECTL)) {
            throw new AssertionError(KUBECTL + " is missing: the build installs it (./mvnw -pl deploy-tests verify)");
        }
        Path errors = null;
        try {
            errors = Files.createTempFile("kustomize-", ".err");
            Process process = new ProcessBuilder(KUBECTL.toString(), "kustomize", directory.toString())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectError(errors.toFile())
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + directory + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new KustomizeFailed("kubectl kustomize " + directory + " failed (exit " + process.exitValue()
                        + "): " + Files.readString(errors).strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (errors != null) {
                errors.toFile().delete();
            }
        }
    }

    /** kustomize refused the kustomization; the message is kustomize's. */
    static final class KustomizeFailed extends AssertionError {
        KustomizeFailed(String message) {
            super(message);
        }
    }
}
