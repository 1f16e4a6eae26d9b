package org.clearway.dispatch.pipeline;

import java.sql.Connection;
import java.sql.SQLException;

import org.clearway.core.mqtt.InboundMessage;

/** Handles the messages of one of the leader's subscriptions. */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one message on the leader's session (auto-commit off) and commits its work; on an exception the
     * caller rolls back and {@link Failures} decides what follows.
     *
     * @return what to do once the work is committed, before the message is acknowledged (publications); it must not
     *         throw, and never touches the database
     */
    Runnable handle(Connection c, InboundMessage message) throws SQLException;

    /** A subscription of the leader and its handler. */
    record Route(String filter, MessageHandler handler) {
    }
}
