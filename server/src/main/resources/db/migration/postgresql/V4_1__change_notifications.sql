-- PostgreSQL only (one H2 process signals itself in memory), under a version of its own (4.1)
-- that the H2 migrations leave free.
-- Every commit that changes a cluster's desired-state feed (a configuration's new seq, a deleted
-- configuration, a cluster registered, changing kind, credential or feed floor, or removed) sends
-- NOTIFY fluxrp_feed with the cluster key, from inside the writing transaction: PostgreSQL delivers
-- it to every listening server instance when, and only if, the transaction commits.

CREATE FUNCTION fluxrp_notify_feed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('fluxrp_feed', OLD.cluster_key);
        RETURN OLD;
    END IF;
    PERFORM pg_notify('fluxrp_feed', NEW.cluster_key);
    RETURN NEW;
END
$$;

CREATE TRIGGER flux_configurations_feed_insert_delete
    AFTER INSERT OR DELETE ON flux_configurations
    FOR EACH ROW EXECUTE FUNCTION fluxrp_notify_feed();

CREATE TRIGGER flux_configurations_feed_update
    AFTER UPDATE ON flux_configurations
    FOR EACH ROW WHEN (OLD.seq IS DISTINCT FROM NEW.seq)
    EXECUTE FUNCTION fluxrp_notify_feed();

CREATE TRIGGER clusters_feed_insert_delete
    AFTER INSERT OR DELETE ON clusters
    FOR EACH ROW EXECUTE FUNCTION fluxrp_notify_feed();

CREATE TRIGGER clusters_feed_update
    AFTER UPDATE ON clusters
    FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind
                       OR OLD.feed_floor IS DISTINCT FROM NEW.feed_floor
                       OR OLD.credential_hash IS DISTINCT FROM NEW.credential_hash)
    EXECUTE FUNCTION fluxrp_notify_feed();
