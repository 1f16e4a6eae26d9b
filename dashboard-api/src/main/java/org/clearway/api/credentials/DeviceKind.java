package org.clearway.api.credentials;

/**
 * Whose broker credentials (issue 17): a bin's sensor (V18's {@code device_credentials}, bounded by the token's zone)
 * or a truck (V23's {@code truck_credentials}; trucks are city-wide, so only a city-wide admin manages them). Both
 * share {@code device_certificates} (one serial space, one CRL) and {@code credential_events}, keyed by the column
 * named here; the answers name the device by {@link #idField()}.
 */
public enum DeviceKind {
    BIN("bin", "binId", "device_credentials", "bin_id"),
    TRUCK("truck", "truckId", "truck_credentials", "truck_id");

    private final String noun;
    private final String idField;
    private final String table;
    private final String column;

    DeviceKind(String noun, String idField, String table, String column) {
        this.noun = noun;
        this.idField = idField;
        this.table = table;
        this.column = column;
    }

    /** "bin" or "truck", for messages. */
    public String noun() {
        return noun;
    }

    /** The JSON field and CSV column of the device's id: {@code binId} or {@code truckId}. */
    public String idField() {
        return idField;
    }

    /** A {@link CredentialStore} statement for this kind: {@code %1$s} is its credentials table, {@code %2$s} its key. */
    String sql(String template) {
        return template.formatted(table, column);
    }
}
