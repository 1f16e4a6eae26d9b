package org.clearway.embedded;

/**
 * Device accounts that change while the broker runs (issue 17): the launcher's view of the registry's device
 * credentials. A device's client id is its username, as for {@link BrokerAccounts}' fixed devices.
 */
@FunctionalInterface
public interface DeviceLogins {
    /** No such devices. */
    DeviceLogins NONE = (username, password) -> false;

    /** Whether {@code username} (a bin id) may connect with {@code password} now. */
    boolean accepts(String username, byte[] password);
}
