package org.clearway.lab.policy;

import java.time.Instant;

import org.clearway.simulator.city.City;

/**
 * A bin a policy wants emptied in the coming shift.
 *
 * @param bin       index of the bin in {@link City#bins()}
 * @param decidedAt when the policy decided that the bin needs a collection (the job's creation), or null when the
 *                  bin is collected without a job: by the calendar, or on the way
 */
public record Selection(int bin, Instant decidedAt) {
}
