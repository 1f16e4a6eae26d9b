package org.clearway.deploy;

/** A password given to one device, to be written into its sensor; the broker keeps only its hash. */
public record IssuedCredential(String binId, String password) {
    @Override
    public String toString() {
        return "IssuedCredential[" + binId + "]";
    }
}
