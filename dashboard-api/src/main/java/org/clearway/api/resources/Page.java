package org.clearway.api.resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/** One page of a list: the items and the cursor of the next page (null on the last page). */
final class Page {
    private Page() {
    }

    /**
     * @param rows   up to limit + 1 rows: one more than the page means there is a next page
     * @param cursor the cursor an item gives for the page after it
     */
    static JsonObject of(List<JsonObject> rows, int limit, Function<JsonObject, String> cursor) {
        boolean more = rows.size() > limit;
        List<JsonObject> items = more ? rows.subList(0, limit) : rows;
        return new JsonObject()
                .put("items", new JsonArray(new java.util.ArrayList<Object>(items)))
                .put("nextCursor", more ? cursor.apply(items.get(items.size() - 1)) : null);
    }
}
