package io.fluxrp.agent.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fluxrp.agent.kube.KubeKind;

/** A Kubernetes request for one object failed. */
final class ApplyError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient String object;

  ApplyError(GenericKubernetesResource object, KubernetesClientException cause) {
    super(cause.getMessage(), cause);
    this.object = KubeKind.describe(object);
  }

  ApplyError(String object, KubernetesClientException cause) {
    super(cause.getMessage(), cause);
    this.object = object;
  }

  String object() {
    return object;
  }

  KubernetesClientException kubernetes() {
    return (KubernetesClientException) getCause();
  }
}
