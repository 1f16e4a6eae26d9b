package org.clearway.embedded;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HiveMQ's CONNECT check (extension SDK {@link SimpleAuthenticator}): {@link BrokerAccounts} decides. */
final class AccountsAuthenticator implements SimpleAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(AccountsAuthenticator.class);

    private final BrokerAccounts accounts;

    AccountsAuthenticator(BrokerAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        Optional<byte[]> password = connect.getPassword().map(AccountsAuthenticator::bytes);
        switch (accounts.decide(connect.getClientId(), connect.getUserName(), password)) {
            case ACCEPT -> output.authenticateSuccessfully();
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

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
