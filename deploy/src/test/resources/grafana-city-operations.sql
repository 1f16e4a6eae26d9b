-- Dispatch and community data for the dashboard tests, on top of GrafanaCity's bins and readings
-- (bins bin-001 .. bin-040 in the communities north-main-1 (even) and north-main-2 (odd)).
-- Times are relative to now(), so that the dashboards' default ranges find them.

INSERT INTO facilities (id, kind, name, lat, lon) VALUES ('depot-north', 'depot', 'North depot', 31.27, 121.46);

-- truck-1 drives with positions; truck-2 has reported none; truck-3 is retired (its last position must not show).
INSERT INTO trucks (id, depot_id, streams, capacity_volume_l, capacity_weight_kg, shift_start, shift_end, status,
                    last_position_at, last_lat, last_lon, last_load_pct) VALUES
    ('truck-1', 'depot-north', '{residual,recyclable}', 18000, 9000, '06:00', '14:00', 'active',
     now() - interval '10 minutes', 31.25, 121.48, 55),
    ('truck-2', 'depot-north', '{hazardous}', 8000, 4000, '06:00', '14:00', 'active', NULL, NULL, NULL, NULL),
    ('truck-3', 'depot-north', '{kitchen}', 8000, 4000, '06:00', '14:00', 'retired',
     now() - interval '20 days', 31.20, 121.40, 0);

INSERT INTO truck_positions (truck_id, ts, lat, lon, speed_kmh, heading_deg, load_pct, received_at)
SELECT 'truck-1', t, 31.23 + k * 0.0005, 121.47 + k * 0.0005, 25, 45, least(100, k * 1.5), t + interval '1 second'
  FROM generate_series(now() - interval '6 hours', now() - interval '10 minutes', interval '10 minutes')
       WITH ORDINALITY AS g(t, k);

INSERT INTO truck_shifts (truck_id, shift_date, driven_km, first_at, last_at) VALUES
    ('truck-1', current_date - 1, 38.2, now() - interval '30 hours', now() - interval '22 hours'),
    ('truck-1', current_date, 12.5, now() - interval '6 hours', now() - interval '10 minutes'),
    ('truck-2', current_date - 1, 21.0, now() - interval '30 hours', now() - interval '24 hours');

-- Revisions grow per truck across shifts; the dashboards take the latest of each truck and day.
INSERT INTO routes (truck_id, shift_date, revision, created_at, cause, stops, distance_km, duration_min, message, announced_at) VALUES
    ('truck-1', current_date - 1, 1, now() - interval '31 hours', 'shift start', 12, 35.0, 300, '{}', now() - interval '31 hours'),
    ('truck-1', current_date, 2, now() - interval '7 hours', 'shift start', 10, 40.0, 280, '{}', now() - interval '7 hours'),
    ('truck-1', current_date, 3, now() - interval '3 hours', 'urgent job', 11, 42.5, 290,
     '{"stops": [{"seq": 1, "kind": "bin", "binId": "bin-002", "lat": 31.232, "lon": 121.471},
                 {"seq": 2, "kind": "bin", "binId": "bin-005", "lat": 31.235, "lon": 121.475},
                 {"seq": 3, "kind": "break"},
                 {"seq": 4, "kind": "depot", "facilityId": "depot", "lat": 31.22, "lon": 121.46}]}', now() - interval '3 hours'),
    ('truck-2', current_date - 1, 1, now() - interval '31 hours', 'shift start', 5, 30.0, 200, '{}', NULL);

-- Jobs: 1 verified, 2 collected and flagged (no drop), 3 collected awaiting verification, 4 open and
-- overdue, 5 dispatched and urgent, 6 cancelled.
INSERT INTO jobs (id, bin_id, reason, priority, state, due_at, truck_id, created_at, updated_at, cause,
                  collected_weight_kg, collected_volume_l, verification, announced_at)
