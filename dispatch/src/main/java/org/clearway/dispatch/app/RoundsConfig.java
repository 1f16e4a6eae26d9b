package org.clearway.dispatch.app;

import java.time.Duration;

import org.clearway.core.config.Env;
import org.clearway.decisions.rounds.RiskRules;
import org.clearway.dispatch.rounds.RoundsSettings;

/**
 * The rounds policy's knobs ({@code CLEARWAY_DISPATCH_POLICY=rounds}), each an environment variable whose default is
 * the lab's ({@link RiskRules#DEFAULTS}, the {@code PolicyEvaluation} option named beside it; docs/policy.md "In the
 * service"):
 *
 * <ul>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_EVERY}: how often (city clock) the leader selects the shift's bins again,
 *       default {@code 15m}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_DAYS} ({@code --rounds}): {@code weekdays} fits a group's round days to the
 *       week's rhythm of its stream, {@code cycle} keeps them evenly spaced; default {@code weekdays}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_REFIT_AFTER}: a fit is redone this long after the last one, default
 *       {@code 7d}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_GAP_QUANTILE} ({@code --gap-quantile}): a stream gets the fewest rounds a
 *       week whose longest gap holds no more waste than this quantile of its bins' mean days to full, default
 *       {@code 0.05}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_FIRST_FIT_FLOOR} ({@code --first-fit-floor}): a group's first fit gets no
 *       fewer rounds a week than a flat week would, default {@code false}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_APART_DAYS} ({@code --round-every}): working days between two evenly spaced
 *       rounds; {@code 0} (default): a stream's median days to full over the divisor</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_DIVISOR} ({@code --round-divisor}): that divisor, default {@code 3}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_RISK_QUANTILE} ({@code --risk-quantile}): the estimate of "full" that puts a
 *       bin at risk, {@code p10} (default) or {@code p50}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_RISK_MARGIN} ({@code --risk-margin-hours}): the risk horizon reaches this far
 *       beyond the end of the next round's shift, default {@code 0h}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_AHEAD} ({@code --ahead-rounds}): a passed-by bin also goes along when it
 *       would be at risk within this many further rounds, default {@code 0}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_OPPORTUNISTIC_PCT} ({@code --opportunistic-pct}): a passed-by bin at least
 *       this full goes along, default {@code 40}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_NEAR_M} ({@code --near-m}): "passes by" within this street-grid distance,
 *       default {@code 300}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_SECTORS} ({@code --sectors}): {@code grid} (default), {@code community}
 *       or {@code none}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_SECTOR_M} ({@code --sector-m}): side of a grid sector, default
 *       {@code 1000}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_SECTOR_MIN_RISK} ({@code --sector-min-risk}): default {@code 1}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_URGENT_MIN} ({@code --urgent-min}): between rounds a truck goes out only for
 *       at least this many urgent bins of its district and stream, default {@code 1}</li>
 *   <li>{@code CLEARWAY_DISPATCH_ROUNDS_URGENT_HOURS} ({@code --urgent-hours}): ... and only when they would stand
 *       full at least this many bin-hours in all before the next round, default {@code 120}</li>
 * </ul>
 */
public final class RoundsConfig {

    private RoundsConfig() {
    }

    public static RoundsSettings from(Env env) {
        RiskRules d = RiskRules.DEFAULTS;
        RiskRules rules = new RiskRules(
                env.decimal("CLEARWAY_DISPATCH_ROUNDS_OPPORTUNISTIC_PCT", d.opportunisticPct(), 0, 100),
                env.decimal("CLEARWAY_DISPATCH_ROUNDS_NEAR_M", d.nearM(), 0, 100_000),
                env.integer("CLEARWAY_DISPATCH_ROUNDS_APART_DAYS", d.roundEvery(), 0, 6),
                env.choice("CLEARWAY_DISPATCH_ROUNDS_SECTORS", d.sectors(), RiskRules.Sectors.class),
                env.decimal("CLEARWAY_DISPATCH_ROUNDS_SECTOR_M", d.sectorM(), 1, 100_000),
                env.integer("CLEARWAY_DISPATCH_ROUNDS_AHEAD", d.aheadRounds(), 0, 10),
                env.choice("CLEARWAY_DISPATCH_ROUNDS_RISK_QUANTILE", d.riskQuantile(), RiskRules.RiskQuantile.class),
                env.integer("CLEARWAY_DISPATCH_ROUNDS_SECTOR_MIN_RISK", d.sectorMinAtRisk(), 1, 10_000),
                env.integer("CLEARWAY_DISPATCH_ROUNDS_URGENT_MIN", d.urgentMin(), 1, 100_000),
                env.decimal("CLEARWAY_DISPATCH_ROUNDS_URGENT_HOURS", d.urgentHours(), 0, 1_000_000),
                env.decimal("CLEARWAY_DISPATCH_ROUNDS_DIVISOR", d.roundDivisor(), 1, 100),
                hours(env.duration("CLEARWAY_DISPATCH_ROUNDS_RISK_MARGIN",
                        Duration.ofSeconds(Math.round(d.riskMarginHours() * 3600)))),
                env.choice("CLEARWAY_DISPATCH_ROUNDS_DAYS", d.rounds(), RiskRules.Rounds.class),
                env.decimal("CLEARWAY_DISPATCH_ROUNDS_GAP_QUANTILE", d.gapQuantile(), 0.001, 0.999),
                env.bool("CLEARWAY_DISPATCH_ROUNDS_FIRST_FIT_FLOOR", d.firstFitFloor()));
        return new RoundsSettings(
                PositiveDurations.of(env, "CLEARWAY_DISPATCH_ROUNDS_EVERY", Duration.ofMinutes(15)),
                PositiveDurations.of(env, "CLEARWAY_DISPATCH_ROUNDS_REFIT_AFTER", RoundsSettings.REFIT_AFTER),
                rules);
    }

    private static double hours(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("Environment variable CLEARWAY_DISPATCH_ROUNDS_RISK_MARGIN='" + d
                    + "' is not valid: set it to a duration of at least 0 such as 0h or 6h, or unset it for 0h.");
        }
        return d.toMillis() / 3_600_000.0;
    }

}
