package org.clearway.api.assessment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The figures of every community under a zone for a period, ranked (best first): by overflow
 * bin-hours per 1,000 bin-days ascending, then by median response time ascending, then by zone id;
 * communities without bins last.
 *
 * @param countedUntil the end of what was counted: the period's end, or the time of the assessment while the period
 *                     runs (figures of a quarter in progress count up to now)
 * @param zoneId   the zone assessed, {@code *} for the whole city
 * @param streams  every waste stream code, the columns of the volume figures
 */
public record Assessment(Period period, Instant countedUntil, String zoneId, String zoneName, String zoneLevel, AssessmentConfig settings,
                         List<String> streams, List<CommunityFigures> communities, Instant generatedAt) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("from", period.from().toString())
                .put("to", period.to().toString())
                .put("quarter", period.label())
                .put("countedUntil", countedUntil.toString())
                .put("zone", new JsonObject().put("id", zoneId).put("name", zoneName).put("level", zoneLevel))
                .put("settings", new JsonObject()
                        .put("overflowPct", settings.overflowPct())
                        .put("reportIntervalMinutes", settings.reportInterval().toMinutes())
                        .put("gapCapMinutes", settings.gapCap().toMinutes())
                        .put("residualStreams", new JsonArray(List.copyOf(settings.residualStreams())))
                        .put("timeZone", settings.timeZone().getId()))
                .put("streams", new JsonArray(List.copyOf(streams)))
                .put("communities", new JsonArray(communities.stream().map(c -> (Object) c.toJson()).toList()))
                .put("generatedAt", generatedAt.toString());
    }
}
