package org.clearway.api.credentials;

import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the device CRL in force (issue 17): the API, which owns the device CA's key and signs the CRL at every
 * revocation, also checks every {@code CLEARWAY_DEVICE_CRL_CHECK_SECONDS} whether it is due and signs it again before
 * its next update passes ({@link CredentialCommands#renewCrlIfDue}); the brokers then load the new one with their
 * credential files. A failed check is logged and tried again at the next one.
 */
public final class CrlRenewal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrlRenewal.class);

    private final Vertx vertx;
    private final long timer;

    private CrlRenewal(Vertx vertx, long timer) {
        this.vertx = vertx;
        this.timer = timer;
    }

    /** Checks now (on a worker thread), then every {@code every}. */
    public static CrlRenewal start(Vertx vertx, CredentialCommands commands, Duration every) {
        long timer = vertx.setPeriodic(1, Math.max(1, every.toMillis()),
                id -> vertx.executeBlocking(() -> renew(commands, every), false));
        return new CrlRenewal(vertx, timer);
    }

    /** One check; whether the CRL was signed again. */
    static boolean renew(CredentialCommands commands, Duration every) {
        try {
            return commands.renewCrlIfDue().map(crl -> {
                LOG.info("Device CRL signed again before it runs out: number {}, {} revoked, next update {}",
                        crl.getLong("crlNumber"), crl.getInteger("revoked"), crl.getString("nextUpdate"));
                return true;
            }).orElse(false);
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.warn("Could not check or renew the device CRL; trying again in {}", every, e);
            return false;
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
