package org.clearway.api.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Takes a request apart for the contract's validator like vertx-openapi's body-handler extractor, with each query
 * value decoded once. vertx-openapi 5.0.7 URL-decodes the query values that Vert.x has decoded already
 * ({@code RequestUtils.extractQuery}), so {@code zone=%25} (the zone "%") failed with "Can't decode URL value" and
 * {@code %2B} (a "+") became a space. Here the library reads the query from a view of the request whose values are
 * encoded again, so its decoding gives back exactly what Vert.x decoded; everything else (path parameters, decoded
 * once from the raw path, and the body) is the library's own work. Only scalar query parameters are supported,
 * which the constructor checks against the contract.
 */
public final class QueryOnce implements RequestExtractor {
    private static final Set<SchemaType> SCALARS = Set.of(SchemaType.STRING, SchemaType.INTEGER, SchemaType.NUMBER,
            SchemaType.BOOLEAN);

    /** @throws IllegalStateException when an operation has a query parameter that is not a scalar */
    public QueryOnce(OpenAPIContract contract) {
        for (Path path : contract.getPaths()) {
            for (Operation operation : path.getOperations()) {
                for (Parameter parameter : operation.getParameters()) {
                    if (parameter.getIn() == Location.QUERY && !SCALARS.contains(parameter.getSchemaType())) {
                        // Arrays and objects are split by the library's styles; the contract has none in the query.
                        throw new IllegalStateException("query parameter " + parameter.getName() + " of "
                                + operation.getOperationId() + " is not a scalar: QueryOnce handles scalars only");
                    }
                }
            }
        }
    }

    @Override
    public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
        return RequestUtils.extract(encodedQuery(ctx.request()), operation,
                () -> Future.succeededFuture(ctx.body().buffer()));
    }

    /** The request, but {@code params()} gives each decoded query value URL-encoded again. */
    static HttpServerRequest encodedQuery(HttpServerRequest request) {
        MultiMap encoded = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> e : request.params()) {
            encoded.add(e.getKey(), URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return (HttpServerRequest) Proxy.newProxyInstance(HttpServerRequest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("params") && method.getParameterCount() == 0) {
                        return encoded;
                    }
                    try {
                        return method.invoke(request, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
