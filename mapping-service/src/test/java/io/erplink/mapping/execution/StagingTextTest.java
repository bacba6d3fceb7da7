package io.erplink.mapping.execution;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** COPY text escaping of staged values. */
class StagingTextTest {

    private static String escaped(String value) {
        StringBuilder out = new StringBuilder("|");
        Staging.text(value, out);
        return out.toString();
    }

    @Test
    void escapesBackslashTabNewlineAndCarriageReturnAndCopiesEverythingElseAsIs() {
        assertEquals("|plain text, with ümlauts €", escaped("plain text, with ümlauts €"));
        assertEquals("|", escaped(""));
        assertEquals("|a\\tb\\\\c\\nd\\re", escaped("a\tb\\c\nd\re"));
        assertEquals("|\\\\", escaped("\\"));
        assertEquals("|end\\n", escaped("end\n"));
    }
}
