package io.erplink.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The subset of `kustomize build` that k8s/ uses, offline (there is no kustomize on Maven Central):
 * resources (files and directories with a kustomization.yaml), namespace, images (newName/newTag),
 * and JSON 6902 patches with a target (group/version/kind/name/equality labelSelector). Any other
 * kustomization field fails the build, so nothing in k8s/ goes unchecked; a patch whose target
 * matches no object, or whose replace/remove path does not exist, fails as it would in kustomize.
 */
final class OfflineKustomize {

    private static final Set<String> SUPPORTED =
            Set.of("apiVersion", "kind", "namespace", "resources", "images", "patches");

    /** Every patch applied: "patch file -> object ids it changed", for the test's report. */
    final Map<String, List<String>> applied = new LinkedHashMap<>();

    List<ObjectNode> build(Path directory) throws Exception {
        Path file = directory.resolve("kustomization.yaml");
        JsonNode k = Manifests.YAML.readTree(file.toFile());
        k.fieldNames().forEachRemaining(f -> {
            if (!SUPPORTED.contains(f)) {
                throw new AssertionError(
                        file + ": '" + f + "' is not supported by the offline check (supported: " + SUPPORTED + ")");
            }
        });
        if (!"kustomize.config.k8s.io/v1beta1".equals(k.path("apiVersion").asText())
                || !"Kustomization".equals(k.path("kind").asText())) {
            throw new AssertionError(file + ": not a kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path resource = directory.resolve(r.asText()).normalize();
            if (Files.isDirectory(resource)) {
                objects.addAll(build(resource));
            } else if (Files.isRegularFile(resource)) {
                objects.addAll(Manifests.parse(resource));
            } else {
                throw new AssertionError(file + ": resource " + r.asText() + " does not exist");
            }
        }
        if (k.has("namespace")) {
            objects.forEach(o -> ((ObjectNode) o.get("metadata"))
                    .put("namespace", k.get("namespace").asText()));
        }
        for (JsonNode image : k.path("images")) {
            int changed = 0;
            for (ObjectNode o : objects) {
                for (JsonNode c : o.at("/spec/template/spec/containers")) {
                    String current = c.path("image").asText();
                    String name = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
                    String tag = current.contains(":") ? current.substring(current.lastIndexOf(':') + 1) : "latest";
                    if (name.equals(image.path("name").asText())) {
                        ((ObjectNode) c)
                                .put(
                                        "image",
                                        image.path("newName").asText(name) + ":"
                                                + image.path("newTag").asText(tag));
                        changed++;
                    }
                }
            }
            if (changed == 0) {
                throw new AssertionError(file + ": image " + image.path("name").asText() + " is used by no container");
            }
        }
        for (JsonNode patch : k.path("patches")) {
            Path patchFile = directory.resolve(patch.path("path").asText());
            JsonNode target = patch.path("target");
            if (!patch.has("path") || target.isMissingNode()) {
                throw new AssertionError(
                        file + ": only JSON 6902 patches with path and target are supported: " + patch);
            }
            JsonNode ops = Manifests.YAML.readTree(patchFile.toFile());
            if (!ops.isArray()) {
                throw new AssertionError(patchFile + ": a JSON 6902 patch is a list of operations");
            }
            List<ObjectNode> matched =
                    objects.stream().filter(o -> matches(target, o)).toList();
            if (matched.isEmpty()) {
                throw new AssertionError(file + ": patch " + patchFile.getFileName() + " targets no object: " + target);
            }
            for (ObjectNode o : matched) {
                for (JsonNode op : ops) {
                    apply(o, op, patchFile + " on " + Manifests.id(o));
                }
                applied.computeIfAbsent(directory.relativize(patchFile).toString(), x -> new ArrayList<>())
                        .add(Manifests.id(o));
            }
        }
        return objects;
    }

    private static boolean matches(JsonNode target, ObjectNode o) {
        String apiVersion = o.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        if (target.has("group") && !target.get("group").asText().equals(group)) {
            return false;
        }
        if (target.has("version") && !target.get("version").asText().equals(version)) {
            return false;
        }
        if (target.has("kind") && !target.get("kind").asText().equals(Manifests.kind(o))) {
            return false;
        }
        if (target.has("name") && !target.get("name").asText().equals(Manifests.name(o))) {
            return false;
        }
        if (target.has("labelSelector")) {
            for (String term : target.get("labelSelector").asText().split(",")) {
                String[] kv = term.split("=", 2);
                if (kv.length != 2 || kv[0].endsWith("!")) {
                    throw new AssertionError("only equality label selectors are supported: " + term);
                }
                if (!kv[1].trim()
                        .equals(o.path("metadata")
                                .path("labels")
                                .path(kv[0].trim())
                                .asText(null))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One JSON 6902 operation (add, replace, remove, test), in place. */
    static void apply(ObjectNode object, JsonNode op, String where) {
        String path = op.path("path").asText();
        String kind = op.path("op").asText();
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            throw new AssertionError(where + ": bad path " + path);
        }
        JsonNode parent = object.at(path.substring(0, slash));
        String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent.isMissingNode()) {
            throw new AssertionError(where + ": " + kind + " " + path + ": parent does not exist");
        }
        boolean exists = parent.isObject()
                ? parent.has(last)
                : parent.isArray() && !last.equals("-") && Integer.parseInt(last) < parent.size();
        switch (kind) {
            case "add" -> {
                if (parent instanceof ObjectNode p) {
                    p.set(last, op.get("value").deepCopy());
                } else if (parent instanceof ArrayNode a) {
                    if (last.equals("-")) {
                        a.add(op.get("value").deepCopy());
                    } else {
                        a.insert(Integer.parseInt(last), op.get("value").deepCopy());
                    }
                }
            }
            case "replace", "remove", "test" -> {
                if (!exists) {
                    throw new AssertionError(where + ": " + kind + " " + path + ": no such field");
                }
                if (kind.equals("test")) {
                    if (!parent.get(last).equals(op.get("value"))) {
                        throw new AssertionError(where + ": test " + path + " failed");
                    }
                } else if (parent instanceof ObjectNode p) {
                    if (kind.equals("remove")) {
                        p.remove(last);
                    } else {
                        p.set(last, op.get("value").deepCopy());
                    }
                } else {
                    ArrayNode a = (ArrayNode) parent;
                    int i = Integer.parseInt(last);
                    if (kind.equals("remove")) {
                        a.remove(i);
                    } else {
                        a.set(i, op.get("value").deepCopy());
                    }
                }
            }
            default -> throw new AssertionError(where + ": unsupported op " + kind);
        }
        for (Iterator<String> it = op.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("op", "path", "value").contains(f)) {
                throw new AssertionError(where + ": unsupported field " + f);
            }
        }
    }
}
