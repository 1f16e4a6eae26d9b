package org.clearway.decisions.rounds;

/**
 * The knobs of the round/risk policy ({@link RiskSelector}, {@link RoundFitter}), with the lab's names (its
 * {@code PolicyEvaluation} options map to them one to one).
 *
 * @param opportunisticPct a bin at least this full is taken along when its group's truck passes by (rule 3)
 * @param nearM            "passes by": within this street-grid distance of a bin selected as at risk or urgent
 * @param roundEvery       working days between two rounds of a group; 0: per stream, see {@link #roundEvery(double)}
 * @param sectors          how a district is split into sectors; a bin also goes along when its sector is visited
 * @param sectorM          side of a grid sector, metres (with {@link Sectors#GRID})
 * @param aheadRounds      a bin of a visited sector (or near a selected bin) also goes along, whatever its level,
 *                         when it would be at risk within this many further rounds; 0: off
 * @param riskQuantile     the estimate of "full" that decides "at risk" (rule 1): P10, one chance in ten of being
 *                         full earlier, or P50, the median
 * @param sectorMinAtRisk  on a round day, the bins at risk of a sector are collected only when the sector has at
 *                         least this many, or one of them is likely (P50) full before the next round ends; the
 *                         others wait, the urgent rule still watches them. 1: every bin at risk is collected
 * @param urgentMin        between rounds, a group's truck goes out only for at least this many urgent bins; the
 *                         others wait for the round. 1: every urgent bin sends the truck
 * @param urgentHours      between rounds, a group's truck goes out only when its urgent bins would stand full, by
 *                         their median forecast, at least this many bin-hours in all before the next round starts.
 *                         0: any urgent bin sends the truck
 * @param roundDivisor     with {@code roundEvery} 0, a stream's rounds are its median days to full divided by this
 *                         apart (working days, rounded down, at least 2)
 * @param riskMarginHours  rule 1 looks this many hours beyond the end of the next round's shift: a bin is at risk
 *                         when its early estimate of "full" is before then (a margin for forecasts that run late,
 *                         such as weekend peaks the hour-of-week profile has not learnt yet)
 * @param rounds           how a group's round days are chosen (with {@code roundEvery} 0): {@link Rounds#WEEKDAYS}
 *                         fits them to the week's rhythm of waste, {@link Rounds#CYCLE} spaces them evenly
 * @param gapQuantile      with {@link Rounds#WEEKDAYS}, a stream gets the fewest rounds a week whose longest gap holds
 *                         no more expected waste than this quantile of its bins' mean days to full (0.05: the fixed
 *                         calendar's own sizing rule, {@link RoundFitter#COVERED_QUANTILE})
 */
