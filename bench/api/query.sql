-- pgbench script: the SQL IamOps runs for one provider page of GET /api/v1/clusters (the count, then the page through
-- the (Name, Id) index), with the tenancy filter as EF Core sends it for the provider (a parameter that is true).
\set page random(1, 200)
SELECT count(*)::int FROM "Cluster" AS c WHERE true OR c."ClientOrganisationId" = '00000000-0000-0000-0000-000000000000';
SELECT c."Id", c."ClientOrganisationId", c."CreatedAt", c."Environment", c."HostingRegion", c."KeycloakVersion", c."Name",
       c."PostgresDatabase", c."PostgresInstance", c."Nodes"
FROM "Cluster" AS c
WHERE (true OR c."ClientOrganisationId" = '00000000-0000-0000-0000-000000000000')
  AND c."Id" IN (
    SELECT c0."Id" FROM "Cluster" AS c0
    WHERE true OR c0."ClientOrganisationId" = '00000000-0000-0000-0000-000000000000'
    ORDER BY c0."Name", c0."Id"
    LIMIT 50 OFFSET (:page - 1) * 50)
ORDER BY c."Name", c."Id";
