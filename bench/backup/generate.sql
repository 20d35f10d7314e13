-- A Keycloak-like database with :users users (psql -v users=1000000 -f generate.sql).
-- Tables and columns follow Keycloak 21's names for the parts backups care about; sizes are of the same order.
CREATE TABLE realm (id varchar(36) PRIMARY KEY, name varchar(255) UNIQUE NOT NULL, enabled boolean NOT NULL DEFAULT true);
CREATE TABLE client (id varchar(36) PRIMARY KEY, client_id varchar(255) NOT NULL, realm_id varchar(36) NOT NULL REFERENCES realm(id),
  enabled boolean NOT NULL DEFAULT true, secret varchar(255), base_url varchar(255));
CREATE TABLE user_entity (id varchar(36) PRIMARY KEY, email varchar(255), email_constraint varchar(255), email_verified boolean NOT NULL DEFAULT false,
  enabled boolean NOT NULL DEFAULT true, first_name varchar(255), last_name varchar(255), realm_id varchar(255) NOT NULL REFERENCES realm(id),
  username varchar(255), created_timestamp bigint, service_account_client_link varchar(255), not_before int NOT NULL DEFAULT 0,
  UNIQUE (realm_id, username), UNIQUE (realm_id, email_constraint));
CREATE TABLE credential (id varchar(36) PRIMARY KEY, salt bytea, type varchar(255), user_id varchar(36) REFERENCES user_entity(id),
  created_date bigint, user_label varchar(255), secret_data text, credential_data text, priority int);
CREATE TABLE user_attribute (name varchar(255) NOT NULL, value varchar(255), user_id varchar(36) NOT NULL REFERENCES user_entity(id),
  id varchar(36) PRIMARY KEY);
CREATE TABLE user_role_mapping (role_id varchar(255) NOT NULL, user_id varchar(36) NOT NULL REFERENCES user_entity(id), PRIMARY KEY (role_id, user_id));
CREATE TABLE migration_model (id varchar(36) PRIMARY KEY, version varchar(36), update_time bigint NOT NULL DEFAULT 0);
CREATE TABLE admin_event_entity (id varchar(36) PRIMARY KEY, admin_event_time bigint, realm_id varchar(255), operation_type varchar(255),
  resource_path varchar(2550), representation text);
CREATE INDEX idx_user_email ON user_entity (email);
CREATE INDEX idx_user_credential ON credential (user_id);
CREATE INDEX idx_user_attribute ON user_attribute (user_id);
CREATE INDEX idx_user_attribute_name ON user_attribute (name, value);

INSERT INTO realm VALUES ('master', 'master'), ('acme', 'acme');
INSERT INTO client SELECT md5('c' || g)::uuid::text, 'client-' || g, 'acme', true, md5(g::text), 'https://app' || g || '.acme.example'
  FROM generate_series(1, 2000) g;
INSERT INTO user_entity SELECT md5('u' || g)::uuid::text, 'user' || g || '@acme.example', 'user' || g || '@acme.example', g % 3 = 0, true,
  'First' || g, 'Last' || g, 'acme', 'user' || g, 1600000000000 + g, null, 0 FROM generate_series(1, :users) g;
INSERT INTO credential SELECT md5('k' || g)::uuid::text, null, 'password', md5('u' || g)::uuid::text, 1600000000000 + g, null,
  '{"value":"' || encode(sha256(g::text::bytea), 'base64') || '","salt":"' || md5(g::text) || '","additionalParameters":{}}',
  '{"hashIterations":27500,"algorithm":"pbkdf2-sha256","additionalParameters":{}}', 10 FROM generate_series(1, :users) g;
INSERT INTO user_attribute SELECT 'department', 'dept-' || (g % 50), md5('u' || g)::uuid::text, md5('a' || g)::uuid::text FROM generate_series(1, :users) g;
INSERT INTO user_role_mapping SELECT 'default-roles-acme', md5('u' || g)::uuid::text FROM generate_series(1, :users) g;
INSERT INTO migration_model VALUES ('m1', '21.0.1', 1600000000);
INSERT INTO admin_event_entity SELECT md5('e' || g)::uuid::text, 1600000000000 + g, 'acme', 'UPDATE', 'users/' || g, repeat('x', 200)
  FROM generate_series(1, :users / 10) g;
ANALYZE;