public record RiskRules(double opportunisticPct, double nearM, int roundEvery, Sectors sectors, double sectorM,
                        int aheadRounds, RiskQuantile riskQuantile, int sectorMinAtRisk,
                        int urgentMin, double urgentHours, double roundDivisor, double riskMarginHours,
                        Rounds rounds, double gapQuantile) {

    /** Rules with evenly spaced rounds, {@code roundDivisor} apart with {@code roundEvery} 0. */
    public RiskRules(double opportunisticPct, double nearM, int roundEvery, Sectors sectors, double sectorM,
                     int aheadRounds, RiskQuantile riskQuantile, int sectorMinAtRisk, int urgentMin, double urgentHours,
                     double roundDivisor, double riskMarginHours) {
        this(opportunisticPct, nearM, roundEvery, sectors, sectorM, aheadRounds, riskQuantile, sectorMinAtRisk,
                urgentMin, urgentHours, roundDivisor, riskMarginHours, Rounds.CYCLE, RoundFitter.COVERED_QUANTILE);
    }

    /** Rules with evenly spaced rounds a third of a stream's median days to full apart (with {@code roundEvery} 0), no margin. */
    public RiskRules(double opportunisticPct, double nearM, int roundEvery, Sectors sectors, double sectorM,
                     int aheadRounds, RiskQuantile riskQuantile, int sectorMinAtRisk, int urgentMin, double urgentHours) {
        this(opportunisticPct, nearM, roundEvery, sectors, sectorM, aheadRounds, riskQuantile, sectorMinAtRisk,
                urgentMin, urgentHours, 3, 0);
    }

    /** How a group's round days are chosen. */
    public enum Rounds {
        /**
         * on the weekdays that fit the week's rhythm of waste, learnt from the sensors ({@link RoundDays}); evenly
         * spaced ({@link #CYCLE}) until a week has been seen
         */
        WEEKDAYS,
        /** every {@code roundEvery} working days (or a stream's median days to full over {@code roundDivisor}) */
        CYCLE
    }

    /** Which estimate of "full" decides that a bin is at risk. */
    public enum RiskQuantile {
        /** the early estimate: one chance in ten of being full earlier */
        P10,
        /** the median estimate */
        P50
    }

    /** How a district is split into sectors for rule 3. */
    public enum Sectors {
        /** no sectors: only the distance rule */
        NONE,
        /** a sector is a community (a cluster of streets) */
        COMMUNITY,
        /** a sector is a square of the city's grid, {@code sectorM} on a side */
        GRID
    }

    /**
     * The rules of the first evaluation: rounds every 2 working days, a bin at least 60 % full within 300 m of a
     * selected bin goes along, any urgent bin sends a truck between rounds.
     */
    public static final RiskRules BASIC = new RiskRules(60, 300, 2, Sectors.NONE, 1000, 0, RiskQuantile.P10, 1, 1, 0);

    /**
     * The default rules: round days fitted to the week's rhythm of each stream (the calendar's sizing rule, see
     * {@link Rounds#WEEKDAYS}), a visited 1 km grid sector gives up every bin at least 40 % full (and those within
     * 300 m), and a truck goes out between rounds only when its urgent bins would stand full at least 120 bin-hours
     * (five bins a whole day) before the next round.
     */
    public static final RiskRules DEFAULTS = new RiskRules(40, 300, 0, Sectors.GRID, 1000, 0, RiskQuantile.P10, 1, 1, 120,
            3, 0, Rounds.WEEKDAYS, RoundFitter.COVERED_QUANTILE);

    public RiskRules {
        if (roundEvery < 0) {
            throw new IllegalArgumentException("a group's rounds must be at least 1 working day apart (0: per stream), got "
                    + roundEvery);
        }
        if (!(nearM >= 0) || !(sectorM > 0) || aheadRounds < 0 || sectorMinAtRisk < 1 || urgentMin < 1
                || !(urgentHours >= 0)) {
            throw new IllegalArgumentException("near distance and ahead rounds must be at least 0, the sector size "
                    + "positive, the minimum bins at risk or urgent at least 1 and the urgent hours at least 0, got " + nearM + " m, " + aheadRounds + ", "
                    + sectorM + " m, " + sectorMinAtRisk + ", " + urgentMin + ", " + urgentHours);
        }
        if (!(riskMarginHours >= 0)) {
            throw new IllegalArgumentException("the risk margin must be at least 0 hours, got " + riskMarginHours);
        }
        if (!(roundDivisor >= 1)) {
            throw new IllegalArgumentException("the round divisor must be at least 1 (rounds at most a median days to "
                    + "full apart), got " + roundDivisor);
        }
        if (sectors == null || riskQuantile == null || rounds == null) {
            throw new IllegalArgumentException("sectors (NONE, COMMUNITY or GRID), the risk quantile (P10 or P50) "
                    + "and the rounds (WEEKDAYS or CYCLE) must be given");
        }
        if (!(gapQuantile > 0 && gapQuantile < 1)) {
            throw new IllegalArgumentException("the quantile of bins' days to full that sizes the rounds must be "
                    + "between 0 and 1, got " + gapQuantile);
        }
    }

    /**
     * Working days between two rounds of a stream's trucks: {@code roundEvery}, or with 0 one third of the stream's
     * median days to full, at least 2 (residual 2, recyclable 3, kitchen 2, glass 4 working days).
     */
    public int roundEvery(double medianDaysToFull) {
        return roundEvery > 0 ? roundEvery : Math.max(2, (int) Math.floor(medianDaysToFull / roundDivisor));
    }

    public RiskRules withRounds(Rounds newRounds) {
        return new RiskRules(opportunisticPct, nearM, roundEvery, sectors, sectorM, aheadRounds, riskQuantile, sectorMinAtRisk, urgentMin, urgentHours,
                roundDivisor, riskMarginHours, newRounds, gapQuantile);
    }

    /** Whether round days follow the week's rhythm: {@link Rounds#WEEKDAYS} and no fixed {@code roundEvery}. */
    public boolean weekdayRounds() {
        return rounds == Rounds.WEEKDAYS && roundEvery == 0;
    }

    /**
     * The sector of a bin standing {@code x} metres east and {@code y} north of the city's origin in the given
     * community: the community, or its grid square; -1 without sectors.
     */
    public long sector(int community, double x, double y) {
        return switch (sectors) {
            case NONE -> -1;
            case COMMUNITY -> community;
            case GRID -> (long) Math.floor(x / sectorM) * 1_000_000L + (long) Math.floor(y / sectorM);
        };
    }

    public RiskRules withRoundEvery(int rounds) {
        return new RiskRules(opportunisticPct, nearM, rounds, sectors, sectorM, aheadRounds, riskQuantile, sectorMinAtRisk, urgentMin, urgentHours,
                roundDivisor, riskMarginHours, this.rounds, gapQuantile);
    }
}
