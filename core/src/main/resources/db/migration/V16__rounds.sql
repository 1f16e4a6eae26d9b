-- Rounds (issue 12, part 1): the dispatch service runs the round and risk policy of docs/policy.md. Every job records
-- why it exists: a round visit of a bin on the way (round), a bin at risk of overflowing before its group's next
-- round (risk), a bin that will almost surely overflow before it, worth a trip between rounds (urgent), and a
-- citizen's report (citizen), beside the reasons of V4.
ALTER TABLE jobs DROP CONSTRAINT jobs_reason_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_reason_check CHECK (reason IN ('threshold', 'forecast', 'fire_alarm', 'maintenance',
    'manual', 'round', 'risk', 'urgent', 'citizen'));

-- The collection rounds of a group: the trucks of a district (a zone of level district) and a waste stream. Kept by
-- the dispatch leader's rounds chore (org.clearway.dispatch.rounds), pinned by a city's dispatcher through the API.
--   weekdays         round days, ISO numbers (1 = Monday ... 6 = Saturday: the policy's working days), ascending
--   pinned           the city chose the days (PUT /rounds/{district}/{stream}); the chore never refits them
--   pinned_by/_at    who pinned them and when (the API's actor, token:...)
--   fitted_at        when the chore last fitted the days to the week's rhythm its sensors show; null while the days
--                    are evenly spaced (before a week of readings) or pinned from the start
--   longest_gap_days the fitted days' longest gap, in days of waste at the stream's mean rate (null: not fitted)
--   selected_on      the last shift day (in the city's time zone) for which the chore selected the group's bins
--   next_round_at    the start of the group's next round shift (on or after the last selection), for the API's
--                    "next planned visit" of a bin with no open job
--   bins_at_risk     at the last selection: the group's bins at risk (a round day) or urgent (between rounds)
--   bins_selected    at the last selection: the bins it chose (at risk, urgent with the trip worth it, on the way)
CREATE TABLE rounds (
    district_id      text NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    stream           text NOT NULL REFERENCES waste_streams (code) ON UPDATE CASCADE ON DELETE CASCADE,
    weekdays         smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 6
                         AND array_position(weekdays, NULL) IS NULL AND 1 <= ALL (weekdays) AND 6 >= ALL (weekdays)),
    pinned           boolean NOT NULL DEFAULT false,
    pinned_by        text,
    pinned_at        timestamptz,
    fitted_at        timestamptz,
    longest_gap_days double precision CHECK (longest_gap_days >= 0),
    selected_on      date,
    next_round_at    timestamptz,
    bins_at_risk     integer NOT NULL DEFAULT 0 CHECK (bins_at_risk >= 0),
    bins_selected    integer NOT NULL DEFAULT 0 CHECK (bins_selected >= 0),
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (district_id, stream),
    CHECK (NOT pinned OR (pinned_by IS NOT NULL AND pinned_at IS NOT NULL))
);

-- A round belongs to a district, the top of the zone tree.
CREATE FUNCTION rounds_check_district() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    zone_level text;
BEGIN
    SELECT level INTO zone_level FROM zones WHERE id = NEW.district_id;
    IF zone_level IS DISTINCT FROM 'district' THEN
        RAISE EXCEPTION 'rounds are per district; zone % is a %', NEW.district_id, zone_level
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER rounds_district BEFORE INSERT OR UPDATE OF district_id ON rounds
    FOR EACH ROW EXECUTE FUNCTION rounds_check_district();
