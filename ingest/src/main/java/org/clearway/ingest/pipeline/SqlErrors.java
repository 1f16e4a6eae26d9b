package org.clearway.ingest.pipeline;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Sorts database errors into "ours and passing" (retry the batch) and "the data's" (split it). */
final class SqlErrors {
    /** PostgreSQL: no partition of the readings table covers the row's measured time. */
    static final String NO_PARTITION = "23514";

    private SqlErrors() {
    }

    /** Connection lost, database starting or shutting down, deadlock, out of resources: try again later. */
    static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null || state.length() < 2) {
            return true;
        }
        return switch (state.substring(0, 2)) {
            case "08", "40", "53", "54", "55", "57", "58", "XX" -> true;
            // Schema missing or not migrated: no batch can be stored, so none may be acknowledged.
            case "42", "3F", "3D", "28" -> true;
            default -> false;
        };
    }

    static boolean isMissingPartition(SQLException e) {
        return NO_PARTITION.equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("no partition");
    }
}
