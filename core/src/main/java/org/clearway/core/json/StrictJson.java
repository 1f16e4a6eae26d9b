package org.clearway.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one strict JSON reading of the project, for every input from outside (device telemetry, API
 * bodies): a key repeated in an object is an error (not "the last one wins"), so is anything after
 * the value, nesting deeper than a limit and, when a limit is given, more tokens (keys, values,
 * brackets) than it. Each input keeps its own limits; the rules are the same.
 */
public final class StrictJson {
    /** No cap on the number of tokens: the input's byte size bounds it. */
    public static final long ANY_TOKEN_COUNT = -1;

    private StrictJson() {
    }

    /**
     * @param maxNesting deepest nesting of objects and arrays
     * @param maxTokens  most tokens in one document, or {@link #ANY_TOKEN_COUNT}
     * @param allowed    lenient read features this input needs on purpose (e.g. NaN read to be rejected as such)
     */
    public static JsonMapper mapper(int maxNesting, long maxTokens, JsonReadFeature... allowed) {
        StreamReadConstraints.Builder limits = StreamReadConstraints.builder().maxNestingDepth(maxNesting);
        if (maxTokens > 0) {
            limits.maxTokenCount(maxTokens);
        }
        var factory = JsonFactory.builder().streamReadConstraints(limits.build());
        for (JsonReadFeature feature : allowed) {
            factory.enable(feature);
        }
        return JsonMapper.builder(factory.build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}
