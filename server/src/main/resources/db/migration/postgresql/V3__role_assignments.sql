-- Role assignments: a principal (token oid/sub) holds a role on a scope (an ARM id prefix, '/' for
-- everything). Ids are lower-cased by the API; scope_key is the lower-cased scope (scopes match
-- case-insensitively), so one principal holds one role on one scope at most once. Keys compare
-- byte-wise (COLLATE "C"), as on H2.

CREATE TABLE role_assignments (
    assignment_id   VARCHAR(128)  COLLATE "C" NOT NULL,
    principal_id    VARCHAR(256)  COLLATE "C" NOT NULL,
    scope           VARCHAR(2048) NOT NULL,
    scope_key       VARCHAR(2048) COLLATE "C" NOT NULL,
    role            VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT role_assignments_pk PRIMARY KEY (assignment_id)
);

-- Authorization reads a principal's assignments on every request.
CREATE UNIQUE INDEX role_assignments_grant ON role_assignments (principal_id, scope_key, role);

-- The last-Owner rule locks the Owners of '/'.
CREATE INDEX role_assignments_by_role ON role_assignments (role, scope_key);
