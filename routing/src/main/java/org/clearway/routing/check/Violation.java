package org.clearway.routing.check;

/**
 * One broken rule.
 *
 * @param vehicleId the route's truck, or null for solution-wide rules
 * @param subject   the stop, facility or depot concerned, or null
 */
public record Violation(ViolationKind kind, String vehicleId, String subject, String message) {

    @Override
    public String toString() {
        return kind + (vehicleId == null ? "" : " [" + vehicleId + "]") + (subject == null ? "" : " " + subject)
                + ": " + message;
    }
}
