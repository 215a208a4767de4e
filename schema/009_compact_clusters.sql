-- 009_compact_clusters.sql — near-duplicate signatures and band keys in a smaller form (see
-- include/presscut/ingest/neardup.h): 16-bit minima instead of 32-bit ones, and band keys of 32 bits instead
-- of 64. Same tables, same columns, same clusters.
--
-- The new band keys are hashes SQL cannot compute: the old ones are removed here, and the meta key
-- 'cluster_bands_stale' asks src/store/store_cluster.c to write the new ones from the stored signatures the
-- next time the index is written (before its first article is clustered). Signatures stored in the old
-- 32-bit form stay as they are: they read as the same 16-bit signature.
DELETE FROM cluster_bands;
INSERT INTO meta(key, value) SELECT 'cluster_bands_stale', '1' WHERE EXISTS (SELECT 1 FROM cluster_signatures);
