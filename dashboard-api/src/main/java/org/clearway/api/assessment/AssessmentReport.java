package org.clearway.api.assessment;

import static org.clearway.api.assessment.Html.escape;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * An assessment as a readable, self-contained HTML page (inline style, no scripts, no external
 * resources): summary, ranking table, one section per community, the definition of every figure,
 * and when it was generated. Every text from the database goes through {@link Html#escape}.
 */
public final class AssessmentReport {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM uuuu HH:mm z", Locale.ENGLISH);
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;color:#1d2327;line-height:1.45}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}
            table{border-collapse:collapse;width:100%;margin:.8rem 0}th,td{border:1px solid #ccd;padding:.3rem .5rem;text-align:right}
            th:nth-child(2),td:nth-child(2){text-align:left}thead th{background:#eef1f5}.muted{color:#667}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
            @media print{body{margin:0;max-width:none}h2{page-break-after:avoid}section{page-break-inside:avoid}}
            """;

    private AssessmentReport() {
    }

    public static String render(Assessment a) {
        ZoneId tz = a.settings().timeZone();
        String title = "Community assessment: " + a.zoneName()
                + (a.period().label() != null ? ", " + a.period().label() : "");
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n")
                .append("<p class=\"muted\">").append(escape(zoneLine(a))).append(". Period ")
                .append(escape(DAY.format(a.period().from().atZone(tz)))).append(" to ")
                .append(escape(DAY.format(a.period().to().minusNanos(1).atZone(tz)))).append(" inclusive (")
                .append(escape(tz.getId())).append(")")
                .append(a.countedUntil().isBefore(a.period().to()) ? "; the period is still running: figures count up to "
                        + escape(MINUTE.format(a.countedUntil().atZone(tz))) : "").append(".</p>\n");
        summary(h, a);
        ranking(h, a);
        for (CommunityFigures c : a.communities()) {
            community(h, a, c);
        }
        definitions(h, a);
        h.append("<footer><p class=\"muted\">Generated ").append(escape(MINUTE.format(a.generatedAt().atZone(tz))))
                .append(" (").append(escape(a.generatedAt().toString())).append(") by Clearway.</p></footer>\n")
                .append("</body>\n</html>\n");
        return h.toString();
    }

    private static String zoneLine(Assessment a) {
        return a.zoneLevel().equals("city") ? "The whole city"
                : "Zone " + a.zoneId() + " (" + a.zoneLevel() + ")";
    }

    private static void summary(StringBuilder h, Assessment a) {
        List<CommunityFigures> cs = a.communities();
        long bins = cs.stream().mapToLong(CommunityFigures::bins).sum();
        double binDays = cs.stream().mapToDouble(CommunityFigures::binDays).sum();
        double overflow = cs.stream().mapToDouble(CommunityFigures::overflowBinHours).sum();
        long collected = cs.stream().mapToLong(CommunityFigures::pickupsCollected).sum();
        long verified = cs.stream().mapToLong(CommunityFigures::pickupsVerified).sum();
        long expected = cs.stream().mapToLong(CommunityFigures::expectedReports).sum();
        long observed = cs.stream().mapToLong(CommunityFigures::observedReports).sum();
        double volume = cs.stream().mapToDouble(CommunityFigures::totalVolumeL).sum();
        double recyclable = cs.stream().mapToDouble(c -> c.recyclableShare() == null ? 0 : c.recyclableShare() * c.totalVolumeL()).sum();
        long reports = cs.stream().mapToLong(CommunityFigures::citizenReports).sum();
        h.append("<h2>Summary</h2>\n<dl>\n");
        item(h, "Communities", Integer.toString(cs.size()));
        item(h, "Bins", Long.toString(bins));
        item(h, "Overflow bin-hours", Numbers.readable(overflow, 1, "0")
                + (binDays > 0 ? " (" + Numbers.readable(overflow / binDays * 1000, 1, "") + " per 1,000 bin-days)" : ""));
        item(h, "Pickups collected", collected + (collected > 0
                ? ", " + Numbers.percent((double) verified / collected, "") + " verified" : ""));
        item(h, "Sensor uptime", expected > 0 ? Numbers.percent((double) observed / expected, "") : "no bins");
        item(h, "Collected volume", Numbers.readable(volume, 0, "0") + " L"
                + (volume > 0 ? ", " + Numbers.percent(recyclable / volume, "") + " recyclable" : ""));
        item(h, "Citizen reports", Long.toString(reports));
        if (!cs.isEmpty() && cs.get(0).overflowPer1000BinDays() != null) {
            item(h, "Best community", cs.get(0).name() + " (" + cs.get(0).zoneId() + ")");
        }
        h.append("</dl>\n");
    }

    private static void ranking(StringBuilder h, Assessment a) {
        h.append("<h2>Ranking</h2>\n<p>Fewest overflow bin-hours per 1,000 bin-days first; ties by the shorter"
                + " median response time.</p>\n<table>\n<thead><tr><th>Rank</th><th>Community</th><th>Bins</th>"
                + "<th>Overflow h per 1,000 bin-days</th><th>Response median h</th><th>Response p90 h</th>"
                + "<th>Verified</th><th>Sensor uptime</th><th>Volume L</th><th>Recyclable</th><th>Reports</th></tr></thead>\n<tbody>\n");
        for (CommunityFigures c : a.communities()) {
            h.append("<tr><td>").append(c.rank()).append("</td><td><a href=\"#c-").append(escape(c.zoneId())).append("\">")
                    .append(escape(c.name())).append("</a></td><td>").append(c.bins()).append("</td><td>")
                    .append(Numbers.readable(c.overflowPer1000BinDays(), 1, "–")).append("</td><td>")
                    .append(Numbers.readable(c.responseMedianHours(), 1, "–")).append("</td><td>")
                    .append(Numbers.readable(c.responseP90Hours(), 1, "–")).append("</td><td>")
                    .append(escape(Numbers.percent(c.verifiedShare(), "–"))).append("</td><td>")
                    .append(escape(Numbers.percent(c.sensorUptime(), "–"))).append("</td><td>")
                    .append(Numbers.readable(c.totalVolumeL(), 0, "0")).append("</td><td>")
                    .append(escape(Numbers.percent(c.recyclableShare(), "–"))).append("</td><td>")
                    .append(c.citizenReports()).append("</td></tr>\n");
        }
        if (a.communities().isEmpty()) {
            h.append("<tr><td colspan=\"11\">No community in this zone.</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void community(StringBuilder h, Assessment a, CommunityFigures c) {
        h.append("<section id=\"c-").append(escape(c.zoneId())).append("\">\n<h2>").append(c.rank()).append(". ")
                .append(escape(c.name())).append(" <span class=\"muted\">(").append(escape(c.zoneId()))
                .append(")</span></h2>\n<dl>\n");
        item(h, "Bins", c.bins() + " (" + Numbers.readable(c.binDays(), 1, "0") + " bin-days)");
        item(h, "Overflow", Numbers.readable(c.overflowBinHours(), 1, "0") + " bin-hours, "
                + Numbers.readable(c.overflowPer1000BinDays(), 1, "–") + " per 1,000 bin-days");
        item(h, "Response time", c.responseMedianHours() == null ? "no collection in the period"
                : "median " + Numbers.readable(c.responseMedianHours(), 1, "") + " h, 90th percentile "
                + Numbers.readable(c.responseP90Hours(), 1, "") + " h");
        item(h, "Pickups verified", c.pickupsVerified() + " of " + c.pickupsCollected()
                + (c.verifiedShare() == null ? "" : " (" + Numbers.percent(c.verifiedShare(), "") + ")"));
        item(h, "Sensor uptime", c.sensorUptime() == null ? "no bins"
                : Numbers.percent(c.sensorUptime(), "") + " (" + c.observedReports() + " of " + c.expectedReports()
                + " intervals with a reading)");
        item(h, "Recyclable share", Numbers.percent(c.recyclableShare(), "nothing collected"));
        item(h, "Citizen reports", Long.toString(c.citizenReports()));
        h.append("</dl>\n<table>\n<thead><tr><th>Stream</th><th>Volume collected (L)</th></tr></thead>\n<tbody>\n");
        for (String stream : a.streams()) {
            h.append("<tr><td>").append(escape(stream)).append("</td><td>")
                    .append(Numbers.readable(c.volumeByStreamL().get(stream), 0, "0")).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void definitions(StringBuilder h, Assessment a) {
        AssessmentConfig s = a.settings();
        h.append("<h2>Definitions</h2>\n<dl>\n");
        item(h, "Community", "A zone of level community under the assessed zone; its bins are those registered in it.");
        item(h, "Bin-days", "The days each bin was registered and not retired within the period, summed over bins.");
        item(h, "Overflow bin-hours", "For every reading with a fill of " + Numbers.readable(s.overflowPct(), 1, "")
                + " % or more, the time until the bin's next reading, at most " + s.gapCap().toMinutes()
                + " minutes (a longer silence is not counted as overflow), within the period; summed over bins."
                + " Per 1,000 bin-days: divided by the bin-days, times 1,000.");
        item(h, "Response time", "For the jobs collected in the period: the time from the job's creation to its"
                + " collection. Median and 90th percentile (continuous), in hours.");
        item(h, "Pickups verified", "Of the jobs collected in the period, those whose emptying the bin's sensor"
                + " confirmed afterwards (job state verified): a drop of the fill, or, for a bin found at 40 % or"
                + " less (a round's bin on the way, too empty to show a drop), an empty bin after the visit"
                + " (verification emptied_low).");
        item(h, "Sensor uptime", "The share of expected reporting intervals (" + s.reportInterval().toMinutes()
                + " minutes each, counted from the start of the period, while the bin was registered) in which the"
                + " bin's sensor sent at least one reading.");
        item(h, "Collected volume", "The volume of the collections in the period, by waste stream, in litres.");
        item(h, "Recyclable share", "Collected volume of every stream except " + String.join(", ", s.residualStreams())
                + ", divided by all collected volume.");
        item(h, "Citizen reports", "Open311 reports tied to a bin of the community, made in the period.");
        item(h, "Ranking", "Overflow bin-hours per 1,000 bin-days, ascending; then median response time, ascending;"
                + " communities without bins last.");
        h.append("</dl>\n");
    }

    private static void item(StringBuilder h, String term, String value) {
        h.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }
}
