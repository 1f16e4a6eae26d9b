package org.clearway.embedded;

import java.math.BigInteger;

/**
 * Device client certificates that change while the broker runs (issue 17): the launcher's view of the registry's
 * {@code device_certificates}. The broker's TLS listener has already checked that the certificate was signed by the
 * device CA and is valid now; this says whether the registry still knows it for that bin (issued, not revoked, the
 * bin in service).
 */
@FunctionalInterface
public interface DeviceCertificates {
    /** No such certificates: a certificate of the device CA alone lets nobody in. */
    DeviceCertificates NONE = (binId, serial) -> false;

    /** Whether the certificate with this serial number, whose common name is {@code binId}, may connect now. */
    boolean accepts(String binId, BigInteger serial);
}
