package org.clearway.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 17: devices from the registry ({@link DeviceLogins}) beside the fixed accounts. */
class BrokerAccountsTest {
    private final BrokerAccounts accounts = BrokerAccounts.of(
            List.of(new BrokerAccounts.Service("clearway-launcher", "launcher-secret", List.of("clearway-"))), Map.of())
            .withRegistry((user, password) -> user.equals("bin-a")
                    && new String(password, StandardCharsets.UTF_8).equals("registry-secret"));

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
