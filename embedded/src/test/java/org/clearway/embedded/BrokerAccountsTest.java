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

    @Test
    void aTruckTheRegistryManagesIsDecidedByTheRegistryAloneAndGetsATrucksTopicsOnly() {
        DeviceLogins registry = new DeviceLogins() {
            @Override
            public boolean accepts(String username, byte[] password) {
                return username.equals("truck-1") && new String(password, StandardCharsets.UTF_8).equals("its-own");
            }

            @Override
            public boolean manages(String username) {
                return username.equals("truck-1");
            }
        };
        BrokerAccounts fixed = BrokerAccounts.of(List.of(new BrokerAccounts.Service("clearway-launcher", "launcher-secret",
                List.of("clearway-"))), Map.of("truck-1", "run-password", "truck-2", "run-password"));
        BrokerAccounts trucks = fixed.withRegistry(registry).withTrucks(id -> id.startsWith("truck-"));
        assertThat(trucks.decide("truck-1", Optional.of("truck-1"), Optional.of("run-password".getBytes(StandardCharsets.UTF_8))))
                .as("the run's password no longer, once the registry manages the truck").isEqualTo(BrokerAccounts.Decision.BAD_CREDENTIALS);
        assertThat(trucks.decide("truck-1", Optional.of("truck-1"), Optional.of("its-own".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(BrokerAccounts.Decision.ACCEPT);
        assertThat(trucks.decide("truck-2", Optional.of("truck-2"), Optional.of("run-password".getBytes(StandardCharsets.UTF_8))))
                .as("a truck the registry does not manage keeps the run's").isEqualTo(BrokerAccounts.Decision.ACCEPT);

        assertThat(trucks.kind("truck-1")).isEqualTo(DevicePermissions.Kind.TRUCK);
        assertThat(trucks.kind("bin-a")).isEqualTo(DevicePermissions.Kind.BIN);
        assertThat(fixed.kind("truck-1")).as("not told").isEqualTo(DevicePermissions.Kind.UNKNOWN);
        assertThat(DevicePermissions.of("truck-1", DevicePermissions.Kind.TRUCK)).extracting(p -> p.topicFilter() + " " + p.activity())
                .containsExactlyInAnyOrder("trucks/truck-1/position PUBLISH", "trucks/truck-1/updates PUBLISH",
                        "trucks/truck-1/route SUBSCRIBE", "trucks/truck-1/replies SUBSCRIBE",
                        "+/trucks/truck-1/position PUBLISH", "+/trucks/truck-1/updates PUBLISH",
                        "+/trucks/truck-1/route SUBSCRIBE", "+/trucks/truck-1/replies SUBSCRIBE");
        assertThat(DevicePermissions.of("bin-a", DevicePermissions.Kind.BIN))
                .extracting(p -> p.topicFilter() + " " + p.activity() + (p.allowed() ? "" : " DENY"))
                .containsExactly("bins/bin-a/decoded PUBLISH DENY", "bins/bin-a/# ALL",
                        "+/bins/bin-a/decoded PUBLISH DENY", "+/bins/bin-a/# ALL");
    }
}
