package io.erplink.batch.odata;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.SecureXml;

/**
 * The parts of a service's {@code $metadata} (CSDL XML) an import or export needs: the properties of the
 * entity type behind an entity set, with their EDM types, and its key. Read as a stream with the hardened parser (no DTDs,
 * no external entities): BC's ODataV4 metadata describes every published page and runs to megabytes.
 */
public final class ODataMetadata {
    private final Map<String, String> entitySets;
    private final Map<String, Map<String, String>> entityTypes;
    private final Map<String, Set<String>> enumTypes;
    private final Map<String, List<String>> keys;

    private ODataMetadata(
            Map<String, String> entitySets,
            Map<String, Map<String, String>> entityTypes,
            Map<String, Set<String>> enumTypes,
            Map<String, List<String>> keys) {
        this.entitySets = entitySets;
        this.entityTypes = entityTypes;
        this.enumTypes = enumTypes;
        this.keys = keys;
    }

    /**
     * The member names of every enum type, by qualified name (Business Central publishes option fields as
     * enums, e.g. {@code Microsoft.NAV.ContactType} with members {@code Company}, {@code Person}).
     */
    public Map<String, Set<String>> enumTypes() {
        return enumTypes;
    }

    /** The properties (name to EDM type, in document order) of the entity set's type; empty if unknown. */
    public Optional<Map<String, String>> properties(String entitySet) {
        return ofType(entitySet, entityTypes);
    }

    /**
     * The key of the entity set's type ({@code <Key><PropertyRef Name=.../></Key>}, in order), e.g.
     * {@code [No]} for DynamicwebCustomerCard; empty if the set is unknown.
     */
    public Optional<List<String>> key(String entitySet) {
        return ofType(entitySet, keys);
    }

    private <T> Optional<T> ofType(String entitySet, Map<String, T> byType) {
        String type = entitySets.get(entitySet);
        if (type == null) {
            return Optional.empty();
        }
        T value = byType.get(type);
        if (value == null) {
            // unqualified references and aliases: match on the simple name
            String simple = type.substring(type.lastIndexOf('.') + 1);
            value = byType.entrySet().stream()
                    .filter(e -> e.getKey()
                            .substring(e.getKey().lastIndexOf('.') + 1)
                            .equals(simple))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
        return Optional.ofNullable(value);
    }

    /**
     * Reads a CSDL document.
     *
     * @throws ODataFormatException when it is not well-formed XML
     */
    public static ODataMetadata read(InputStream in) {
        Map<String, String> sets = new HashMap<>();
        Map<String, Map<String, String>> types = new HashMap<>();
        Map<String, Set<String>> enums = new HashMap<>();
        Map<String, List<String>> keys = new HashMap<>();
        XMLStreamReader xml;
        try {
            xml = SecureXml.reader(in);
        } catch (ProtocolException e) {
            throw new ODataFormatException("$metadata is not a readable CSDL document: " + e.getMessage(), e);
        }
        try {
            String namespace = "";
            Map<String, String> current = null;
            List<String> key = null;
            boolean inKey = false;
            Set<String> members = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = local(xml.getLocalName());
                    switch (name) {
                        case "Schema" -> namespace = attribute(xml, "Namespace");
                        case "EntityType" -> {
                            current = new LinkedHashMap<>();
                            key = new ArrayList<>();
                            types.put(namespace + "." + attribute(xml, "Name"), current);
                            keys.put(namespace + "." + attribute(xml, "Name"), key);
                        }
                        case "Key" -> inKey = key != null;
                        case "PropertyRef" -> {
                            if (inKey) {
                                key.add(attribute(xml, "Name"));
                            }
                        }
                        case "Property" -> {
                            if (current != null) {
                                current.put(attribute(xml, "Name"), attribute(xml, "Type"));
                            }
                        }
                        case "EntitySet" -> sets.put(attribute(xml, "Name"), attribute(xml, "EntityType"));
                        case "EnumType" -> {
                            members = new LinkedHashSet<>();
                            enums.put(namespace + "." + attribute(xml, "Name"), members);
                        }
                        case "Member" -> {
                            if (members != null) {
                                members.add(attribute(xml, "Name"));
                            }
                        }
                        default -> {
                            // other CSDL elements carry nothing an import needs
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = local(xml.getLocalName());
                    if (name.equals("EntityType")) {
                        current = null;
                        key = null;
                    } else if (name.equals("Key")) {
                        inKey = false;
                    } else if (name.equals("EnumType")) {
                        members = null;
                    }
                }
            }
        } catch (XMLStreamException | ProtocolException e) {
            throw new ODataFormatException("$metadata is not a readable CSDL document: " + e.getMessage(), e);
        } finally {
            try {
                xml.close();
            } catch (XMLStreamException ignored) {
                // the stream is closed by the transport
            }
        }
        return new ODataMetadata(sets, types, enums, keys);
    }

    private static String local(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private static String attribute(XMLStreamReader xml, String name) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? "" : value;
    }
}
