package org.clearway.embedded;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ's CONNECT check (extension SDK {@link SimpleAuthenticator}): {@link BrokerAccounts} decides, by the client
 * certificate when the client presented one on the TLS listener (HiveMQ's {@code ClientTlsInformation}), else by
 * the username and password. A device or truck, whichever way it signed in, may use its own topics only
 * ({@link DevicePermissions}); the services' accounts are not limited.
 */
final class AccountsAuthenticator implements SimpleAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(AccountsAuthenticator.class);

    private final BrokerAccounts accounts;

    AccountsAuthenticator(BrokerAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        Optional<X509Certificate> certificate = input.getConnectionInformation().getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate);
        if (certificate.isPresent()) {
            onCertificate(connect, certificate.get(), output);
            return;
        }
        Optional<byte[]> password = connect.getPassword().map(AccountsAuthenticator::bytes);
        switch (accounts.decide(connect.getClientId(), connect.getUserName(), password)) {
            case ACCEPT -> {
                if (!accounts.allowsAnonymous() && !accounts.ownedByService(connect.getClientId())) {
                    // a device or truck by its password: its own topics only, like a certificate device
                    limitToOwnTopics(output.getDefaultPermissions(), connect.getClientId(), accounts.kind(connect.getClientId()));
                }
                output.authenticateSuccessfully();
            }
            case BAD_CREDENTIALS -> {
                LOG.warn("Refused client {} (user {}): bad user name or password", connect.getClientId(),
                        connect.getUserName().orElse("none"));
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            }
            case NOT_AUTHORIZED -> {
                LOG.warn("Refused client {} (user {}): that client id belongs to another account", connect.getClientId(),
                        connect.getUserName().orElse("none"));
                output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "client id not allowed for this account");
            }
        }
    }

    /**
     * A client certificate the TLS listener verified against the device CA (issue 17): its CN is the identity, and the
     * device may publish and subscribe under {@code bins/<CN>/} and {@code trucks/<CN>/} only (with or without one
     * topic prefix level, as {@code CLEARWAY_TOPIC_PREFIX}), nothing else.
     */
    private void onCertificate(ConnectPacket connect, X509Certificate certificate, SimpleAuthOutput output) {
        String commonName = CertificateIdentity.commonName(certificate).orElse(null);
        BrokerAccounts.Decision decision = accounts.decideCertificate(connect.getClientId(), connect.getUserName(),
                commonName, certificate.getSerialNumber());
        if (decision != BrokerAccounts.Decision.ACCEPT) {
            LOG.warn("Refused client {} (certificate CN {}, serial {}): not that identity, unknown or revoked",
                    connect.getClientId(), commonName, certificate.getSerialNumber().toString(16));
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "certificate not allowed for this client id");
            return;
        }
        if (!accounts.allowsAnonymous()) {
            limitToOwnTopics(output.getDefaultPermissions(), commonName, accounts.kind(commonName));
        }
        output.authenticateSuccessfully();
    }

    /** A device's or truck's own topics ({@link DevicePermissions}), nothing else. */
    private static void limitToOwnTopics(ModifiableDefaultPermissions permissions, String identity,
                                         DevicePermissions.Kind kind) {
        for (DevicePermissions.Permission p : DevicePermissions.of(identity, kind)) {
            permissions.add(Builders.topicPermission().topicFilter(p.topicFilter())
                    .type(p.allowed() ? TopicPermission.PermissionType.ALLOW : TopicPermission.PermissionType.DENY)
                    .activity(p.activity()).build());
        }
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
