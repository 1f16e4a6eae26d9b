package org.clearway.api.assessment;

import java.util.ArrayList;
import java.util.List;

/**
 * An assessment as CSV ({@link Csv}): a header row, then one row per community in rank order. Every text cell (zone
 * id, name) goes through {@link Csv#text}, the formula guard: a zone id such as {@code -1-1} is a valid id and a
 * formula to a spreadsheet. The other cells are numbers this class formats, never negative.
 */
public final class AssessmentCsv {
    private AssessmentCsv() {
    }

    public static String render(Assessment assessment) {
        List<String> header = new ArrayList<>(List.of("rank", "zone_id", "community", "bins", "bin_days",
                "overflow_bin_hours", "overflow_per_1000_bin_days", "response_median_h", "response_p90_h",
                "pickups_collected", "pickups_verified", "verified_share", "expected_reports", "observed_reports",
                "sensor_uptime"));
        for (String stream : assessment.streams()) {
            header.add("volume_l_" + stream);
        }
        header.addAll(List.of("total_volume_l", "weight_kg", "recyclable_share", "citizen_reports"));
        Csv csv = new Csv().line(header);
        for (CommunityFigures c : assessment.communities()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(c.rank()), Csv.text(c.zoneId()), Csv.text(c.name()),
                    Long.toString(c.bins()), n(c.binDays()), n(c.overflowBinHours()), n(c.overflowPer1000BinDays()),
                    n(c.responseMedianHours()), n(c.responseP90Hours()), Long.toString(c.pickupsCollected()),
                    Long.toString(c.pickupsVerified()), n(c.verifiedShare()), Long.toString(c.expectedReports()),
                    Long.toString(c.observedReports()), n(c.sensorUptime())));
            for (String stream : assessment.streams()) {
                row.add(n(c.volumeByStreamL().get(stream)));
            }
            row.addAll(List.of(n(c.totalVolumeL()), n(c.weightKg()), n(c.recyclableShare()),
                    Long.toString(c.citizenReports())));
            csv.line(row);
        }
        return csv.toString();
    }

    /** Four decimals at most; empty for a figure with nothing to count. */
    private static String n(Double value) {
        return Numbers.plain(value, 4, "");
    }
}
