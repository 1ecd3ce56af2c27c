package io.fluxrp.agent.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** How the agent treats a failed Kubernetes request. */
public enum KubeErrors {
  /** Worth retrying later with backoff: the API server is unreachable, overloaded or failing. */
  TRANSIENT,
  /** Someone changed the object meanwhile: read again and retry at once. */
  CONFLICT,
  /** The request itself is wrong (refused by validation, admission or RBAC): report it. */
  INVALID;

  public static KubeErrors classify(KubernetesClientException e) {
    int code = e.getCode();
    if (code == 409) {
      return CONFLICT;
    }
    if (code == 400 || code == 403 || code == 404 || code == 405 || code == 422) {
      return INVALID;
    }
    return TRANSIENT;
  }

  /** The API server's reason ({@code Invalid}, {@code Forbidden}, ...) or the HTTP code. */
  public static String reason(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getReason() != null) {
      return e.getStatus().getReason();
    }
    return e.getCode() > 0 ? "HTTP " + e.getCode() : "Unreachable";
  }

  /** The API server's message, else the exception's. */
  public static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
