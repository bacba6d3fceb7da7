package io.erplink.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;

/**
 * The JSON 6902 patches of an overlay, checked strictly. kustomize is lenient where a renamed object
 * or field should fail the build: a patch whose target matches nothing is skipped, and a `replace`
 * of a missing field adds it. So each patch is applied here with an RFC 6902 library (zjsonpatch,
 * which refuses both) to what the overlay renders without its patches, and the outcome must equal
 * what `kubectl kustomize` renders with them.
 */
final class OverlayPatches {

    /** Patch file (relative to the overlay) to the "Kind/name" of every object it changed, in order. */
    final Map<String, List<String>> applied = new LinkedHashMap<>();
    /** The overlay as kustomize renders it. */
    final List<ObjectNode> rendered;

    private OverlayPatches(List<ObjectNode> rendered) {
        this.rendered = rendered;
    }

    /**
     * Renders {@code overlay} (a directory under {@code tree}) with and without its patches and checks
     * each patch as described above.
     */
    static OverlayPatches check(Path tree, Path overlay) {
        JsonNode kustomization = read(overlay.resolve("kustomization.yaml"));
        List<ObjectNode> objects = unpatched(tree, overlay);
        OverlayPatches result = new OverlayPatches(Kustomize.build(overlay));
        for (JsonNode patch : kustomization.path("patches")) {
            String file = patch.path("path").asText(null);
            JsonNode target = patch.path("target");
            if (file == null || !target.isObject()) {
                throw new AssertionError(overlay + ": a patch without path and target: " + patch);
            }
            JsonNode operations = read(overlay.resolve(file));
            List<String> changed = result.applied.computeIfAbsent(file, f -> new ArrayList<>());
            int matched = 0;
            for (int i = 0; i < objects.size(); i++) {
                ObjectNode object = objects.get(i);
                if (!Targets.matches(target, object)) {
                    continue;
                }
                matched++;
                try {
                    objects.set(i, (ObjectNode) JsonPatch.apply(operations, object));
                } catch (JsonPatchApplicationException e) {
                    throw new AssertionError(
                            overlay + ": patch " + file + " on " + Manifests.id(object) + ": " + e.getMessage(), e);
                }
                changed.add(Manifests.id(object));
            }
            if (matched == 0) {
                throw new AssertionError(overlay + ": patch " + file + " targets no object: " + target);
            }
        }
        Map<String, JsonNode> expected = byId(result.rendered);
        Map<String, JsonNode> patched = byId(objects);
        if (!expected.equals(patched)) {
            throw new AssertionError(overlay + ": kustomize and RFC 6902 disagree on the patched objects"
                    + "\nkustomize: " + expected + "\nRFC 6902:  " + patched);
        }
        return result;
    }

    /** The overlay rendered by kustomize without its patches: a copy of the tree with them removed. */
    private static List<ObjectNode> unpatched(Path tree, Path overlay) {
        Path copy = TempTrees.copy(tree, "k8s");
        try {
            Path copiedOverlay = copy.resolve(tree.relativize(overlay).toString());
            ObjectNode kustomization = (ObjectNode) read(copiedOverlay.resolve("kustomization.yaml"));
            kustomization.remove("patches");
            Manifests.YAML.writeValue(
                    copiedOverlay.resolve("kustomization.yaml").toFile(), kustomization);
            return new ArrayList<>(Kustomize.build(copiedOverlay));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempTrees.delete(copy);
        }
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> objects) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        objects.forEach(o -> byId.put(Manifests.id(o), o));
        return byId;
    }

    private static JsonNode read(Path file) {
        try {
            return Manifests.YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kustomize's patch target: group, version, kind, name and an equality label selector. */
    static final class Targets {
        private Targets() {}

        static boolean matches(JsonNode target, JsonNode object) {
            String apiVersion = object.path("apiVersion").asText();
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
            String version = apiVersion.substring(slash + 1);
            return field(target, "group", group)
                    && field(target, "version", version)
                    && field(target, "kind", Manifests.kind(object))
                    && field(target, "name", Manifests.name(object))
                    && labels(
                            target.path("labelSelector").asText(""),
                            object.path("metadata").path("labels"));
        }

        private static boolean field(JsonNode target, String name, String actual) {
            return !target.has(name) || target.get(name).asText().equals(actual);
        }

        private static boolean labels(String selector, JsonNode labels) {
            for (String term : selector.split(",")) {
                if (term.isBlank()) {
                    continue;
                }
                String[] kv = term.split("=", 2);
                if (kv.length != 2 || kv[0].endsWith("!")) {
                    throw new AssertionError("only equality label selectors are checked: " + term);
                }
                if (!kv[1].strip().equals(labels.path(kv[0].strip()).asText(null))) {
                    return false;
                }
            }
            return true;
        }
    }
}
