package io.fluxrp.server.clusters;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.fluxconfig.FluxConfigurationStore;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.operations.Operation;
import io.fluxrp.server.operations.OperationEngine;
import io.fluxrp.server.platform.Time;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registering, showing and removing clusters (the admin API and {@code fluxrp clusters}). */
public final class ClusterAdmin {
  private static final int REMOVE_BATCH = 500;

  private final Database database;
  private final ClusterRegistry registry;
  private final FluxConfigurationStore configurations;
  private final OperationEngine operations;
  private final ClusterLiveness liveness;
  private final ClusterChangeSignal signal;
  private final Clock clock;

  public ClusterAdmin(
      Database database,
      ClusterRegistry registry,
      FluxConfigurationStore configurations,
      OperationEngine operations,
      ClusterLiveness liveness,
      ClusterChangeSignal signal,
      Clock clock) {
    this.database = database;
    this.registry = registry;
    this.configurations = configurations;
    this.operations = operations;
    this.liveness = liveness;
    this.signal = signal;
    this.clock = clock;
  }

  /** The outcome of a registration: whether it created the cluster, and what it looks like. */
  public record Registration(boolean created, ClusterView cluster) {}

  /**
   * Registers the cluster; registered already with this kind: changes nothing; with the other kind:
   * changes it. A credential is minted whenever an agent cluster comes into being.
   */
  public Registration register(String clusterId, ClusterKind kind) {
    String credential = kind == ClusterKind.AGENT ? AgentCredentials.mint() : null;
    String hash = credential == null ? null : AgentCredentials.hash(credential);
    Registration registration =
        database.write(
            tx -> {
              Instant now = Time.now(clock);
              Optional<Cluster> existing = registry.lockIfRegistered(tx, clusterId);
              if (existing.isEmpty() && registry.register(tx, clusterId, kind, hash, now)) {
                return new Registration(true, view(tx, clusterId, credential));
              }
              // registered already, possibly by a concurrent registration that committed first
              Cluster cluster =
                  existing.isPresent()
                      ? existing.get()
                      : registry.lockIfRegistered(tx, clusterId).orElseThrow();
              if (cluster.kind() == kind) {
                return new Registration(false, view(tx, cluster, null));
              }
              Cluster changed = registry.changeKind(tx, cluster, kind, hash);
              return new Registration(false, view(tx, changed, credential));
            });
    signal.changed(ConfigKey.lower(clusterId));
    return registration;
  }

  /** A new agent credential; the previous one stops working when this commits. */
  public ClusterView rotateCredential(String clusterId) {
    String credential = AgentCredentials.mint();
    return replaceCredential(clusterId, AgentCredentials.hash(credential), credential);
  }

  /** No credential at all: the agent is locked out until a rotation mints a new one. */
  public ClusterView revokeCredential(String clusterId) {
    return replaceCredential(clusterId, null, null);
  }

  private ClusterView replaceCredential(String clusterId, String hash, String credential) {
    return database.write(
        tx -> {
          Cluster cluster = lockRegistered(tx, clusterId);
          if (cluster.kind() != ClusterKind.AGENT) {
            throw new ArmException(
                ArmErrorCode.CONFLICT,
                "The cluster '"
                    + cluster.clusterId()
                    + "' is emulated and has no agent credential. Register it with kind 'agent'"
                    + " to connect an agent.");
          }
          registry.replaceCredential(tx, cluster, hash);
          return view(tx, clusterId, credential);
        });
  }

  public ClusterView show(String clusterId) {
    return database.read(
        tx -> {
          if (registry.find(tx, ConfigKey.lower(clusterId)).isEmpty()) {
            throw notRegistered(clusterId);
          }
          return view(tx, clusterId, null);
        });
  }

  /** One page of clusters ordered by key, after {@code afterKey}, plus whether more follow. */
  public record Page(List<ClusterView> clusters, String lastKey, boolean more) {}

  public Page list(String afterKey, int limit) {
    return database.read(
        tx -> {
          List<Cluster> rows = registry.list(tx, afterKey, limit + 1);
          boolean more = rows.size() > limit;
          List<Cluster> page = more ? rows.subList(0, limit) : rows;
          if (page.isEmpty()) {
            return new Page(List.of(), null, false);
          }
          String lastKey = page.get(page.size() - 1).key();
          Map<String, Long> counts = configurations.countByClusters(tx, afterKey, lastKey);
          List<ClusterView> views = new ArrayList<>(page.size());
          for (Cluster cluster : page) {
            views.add(
                ClusterView.of(
                    cluster,
                    liveness.state(cluster),
                    counts.getOrDefault(cluster.key(), 0L),
                    null));
          }
          return new Page(views, lastKey, more);
        });
  }

  /**
   * Removes the cluster. With configurations left: 409, unless {@code force}, which removes them
   * too and cancels their running operations.
   */
  public void remove(String clusterId, boolean force) {
    String key = ConfigKey.lower(clusterId);
    database.write(
        tx -> {
          Cluster cluster = lockRegistered(tx, clusterId);
          long count = configurations.countByCluster(tx, key);
          if (count > 0 && !force) {
            throw new ArmException(
                ArmErrorCode.CONFLICT,
                "The cluster '"
                    + cluster.clusterId()
                    + "' still has "
                    + count
                    + (count == 1 ? " Flux configuration" : " Flux configurations")
                    + ". Delete "
                    + (count == 1 ? "it" : "them")
                    + " first, or remove the cluster with force=true (fluxrp clusters remove"
                    + " --force), which removes "
                    + (count == 1 ? "it" : "them")
                    + " without cleaning up the cluster.");
          }
          removeConfigurations(tx, key);
          registry.remove(tx, cluster);
          return null;
        });
    signal.changed(key);
  }

  private void removeConfigurations(Tx tx, String clusterKey) throws SQLException {
    Instant now = Time.now(clock);
    long after = 0;
    List<StoredConfiguration> batch;
    do {
      batch = configurations.changedSince(tx, clusterKey, after, REMOVE_BATCH);
      for (StoredConfiguration configuration : batch) {
        Operation running = operations.running(tx, configuration.currentOperationId()).orElse(null);
        if (running != null) {
          operations.cancel(tx, running, "The cluster was removed from fluxrp.", now);
        }
        configurations.delete(tx, configuration.key());
        after = configuration.seq();
      }
    } while (batch.size() == REMOVE_BATCH);
  }

  private Cluster lockRegistered(Tx tx, String clusterId) throws SQLException {
    return registry.lockIfRegistered(tx, clusterId).orElseThrow(() -> notRegistered(clusterId));
  }

  private ClusterView view(Tx tx, String clusterId, String credential) throws SQLException {
    return view(tx, registry.find(tx, ConfigKey.lower(clusterId)).orElseThrow(), credential);
  }

  private ClusterView view(Tx tx, Cluster cluster, String credential) throws SQLException {
    return ClusterView.of(
        cluster,
        liveness.state(cluster),
        configurations.countByCluster(tx, cluster.key()),
        credential);
  }

  private static ArmException notRegistered(String clusterId) {
    return new ArmException(
        ArmErrorCode.RESOURCE_NOT_FOUND,
        "The cluster '" + clusterId + "' is not registered with this fluxrp server.");
  }
}
