package io.erplink.protocol.tables;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The XML samples of seeds 002 and 003, copied verbatim to src/test/resources/seeds. */
public final class Seeds {
    private Seeds() {}

    public static Path dir() {
        try {
            return Path.of(Seeds.class.getResource("/seeds").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** File names ending with {@code suffix}, sorted. */
    public static List<String> named(String suffix) {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    public static InputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    public static List<TableRow> readAll(TablesReader reader) {
        List<TableRow> rows = new ArrayList<>();
        for (TableRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    public static List<TableRow> readAll(byte[] xml) {
        try (TablesReader reader = TablesReader.open(new ByteArrayInputStream(xml))) {
            return readAll(reader);
        }
    }

    public static byte[] write(TablesHeader header, List<TableRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TablesWriter writer = TablesWriter.open(out, header)) {
            rows.forEach(writer::write);
        }
        return out.toByteArray();
    }
}
