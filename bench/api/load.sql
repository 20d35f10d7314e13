-- Bulk data for the API benchmark, loaded straight into the schema IamOps created (set-based INSERT … SELECT, no
-- round trips): 98 more client organisations (100 with Acme and Globex), 10,000 clusters spread evenly over the
-- 100 clients, and 1,000,000 audit entries spread over the 100 client chains.
-- The audit entries have well-formed but NOT chained hashes: this benchmark reads clusters; a chain verification of
-- a benchmark chain would report it broken at its first generated entry.
\set ON_ERROR_STOP on
BEGIN;

INSERT INTO "Organisations" ("Id", "Name", "Slug", "Kind", "CreatedAt", "Sso_Enabled")
SELECT gen_random_uuid(), format('Bench Client %s', lpad(i::text, 3, '0')), format('bench-%s', lpad(i::text, 3, '0')),
       'Client', now(), false
FROM generate_series(1, 98) AS i;

CREATE TEMP TABLE clients AS
SELECT "Id", (row_number() OVER (ORDER BY "Slug") - 1)::int AS n FROM "Organisations" WHERE "Kind" = 'Client';

INSERT INTO "Cluster" ("Id", "ClientOrganisationId", "Name", "Environment", "KeycloakVersion", "HostingRegion",
                       "PostgresInstance", "PostgresDatabase", "CreatedAt", "Nodes")
SELECT gen_random_uuid(), c."Id", format('bench-%s', lpad(i::text, 5, '0')),
       (ARRAY['Production', 'Staging', 'Development'])[1 + i % 3], '26.0.7', 'eu-west-3 (Paris)',
       format('pg-bench-%s.internal:5432', i), 'keycloak', now() - make_interval(mins => i::int),
       jsonb_build_array(jsonb_build_object('Host', format('kc-bench-%s-1.internal', i), 'HttpPort', 8080, 'ManagementPort', 9000),
                         jsonb_build_object('Host', format('kc-bench-%s-2.internal', i), 'HttpPort', 8080, 'ManagementPort', 9000))
FROM generate_series(1, 10000 - (SELECT count(*) FROM "Cluster")) AS i
JOIN clients c ON c.n = i % (SELECT count(*) FROM clients);

INSERT INTO "AuditEntries" ("ChainId", "Seq", "At", "Actor", "ActorOrganisationId", "Action", "EntityType", "EntityId",
                            "Before", "After", "PrevHash", "Hash")
SELECT c."Id", coalesce(h."LastSeq", 0) + i / (SELECT count(*) FROM clients) + 1,
       now() - make_interval(secs => 1000000 - i), 'operator@cloud-iam.example', NULL, 'updated', 'Cluster',
       gen_random_uuid()::text, '{"HostingRegion":"eu-west-3"}', '{"HostingRegion":"eu-west-3 (Paris)"}',
       encode(sha256(int8send(i - 1)), 'hex'), encode(sha256(int8send(i)), 'hex')
FROM generate_series(0, 999999) AS i
JOIN clients c ON c.n = i % (SELECT count(*) FROM clients)
LEFT JOIN "AuditChainHead" h ON h."ChainId" = c."Id";

-- Chain heads follow, so that writes made after the load continue each chain's sequence.
INSERT INTO "AuditChainHead" ("ChainId", "LastSeq", "LastHash")
SELECT "ChainId", max("Seq"), '' FROM "AuditEntries" GROUP BY "ChainId"
ON CONFLICT ("ChainId") DO UPDATE SET "LastSeq" = excluded."LastSeq";
UPDATE "AuditChainHead" h SET "LastHash" = a."Hash"
FROM "AuditEntries" a WHERE a."ChainId" = h."ChainId" AND a."Seq" = h."LastSeq";

COMMIT;
VACUUM ANALYZE;
SELECT (SELECT count(*) FROM "Organisations" WHERE "Kind" = 'Client') AS clients,
       (SELECT count(*) FROM "Cluster") AS clusters,
       (SELECT count(*) FROM "AuditEntries") AS audit_entries;
