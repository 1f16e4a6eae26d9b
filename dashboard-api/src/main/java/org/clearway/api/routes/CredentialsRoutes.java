package org.clearway.api.routes;

import static org.clearway.api.routes.ApiRouter.on;
import static org.clearway.api.security.AuthHandler.principal;

import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.clearway.api.credentials.CredentialCommands;
import org.clearway.api.credentials.CredentialImport;
import org.clearway.api.http.Blocking;
import org.clearway.api.http.Params;

/** The handlers of device credentials (issue 17): a bin's or a truck's password and certificates, the CSV import, the CRL. */
public final class CredentialsRoutes {

    /** The resources the credentials' operations call. */
    public record Credentials(CredentialCommands commands, CredentialImport importer) {
    }

    private CredentialsRoutes() {
    }

    static void wire(RouterBuilder builder, Blocking blocking, Credentials credentials) {
        CredentialCommands c = credentials.commands();
        on(builder, "getBinCredentials", ctx -> blocking.json(ctx, 200, () -> c.status(principal(ctx), id(ctx))));
        on(builder, "issueBinPassword", ctx -> blocking.json(ctx, 201, () -> c.issuePassword(principal(ctx), id(ctx))));
        on(builder, "revokeBinPassword", ctx -> blocking.json(ctx, 200, () -> c.revokePassword(principal(ctx), id(ctx))));
        on(builder, "issueBinCertificate", ctx -> blocking.json(ctx, 201,
                () -> c.issueCertificate(principal(ctx), id(ctx))));
        on(builder, "revokeBinCertificates", ctx -> blocking.json(ctx, 200,
                () -> c.revokeCertificates(principal(ctx), id(ctx))));
        on(builder, "revokeBinCredentials", ctx -> blocking.json(ctx, 200, () -> c.revoke(principal(ctx), id(ctx))));
        CredentialCommands t = c.forTrucks(); // issue 17: a truck's, like a bin sensor's (V23)
        on(builder, "getTruckCredentials", ctx -> blocking.json(ctx, 200, () -> t.status(principal(ctx), truckId(ctx))));
        on(builder, "issueTruckPassword", ctx -> blocking.json(ctx, 201, () -> t.issuePassword(principal(ctx), truckId(ctx))));
        on(builder, "revokeTruckPassword", ctx -> blocking.json(ctx, 200, () -> t.revokePassword(principal(ctx), truckId(ctx))));
        on(builder, "issueTruckCertificate", ctx -> blocking.json(ctx, 201,
                () -> t.issueCertificate(principal(ctx), truckId(ctx))));
        on(builder, "revokeTruckCertificates", ctx -> blocking.json(ctx, 200,
                () -> t.revokeCertificates(principal(ctx), truckId(ctx))));
        on(builder, "revokeTruckCredentials", ctx -> blocking.json(ctx, 200, () -> t.revoke(principal(ctx), truckId(ctx))));
        on(builder, "renewDeviceCrl", ctx -> blocking.json(ctx, 200, () -> c.renewCrl(principal(ctx))));
        builder.getRoute("importCredentials").setDoValidation(false);
        on(builder, "importCredentials", ctx -> blocking.json(ctx, 200,
                () -> credentials.importer().run(principal(ctx), ApiRouter.csvBody(ctx))));
    }

    private static String id(io.vertx.ext.web.RoutingContext ctx) {
        return Params.of(ctx).path("id");
    }

    private static String truckId(io.vertx.ext.web.RoutingContext ctx) {
        return Params.of(ctx).path("truckId");
    }
}
