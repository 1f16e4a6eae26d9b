package org.clearway.api.resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.security.Principal;
import org.clearway.core.time.DbClock;

/**
 * Registers bins from CSV: a header naming the columns (any order; id, zoneId, stream, volumeL,
 * depthMm, lat, lon required; sensorOffsetMm and thresholdPct optional; deviceId, deviceModel and
 * deviceSource together, optional: the bin's device; deviceToken optional, {@value #ISSUE_TOKEN} to issue that
 * device a token for ingest's HTTP source, returned once in the line's report), then one bin per line,
 * comma-separated without quoting. Each line is validated and inserted on its own (a bad line
 * does not stop the others) and reported as created or with the reason it was refused.
 */
public final class BinImport {
    static final int MAX_LINES = 5000;
    static final List<String> REQUIRED = List.of("id", "zoneId", "stream", "volumeL", "depthMm", "lat", "lon");
    static final List<String> OPTIONAL = List.of("sensorOffsetMm", "thresholdPct", "deviceId", "deviceModel", "deviceSource",
            "deviceToken");
    /** The {@code deviceToken} cell that issues the device a token for ingest's HTTP source, in the line's report. */
    static final String ISSUE_TOKEN = "issue";
    static final List<String> DEVICE = List.of("deviceId", "deviceModel", "deviceSource");
    private static final Pattern BIN_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final Pattern ZONE_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    private static final Pattern STREAM = Pattern.compile("^[a-z][a-z0-9_]{0,31}$");

    private final DataSource dataSource;
    private final Clock clock;

    /** @param clock when an imported device's assignment starts ({@link DbClock}) */
    public BinImport(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = DbClock.of(clock);
    }

