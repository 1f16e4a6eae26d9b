package org.clearway.embedded;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may connect to the embedded broker, and with which client ids, so that nobody can take over another
 * client's MQTT session (issue 11: a sensor with a service's client id threw the service off the broker, and with a
 * clean start made the broker drop the service's queued QoS 1 messages). HiveMQ, like every MQTT broker, keeps one
 * session per client id, so the id is bound to the account:
 * <ul>
 *   <li>a <em>service</em> account may use the client ids that start with one of its prefixes (ingest's replicas,
 *       dispatch's {@code <id>} and {@code <id>-out}), and no other account may use them;</li>
 *   <li>a <em>device</em> account (a sensor or a truck) may use one client id: its username;</li>
 *   <li>a device with a client certificate of the device CA (issue 17, the TLS listener) is the certificate's common
 *       name: its client id (and username, if it gives one) must be that name, and the registry must know the
 *       certificate ({@link #withCertificates});</li>
 *   <li>anyone else is refused: a client id reserved to a service without that service's credentials with
 *       CONNACK "not authorized", as is a known account with a client id that is not its own; other unknown
 *       users and wrong passwords with "bad user name or password".</li>
 * </ul>
 * {@link #anonymous()} lets every client in with any id: only for the tests' broker on the loopback interface.
 */
public final class BrokerAccounts {
    /** A service account and the prefixes of the client ids reserved to it. */
    public record Service(String username, String password, List<String> clientIdPrefixes) {
        public Service {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            clientIdPrefixes = List.copyOf(clientIdPrefixes);
            if (clientIdPrefixes.isEmpty() || clientIdPrefixes.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("Service account " + username + " needs non-empty client id prefixes");
            }
        }

        boolean owns(String clientId) {
            return clientIdPrefixes.stream().anyMatch(clientId::startsWith);
        }

        @Override
        public String toString() {
            return "Service[" + username + ", client ids " + clientIdPrefixes + "*]";
        }
    }

    /** Registry devices never have a service's name space (as DeviceCredentials refuses such ids). */
    private static final String RESERVED = "clearway-";

    /** What the broker answers a CONNECT. */
    public enum Decision { ACCEPT, BAD_CREDENTIALS, NOT_AUTHORIZED }

    private final boolean anonymous;
    private final List<Service> services;
    private final Map<String, String> devices;
    private final DeviceLogins registry;
    private final DeviceCertificates certificates;
    /** Which device ids are trucks; null when the broker was not told (every device keeps bin and truck topics). */
    private final Predicate<String> trucks;

    private BrokerAccounts(boolean anonymous, List<Service> services, Map<String, String> devices, DeviceLogins registry,
                           DeviceCertificates certificates, Predicate<String> trucks) {
        this.anonymous = anonymous;
        this.services = List.copyOf(services);
        this.devices = Map.copyOf(devices);
        this.registry = registry;
        this.certificates = certificates;
        this.trucks = trucks;
    }

    /** Every client, with or without credentials, with any client id: the tests' loopback broker only. */
    public static BrokerAccounts anonymous() {
        return new BrokerAccounts(true, List.of(), Map.of(), DeviceLogins.NONE, DeviceCertificates.NONE, null);
    }

    /**
     * These service accounts and device accounts (username to password) and nobody else. A device's username
     * may be neither a service's username nor start with a service's client id prefix.
     */
    public static BrokerAccounts of(List<Service> services, Map<String, String> devices) {
        for (String device : devices.keySet()) {
            for (Service service : services) {
                if (device.equals(service.username()) || service.owns(device)) {
                    throw new IllegalArgumentException("Device " + device + " would take the client id or name of "
                            + service + ": rename the device");
                }
            }
        }
        return new BrokerAccounts(false, services, devices, DeviceLogins.NONE, DeviceCertificates.NONE, null);
    }

    /**
     * These accounts, and the devices that {@code registry} lets in (issue 17: credentials issued and revoked while
     * the broker runs); a device of the fixed map is decided by the map.
     */
    public BrokerAccounts withRegistry(DeviceLogins registry) {
        if (anonymous) {
            throw new IllegalStateException("an anonymous broker has no accounts to add to");
        }
        return new BrokerAccounts(false, services, devices, registry, certificates, trucks);
    }

    /**
     * These accounts, where the device ids {@code trucks} accepts are trucks (issue 17): a truck may publish its own
     * position and updates and read its own route and replies only, any other device its own bin's topics only
     * ({@link DevicePermissions}).
     */
    public BrokerAccounts withTrucks(Predicate<String> trucks) {
        if (anonymous) {
            throw new IllegalStateException("an anonymous broker has no accounts to add to");
        }
        return new BrokerAccounts(false, services, devices, registry, certificates, Objects.requireNonNull(trucks));
    }

    /** What kind of device {@code deviceId} is, for its topics. */
    DevicePermissions.Kind kind(String deviceId) {
        return trucks == null ? DevicePermissions.Kind.UNKNOWN
                : trucks.test(deviceId) ? DevicePermissions.Kind.TRUCK : DevicePermissions.Kind.BIN;
    }

    /**
     * These accounts, and the devices whose client certificate (of the device CA the TLS listener trusts)
     * {@code certificates} lets in: the certificate's common name is the device's identity (issue 17).
     */
    public BrokerAccounts withCertificates(DeviceCertificates certificates) {
        if (anonymous) {
            throw new IllegalStateException("an anonymous broker has no accounts to add to");
        }
        return new BrokerAccounts(false, services, devices, registry, certificates, trucks);
    }

    /**
     * The answer to a CONNECT that presented a client certificate the TLS listener verified (issue 17): its common name
     * {@code commonName} is the device's identity, so the client id must be it, and the username too when one is given;
     * the registry must know the certificate (not revoked). A service's name space is never a device's.
     */
    public Decision decideCertificate(String clientId, Optional<String> username, String commonName, BigInteger serial) {
        if (anonymous) {
            return Decision.ACCEPT;
        }
        if (commonName == null || commonName.isEmpty() || commonName.startsWith(RESERVED)
                || commonName.chars().anyMatch(c -> c == '/' || c == '+' || c == '#')
                || services.stream().anyMatch(s -> s.owns(commonName) || s.owns(clientId))) {
            return Decision.NOT_AUTHORIZED;
        }
        if (!clientId.equals(commonName) || username.filter(u -> !u.equals(commonName)).isPresent()) {
            return Decision.NOT_AUTHORIZED;
        }
        return certificates.accepts(commonName, serial) ? Decision.ACCEPT : Decision.NOT_AUTHORIZED;
    }

    public boolean allowsAnonymous() {
        return anonymous;
    }

    /** Whether the client id is in a service's name space (the services' accounts have no topic limits). */
    public boolean ownedByService(String clientId) {
        return services.stream().anyMatch(s -> s.owns(clientId));
    }

    /** The answer to a CONNECT with this client id and these credentials. */
    public Decision decide(String clientId, Optional<String> username, Optional<byte[]> password) {
        if (anonymous) {
            return Decision.ACCEPT;
        }
        Optional<Service> owner = services.stream().filter(s -> s.owns(clientId)).findFirst();
        if (owner.isPresent()) {
            Service service = owner.get();
            return username.filter(service.username()::equals).isPresent()
                    && password.filter(p -> matches(service.password(), p)).isPresent()
                    ? Decision.ACCEPT : Decision.NOT_AUTHORIZED;
        }
        if (username.isEmpty() || password.isEmpty()) {
            return Decision.BAD_CREDENTIALS;
        }
        String user = username.get();
        Optional<Service> serviceUser = services.stream().filter(s -> s.username().equals(user)).findFirst();
        if (serviceUser.isPresent()) {
            return matches(serviceUser.get().password(), password.get()) ? Decision.NOT_AUTHORIZED : Decision.BAD_CREDENTIALS;
        }
        // A device the registry manages (issue 17: issued, rotated, revoked through the API) is decided by the registry
        // alone, even if the fixed map has it too (the one-command run's trucks): a revocation then holds.
        String devicePassword = registry.manages(user) ? null : devices.get(user);
        boolean known = devicePassword != null ? matches(devicePassword, password.get())
                : !user.startsWith(RESERVED) && registry.accepts(user, password.get());
        if (!known) {
            return Decision.BAD_CREDENTIALS;
        }
        return clientId.equals(user) ? Decision.ACCEPT : Decision.NOT_AUTHORIZED;
    }

    private static boolean matches(String expected, byte[] given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given);
    }

    @Override
    public String toString() {
        return anonymous ? "BrokerAccounts[anonymous]" : "BrokerAccounts[" + services + ", " + devices.size() + " devices]";
    }
}
