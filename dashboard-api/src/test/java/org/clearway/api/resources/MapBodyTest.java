package org.clearway.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link MapBody}: pieces deflated one by one and joined make a gzip stream that decodes to exactly the plain bytes
 * (random pieces, repeated pieces, empty zones skipped, pieces over the deflater's chunk); which Accept-Encoding
 * headers admit gzip.
 */
class MapBodyTest {
    @Test
    void joinedPiecesDecodeToThePlainBytes() throws IOException {
        Random r = new Random(16);
        for (int round = 0; round < 20; round++) {
            List<MapBody.Piece> zones = new ArrayList<>();
            StringBuilder expected = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
            boolean first = true;
            for (int z = 0; z < r.nextInt(12); z++) {
                String features = r.nextInt(5) == 0 ? "" : features(r, r.nextInt(round == 0 ? 3 : 400));
                zones.add(MapBody.Piece.of(features));
                if (!features.isEmpty()) {
                    expected.append(first ? "" : ",").append(features);
                    first = false;
                }
            }
            expected.append("],\"truncated\":false,\"nextCursor\":null}");
            MapBody.Encoded encoded = MapBody.assemble(zones);
            assertThat(encoded.plain().toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
            assertThat(gunzip(encoded.gzip())).isEqualTo(encoded.plain().getBytes());
        }
    }

    @Test
    void aCityOfZonesCompressesSeveralTimes() throws IOException {
        Random r = new Random(7);
        List<MapBody.Piece> zones = new ArrayList<>();
        for (int z = 0; z < 50; z++) {
            zones.add(MapBody.Piece.of(features(r, 200)));
        }
        MapBody.Encoded encoded = MapBody.assemble(zones);
        assertThat(gunzip(encoded.gzip())).isEqualTo(encoded.plain().getBytes());
        assertThat(encoded.gzip().length()).isLessThan(encoded.plain().length() / 4);
    }

    @Test
    void gzipIsChosenOnlyWhenAccepted() {
        assertThat(MapBody.acceptsGzip(null)).isFalse();
        assertThat(MapBody.acceptsGzip("")).isFalse();
        assertThat(MapBody.acceptsGzip("gzip")).isTrue();
        assertThat(MapBody.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(MapBody.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(MapBody.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(MapBody.acceptsGzip("gzip;q=0.000, *")).isFalse();
        assertThat(MapBody.acceptsGzip("identity")).isFalse();
        assertThat(MapBody.acceptsGzip("br, *")).isTrue();
        assertThat(MapBody.acceptsGzip("*;q=0")).isFalse();
        assertThat(MapBody.acceptsGzip("x-gzip")).isTrue();
    }

    private static String features(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"id\":\"bin-").append(r.nextInt(1_000_000))
                    .append("\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[").append(121 + r.nextDouble()).append(',')
                    .append(31 + r.nextDouble()).append("]},\"properties\":{\"fillPct\":").append(r.nextInt(1000) / 10.0)
                    .append(",\"stream\":\"residual\"}}");
        }
        return sb.toString();
    }

    private static byte[] gunzip(Buffer gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.getBytes()))) {
            return in.readAllBytes();
        }
    }
}
