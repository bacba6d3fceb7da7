package io.erplink.simulator.bc.odata;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.simulator.bc.model.Field;
import io.erplink.simulator.bc.model.Table;

/**
 * Request bodies of POST and PATCH: a JSON object of fields, typed as BC checks them (a string for
 * text, dates and options; a number for decimals; no nulls, no unknown or read-only fields, no text
 * longer than the field). {@code @odata.*} annotations are ignored.
 */
public final class RowBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowBodies() {}

    /** The body's JSON object. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw BcError.badRequest("The request body is empty; a JSON object is required.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw BcError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw BcError.badRequest("The request body cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw BcError.badRequest("The request body must be a JSON object.");
        }
        return node;
    }

    /** Writes the body's fields into {@code values} (positions of {@code table}). */
    public static void apply(Table table, JsonNode body, Object[] values) {
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String name = entry.getKey();
            if (name.startsWith("@odata.")) {
                continue;
            }
            int position = table.indexOf(name)
                    .orElseThrow(() -> BcError.badRequest("The property '" + name + "' does not exist on type 'NAV."
                            + table.name() + "'. Make sure to only use property names that are defined by the type."));
            if (name.equals("SystemId") || name.equals("SystemModifiedAt")) {
                throw BcError.badRequest("The property '" + name + "' is read-only.");
            }
            values[position] = value(table.fields().get(position), entry.getValue());
        }
    }

    public static Object value(Field field, JsonNode node) {
        if (node.isNull()) {
            throw BcError.badRequest("Cannot convert a null value to the type '" + field.edmTypeName()
                    + "' of property '" + field.name() + "'.");
        }
        try {
            switch (field.type()) {
                case STRING:
                    if (node.isTextual()) {
                        String text = node.textValue();
                        if (field.maxLength() > 0 && text.length() > field.maxLength()) {
                            throw new BcError(
                                    400,
                                    "Application_StringExceededLength",
                                    "The length of the string is "
                                            + text.length() + ", but it must be less than or equal to "
                                            + field.maxLength()
                                            + " characters. Value: " + text);
                        }
                        return text;
                    }
                    break;
                case DECIMAL:
                    if (node.isNumber()) {
                        return node.decimalValue();
                    }
                    break;
                case INT32:
                    if (node.isInt()) {
                        return node.intValue();
                    }
                    break;
                case BOOLEAN:
                    if (node.isBoolean()) {
                        return node.booleanValue();
                    }
                    break;
                case DATE:
                    if (node.isTextual()
                            && Literals.DATE.matcher(node.textValue()).matches()) {
                        return LocalDate.parse(node.textValue());
                    }
                    break;
                case DATE_TIME_OFFSET:
                    if (node.isTextual()
                            && Literals.DATE_TIME.matcher(node.textValue()).matches()) {
                        return Literals.parseInstant(node.textValue());
                    }
                    break;
                case GUID:
                    if (node.isTextual()
                            && Literals.GUID.matcher(node.textValue()).matches()) {
                        return UUID.fromString(node.textValue());
                    }
                    break;
                case ENUM:
                    if (node.isTextual()) {
                        return field.enumType()
                                .caption(node.textValue())
                                .orElseThrow(() -> BcError.badRequest("The value '" + node.textValue()
                                        + "' is not valid for the enum type '"
                                        + field.enumType().qualifiedName() + "' of property '" + field.name() + "'."));
                    }
                    break;
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // below
        }
        throw BcError.badRequest("Cannot convert the literal '" + node + "' to the expected type '"
                + field.edmTypeName() + "' of property '" + field.name() + "'.");
    }

    /** The blank check of BC: a key field must have a value. */
    public static boolean isBlank(Object value) {
        return value instanceof String text
                ? text.isEmpty()
                : value instanceof Integer n ? n == 0 : value instanceof BigDecimal d && d.signum() == 0;
    }
}