    public JsonObject run(Principal principal, String csv) throws SQLException {
        String[] lines = csv.split("\r?\n", -1);
        Map<String, Integer> columns = header(lines[0]);
        if (lines.length - 1 > MAX_LINES) {
            throw ApiException.badRequest("too_many_lines", "at most " + MAX_LINES + " lines per import");
        }
        JsonArray report = new JsonArray();
        int created = 0;
        int failed = 0;
        try (Connection c = dataSource.getConnection()) {
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] cells = lines[i].split(",", -1);
                JsonObject entry = new JsonObject().put("line", i + 1);
                try {
                    NewBin bin = parse(cells, columns);
                    entry.put("id", bin.id());
                    NewDevice device = device(cells, columns);
                    String token = insert(c, principal, bin, device, issueToken(cells, columns, device));
                    entry.put("status", "created");
                    if (token != null) {
                        entry.put("deviceToken", token);
                    }
                    created++;
                } catch (ApiException e) {
                    entry.put("status", "error").put("code", e.code()).put("message", e.getMessage());
                    failed++;
                } catch (SQLException e) {
                    ApiException mapped = org.clearway.api.http.ErrorMapper.fromSql(e);
                    if (mapped.status() >= 500) {
                        throw e;
                    }
                    entry.put("status", "error").put("code", mapped.code()).put("message", mapped.getMessage());
                    failed++;
                }
                report.add(entry);
            }
        }
        return new JsonObject().put("created", created).put("failed", failed).put("lines", report);
    }

    /**
     * The bin, and its device (and its token) if the line names one, in one transaction: all or nothing.
     *
     * @return the device's new token, or null
     */
    private String insert(Connection c, Principal principal, NewBin bin, NewDevice device, boolean token)
            throws SQLException {
        if (device == null) {
            BinCommands.insert(c, principal, bin);
            return null;
        }
        c.setAutoCommit(false);
        try {
            BinCommands.insert(c, principal, bin);
            DeviceCommands.assign(c, principal, bin.id(), device, clock.instant());
            String issued = token ? DeviceTokenCommands.issue(c, principal, bin.id(), clock.instant()).getString("token")
                    : null;
            c.commit();
            return issued;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static boolean issueToken(String[] cells, Map<String, Integer> columns, NewDevice device) {
        String value = cell(cells, columns, "deviceToken");
        if (value.isEmpty()) {
            return false;
        }
        if (!value.equals(ISSUE_TOKEN) || device == null) {
            throw ApiException.badRequest("invalid_value", "deviceToken is '" + ISSUE_TOKEN
                    + "' (with a device on the line) or empty, got '" + value + "'");
        }
        return true;
    }

    static NewDevice device(String[] cells, Map<String, Integer> columns) {
        String id = cell(cells, columns, "deviceId");
        if (id.isEmpty()) {
            return null;
        }
        return NewDevice.of(id, cell(cells, columns, "deviceModel"), cell(cells, columns, "deviceSource"));
    }

    static Map<String, Integer> header(String line) {
        Map<String, Integer> columns = new HashMap<>();
        String[] names = line.replace("\uFEFF", "").split(",", -1);
        for (int i = 0; i < names.length; i++) {
            String name = names[i].trim();
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                throw ApiException.badRequest("bad_header", "unknown or protected column '" + name + "'; columns are "
                        + String.join(",", REQUIRED) + "," + String.join(",", OPTIONAL));
            }
            if (columns.put(name, i) != null) {
                throw ApiException.badRequest("bad_header", "column " + name + " appears twice");
            }
        }
        for (String name : REQUIRED) {
            if (!columns.containsKey(name)) {
                throw ApiException.badRequest("bad_header", "column " + name + " is missing");
            }
        }
        long deviceColumns = DEVICE.stream().filter(columns::containsKey).count();
        if (deviceColumns != 0 && deviceColumns != DEVICE.size()) {
            throw ApiException.badRequest("bad_header", "columns " + String.join(",", DEVICE) + " go together");
        }
        return columns;
    }

    static NewBin parse(String[] cells, Map<String, Integer> columns) {
        String id = matching(cell(cells, columns, "id"), BIN_ID, "id");
        String zone = matching(cell(cells, columns, "zoneId"), ZONE_ID, "zoneId");
        String stream = matching(cell(cells, columns, "stream"), STREAM, "stream");
        double volume = number(cells, columns, "volumeL", 0, 100000, true);
        int depth = (int) integer(cells, columns, "depthMm", 1, 10000);
        String offsetText = cell(cells, columns, "sensorOffsetMm");
        int offset = offsetText.isEmpty() ? 0 : (int) integer(cells, columns, "sensorOffsetMm", 0, 10000);
        double lat = number(cells, columns, "lat", -90, 90, false);
        double lon = number(cells, columns, "lon", -180, 180, false);
        String thresholdText = cell(cells, columns, "thresholdPct");
        Double threshold = thresholdText.isEmpty() ? null : number(cells, columns, "thresholdPct", 0, 100, true);
        return new NewBin(id, zone, stream, volume, depth, offset, lat, lon, threshold);
    }

    private static String cell(String[] cells, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null || index >= cells.length ? "" : cells[index].trim();
    }

    private static String matching(String value, Pattern pattern, String name) {
        if (!pattern.matcher(value).matches()) {
            throw ApiException.badRequest("invalid_value", name + " '" + value + "' is not valid");
        }
        return value;
    }

    private static double number(String[] cells, Map<String, Integer> columns, String name, double min, double max,
                                 boolean exclusiveMin) {
        String text = cell(cells, columns, name);
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_value", name + " '" + text + "' is not a number");
        }
        if (!Double.isFinite(value) || value > max || (exclusiveMin ? value <= min : value < min)) {
            throw ApiException.badRequest("invalid_value", name + " " + text + " is out of range");
        }
        return value;
    }

    private static long integer(String[] cells, Map<String, Integer> columns, String name, long min, long max) {
        String text = cell(cells, columns, name);
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_value", name + " '" + text + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw ApiException.badRequest("invalid_value", name + " " + text + " is out of range");
        }
        return value;
    }
}
