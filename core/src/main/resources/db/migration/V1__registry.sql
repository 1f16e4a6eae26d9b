-- The bin registry: waste streams, the zone tree (district > street > community) and the bins.

CREATE TABLE waste_streams (
    code                  text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
    name                  text NOT NULL,
    default_threshold_pct double precision NOT NULL CHECK (default_threshold_pct > 0 AND default_threshold_pct <= 100)
);

INSERT INTO waste_streams (code, name, default_threshold_pct) VALUES
    ('kitchen',    'Kitchen and food waste', 80),
    ('recyclable', 'Recyclables',            85),
    ('hazardous',  'Hazardous waste',        60),
    ('residual',   'Residual waste',         80);

CREATE TABLE zones (
    id        text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    parent_id text REFERENCES zones (id),
    level     text NOT NULL CHECK (level IN ('district', 'street', 'community')),
    name      text NOT NULL,
    CHECK ((level = 'district') = (parent_id IS NULL))
);

CREATE INDEX zones_parent_idx ON zones (parent_id);

-- A street belongs to a district, a community to a street.
CREATE FUNCTION zones_check_parent_level() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_level text;
BEGIN
    IF NEW.parent_id IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT level INTO parent_level FROM zones WHERE id = NEW.parent_id;
    IF (NEW.level = 'street' AND parent_level <> 'district')
       OR (NEW.level = 'community' AND parent_level <> 'street') THEN
        RAISE EXCEPTION 'zone % (%) cannot have a parent of level %', NEW.id, NEW.level, parent_level
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER zones_parent_level BEFORE INSERT OR UPDATE ON zones
    FOR EACH ROW EXECUTE FUNCTION zones_check_parent_level();

CREATE TABLE bins (
    id               text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    zone_id          text NOT NULL REFERENCES zones (id),
    stream           text NOT NULL REFERENCES waste_streams (code),
    volume_l         double precision NOT NULL CHECK (volume_l > 0),
    depth_mm         integer NOT NULL CHECK (depth_mm > 0 AND depth_mm <= 10000),
    sensor_offset_mm integer NOT NULL DEFAULT 0 CHECK (sensor_offset_mm >= 0 AND sensor_offset_mm <= 10000),
    lat              double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon              double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    threshold_pct    double precision CHECK (threshold_pct > 0 AND threshold_pct <= 100),
    created_at       timestamptz NOT NULL DEFAULT now(),
    retired_at       timestamptz
);

CREATE INDEX bins_zone_idx ON bins (zone_id);
CREATE INDEX bins_stream_idx ON bins (stream);
