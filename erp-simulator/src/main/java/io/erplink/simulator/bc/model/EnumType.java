package io.erplink.simulator.bc.model;

import java.util.List;
import java.util.Optional;

/**
 * A BC option field as an OData enum type ({@code Microsoft.NAV.<name>}). Rows hold the caption
 * ({@code "Charge (Item)"}, {@code ""}); the wire carries the member name, which BC encodes like
 * XmlConvert.EncodeName: every character that is not a letter, digit or {@code _} becomes
 * {@code _xHHHH_}, so {@code "Charge (Item)"} is {@code Charge_x0020__x0028_Item_x0029_} and the blank
 * option is {@code _x0020_}. Ordering (keys, gt/lt) is by the option's ordinal, as in BC.
 */
public record EnumType(String name, List<String> captions) {

    public static final String NAMESPACE = "Microsoft.NAV";

    public String qualifiedName() {
        return NAMESPACE + "." + name;
    }

    /** The member name of a caption, as BC writes it in JSON and CSDL. */
    public static String memberName(String caption) {
        if (caption.isEmpty()) {
            return "_x0020_";
        }
        StringBuilder out = new StringBuilder(caption.length() + 16);
        for (int i = 0; i < caption.length(); i++) {
            char c = caption.charAt(i);
            boolean plain =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (plain) {
                out.append(c);
            } else {
                out.append(String.format("_x%04X_", (int) c));
            }
        }
        return out.toString();
    }

    /** The caption a literal names: a member name (as sent in JSON) or the caption itself. */
    public Optional<String> caption(String literal) {
        for (String caption : captions) {
            if (caption.equals(literal) || memberName(caption).equals(literal)) {
                return Optional.of(caption);
            }
        }
        return Optional.empty();
    }

    public int ordinal(String caption) {
        int index = captions.indexOf(caption);
        if (index < 0) {
            throw new IllegalArgumentException(caption + " is not an option of " + name);
        }
        return index;
    }
}
