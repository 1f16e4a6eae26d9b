package org.clearway.simulator.city;

import java.util.List;

/**
 * What {@link BinRegistry#register} did.
 *
 * @param zonesInserted zones that were new
 * @param binsInserted  bins that were new
 * @param mismatched    ids of bins that were already registered with another zone, stream, depth or
 *                      sensor offset than the simulation's: their readings would not convert as
 *                      the simulation expects
 */
public record RegistrationResult(int zonesInserted, int binsInserted, List<String> mismatched) {
    public RegistrationResult {
        mismatched = List.copyOf(mismatched);
    }
}
