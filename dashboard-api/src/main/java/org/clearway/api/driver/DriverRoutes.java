package org.clearway.api.driver;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.Consumer;
import org.clearway.api.console.WebJars;

/**
 * The driver app's routes on the API's root router, outside the OpenAPI contract (issue 15, docs/driver.md). The app
 * holds no API token: it talks to the broker only, over MQTT on WebSockets, with the truck's own credentials.
 *
 * <ul>
 *   <li>{@code GET /driver}: to {@code /driver/};</li>
 *   <li>{@code GET /driver/...}: its page, ES modules, style sheet, web app manifest and service worker;</li>
 *   <li>{@code GET /driver/config.json}: the broker's WebSocket URL and the topic prefix ({@link DriverConfig});</li>
 *   <li>{@code GET /driver/lib/paho/...}: Eclipse Paho's JavaScript MQTT client from its WebJar;</li>
 *   <li>{@code POST /driver/photos}: a photo taken at a stop, with the truck's photo key ({@link PhotoUploads}).</li>
 * </ul>
 */
public final class DriverRoutes implements Consumer<Router> {
    static final String ROOT = "driver";

    private final DriverConfig config;
    private final PhotoUploads photos;
    private final String securityPolicy;

    public DriverRoutes(DriverConfig config, javax.sql.DataSource dataSource, java.time.Clock clock,
                        org.clearway.api.http.ApiMetrics metrics) {
        this.config = config;
        this.photos = new PhotoUploads(config, new PhotoStore(dataSource), clock, metrics);
        // The broker the app may reach: the configured one, else any WebSocket URL the driver types.
        String broker = config.mqttUrl().isEmpty() ? "ws: wss:" : DriverConfig.origin(config.mqttUrl());
        this.securityPolicy = "default-src 'self'; script-src 'self'; connect-src 'self' " + broker
                + "; img-src 'self' data:; style-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none';"
                + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    }

    @Override
    public void accept(Router root) {
        Handler<RoutingContext> headers = this::securityHeaders;
        root.getWithRegex("^/driver$").handler(ctx -> ctx.redirect("/driver/"));
        root.get("/driver/config.json").handler(headers).handler(this::configuration);
        photos.mount(root, headers);
        root.get("/driver/lib/paho/*").handler(headers)
                .handler(StaticHandler.create(WebJars.root("org.webjars.npm", "paho-mqtt")));
        // no-cache: the service worker and the browser revalidate, so a new version reaches the cab when it is online.
        root.get("/driver/*").handler(headers).handler(ctx -> {
            ctx.response().putHeader("Cache-Control", "no-cache");
            ctx.next();
        }).handler(StaticHandler.create(ROOT).setIndexPage("index.html").setCachingEnabled(false));
    }

    private void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", securityPolicy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    private void configuration(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache")
                .end(new JsonObject().put("mqttUrl", config.mqttUrl()).put("topicPrefix", config.topicPrefix())
                .put("photos", config.photoKeys().enabled()).put("photoMaxBytes", config.photoMaxBytes()).encode());
    }
}