OVERRIDING SYSTEM VALUE VALUES
    (1, 'bin-001', 'threshold', 'normal', 'verified', now() - interval '6 hours', 'truck-1',
     now() - interval '30 hours', now() - interval '27 hours', 'fill 100 %', 60, 200, 'drop 100 -> 5', now() - interval '30 hours'),
    (2, 'bin-002', 'forecast', 'normal', 'collected', now() + interval '4 hours', 'truck-1',
     now() - interval '20 hours', now() - interval '7 hours', 'forecast full', 30, 100, 'no_drop', now() - interval '20 hours'),
    (3, 'bin-003', 'threshold', 'normal', 'collected', now() + interval '19 hours', 'truck-1',
     now() - interval '5 hours', now() - interval '2 hours', 'fill 70 %', 40, 100, NULL, now() - interval '5 hours'),
    (4, 'bin-004', 'threshold', 'normal', 'open', now() - interval '1 hour', NULL,
     now() - interval '25 hours', now() - interval '25 hours', 'fill 95 %', NULL, NULL, NULL, now() - interval '25 hours'),
    (5, 'bin-005', 'fire_alarm', 'urgent', 'dispatched', now() + interval '1 hour', 'truck-2',
     now() - interval '30 minutes', now() - interval '20 minutes', 'fire alarm', NULL, NULL, NULL, now() - interval '30 minutes'),
    (6, 'bin-006', 'maintenance', 'maintenance', 'cancelled', now() + interval '1 day', NULL,
     now() - interval '40 hours', now() - interval '39 hours', 'tilt', NULL, NULL, NULL, now() - interval '40 hours');

INSERT INTO job_events (job_id, from_state, to_state, at, actor, reason) VALUES
    (1, NULL, 'open', now() - interval '30 hours', 'engine', 'fill 100 %'),
    (1, 'open', 'dispatched', now() - interval '29 hours', 'planner', NULL),
    (1, 'dispatched', 'collected', now() - interval '28 hours', 'truck-1', NULL),
    (1, 'collected', 'verified', now() - interval '27 hours', 'engine', 'drop'),
    (2, NULL, 'open', now() - interval '20 hours', 'engine', 'forecast full'),
    (2, 'open', 'collected', now() - interval '10 hours', 'truck-1', NULL),
    (3, NULL, 'open', now() - interval '5 hours', 'engine', 'fill 70 %'),
    (3, 'open', 'collected', now() - interval '2 hours', 'truck-1', NULL),
    (4, NULL, 'open', now() - interval '25 hours', 'engine', 'fill 95 %'),
    (5, NULL, 'open', now() - interval '30 minutes', 'engine', 'fire alarm'),
    (5, 'open', 'dispatched', now() - interval '20 minutes', 'planner', NULL),
    (6, NULL, 'open', now() - interval '40 hours', 'engine', 'tilt'),
    (6, 'open', 'cancelled', now() - interval '39 hours', 'operator', 'sensor fixed');

-- bin-001 recyclable (north-main-2), bin-002 hazardous (north-main-1), bin-003 residual (north-main-2).
INSERT INTO collections (job_id, bin_id, stream, zone_id, weight_kg, volume_l, collected_at)
SELECT j.id, j.bin_id, b.stream, b.zone_id, j.collected_weight_kg, j.collected_volume_l, e.at
  FROM jobs j
  JOIN bins b ON b.id = j.bin_id
  JOIN job_events e ON e.job_id = j.id AND e.to_state = 'collected';

INSERT INTO unplanned_emptyings (bin_id, at, from_pct, to_pct) VALUES
    ('bin-007', now() - interval '12 hours', 80, 5),
    ('bin-009', now() - interval '40 hours', 60, 2);

-- Two reports in range (one tied to bin-001, one filed in north-main-1 with no bin), one long before it.
INSERT INTO citizen_reports (service_code, description, lat, lon, zone_id, bin_id, job_id, status, requested_at, updated_at) VALUES
    ('overflowing_bin', 'full again', 31.231, 121.471, NULL, 'bin-001', 1, 'closed', now() - interval '31 hours', now() - interval '27 hours'),
    ('illegal_dumping', 'mattress', 31.24, 121.48, 'north-main-1', NULL, NULL, 'open', now() - interval '3 hours', now() - interval '3 hours'),
    ('damaged_bin', 'lid broken', 31.24, 121.48, 'north-main-1', NULL, NULL, 'closed', now() - interval '20 days', now() - interval '19 days');

-- Rounds (V16): residual fitted to the week, recyclables pinned by the city.
INSERT INTO rounds (district_id, stream, weekdays, pinned, pinned_by, pinned_at, fitted_at, longest_gap_days, selected_on,
                    next_round_at, bins_at_risk, bins_selected, updated_at) VALUES
    ('north', 'residual', '{1,4,6}', false, NULL, NULL, now() - interval '2 days', 2.73, current_date,
     now() + interval '1 day', 4, 9, now() - interval '1 hour'),
    ('north', 'recyclable', '{2,6}', true, 'token:0123456789ab', now() - interval '3 days', NULL, NULL, current_date,
     now() + interval '2 days', 1, 3, now() - interval '1 hour');
