/**
 * The round/risk collection policy as a pure library (issue 12): when each group of trucks (a district and stream)
 * makes its rounds ({@link org.clearway.decisions.rounds.RoundDays}, fitted to the week's rhythm of waste by
 * {@link org.clearway.decisions.rounds.RoundFitter} from the bins' forecaster profiles,
 * {@link org.clearway.decisions.rounds.WasteRhythm}), and which bins a shift collects and why
 * ({@link org.clearway.decisions.rounds.RiskSelector}, with the knobs of
 * {@link org.clearway.decisions.rounds.RiskRules}). No database, no simulator: instants from the caller's clock,
 * working days and shift times as values the caller gives ({@link org.clearway.decisions.rounds.GroupDay}). The
 * policy lab ({@code lab.policy.ForecastRiskPolicy}) and the dispatch service drive the same classes.
 */
package org.clearway.decisions.rounds;
