package io.erplink.protocol.tables;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.ReaderLimits;
import io.erplink.protocol.requests.ConnectorRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed and hostile documents fail fast with a clear message and leak nothing. */
class HostileXmlTest {

    private static ProtocolException rejected(byte[] xml) {
        return assertThrows(ProtocolException.class, () -> Seeds.readAll(xml));
    }

    private static ProtocolException rejected(String xml) {
        return rejected(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void externalEntityPointingAtEtcPasswdIsRefusedAndNothingLeaks() throws Exception {
        String xxe = """
                <?xml version="1.0" encoding="utf-8"?>
                <!DOCTYPE tables [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <tables><table tableName="T"><item><column columnName="c">&xxe;</column></item></table></tables>""";
        ProtocolException e = rejected(xxe);
        assertTrue(e.getMessage().contains("DOCTYPE is not allowed"), e.getMessage());
        assertEquals(2, e.line());
        String passwd = Files.exists(Path.of("/etc/passwd")) ? Files.readString(Path.of("/etc/passwd")) : "root:x:0:0";
        String firstLine = passwd.lines().findFirst().orElse("root:x:0:0");
        assertFalse(e.getMessage().contains(firstLine));
        assertFalse(String.valueOf(e.getCause()).contains(firstLine));

        // the same attack on the request parser
        ProtocolException request = assertThrows(
                ProtocolException.class,
                () -> ConnectorRequest.parse(
                        "<!DOCTYPE GetEcomData [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                                + "<GetEcomData ExternalUserID=\"&xxe;\"><tables><Products type=\"all\"/></tables></GetEcomData>"));
        assertTrue(request.getMessage().contains("DOCTYPE is not allowed"), request.getMessage());
        assertFalse(request.getMessage().contains(firstLine));
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                xml.append("&lol").append(i == 1 ? "" : Integer.toString(i - 1)).append(';');
            }
            xml.append("\">\n");
        }
        xml.append(
                "]>\n<tables><table tableName=\"T\"><item><column columnName=\"c\">&lol9;</column></item></table></tables>");
        long start = System.nanoTime();
        ProtocolException e = rejected(xml.toString());
        assertTrue(e.getMessage().contains("DOCTYPE is not allowed"), e.getMessage());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused quickly");
    }

    @Test
    void externalDtdIsRefusedAndNeverFetched() {
        ProtocolException e = rejected(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE tables SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<tables/>");
        assertTrue(e.getMessage().contains("DOCTYPE is not allowed"), e.getMessage());
        ProtocolException parameter =
                rejected("<!DOCTYPE tables [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><tables/>");
        assertTrue(parameter.getMessage().contains("DOCTYPE is not allowed"), parameter.getMessage());
    }

    @Test
    void undeclaredEntityReferenceIsRejected() {
        ProtocolException e = rejected(
                "<tables><table tableName=\"T\"><item><column columnName=\"c\">&nbsp;</column></item></table></tables>");
        assertTrue(e.getMessage().contains("nbsp"), e.getMessage());
        assertTrue(e.line() > 0);
    }

    @Test
    void tenThousandDeepNestingIsStoppedAtTheDepthLimit() {
        StringBuilder xml = new StringBuilder("<tables><table tableName=\"T\"><item><column columnName=\"c\">");
        xml.append("<a>".repeat(10_000)).append("</a>".repeat(10_000));
        xml.append("</column></item></table></tables>");
        ProtocolException e = rejected(xml.toString());
        assertTrue(e.getMessage().contains("unexpected element <a> inside <column>"), e.getMessage());

        String deepRoot = "<tables>" + "<table tableName=\"T\">".repeat(10_000);
        ProtocolException deep = rejected(deepRoot);
        assertTrue(deep.getMessage().contains("unexpected <table> inside <table"), deep.getMessage());

        ProtocolException request = assertThrows(
                ProtocolException.class,
                () -> ConnectorRequest.parse(
                        "<GetEcomData>" + "<x>".repeat(10_000) + "</x>".repeat(10_000) + "</GetEcomData>"));
        assertTrue(
                request.getMessage().contains("element nesting is deeper than the limit of 16"), request.getMessage());
    }

    @Test
    void invalidUtf8BytesFailWithPosition() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("<tables>\n<table tableName=\"T\"><item><column columnName=\"c\">caf"
                .getBytes(StandardCharsets.US_ASCII));
        out.write(0xC3); // a lead byte ...
        out.write(0x28); // ... followed by a byte that cannot continue it
        out.writeBytes("</column></item></table></tables>".getBytes(StandardCharsets.US_ASCII));
        ProtocolException e = rejected(out.toByteArray());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertTrue(e.line() >= 1, "line " + e.line());
        assertTrue(e.getMessage().contains("line"), e.getMessage());

        byte[] latin1 =
                "<tables><table tableName=\"T\"><item><column columnName=\"c\">caf\u00e9</column></item></table></tables>"
                        .getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(rejected(latin1).getMessage().contains("UTF-8"));
    }

    @Test
    void declaredNonUtf8EncodingIsRefused() {
        byte[] xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><tables/>".getBytes(StandardCharsets.ISO_8859_1);
        ProtocolException e =
                assertThrows(ProtocolException.class, () -> TablesReader.open(new ByteArrayInputStream(xml)));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void hugeAttributeIsRejected() {
        String huge = "x".repeat(5_000_000);
        ProtocolException e = rejected("<tables batchId=\"" + huge + "\"/>");
        assertTrue(
                e.getMessage().contains("attribute batchId of <tables> is longer than the limit of 4096 characters"),
                e.getMessage().substring(0, Math.min(300, e.getMessage().length())));
        ProtocolException item =
                rejected("<tables><table tableName=\"T\"><item table=\"" + huge + "\"/></table></tables>");
        assertTrue(item.getMessage().contains("attribute table of <item>"), item.getMessage());
    }

    @Test
    void oversizedValueIsStoppedBeforeItIsBufferedWhole() {
        // 64 MiB of text in one column with a 1 KiB value limit: the parser is stopped while
        // reading, long before the whole token would sit in memory.
        ReaderLimits limits = new ReaderLimits(16, 4096, 1024, 100);
        byte[] head =
                "<tables><table tableName=\"T\"><item><column columnName=\"c\">".getBytes(StandardCharsets.US_ASCII);
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                return served++ < 64L * 1024 * 1024 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served >= 64L * 1024 * 1024) {
                    return -1;
                }
                java.util.Arrays.fill(b, off, off + len, (byte) 'a');
                served += len;
                return len;
            }
        };
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(head), endless);
        ProtocolException e = assertThrows(ProtocolException.class, () -> Seeds.readAll(TablesReader.open(in, limits)));
        assertTrue(
                e.getMessage().contains("larger than") || e.getMessage().contains("longer than the limit"),
                e.getMessage());
    }

    @Test
    void emptyAndNonXmlInputFailClearly() {
        assertTrue(rejected(new byte[0]).getMessage().toLowerCase().contains("premature end of file")
                || rejected(new byte[0]).getMessage().contains("no root"));
        ProtocolException json = rejected("{\"tables\": []}");
        assertTrue(
                json.getMessage().startsWith("malformed XML")
                        || json.getMessage().startsWith("cannot read XML"),
                json.getMessage());
        assertEquals(1, json.line());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ReaderLimits limits = ReaderLimits.defaults();
        assertEquals(16, limits.maxDepth());
        assertEquals(64L * 1024 * 1024, limits.maxValueLength());
        assertEquals(List.of(4096, 10_000), List.of(limits.maxAttributeLength(), limits.maxColumnsPerRow()));
    }
}
