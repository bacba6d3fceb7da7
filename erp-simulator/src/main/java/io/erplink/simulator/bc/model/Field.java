package io.erplink.simulator.bc.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One property of an entity set.
 *
 * @param maxLength for strings: BC's field length (longer values are refused on write); 0 otherwise
 * @param enumType  for {@link EdmType#ENUM}: the options
 */
public record Field(String name, EdmType type, int maxLength, EnumType enumType) {

    /** BC's date blank: {@code 0001-01-01}. */
    public static final LocalDate BLANK_DATE = LocalDate.of(1, 1, 1);
    /** BC's datetime blank. */
    public static final Instant BLANK_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

    public static Field code(String name, int length) {
        return new Field(name, EdmType.STRING, length, null);
    }

    public static Field text(String name, int length) {
        return new Field(name, EdmType.STRING, length, null);
    }

    public static Field decimal(String name) {
        return new Field(name, EdmType.DECIMAL, 0, null);
    }

    public static Field integer(String name) {
        return new Field(name, EdmType.INT32, 0, null);
    }

    public static Field bool(String name) {
        return new Field(name, EdmType.BOOLEAN, 0, null);
    }

    public static Field date(String name) {
        return new Field(name, EdmType.DATE, 0, null);
    }

    public static Field dateTime(String name) {
        return new Field(name, EdmType.DATE_TIME_OFFSET, 0, null);
    }

    public static Field guid(String name) {
        return new Field(name, EdmType.GUID, 0, null);
    }

    public static Field option(String name, EnumType type) {
        return new Field(name, EdmType.ENUM, 0, type);
    }

    /** The CSDL type name. */
    public String edmTypeName() {
        return type == EdmType.ENUM ? enumType.qualifiedName() : type.edmName();
    }

    /** BC's blank of this type: never null. */
    public Object blank() {
        return switch (type) {
            case STRING -> "";
            case DECIMAL -> BigDecimal.ZERO;
            case INT32 -> 0;
            case BOOLEAN -> Boolean.FALSE;
            case DATE -> BLANK_DATE;
            case DATE_TIME_OFFSET -> BLANK_INSTANT;
            case GUID -> new UUID(0, 0);
            case ENUM -> enumType.captions().get(0);
        };
    }

    /** Compares two values of this field (enums by ordinal, strings ordinally). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Object a, Object b) {
        if (type == EdmType.ENUM) {
            return Integer.compare(enumType.ordinal((String) a), enumType.ordinal((String) b));
        }
        return ((Comparable) a).compareTo(b);
    }
}
