package org.clearway.simulator;

import org.clearway.simulator.expect.Expectation;
import org.clearway.simulator.expect.ExpectedReading;
import org.clearway.simulator.expect.ExpectedRejection;
import org.clearway.simulator.expect.ReadingKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.clearway.core.contract.RejectReason;

/**
 * What the store must hold after the recorded publications were ingested, to compare a database
 * with. Thread-safe.
 *
 * <ul>
 *   <li>Valid readings are counted by key (bin, ts): a reading published again (a duplicate
 *       publication, or the same seed run twice) counts once, as the store keeps it once.</li>
 *   <li>Rejections are counted as the ingest keeps them: one row per (topic, SHA-256 of the
 *       payload, item index), however often that message arrived; {@link #rejectionOccurrences()}
 *       counts every arrival.</li>
 * </ul>
 */
public final class Ledger {
    private record RejectionKey(String topic, String sha256, int itemIndex) {
    }

    private final Set<ReadingKey> readingKeys = new HashSet<>();
    private final Map<ReadingKey, Double> fills = new HashMap<>();
    private final Map<RejectionKey, RejectReason> rejections = new HashMap<>();
    private final Map<RejectReason, Long> occurrences = new EnumMap<>(RejectReason.class);
    private long publications;
    private long duplicates;
    private long validReadingsSent;

    /** Adds one publication that reached the broker. */
    public synchronized void record(Publication p) {
        publications++;
        Expectation e = p.expectation();
        if (e.duplicate()) {
            duplicates++;
        }
        for (ExpectedReading r : e.valid()) {
            validReadingsSent++;
            readingKeys.add(r.key());
            fills.put(r.key(), r.fillPct());
        }
        if (!e.rejections().isEmpty()) {
            String sha = sha256(p.payload());
            for (ExpectedRejection r : e.rejections()) {
                rejections.put(new RejectionKey(p.topic(), sha, r.itemIndex()), r.reason());
                occurrences.merge(r.reason(), 1L, Long::sum);
            }
        }
    }

    public synchronized long publications() {
        return publications;
    }

    /** Publications that were exact repeats of an earlier one. */
    public synchronized long duplicates() {
        return duplicates;
    }

    /** Distinct (bin, ts) keys of valid readings: the rows {@code readings} must hold. */
    public synchronized int distinctValidReadings() {
        return readingKeys.size();
    }

    /** Valid readings sent, repeats included. */
    public synchronized long validReadingsSent() {
        return validReadingsSent;
    }

    public synchronized Set<ReadingKey> validReadingKeys() {
        return Set.copyOf(readingKeys);
    }

    /** The fill the store must hold for a key, if the key was published. */
    public synchronized OptionalDouble expectedFill(ReadingKey key) {
        Double fill = fills.get(key);
        return fill == null ? OptionalDouble.empty() : OptionalDouble.of(fill);
    }

    /** Distinct rejections by reason: the rows {@code rejected_messages} must hold. */
    public synchronized Map<RejectReason, Long> expectedRejections() {
        Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        rejections.values().forEach(r -> byReason.merge(r, 1L, Long::sum));
        return byReason;
    }

    /** Total distinct rejections. */
    public synchronized int distinctRejections() {
        return rejections.size();
    }

    /** Every rejection by reason, each arrival counted: the sum of {@code rejected_messages.occurrences}. */
    public synchronized Map<RejectReason, Long> rejectionOccurrences() {
        return new EnumMap<>(occurrences);
    }

    @Override
    public synchronized String toString() {
        return "Ledger[publications=" + publications + ", duplicates=" + duplicates + ", validReadings="
                + readingKeys.size() + ", rejections=" + expectedRejections() + "]";
    }

    static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
