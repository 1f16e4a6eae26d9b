package org.clearway.api.report;

import org.clearway.api.http.ApiException;

/** What a share link that does not open answers: a page for the browser, an error for the page's data request. */
final class DeniedPage {
    private DeniedPage() {
    }

    static ApiException error(ShareLinks.Check check) {
        if (check == ShareLinks.Check.REVOKED) {
            return new ApiException(403, "link_revoked", "this report link was revoked; ask for a new one");
        }
        return check == ShareLinks.Check.EXPIRED
                ? new ApiException(403, "link_expired", "this report link has expired; ask for a new one")
                : new ApiException(403, "link_invalid", "this report link is not valid: it was changed or is incomplete");
    }

    static String render(ShareLinks.Check check) {
        boolean expired = check == ShareLinks.Check.EXPIRED;
        boolean revoked = check == ShareLinks.Check.REVOKED;
        String title = revoked ? "This report link was revoked"
                : expired ? "This report link has expired" : "This report link is not valid";
        String why = revoked ? "Whoever shared it has withdrawn it. Ask them for a new link if you still need the report."
                : expired
                ? "Share links open the report for a limited time only. Ask whoever sent it for a new link."
                : "The link was changed or is incomplete (its zone, quarter, expiry and signature must stay exactly as"
                        + " they were sent). Ask whoever sent it for the link again.";
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title><link rel="stylesheet" href="/report/assets/report.css"></head>
                <body class="denied"><main id="denied" data-reason="%s"><h1>%s</h1><p>%s</p>
                <p><a href="/report">Sign in to see the report</a></p></main></body></html>
                """.formatted(title, revoked ? "revoked" : expired ? "expired" : "invalid", title, why);
    }
}
