package org.clearway.api.http;

import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The contract as the request validator sees it, with one schema validator per schema instead of one per request.
 * vertx-openapi 5.0.7 asks the contract's schema repository for a new validator for every parameter and body of every
 * request ({@code RequestValidatorImpl.validateParameter}), and each new one copies the repository's whole lookup
 * map: at 8 clients on {@code GET /jobs} that copy was 17 % of the API's CPU samples (JFR, docs/assessment.md "Read
 * benchmark, 2026-12-07 evening (per-request CPU)"). A validator holds only final fields and keeps no state
 * between validations, and the repository does not change once the contract is loaded, so the validator made for
 * a schema (the contract's parameters and bodies, the same objects for the contract's life) is kept and given again. Everything else is the
 * contract's and the repository's own answer.
 */
public final class CachedValidators {
    /** Schemas whose validators are kept at most: the contract has a few hundred; past it, new ones are made. */
    static final int MAX_KEPT = 4_096;

    private CachedValidators() {
    }

    /** The contract, its schema repository giving kept validators for {@code validator(JsonSchema)}. */
    public static OpenAPIContract of(OpenAPIContract contract) {
        SchemaRepository repository = cached(contract.getSchemaRepository());
        return proxy(OpenAPIContract.class, contract, (method, args) ->
                method.getName().equals("getSchemaRepository") && method.getParameterCount() == 0 ? repository : null);
    }

    static SchemaRepository cached(SchemaRepository repository) {
        Map<JsonSchema, Validator> kept = Collections.synchronizedMap(new IdentityHashMap<>());
        return proxy(SchemaRepository.class, repository, (method, args) -> {
            if (!method.getName().equals("validator") || method.getParameterCount() != 1
                    || !(args[0] instanceof JsonSchema schema)) {
                return null;
            }
            Validator v = kept.get(schema);
            if (v == null) {
                v = repository.validator(schema);
                if (kept.size() < MAX_KEPT) {
                    kept.put(schema, v);
                }
            }
            return v;
        });
    }

    /** An answer for some methods; null to let the target answer. */
    private interface Answer {
        Object answer(Method method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, T target, Answer override) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            Object answer = override.answer(method, args);
            if (answer != null) {
                return answer;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
