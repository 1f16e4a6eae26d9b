package org.clearway.api.credentials;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.ErrorMapper;
import org.clearway.api.resources.Tx;
import org.clearway.api.security.Principal;

/**
 * Credentials for many bins or trucks from CSV (issue 17): the header {@code binId,action} (or {@code truckId,action}
 * for trucks, V23), then one line per device, where the
 * action is {@code password} (issue or rotate), {@code certificate}, {@code revoke-password},
 * {@code revoke-certificate} or {@code revoke} (the device). Each line runs in its own transaction, as the API's
 * single calls do, so a bad line stops nothing else; the report gives each line's outcome, with the new password or
 * certificate and key: the only copy.
 */
public final class CredentialImport {
    static final int MAX_LINES = 5000;
    static final List<String> ACTIONS = List.of("password", "certificate", "revoke-password", "revoke-certificate", "revoke");

    private final DataSource dataSource;
    private final CredentialCommands commands;

    public CredentialImport(DataSource dataSource, CredentialCommands commands) {
        this.dataSource = dataSource;
        this.commands = commands;
    }

    public JsonObject run(Principal principal, String csv) throws SQLException {
        String[] lines = csv.split("\r?\n", -1);
        List<String> header = List.of(lines[0].strip().split("\\s*,\\s*", -1));
        CredentialCommands commands = header.equals(List.of("truckId", "action")) ? this.commands.forTrucks()
                : this.commands;
        if (!header.equals(List.of(commands.kind().idField(), "action"))) {
            throw ApiException.badRequest("bad_header", "the header must be binId,action or truckId,action, not '"
                    + lines[0].strip() + "'");
        }
        if (lines.length - 1 > MAX_LINES) {
            throw ApiException.badRequest("too_many_lines", "at most " + MAX_LINES + " lines per import");
        }
        JsonArray report = new JsonArray();
        int done = 0;
        int failed = 0;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",", -1);
            JsonObject entry = new JsonObject().put("line", i + 1);
            try {
                if (cells.length != 2) {
                    throw ApiException.badRequest("bad_line", "expected " + commands.kind().idField() + ",action");
                }
                String binId = cells[0].strip();
                String action = cells[1].strip().toLowerCase(Locale.ROOT);
                entry.put(commands.kind().idField(), binId).put("action", action);
                entry.put("result", apply(commands, principal, binId, action));
                entry.put("status", "done");
                done++;
            } catch (ApiException e) {
                entry.put("status", "error").put("code", e.code()).put("message", e.getMessage());
                failed++;
            } catch (SQLException e) {
                ApiException mapped = ErrorMapper.fromSql(e);
                if (mapped.status() >= 500) {
                    throw e;
                }
                entry.put("status", "error").put("code", mapped.code()).put("message", mapped.getMessage());
                failed++;
            }
            report.add(entry);
        }
        return new JsonObject().put("done", done).put("failed", failed).put("lines", report);
    }

    private JsonObject apply(CredentialCommands commands, Principal principal, String binId, String action)
            throws SQLException {
        if (!ACTIONS.contains(action)) {
            throw ApiException.badRequest("unknown_action", "action '" + action + "' is not one of " + ACTIONS);
        }
        return Tx.run(dataSource, c -> switch (action) {
            case "password" -> commands.issuePassword(c, principal, binId);
            case "certificate" -> commands.issueCertificate(c, principal, binId);
            case "revoke-password" -> commands.revokePassword(c, principal, binId);
            case "revoke-certificate" -> commands.revokeCertificates(c, principal, binId);
            default -> commands.revoke(c, principal, binId);
        });
    }
}
