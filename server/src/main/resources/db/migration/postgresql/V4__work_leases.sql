-- Background work that exactly one server instance may do at a time (the emulated clusters,
-- operation maintenance) is leased: the owner renews its row before expires_at, another instance
-- takes the row over once expires_at has passed (the owner died or lost the database).
-- Version 4: version 3 is the role assignments of the authorization work.

CREATE TABLE work_leases (
    name        VARCHAR(256) NOT NULL,
    owner       VARCHAR(256) NOT NULL,
    expires_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT work_leases_pk PRIMARY KEY (name)
);
