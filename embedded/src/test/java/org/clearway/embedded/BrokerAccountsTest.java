package org.clearway.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 17: devices from the registry ({@link DeviceLogins}, {@link DeviceCertificates}) beside the fixed accounts. */
class BrokerAccountsTest {
    private final BrokerAccounts accounts = BrokerAccounts.of(
            List.of(new BrokerAccounts.Service("clearway-launcher", "launcher-secret", List.of("clearway-"))), Map.of())
            .withRegistry((user, password) -> user.equals("bin-a")
                    && new String(password, StandardCharsets.UTF_8).equals("registry-secret"))
            .withCertificates((bin, serial) -> bin.equals("bin-a") && serial.equals(BigInteger.TEN));

    private BrokerAccounts.Decision certificate(String clientId, String user, String commonName, long serial) {
        return accounts.decideCertificate(clientId, Optional.ofNullable(user), commonName, BigInteger.valueOf(serial));
    }

    @Test
    void aCertificateDeviceIsItsCommonNameAndNeedsTheRegistrysCertificate() {
        assertThat(certificate("bin-a", null, "bin-a", 10)).isEqualTo(BrokerAccounts.Decision.ACCEPT);
        assertThat(certificate("bin-a", "bin-a", "bin-a", 10)).isEqualTo(BrokerAccounts.Decision.ACCEPT);
        assertThat(certificate("bin-b", null, "bin-a", 10)).as("another client id").isEqualTo(BrokerAccounts.Decision.NOT_AUTHORIZED);
        assertThat(certificate("bin-a", "bin-b", "bin-a", 10)).as("another username").isEqualTo(BrokerAccounts.Decision.NOT_AUTHORIZED);
        assertThat(certificate("bin-a", null, "bin-a", 11)).as("not in the registry (revoked)").isEqualTo(BrokerAccounts.Decision.NOT_AUTHORIZED);
        assertThat(certificate("clearway-x", null, "clearway-x", 10)).as("a service's name space").isEqualTo(BrokerAccounts.Decision.NOT_AUTHORIZED);
        assertThat(certificate("bin/#", null, "bin/#", 10)).as("topic wildcards").isEqualTo(BrokerAccounts.Decision.NOT_AUTHORIZED);
    }

    private BrokerAccounts.Decision decide(String clientId, String user, String password) {
        return accounts.decide(clientId, Optional.of(user), Optional.of(password.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRegistryDeviceConnectsWithItsPasswordAndItsOwnClientIdOnly() {
        assertThat(decide("bin-a", "bin-a", "registry-secret")).isEqualTo(BrokerAccounts.Decision.ACCEPT);
        assertThat(decide("bin-a", "bin-a", "wrong")).isEqualTo(BrokerAccounts.Decision.BAD_CREDENTIALS);
        assertThat(decide("bin-b", "bin-a", "registry-secret")).isEqualTo(BrokerAccounts.Decision.NOT_AUTHORIZED);
        assertThat(decide("clearway-ingest", "bin-a", "registry-secret")).as("a service's client id")
                .isEqualTo(BrokerAccounts.Decision.NOT_AUTHORIZED);
        assertThat(decide("clearway-ingest", "clearway-launcher", "launcher-secret")).isEqualTo(BrokerAccounts.Decision.ACCEPT);
    }
}
