-- The assessment's volumes (issue 16; docs/assessment.md, "Where the time goes"): the sums of volume_l and weight_kg
-- per community and stream over a period read every collection of the period. With the columns in the zone-and-time
-- index, they come from the index alone (an index-only scan, where the pages are all-visible: autovacuum marks an
-- insert-only table's pages after its inserts) instead of one heap fetch per collection, 216,000 for a quarter at
-- 10,000 bins. The same key as before, so every other reader of collections_zone_idx keeps its plan.
DROP INDEX collections_zone_idx;
CREATE INDEX collections_zone_idx ON collections (zone_id, collected_at) INCLUDE (stream, volume_l, weight_kg);
