package org.clearway.api.app;

import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.Env;
import org.clearway.api.assessment.AssessmentConfig;
import org.clearway.api.console.ConsoleConfig;
import org.clearway.api.credentials.CredentialsConfig;
import org.clearway.api.driver.DriverConfig;
import org.clearway.api.ngsi.NgsiPushConfig;
import org.clearway.api.open311.Open311Config;
import org.clearway.api.report.ReportConfig;
import org.clearway.api.security.TokenRegistry;

/**
 * The dashboard API's settings, all from the environment.
 *
 * <ul>
 *   <li>{@code CLEARWAY_API_HOST}, {@code CLEARWAY_API_PORT}: where it listens, default {@code 0.0.0.0}, {@code 8082}</li>
 *   <li>{@code CLEARWAY_API_TOKENS}: {@code <sha256 hex of the token>=<role>:<zone id or *>}, comma-separated
 *       (see {@link TokenRegistry}); without it every request is refused with 401</li>
 *   <li>{@code CLEARWAY_API_RATE}: requests per second per token, default 20</li>
 *   <li>{@code CLEARWAY_API_BURST}: requests a token may make at once, default 60</li>
 *   <li>{@code CLEARWAY_API_MIGRATE}: apply the schema migrations at start, default true</li>
 *   <li>{@code CLEARWAY_DB_*}: the database, as for every service ({@link DatabaseConfig})</li>
 *   <li>{@code CLEARWAY_OPEN311_*}: the public Open311 endpoints ({@link Open311Config})</li>
 *   <li>{@code CLEARWAY_ASSESSMENT_*}: the community assessment ({@link AssessmentConfig})</li>
 *   <li>the operations' and live streams' settings ({@link OperationsConfig})</li>
 *   <li>{@code CLEARWAY_API_TILE_URL} and the console's sign-in settings ({@link ConsoleConfig})</li>
 *   <li>{@code CLEARWAY_API_QUERY_TIMEOUT}, {@code CLEARWAY_API_REPORT_*}: what reads may cost ({@link ReadBudgets})</li>
 *   <li>{@code CLEARWAY_API_REPORT_SHARE_*}: the officer's report's share links ({@link ReportConfig})</li>
 *   <li>{@code CLEARWAY_DRIVER_MQTT_URL}: the driver app's broker ({@link DriverConfig})</li>
 *   <li>{@code CLEARWAY_DEVICE_*}: the device CA and credentials ({@link CredentialsConfig})</li>
 *   <li>{@code CLEARWAY_NGSI_*}: pushing WasteContainer entities to an NGSI-LD context broker ({@link NgsiPushConfig})</li>
 * </ul>
 */
public record ApiConfig(String host, int port, TokenRegistry tokens, int ratePerSecond, int burst, boolean migrate,
                        DatabaseConfig database, Open311Config open311, AssessmentConfig assessment,
                        OperationsConfig operations, ConsoleConfig console, ReadBudgets budgets, ReportConfig report,
                        DriverConfig driver, CredentialsConfig credentials, NgsiPushConfig ngsiPush) {
    public static final String TOKENS = "CLEARWAY_API_TOKENS";

    public static ApiConfig from(Env env) {
        TokenRegistry tokens;
        try {
            tokens = TokenRegistry.parse(env.string(TOKENS, ""));
        } catch (IllegalArgumentException e) {
            // Never echo the value: it holds token hashes.
            throw new IllegalArgumentException("Environment variable " + TOKENS + " is not valid: " + e.getMessage()
                    + "; set it to <sha256 hex>=<viewer|operator|dispatcher|admin>:<zone id or *>, comma-separated.");
        }
        return new ApiConfig(
                env.string("CLEARWAY_API_HOST", "0.0.0.0"),
                env.integer("CLEARWAY_API_PORT", 8082, 0, 65535),
                tokens,
                env.integer("CLEARWAY_API_RATE", 20, 1, 100_000),
                env.integer("CLEARWAY_API_BURST", 60, 1, 1_000_000),
                env.bool("CLEARWAY_API_MIGRATE", true),
                DatabaseConfig.from(env),
                Open311Config.from(env),
                AssessmentConfig.from(env),
                OperationsConfig.from(env),
                ConsoleConfig.from(env),
                ReadBudgets.from(env),
                ReportConfig.from(env),
                DriverConfig.from(env),
                CredentialsConfig.from(env),
                NgsiPushConfig.from(env));
    }
}
