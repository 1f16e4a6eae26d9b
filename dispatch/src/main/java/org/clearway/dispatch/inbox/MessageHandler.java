package org.clearway.dispatch.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.clearway.core.mqtt.InboundMessage;

/** Handles the messages of one of the leader's subscriptions. */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one message on the leader's session (auto-commit off). A handler of a route that does not join batches
     * commits its own work; one that joins batches ({@link Route#joinsBatch()}) never commits nor rolls back: the
     * leader commits the batch. On an exception the caller rolls back (the whole transaction, or the message's
     * savepoint in a batch) and {@link Failures} decides what follows.
     *
     * @return what to do once the work is committed, before the message is acknowledged (publications, counts); it
     *         must not throw, and never touches the database
     */
    Runnable handle(Connection c, InboundMessage message) throws SQLException;

    /**
     * Called before a batch of this route's messages, in the batch's transaction: may read ahead in a few queries
     * what the messages will need. A failure here only costs the read-ahead.
     */
    default void prepare(Connection c, List<InboundMessage> messages) throws SQLException {
    }

    /**
     * Called just before a batch-joining route's transaction commits: writes what the handler kept for the end of the
     * batch. On an exception the transaction is rolled back and its messages are handled again one by one.
     */
    default void beforeCommit(Connection c) throws SQLException {
    }

    /**
     * A subscription of the leader and its handler.
     *
     * @param joinsBatch whether the handler leaves its work to the leader's batch transaction (see {@link #handle})
     */
    record Route(String filter, MessageHandler handler, boolean joinsBatch) {

        /** A route whose handler commits each message itself. */
        public Route(String filter, MessageHandler handler) {
            this(filter, handler, false);
        }
    }
}
