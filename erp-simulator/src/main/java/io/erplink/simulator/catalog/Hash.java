package io.erplink.simulator.catalog;

import java.nio.charset.StandardCharsets;

/** Stable hashes: every generated value is a pure function of (seed, index, salt), never of call order. */
public final class Hash {
    private Hash() {}

    /** SplitMix64 finaliser. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A well-spread 64-bit value of (seed, index, salt). */
    public static long of(long seed, long index, long salt) {
        return mix(mix(seed + 0x9e3779b97f4a7c15L * (salt + 1)) ^ (index * 0xc2b2ae3d27d4eb4fL));
    }

    /** A value in [0, bound) of (seed, index, salt). */
    public static long below(long seed, long index, long salt, long bound) {
        return Long.remainderUnsigned(of(seed, index, salt), bound);
    }

    /** FNV-1a 64 of the UTF-8 bytes of a text, then mixed: stable across JVMs and runs. */
    public static long of(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }
}
