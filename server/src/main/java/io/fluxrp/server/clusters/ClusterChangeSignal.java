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
  private final List<Runnable> everythingListeners = new CopyOnWriteArrayList<>();

  public void subscribe(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** Also called when any cluster may have changed without a {@link #changed} for it. */
  public void subscribeToEverything(Runnable listener) {
    everythingListeners.add(listener);
  }

  /**
   * Any cluster may have committed changes that were not signalled one by one (the database's
   * change notifications were interrupted): whoever waits for a cluster should look again.
   */
  public void everythingChanged() {
    everythingListeners.forEach(Runnable::run);
  }

  /** The cluster with this key (lower-cased ARM id) has committed changes. */
  public void changed(String clusterKey) {
    listeners.forEach(listener -> listener.accept(clusterKey));
  }
}
