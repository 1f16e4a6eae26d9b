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

    /**
     * Whether the registry manages {@code username}'s credentials (it has a row for that device, whatever its state):
     * then it alone decides, over any fixed password the broker was also given for that name.
     */
    default boolean manages(String username) {
        return false;
    }
}
