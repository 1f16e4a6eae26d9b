package org.clearway.api.resources;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The map layer's bytes, plain and gzip-compressed, assembled from pieces encoded once: each piece (the collection's
 * head, a zone's features, a comma, the tail) is kept as its bytes and as a raw deflate stream of its own ended by a
 * sync flush (byte-aligned, not final, no reference outside itself), so that the pieces' streams joined and closed by
 * an empty final block are one valid deflate stream of the joined bytes (as pigz compresses in parallel). A changed
 * zone costs the compression of that zone only; a whole answer is a copy, a CRC-32 and a gzip header and trailer
 * (RFC 1952).
 */
final class MapBody {
    /** Bytes and their deflate stream (sync-flushed, not final). */
    record Piece(byte[] plain, byte[] deflated) {
        static Piece of(byte[] plain) {
            return new Piece(plain, deflate(plain));
        }

        static Piece of(String text) {
            return of(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One answer in both encodings. */
    record Encoded(Buffer plain, Buffer gzip) {
        long bytes() {
            return plain.length() + (long) gzip.length();
        }
    }

    static final Piece HEAD = Piece.of("{\"type\":\"FeatureCollection\",\"features\":[");
    static final Piece COMMA = Piece.of(",");
    static final Piece TAIL = Piece.of("],\"truncated\":false,\"nextCursor\":null}");
    /** An empty final block: what ends the joined stream. */
    private static final byte[] FINAL = finalBlock();
    /** ID1 ID2, deflate, no flags, no time, no extra flags, OS unknown. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int LEVEL = 6;

    private MapBody() {
    }

    /** The collection of these zones' features (each already its features joined by commas; empty ones skipped). */
    static Encoded assemble(List<Piece> zones) {
        int plainSize = HEAD.plain().length + TAIL.plain().length;
        int gzipSize = GZIP_HEADER.length + HEAD.deflated().length + TAIL.deflated().length + FINAL.length + 8;
        for (Piece z : zones) {
            plainSize += z.plain().length + 1;
            gzipSize += z.deflated().length + COMMA.deflated().length;
        }
        Buffer plain = Buffer.buffer(plainSize);
        Buffer gzip = Buffer.buffer(gzipSize);
        CRC32 crc = new CRC32();
        gzip.appendBytes(GZIP_HEADER);
        append(plain, gzip, crc, HEAD);
        boolean first = true;
        for (Piece z : zones) {
            if (z.plain().length == 0) {
                continue;
            }
            if (!first) {
                append(plain, gzip, crc, COMMA);
            }
            append(plain, gzip, crc, z);
            first = false;
        }
        append(plain, gzip, crc, TAIL);
        gzip.appendBytes(FINAL);
        gzip.appendIntLE((int) crc.getValue());
        gzip.appendIntLE(plain.length());
        return new Encoded(plain, gzip);
    }

    private static void append(Buffer plain, Buffer gzip, CRC32 crc, Piece p) {
        plain.appendBytes(p.plain());
        crc.update(p.plain());
        gzip.appendBytes(p.deflated());
    }

    /** A raw deflate stream of the bytes, sync-flushed so that another stream may follow it. */
    static byte[] deflate(byte[] plain) {
        Deflater d = new Deflater(LEVEL, true);
        try {
            d.setInput(plain);
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 6 + 64);
            byte[] chunk = new byte[16_384];
            int n;
            do {
                n = d.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                out.write(chunk, 0, n);
            } while (n == chunk.length);
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] finalBlock() {
        Deflater d = new Deflater(LEVEL, true);
        try {
            d.finish();
            byte[] out = new byte[16];
            int n = d.deflate(out);
            return java.util.Arrays.copyOf(out, n);
        } finally {
            d.end();
        }
    }

    /** Whether Accept-Encoding admits gzip (listed, or {@code *}, with a q-value above 0; RFC 9110 12.5.3). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean star = false;
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            boolean allowed = true;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim().toLowerCase(java.util.Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        allowed = Double.parseDouble(p.substring(2).trim()) > 0;
                    } catch (NumberFormatException e) {
                        allowed = false;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return allowed;
            }
            if (coding.equals("*")) {
                star = allowed;
            }
        }
        return star;
    }
}
