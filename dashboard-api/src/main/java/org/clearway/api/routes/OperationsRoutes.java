package org.clearway.api.routes;

import static org.clearway.api.routes.ApiRouter.on;
import static org.clearway.api.security.AuthHandler.principal;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.clearway.api.live.LiveEvents;
import org.clearway.api.resources.AlarmCommands;
import org.clearway.api.resources.AlarmQueries;
import org.clearway.api.resources.FleetQueries;
import org.clearway.api.resources.JobCommands;
import org.clearway.api.resources.JobQueries;
import org.clearway.api.resources.ForecastQueries;
import org.clearway.api.resources.PhotoQueries;
import org.clearway.api.resources.PlanRequests;
import org.clearway.api.resources.RoundQueries;
import org.clearway.api.resources.RouteQueries;
import org.clearway.api.http.Blocking;
import org.clearway.api.http.Params;

/** The operations' handlers: jobs, alarms, trucks, routes, facilities, rounds and the live event stream. */
public final class OperationsRoutes {

    /** The resources the operations call. */
    public record Operations(JobQueries jobs, JobCommands jobCommands, AlarmQueries alarms, AlarmCommands alarmCommands,
                             FleetQueries fleet, RouteQueries routes, LiveEvents live, PlanRequests planRequests,
                             RoundQueries rounds, PhotoQueries photos, ForecastQueries forecasts) {
    }

    private OperationsRoutes() {
    }

    static void wire(RouterBuilder builder, Blocking blocking, Operations ops) {
        on(builder, "listJobs", ctx -> blocking.json(ctx, 200, () -> ops.jobs().list(principal(ctx), Params.of(ctx))));
        on(builder, "createJob", ctx -> blocking.json(ctx, 201,
                () -> ops.jobCommands().create(principal(ctx), Params.of(ctx).jsonBody())));
        on(builder, "getJob", ctx -> blocking.json(ctx, 200, () -> ops.jobs().get(principal(ctx), id(ctx, "jobId"))));
        on(builder, "reassignJob", ctx -> blocking.json(ctx, 200,
                () -> ops.jobCommands().reassign(principal(ctx), id(ctx, "jobId"), Params.of(ctx).jsonBody())));
        on(builder, "cancelJob", ctx -> blocking.json(ctx, 200,
                () -> ops.jobCommands().cancel(principal(ctx), id(ctx, "jobId"), Params.of(ctx).jsonBody())));
        on(builder, "listAlarms", ctx -> blocking.json(ctx, 200, () -> ops.alarms().list(principal(ctx), Params.of(ctx))));
        on(builder, "acknowledgeAlarm", ctx -> blocking.json(ctx, 200,
                () -> ops.alarmCommands().acknowledge(principal(ctx), id(ctx, "alarmId"))));
        on(builder, "clearAlarm", ctx -> blocking.json(ctx, 200,
                () -> ops.alarmCommands().clear(principal(ctx), id(ctx, "alarmId"))));
        on(builder, "listTrucks", ctx -> blocking.json(ctx, 200, () -> ops.fleet().trucks(principal(ctx), Params.of(ctx))));
        on(builder, "getTruck", ctx -> blocking.json(ctx, 200,
                () -> ops.fleet().truck(principal(ctx), Params.of(ctx).path("truckId"))));
        on(builder, "getTruckPositions", ctx -> blocking.json(ctx, 200,
                () -> ops.fleet().positions(principal(ctx), Params.of(ctx).path("truckId"), Params.of(ctx))));
        on(builder, "listRoutes", ctx -> blocking.json(ctx, 200, () -> ops.routes().list(principal(ctx), Params.of(ctx))));
        on(builder, "getRoute", ctx -> blocking.json(ctx, 200, () -> ops.routes().get(principal(ctx), id(ctx, "routeId"))));
        on(builder, "listFacilities", ctx -> blocking.json(ctx, 200,
                () -> ops.fleet().facilities(principal(ctx), Params.of(ctx))));
        on(builder, "requestPlan", ctx -> blocking.json(ctx, 202, () -> ops.planRequests().request(principal(ctx))));
        on(builder, "streamEvents", ctx -> ops.live().open(ctx, principal(ctx)));
        on(builder, "listRounds", ctx -> blocking.json(ctx, 200,
                () -> ops.rounds().list(principal(ctx), Params.of(ctx).string("zone"))));
        on(builder, "listBinPhotos", ctx -> blocking.json(ctx, 200,
                () -> ops.photos().ofBin(principal(ctx), Params.of(ctx).path("id"))));
        on(builder, "getBinForecast", ctx -> blocking.json(ctx, 200,
                () -> ops.forecasts().of(principal(ctx), Params.of(ctx).path("id"))));
        on(builder, "getPhoto", ctx -> blocking.binary(ctx, () -> ops.photos().image(principal(ctx), id(ctx, "photoId"))));
        on(builder, "pinRounds", ctx -> blocking.json(ctx, 200, () -> ops.rounds().pin(principal(ctx),
                Params.of(ctx).path("districtId"), Params.of(ctx).path("stream"), Params.of(ctx).jsonBody())));
    }

    /** A numeric id of the path; openapi.yaml's pattern allows digits only, up to 18 of them. */
    private static long id(RoutingContext ctx, String name) {
        return Long.parseLong(Params.of(ctx).path(name));
    }
}
