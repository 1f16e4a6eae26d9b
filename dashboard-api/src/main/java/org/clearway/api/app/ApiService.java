package org.clearway.api.app;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import org.clearway.api.assessment.AssessmentApi;
import org.clearway.api.assessment.AssessmentQueries;
import org.clearway.api.console.ConsoleRoutes;
import org.clearway.api.console.ConsoleSessions;
import org.clearway.api.http.ApiMetrics;
import org.clearway.api.routes.ApiRouter;
import org.clearway.api.routes.OperationsRoutes;
import org.clearway.api.routes.CredentialsRoutes;
import org.clearway.api.credentials.CredentialCommands;
import org.clearway.api.credentials.CredentialImport;
import org.clearway.api.live.LiveEvents;
import org.clearway.api.live.StreamLimits;
import org.clearway.api.ngsi.ContextBrokerPush;
import org.clearway.api.ngsi.NgsiRoutes;
import org.clearway.api.ngsi.WasteContainerQueries;
import org.clearway.api.open311.Open311Api;
import org.clearway.api.report.ReportData;
import org.clearway.api.report.ReportRoutes;
import org.clearway.api.report.ShareLinks;
import org.clearway.api.resources.AlarmCommands;
import org.clearway.api.resources.AlarmQueries;
import org.clearway.api.resources.ChangeFeed;
import org.clearway.api.resources.FleetQueries;
import org.clearway.api.resources.JobCommands;
import org.clearway.api.resources.JobQueries;
import org.clearway.api.resources.BinCommands;
import org.clearway.api.resources.BinImport;
import org.clearway.api.resources.BinQueries;
import org.clearway.api.resources.ReadingQueries;
import org.clearway.api.resources.RejectedQueries;
import org.clearway.api.resources.RouteQueries;
import org.clearway.api.resources.PlanRequests;
import org.clearway.api.resources.RoundQueries;
import org.clearway.api.resources.ZoneQueries;
import org.clearway.api.assessment.SharedAssessments;
import org.clearway.api.security.RateLimiter;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.db.Databases;
import org.clearway.core.db.Migrations;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.core.time.DbClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dashboard API: a connection pool, the router, the HTTP server. */
public final class ApiService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiService.class);

    private final ApiConfig config;
    private final ApiTls tls;
    private final DbClock clock;
    private final Vertx vertx;
    private final ApiMetrics metrics;
    private HikariDataSource pool;
    private HikariDataSource reportPool;
    private io.vertx.core.WorkerExecutor reportWorkers;
    private HttpServer server;
    private ContextBrokerPush ngsiPush;
    /** Issue 17: signs the device CRL again before it runs out; null without a device CA. */
    private org.clearway.api.credentials.CrlRenewal crlRenewal;

    public ApiService(ApiConfig config, Clock clock, Vertx vertx) {
        this(config, clock, vertx, MetricsRegistry.prometheus("api"));
    }

    public ApiService(ApiConfig config, Clock clock, Vertx vertx, PrometheusMeterRegistry registry) {
        this(config, ApiTls.NONE, clock, vertx, registry);
    }

    /** An API that serves HTTPS (and HSTS) when {@code tls} is enabled. */
    public ApiService(ApiConfig config, ApiTls tls, Clock clock, Vertx vertx) {
        this(config, tls, clock, vertx, MetricsRegistry.prometheus("api"));
    }

    public ApiService(ApiConfig config, ApiTls tls, Clock clock, Vertx vertx, PrometheusMeterRegistry registry) {
        this.config = config;
        this.tls = tls;
        this.clock = DbClock.of(clock);
        this.vertx = vertx;
        this.metrics = new ApiMetrics(registry);
    }

    /** Starts and returns the port it listens on (useful with port 0). */
    public int start() {
        if (config.migrate()) {
            // Without the API's statement timeout: a migration's backfill may take minutes on a city in the field.
            try (HikariDataSource migrating = Databases.pool(config.database(), "clearway-api-migrate")) {
                Migrations.apply(migrating, currentSchema(config.database().url()), config.database().readingsRetention());
            }
        }
        ReadBudgets budgets = config.budgets();
        DatabaseConfig db = config.database();
        pool = Databases.pool(new DatabaseConfig(ReadBudgets.withStatementTimeout(db.url(), budgets.queryTimeout()),
                db.user(), db.password(), db.poolSize(), db.readingsRetention(), db.rejectedRetention()), "clearway-api");
        reportPool = Databases.pool(new DatabaseConfig(ReadBudgets.withStatementTimeout(db.url(), budgets.reportTimeout()),
                db.user(), db.password(), budgets.reportPoolSize(), db.readingsRetention(), db.rejectedRetention()),
                "clearway-api-reports");
        reportWorkers = vertx.createSharedWorkerExecutor("clearway-api-reports", budgets.reportPoolSize());
        var assessments = new AssessmentQueries(reportPool, clock, config.assessment());
        var resources = new ApiRouter.Resources(
                new ZoneQueries(pool, budgets.zonesMaxAge(), clock.realTimeClock()), new BinQueries(pool, budgets.mapMaxAge(), clock), new BinCommands(pool, clock),
                new BinImport(pool, clock), new ReadingQueries(pool, clock), new RejectedQueries(pool),
                new Open311Api(pool, clock, config.open311()),
                new AssessmentApi(assessments, reportWorkers, budgets.reportQueue(),
                        new SharedAssessments(clock.realTimeClock(), budgets.assessmentMaxAge())), operations(), credentials(),
                new NgsiRoutes(vertx, new WasteContainerQueries(pool)));
        if (config.ngsiPush().enabled()) {
            ngsiPush = new ContextBrokerPush(vertx, new WasteContainerQueries(pool), config.ngsiPush(), metrics);
        }
        var limiter = new RateLimiter(clock.realTimeClock(), config.ratePerSecond(), config.burst());
        var console = config.console();
        // Sessions expire in real time, like the rate limits, whatever the city clock's speed.
        var sessions = new ConsoleSessions(clock.realTimeClock(), console.sessionTtl(), console.maxSessions());
        var consolePages = new ConsoleRoutes(console, sessions, config.tokens(), limiter);
        // The officer's report (docs/report.md); share links expire in real time, like sign-in sessions.
        var reportPages = new ReportRoutes(new ReportData(assessments, reportPool), new ShareLinks(
                config.report().shareSecret(), clock.realTimeClock(), config.report().shareTtl()), pool, sessions::lookup,
                config.tokens(), limiter, reportWorkers, budgets.reportQueue(), ConsoleRoutes.securityPolicy(console),
                config.report().secretGenerated());
        java.util.function.Consumer<io.vertx.ext.web.Router> pages = consolePages.andThen(reportPages)
                .andThen(new org.clearway.api.driver.DriverRoutes(config.driver(), pool, clock, metrics));
        server = ApiRouter.create(vertx, resources, config.tokens(), limiter, sessions::lookup, pages, this::databaseUp,
                        metrics)
                .compose(router -> vertx.createHttpServer(tls.serverOptions()).requestHandler(withHsts(router))
                        .listen(config.port(), config.host()))
                .await();
        if (ngsiPush != null) {
            ngsiPush.start();
        }
        if (config.tokens().size() == 0) {
            LOG.warn("No API tokens configured ({} is empty): every request will be refused", ApiConfig.TOKENS);
        }
        LOG.info("Dashboard API listening on {}://{}:{} with {}", tls.enabled() ? "https" : "http", config.host(),
                server.actualPort(), config.tokens());
        return server.actualPort();
    }

    /** Sends Strict-Transport-Security on every HTTPS response, errors included (issue 17). */
    private io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> withHsts(io.vertx.ext.web.Router router) {
        String hsts = tls.hstsHeader();
        if (hsts == null) {
            return router;
        }
        return request -> {
            request.response().putHeader("Strict-Transport-Security", hsts);
            router.handle(request);
        };
    }

    private OperationsRoutes.Operations operations() {
        OperationsConfig ops = config.operations();
        var live = new LiveEvents(vertx, new ChangeFeed(pool, ops.sseSettle(), clock),
                new StreamLimits(ops.sseMaxClients(), ops.sseClientsPerToken()),
                new LiveEvents.Settings(ops.ssePoll(), ops.sseHeartbeat(), ops.sseGapWait()), metrics, clock);
        return new OperationsRoutes.Operations(new JobQueries(pool), new JobCommands(pool, clock), new AlarmQueries(pool),
                new AlarmCommands(pool, clock), new FleetQueries(pool, clock, ops.cityZone()), new RouteQueries(pool), live,
                new PlanRequests(pool, clock), new RoundQueries(pool, clock),
                new org.clearway.api.resources.PhotoQueries(pool), new org.clearway.api.resources.ForecastQueries(pool));
    }

    private CredentialsRoutes.Credentials credentials() {
        var commands = new CredentialCommands(pool, clock, config.credentials(), config.credentials().loadCa());
        if (config.credentials().caCertificate() != null) {
            crlRenewal = org.clearway.api.credentials.CrlRenewal.start(vertx, commands, config.credentials().crlCheck());
        }
        return new CredentialsRoutes.Credentials(commands, new CredentialImport(pool, commands));
    }

    private boolean databaseUp() {
        try (var c = pool.getConnection()) {
            return c.isValid(2);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    static String currentSchema(String jdbcUrl) {
        var m = java.util.regex.Pattern.compile("[?&]currentSchema=([^&]+)").matcher(jdbcUrl);
        return m.find() ? m.group(1) : "public";
    }

    @Override
    public void close() {
        if (ngsiPush != null) {
            ngsiPush.close();
        }
        if (crlRenewal != null) {
            crlRenewal.close();
        }
        if (server != null) {
            server.close().await();
        }
        if (reportWorkers != null) {
            reportWorkers.close();
        }
        if (reportPool != null) {
            reportPool.close();
        }
        if (pool != null) {
            pool.close();
        }
    }
}
