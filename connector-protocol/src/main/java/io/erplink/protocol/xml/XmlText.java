package io.erplink.protocol.xml;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writing XML by hand, correctly: attribute and text escaping, CDATA sections that survive "]]>"
 * and carriage returns, and a check that every character is legal in XML 1.0.
 */
public final class XmlText {
    private XmlText() {}

    /**
     * Checks that {@code s} holds only characters allowed in XML 1.0 (tab, LF, CR, U+0020-U+D7FF,
     * U+E000-U+FFFD, and properly paired surrogates).
     *
     * @throws IllegalArgumentException naming the offending character, its index and {@code what}
     */
    public static void checkLegal(CharSequence s, String what) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0xD7FF || c == '\n' || c == '\t' || c == '\r' || c >= 0xE000 && c <= 0xFFFD) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            throw new IllegalArgumentException(
                    String.format("%s contains U+%04X at index %d, which is not allowed in XML 1.0", what, (int) c, i));
        }
    }

    /** Appends {@code s} escaped for a double-quoted attribute value (whitespace kept as character references). */
    public static void appendAttribute(Appendable out, String s, String what) {
        checkLegal(s, what);
        try {
            int length = s.length();
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\n' -> out.append("&#10;");
                    case '\r' -> out.append("&#13;");
                    case '\t' -> out.append("&#9;");
                    default -> out.append(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code s} as element text, escaped; CR is written as a character reference. */
    public static void appendText(Appendable out, String s, String what) {
        checkLegal(s, what);
        try {
            int length = s.length();
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '\r' -> out.append("&#13;");
                    default -> out.append(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends {@code s} as CDATA. "]]>" is split across two sections ({@code ]]]]><![CDATA[>}) and a
     * carriage return is written as {@code &#13;} between sections, because a parser would turn a
     * raw CR into LF.
     */
    public static void appendCdata(Appendable out, String s, String what) {
        checkLegal(s, what);
        try {
            out.append("<![CDATA[");
            int length = s.length();
            int start = 0;
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (c == '\r') {
                    out.append(s, start, i).append("]]>&#13;<![CDATA[");
                    start = i + 1;
                } else if (c == '>' && i >= 2 && s.charAt(i - 1) == ']' && s.charAt(i - 2) == ']') {
                    out.append(s, start, i).append("]]><![CDATA[");
                    start = i;
                }
            }
            out.append(s, start, length).append("]]>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends a value the way the request documents of the source spec write it: plain escaped
     * text, or CDATA when the value starts or ends with whitespace (which readers trim outside
     * CDATA).
     */
    public static void appendValue(Appendable out, String s, String what) {
        if (!s.isEmpty() && (isWhitespace(s.charAt(0)) || isWhitespace(s.charAt(s.length() - 1)))) {
            appendCdata(out, s, what);
        } else {
            appendText(out, s, what);
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
