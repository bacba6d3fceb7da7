package io.erplink.batch.odata;

/**
 * Business Central writes an option's caption as an enum member name the way .NET's
 * {@code XmlConvert.EncodeName} does: every character other than a letter, {@code _} or a (not leading)
 * digit becomes {@code _xHHHH_} ({@code Price & Discount} is {@code Price_x0020__x0026__x0020_Discount});
 * the blank option is {@code _x0020_}. Rows reach mapping-service with the caption, the value the
 * seed-004 conditionals compare with ({@code Amount_Type EqualTo 'Price & Discount'}).
 */
public final class EnumMembers {
    /** The member name of the blank option. */
    public static final String BLANK = "_x0020_";

    private EnumMembers() {}

    /** The member name of a caption. */
    public static String encode(String caption) {
        if (caption.isEmpty()) {
            return BLANK;
        }
        StringBuilder out = new StringBuilder(caption.length() + 16);
        for (int i = 0; i < caption.length(); i++) {
            char c = caption.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9')) {
                out.append(c);
            } else {
                out.append(String.format("_x%04X_", (int) c));
            }
        }
        return out.toString();
    }

    /** The caption of a member name ({@code _xHHHH_} decoded; the blank option is the empty caption). */
    public static String decode(String member) {
        if (member.equals(BLANK)) {
            return "";
        }
        int at = member.indexOf("_x");
        if (at < 0) {
            return member;
        }
        StringBuilder out = new StringBuilder(member.length());
        int i = 0;
        while (i < member.length()) {
            if (member.startsWith("_x", i) && i + 7 <= member.length() && member.charAt(i + 6) == '_') {
                String hex = member.substring(i + 2, i + 6);
                if (hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    out.append((char) Integer.parseInt(hex, 16));
                    i += 7;
                    continue;
                }
            }
            out.append(member.charAt(i++));
        }
        return out.toString();
    }
}
