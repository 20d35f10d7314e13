-- 100,000 scheduled changes on Acme's two clusters (1 h each, every 2 h from 2026-12-01, alternating clusters'
-- slots so each cluster is busy one hour in two) and 1,000 one-off maintenance windows (22:00–02:00 UTC every 3 days).
\set ON_ERROR_STOP on
CREATE TEMP TABLE acme AS
SELECT o."Id" AS org, (SELECT c."Id" FROM "Contract" c WHERE c."ClientOrganisationId" = o."Id" LIMIT 1) AS contract,
       (SELECT array_agg(k."Id" ORDER BY k."Name") FROM "Cluster" k WHERE k."ClientOrganisationId" = o."Id") AS clusters
FROM "Organisations" o WHERE o."Slug" = 'acme';

CREATE TEMP TABLE gen AS
SELECT gen_random_uuid() AS id, i,
       timestamptz '2026-12-01 00:00:00+00' + ((i / 2) * interval '2 hours') AS s,
       (SELECT clusters[1 + (i % 2)] FROM acme) AS cluster
FROM generate_series(0, 99999) AS i;

INSERT INTO "ChangeRequest" ("Id", "ClientOrganisationId", "ContractId", "Title", "Description", "Origin", "Status", "RequiresShutdown", "Urgent",
  "ComputedType", "PlannedStart", "PlannedEnd", "RequestedBy", "RequestedByParty", "ApprovalActivityKey", "LinkedIncidentIds", "CreatedAt", "UpdatedAt",
  "ScheduledAt", "RequiredApprovers", "Scores_Complexity", "Scores_Importance", "Scores_Irreversibility", "Scores_ServiceImpact", "Approvals", "Consultations", "Contributions")
SELECT g.id, a.org, a.contract, 'Bench change ' || g.i, 'Generated', 'ManagedService', 'Scheduled', false, false,
  'Minor', g.s, g.s + interval '1 hour', 'bench', 'Provider', 'change-management/develop-with-client-procedures-for-managing-all-planned', '{}', now(), now(),
  now(), '{0}', 1, 1, 1, 1, '[]', '[]', '[]'
FROM gen g CROSS JOIN acme a;

INSERT INTO "ChangeTarget" ("Id", "ChangeRequestId", "ClientOrganisationId", "ClusterId", "Kind", "SlotStart", "SlotEnd")
SELECT gen_random_uuid(), g.id, a.org, g.cluster, 'Cluster', g.s, g.s + interval '1 hour'
FROM gen g CROSS JOIN acme a;

INSERT INTO "OneOffMaintenanceWindow" ("Id", "ClientOrganisationId", "Name", "Start", "End", "CreatedBy")
SELECT gen_random_uuid(), a.org, 'Bench window ' || i, timestamptz '2026-12-01 22:00:00+00' + i * interval '3 days',
       timestamptz '2026-12-02 02:00:00+00' + i * interval '3 days', 'bench'
FROM generate_series(0, 999) AS i CROSS JOIN acme a;

VACUUM (ANALYZE) "ChangeRequest"; -- as autovacuum would: sets the visibility map, so index-only scans are costed as they run
VACUUM (ANALYZE) "ChangeTarget";
VACUUM (ANALYZE) "OneOffMaintenanceWindow";
SELECT (SELECT count(*) FROM "ChangeTarget" WHERE "SlotEnd" IS NOT NULL), (SELECT count(*) FROM "OneOffMaintenanceWindow"),
       (SELECT clusters[1] FROM acme), (SELECT clusters[2] FROM acme);
