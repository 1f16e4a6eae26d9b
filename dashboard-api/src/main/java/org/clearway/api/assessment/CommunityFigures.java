package org.clearway.api.assessment;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.SortedMap;

/**
 * One community's figures for a period (docs/assessment.md defines each). A share or a statistic
 * with nothing to count is null (no bins, no collections, no expected reports).
 */
public record CommunityFigures(int rank, String zoneId, String name, long bins, double binDays,
                               double overflowBinHours, Double overflowPer1000BinDays,
                               Double responseMedianHours, Double responseP90Hours,
                               long pickupsCollected, long pickupsVerified, Double verifiedShare,
                               long expectedReports, long observedReports, Double sensorUptime,
                               SortedMap<String, Double> volumeByStreamL, double totalVolumeL, double weightKg,
                               Double recyclableShare, long citizenReports) {

    CommunityFigures withRank(int newRank) {
        return new CommunityFigures(newRank, zoneId, name, bins, binDays, overflowBinHours, overflowPer1000BinDays,
                responseMedianHours, responseP90Hours, pickupsCollected, pickupsVerified, verifiedShare,
                expectedReports, observedReports, sensorUptime, volumeByStreamL, totalVolumeL, weightKg,
                recyclableShare, citizenReports);
    }

    JsonObject toJson() {
        JsonObject volumes = new JsonObject();
        for (Map.Entry<String, Double> e : volumeByStreamL.entrySet()) {
            volumes.put(e.getKey(), e.getValue());
        }
        return new JsonObject()
                .put("rank", rank)
                .put("zoneId", zoneId)
                .put("name", name)
                .put("bins", bins)
                .put("binDays", binDays)
                .put("overflowBinHours", overflowBinHours)
                .put("overflowPer1000BinDays", overflowPer1000BinDays)
                .put("responseMedianHours", responseMedianHours)
                .put("responseP90Hours", responseP90Hours)
                .put("pickupsCollected", pickupsCollected)
                .put("pickupsVerified", pickupsVerified)
                .put("verifiedShare", verifiedShare)
                .put("expectedReports", expectedReports)
                .put("observedReports", observedReports)
                .put("sensorUptime", sensorUptime)
                .put("volumeByStreamL", volumes)
                .put("totalVolumeL", totalVolumeL)
                .put("weightKg", weightKg)
                .put("recyclableShare", recyclableShare)
                .put("citizenReports", citizenReports);
    }
}
