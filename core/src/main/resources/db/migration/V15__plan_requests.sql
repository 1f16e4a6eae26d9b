-- "Plan again now" (issue 15): a dispatcher asks for a full plan through the API (POST /plan-requests); the dispatch
-- leader's planner takes every unhandled request at its next poll (CLEARWAY_DISPATCH_URGENT_POLL), marks them
-- handled and plans in full. The services meet here, as everywhere: the API never calls dispatch.
CREATE TABLE plan_requests (
    id           bigserial PRIMARY KEY,
    requested_at timestamptz NOT NULL,
    requested_by text NOT NULL,
    -- the requester's zone (null for a whole-city token), for the record: a plan is always city-wide
    zone_id      text,
    handled_at   timestamptz,
    handled_by   text
);

CREATE INDEX plan_requests_unhandled_idx ON plan_requests (id) WHERE handled_at IS NULL;
