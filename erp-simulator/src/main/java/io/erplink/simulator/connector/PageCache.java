package io.erplink.simulator.connector;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.erplink.protocol.tables.TablesWriter;

/**
 * Generated answers kept as files, served again byte for byte when the same request comes back (a
 * benchmark's warm-up pass, then its timed run). A real ERP's CPU is not erplink's cost, but on one
 * machine the simulator's XML generation competes with the services for the same cores; with this
 * cache the timed window measures erplink, not the generator.
 *
 * <p>A file holds exactly what {@link TablesWriter} writes for the reply, so a cached answer is
 * byte-identical to a generated one. Only answers that are pure functions of the request go here
 * (the caller decides); the key is the canonical form of the parsed request, including batchId and
 * pageNumber. Files live in a temporary directory of this process and are deleted on {@link #close()}.
 * Above {@code maxBytes} nothing more is stored and answers are generated as without the cache.
 */
public final class PageCache implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PageCache.class);

    private final Path dir;
    private final long maxBytes;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    private record Entry(Path file, long size) {}

    /** What the cache holds and how often it answered. */
    public record Stats(boolean enabled, int pages, long bytes, long maxBytes, long hits, long misses) {}

    public PageCache(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /** A cache in a new temporary directory. */
    public static PageCache temporary(long maxBytes) {
        try {
            return new PageCache(Files.createTempDirectory("erplink-simulator-pages"), maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the simulator's page cache directory", e);
        }
    }

    /**
     * The file holding the answer to {@code canonicalRequest}: the cached one, or the reply written now
     * (then cached). Null when the cache is full: the caller streams the reply itself.
     */
    public Path answer(String canonicalRequest, Reply reply) throws IOException {
        String key = key(canonicalRequest);
        Entry cached = entries.get(key);
        if (cached != null) {
            hits.incrementAndGet();
            return cached.file();
        }
        misses.incrementAndGet();
        if (bytes.get() >= maxBytes) {
            return null;
        }
        Path part = Files.createTempFile(dir, key, ".part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
            TablesWriter writer = TablesWriter.open(out, reply.header());
            reply.rows().produce(writer::write);
            writer.close();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Path file = dir.resolve(key + ".xml");
        Entry entry = new Entry(file, Files.size(part));
        // Two requests for the same page at once both generate it; the bytes are the same, one file stays.
        synchronized (entries) {
            Entry winner = entries.get(key);
            if (winner != null) {
                Files.deleteIfExists(part);
                return winner.file();
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            entries.put(key, entry);
        }
        bytes.addAndGet(entry.size());
        return file;
    }

    public Stats stats() {
        return new Stats(true, entries.size(), bytes.get(), maxBytes, hits.get(), misses.get());
    }

    /** Forgets every page and deletes the files. */
    public void clear() {
        synchronized (entries) {
            for (Entry entry : entries.values()) {
                try {
                    Files.deleteIfExists(entry.file());
                } catch (IOException e) {
                    LOG.warnf("cannot delete the cached page %s: %s", entry.file(), e.getMessage());
                }
            }
            entries.clear();
            bytes.set(0);
            hits.set(0);
            misses.set(0);
        }
    }

    @Override
    public void close() {
        clear();
        try (var left = Files.list(dir)) {
            for (Path file : left.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warnf("cannot delete the page cache directory %s: %s", dir, e.getMessage());
        }
    }

    private static String key(String canonicalRequest) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
