package org.clearway.api.resources;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.Params;
import org.clearway.api.security.Principal;

/**
 * The arguments of a list query in the token's scope, newest first by id, bound in the order of its SQL: the scope,
 * optional filters (each {@code (?::text IS NULL OR col = ?::text)}, so bound twice), an optional time range, the id
 * cursor and the limit. {@link #page} runs it and returns one page.
 */
final class ListQuery {
    /** Bound for an absent {@code from}: before any row. */
    static final Instant MIN_TIME = Instant.parse("1970-01-01T00:00:00Z");
    /** Bound for an absent {@code to}: after any row. */
    static final Instant MAX_TIME = Instant.parse("9999-01-01T00:00:00Z");

    private final Params params;
    private final List<Object> args;

    private ListQuery(Principal principal, Params params) {
        this.params = params;
        this.args = Scope.args(principal);
    }

    /** A list in the principal's scope, its filters taken from the request's parameters. */
    static ListQuery scoped(Principal principal, Params params) {
        return new ListQuery(principal, params);
    }

    /** Binds each named filter parameter twice (null when absent), for {@code (?::text IS NULL OR ... = ?::text)}. */
    ListQuery filters(String... names) {
        for (String name : names) {
            String value = params.string(name);
            args.add(value);
            args.add(value);
        }
        return this;
    }

    /** Binds values as they are. */
    ListQuery bind(Object... values) {
        args.addAll(Arrays.asList(values));
        return this;
    }

    /**
     * Binds {@code from} and {@code to} for {@code t >= ? AND t < ?}, open ends when absent.
     *
     * @throws ApiException 400 {@code bad_range} when both are given and from is not before to
     */
    ListQuery timeRange() {
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        Params.requireBefore(from, to);
        return timeRange(from, to);
    }

    /** Binds {@code from} and {@code to} as {@link #timeRange()} does, but lets an empty range find nothing. */
    ListQuery timeRangeUnchecked() {
        return timeRange(params.instant("from"), params.instant("to"));
    }

    private ListQuery timeRange(Instant from, Instant to) {
        args.add(from == null ? MIN_TIME : from);
        args.add(to == null ? MAX_TIME : to);
        return this;
    }

    /** Binds the id cursor ({@link #idCursor}) and the limit + 1, runs the query and returns the page. */
    JsonObject page(DataSource dataSource, String sql, Db.RowMapper<JsonObject> mapper) throws SQLException {
        int limit = params.limit();
        args.add(idCursor(params.string("cursor")));
        args.add(limit + 1);
        return Page.of(Db.query(dataSource, sql, args, mapper), limit, item -> Long.toString(item.getLong("id")));
    }

    /** A keyset cursor of ids, newest first: the last id of the previous page. */
    static long idCursor(String text) {
        if (text == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("bad_cursor", "cursor is not one this API gave");
        }
    }
}
