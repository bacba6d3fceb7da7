package io.erplink.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Multi-document YAML in, one JSON tree per Kubernetes object out (empty documents dropped). */
final class Manifests {

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {}

    /** Every object of a multi-document YAML string. A document that is not a mapping is an error. */
    static List<ObjectNode> parse(String yaml, String origin) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs =
                YAML.readerFor(JsonNode.class).readValues(new YAMLFactory().createParser(yaml))) {
            int index = 0;
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                index++;
                if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new AssertionError(origin + ": document " + index + " is not a mapping: " + doc);
                }
                objects.add((ObjectNode) doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(origin + ": invalid YAML", e);
        }
        return objects;
    }

    static List<ObjectNode> parse(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** "Kind/name", how objects are named in messages. */
    static String id(JsonNode object) {
        return kind(object) + "/" + name(object);
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(kind(o)) && name.equals(name(o)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " among "
                        + objects.stream().map(Manifests::id).toList()));
    }

    /** Deep merge of YAML trees: objects merge key by key, anything else in {@code overlay} replaces. */
    static JsonNode merge(JsonNode base, JsonNode overlay) {
        if (base instanceof ObjectNode baseObject && overlay instanceof ObjectNode overlayObject) {
            ObjectNode result = baseObject.deepCopy();
            overlayObject
                    .fields()
                    .forEachRemaining(e -> result.set(
                            e.getKey(),
                            result.has(e.getKey())
                                    ? merge(result.get(e.getKey()), e.getValue())
                                    : e.getValue().deepCopy()));
            return result;
        }
        return overlay == null || overlay.isNull() ? base : overlay.deepCopy();
    }
}
