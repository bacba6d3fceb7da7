package io.erplink.simulator.bc.odata;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import io.erplink.simulator.bc.model.EdmType;
import io.erplink.simulator.bc.model.EnumType;
import io.erplink.simulator.bc.model.Field;
import io.erplink.simulator.bc.model.Table;

/** The CSDL ({@code $metadata}) of a set of tables, in namespace {@code Microsoft.NAV}. */
public final class Metadata {
    private Metadata() {}

    public static String csdl(Collection<? extends Table> tables) {
        Map<String, EnumType> enums = new LinkedHashMap<>();
        for (Table table : tables) {
            for (Field field : table.fields()) {
                if (field.type() == EdmType.ENUM) {
                    EnumType previous = enums.putIfAbsent(field.enumType().name(), field.enumType());
                    if (previous != null && !previous.equals(field.enumType())) {
                        throw new IllegalStateException(
                                "two enum types named " + field.enumType().name());
                    }
                }
            }
        }
        StringBuilder xml = new StringBuilder(64 * 1024);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n")
                .append("  <edmx:DataServices>\n")
                .append("    <Schema Namespace=\"")
                .append(EnumType.NAMESPACE)
                .append("\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n");
        for (EnumType type : enums.values()) {
            xml.append("      <EnumType Name=\"").append(type.name()).append("\">\n");
            for (int i = 0; i < type.captions().size(); i++) {
                xml.append("        <Member Name=\"")
                        .append(EnumType.memberName(type.captions().get(i)))
                        .append("\" Value=\"")
                        .append(i)
                        .append("\"/>\n");
            }
            xml.append("      </EnumType>\n");
        }
        for (Table table : tables) {
            xml.append("      <EntityType Name=\"").append(table.name()).append("\">\n        <Key>");
            for (int key : table.keyIndexes()) {
                xml.append("<PropertyRef Name=\"")
                        .append(table.fields().get(key).name())
                        .append("\"/>");
            }
            xml.append("</Key>\n");
            for (int i = 0; i < table.fields().size(); i++) {
                Field field = table.fields().get(i);
                xml.append("        <Property Name=\"")
                        .append(field.name())
                        .append("\" Type=\"")
                        .append(field.edmTypeName())
                        .append('"');
                if (isKey(table, i)) {
                    xml.append(" Nullable=\"false\"");
                }
                if (field.maxLength() > 0) {
                    xml.append(" MaxLength=\"").append(field.maxLength()).append('"');
                }
                if (field.type() == EdmType.DECIMAL) {
                    xml.append(" Scale=\"Variable\"");
                }
                xml.append("/>\n");
            }
            xml.append("      </EntityType>\n");
        }
        xml.append("      <EntityContainer Name=\"NAV\">\n");
        for (Table table : tables) {
            xml.append("        <EntitySet Name=\"")
                    .append(table.name())
                    .append("\" EntityType=\"")
                    .append(EnumType.NAMESPACE)
                    .append('.')
                    .append(table.name())
                    .append("\"/>\n");
        }
        xml.append("      </EntityContainer>\n    </Schema>\n  </edmx:DataServices>\n</edmx:Edmx>\n");
        return xml.toString();
    }

    private static boolean isKey(Table table, int field) {
        for (int key : table.keyIndexes()) {
            if (key == field) {
                return true;
            }
        }
        return false;
    }
}
