package io.fluxrp.server.clusters;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells whoever serves a cluster's desired-state feed that it has news: fired after a write to one
 * of the cluster's configurations commits.
 */
public final class ClusterChangeSignal {
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public void subscribe(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** The cluster with this key (lower-cased ARM id) has committed changes. */
  public void changed(String clusterKey) {
    listeners.forEach(listener -> listener.accept(clusterKey));
  }
}
