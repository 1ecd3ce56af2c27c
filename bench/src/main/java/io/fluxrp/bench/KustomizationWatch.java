package io.fluxrp.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An informer of the bench's own on every Kustomization: timestamps (System.nanoTime, taken when
 * the watch event arrives) of when each first appeared and of when its Ready condition last
 * changed.
 */
final class KustomizationWatch implements AutoCloseable {
  /** Ready's status and when it took it. */
  private record Ready(String status, long nanos) {}

  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private final Map<String, Long> firstSeen = new HashMap<>();
  private final Map<String, Ready> ready = new HashMap<>();

  KustomizationWatch(KubernetesClient client) {
    informer =
        client
            .genericKubernetesResources("kustomize.toolkit.fluxcd.io/v1", "Kustomization")
            .inAnyNamespace()
            .inform(handler());
  }

  /** When {@code namespace/name} first appeared; waits for it up to {@code timeout}. */
  synchronized long awaitVisible(String namespace, String name, Duration timeout)
      throws InterruptedException {
    String key = namespace + "/" + name;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!firstSeen.containsKey(key)) {
      waitUntil(deadline, "Kustomization " + key + " to appear");
    }
    return firstSeen.get(key);
  }

  /** When {@code namespace/name}'s Ready condition took {@code status}; waits up to timeout. */
  synchronized long awaitReady(String namespace, String name, String status, Duration timeout)
      throws InterruptedException {
    String key = namespace + "/" + name;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ready.get(key) == null || !ready.get(key).status().equals(status)) {
      waitUntil(deadline, "Kustomization " + key + " Ready=" + status);
    }
    return ready.get(key).nanos();
  }

  private void waitUntil(long deadline, String what) throws InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new IllegalStateException("timed out waiting for " + what);
    }
    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
  }

  private synchronized void seen(GenericKubernetesResource object, long nanos) {
    String key = object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    firstSeen.putIfAbsent(key, nanos);
    String status = readyStatus(object);
    Ready last = ready.get(key);
    if (status != null && (last == null || !last.status().equals(status))) {
      ready.put(key, new Ready(status, nanos));
    }
    notifyAll();
  }

  private static String readyStatus(GenericKubernetesResource object) {
    if (!(object.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
        || !(status.get("conditions") instanceof List<?> conditions)) {
      return null;
    }
    for (Object condition : conditions) {
      if (condition instanceof Map<?, ?> c && "Ready".equals(c.get("type"))) {
        return String.valueOf(c.get("status"));
      }
    }
    return null;
  }

  private ResourceEventHandler<GenericKubernetesResource> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource object) {
        seen(object, System.nanoTime());
      }

      @Override
      public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource object) {
        seen(object, System.nanoTime());
      }

      @Override
      public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {}
    };
  }

  @Override
  public void close() {
    informer.close();
  }
}
