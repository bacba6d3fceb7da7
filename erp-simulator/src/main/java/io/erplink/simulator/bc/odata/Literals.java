package io.erplink.simulator.bc.odata;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

import io.erplink.simulator.bc.model.Field;

/** OData v4 literals of the URL ($filter values, key predicates) and typed values of a field. */
public final class Literals {
    static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?(Z|[+-]\\d{2}:\\d{2})");
    static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** A literal as written: its kind and text (a string's text with its doubled quotes undone). */
    public record Literal(Kind kind, String text, String enumType) {
        public Literal(Kind kind, String text) {
            this(kind, text, null);
        }
    }

    /** What a literal looks like. */
    public enum Kind {
        STRING,
        NUMBER,
        BOOLEAN,
        DATE,
        DATE_TIME,
        GUID,
        NULL,
        ENUM
    }

    private Literals() {}

    /** The kind of an unquoted literal token, or null when it is none. */
    static Kind classify(String token) {
        if (token.equals("true") || token.equals("false")) {
            return Kind.BOOLEAN;
        }
        if (token.equals("null")) {
            return Kind.NULL;
        }
        if (GUID.matcher(token).matches()) {
            return Kind.GUID;
        }
        if (DATE_TIME.matcher(token).matches()) {
            return Kind.DATE_TIME;
        }
        if (DATE.matcher(token).matches()) {
            return Kind.DATE;
        }
        if (NUMBER.matcher(token).matches()) {
            return Kind.NUMBER;
        }
        return null;
    }

    /**
     * The value of a literal for a field, type-checked as BC does: strings only against text and
     * option fields, numbers against numbers, dates against Edm.Date, and so on.
     */
    public static Object valueFor(Field field, Literal literal) {
        String text = literal.text();
        try {
            switch (field.type()) {
                case STRING:
                    if (literal.kind() == Kind.STRING) {
                        return text;
                    }
                    break;
                case DECIMAL:
                    if (literal.kind() == Kind.NUMBER) {
                        return new BigDecimal(text);
                    }
                    break;
                case INT32:
                    if (literal.kind() == Kind.NUMBER && !text.contains(".")) {
                        return Integer.parseInt(text);
                    }
                    break;
                case BOOLEAN:
                    if (literal.kind() == Kind.BOOLEAN) {
                        return Boolean.parseBoolean(text);
                    }
                    break;
                case DATE:
                    if (literal.kind() == Kind.DATE) {
                        return LocalDate.parse(text);
                    }
                    break;
                case DATE_TIME_OFFSET:
                    if (literal.kind() == Kind.DATE_TIME) {
                        return parseInstant(text);
                    }
                    break;
                case GUID:
                    if (literal.kind() == Kind.GUID) {
                        return UUID.fromString(text);
                    }
                    break;
                case ENUM:
                    if (literal.kind() == Kind.STRING
                            || (literal.kind() == Kind.ENUM
                                    && (field.enumType().qualifiedName().equals(literal.enumType())
                                            || field.enumType().name().equals(literal.enumType())))) {
                        return field.enumType()
                                .caption(text)
                                .orElseThrow(() -> BcError.badRequest("The value '"
                                        + text + "' is not a member of the enum type '"
                                        + field.enumType().qualifiedName()
                                        + "' of field '" + field.name() + "'."));
                    }
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw BcError.badRequest("The literal '" + text + "' is not a valid " + field.edmTypeName() + ".");
        }
        throw BcError.badRequest("A binary operator with incompatible types was detected. Found operand types '"
                + field.edmTypeName() + "' and '" + describe(literal) + "' for field '" + field.name() + "'.");
    }

    static Instant parseInstant(String text) {
        return OffsetDateTime.parse(
                        text.length() == 16 || text.matches(".*T\\d{2}:\\d{2}(Z|[+-].*)") ? withSeconds(text) : text)
                .toInstant();
    }

    private static String withSeconds(String text) {
        int zone = Math.max(text.indexOf('Z', 11), Math.max(text.indexOf('+', 11), text.indexOf('-', 11)));
        return zone < 0 ? text + ":00" : text.substring(0, zone) + ":00" + text.substring(zone);
    }

    private static String describe(Literal literal) {
        return switch (literal.kind()) {
            case STRING -> "Edm.String";
            case NUMBER -> literal.text().contains(".") ? "Edm.Decimal" : "Edm.Int32";
            case BOOLEAN -> "Edm.Boolean";
            case DATE -> "Edm.Date";
            case DATE_TIME -> "Edm.DateTimeOffset";
            case GUID -> "Edm.Guid";
            case NULL -> "null";
            case ENUM -> literal.enumType();
        };
    }
}
