package io.fluxrp.agent.fluxobjects;

/** Names of the objects the agent writes for a configuration. */
public final class FluxNames {
  /** The ServiceAccount Kustomizations apply as, shared by all configurations of a namespace. */
  public static final String APPLIER_SERVICE_ACCOUNT = "flux-applier";

  /** The RoleBinding of {@link #APPLIER_SERVICE_ACCOUNT} for {@code scope: namespace}. */
  public static final String ROLE_BINDING = "flux-applier";

  private FluxNames() {}

  /** The GitRepository, Bucket or OCIRepository. */
  public static String source(String config) {
    return config;
  }

  public static String kustomization(String config, String key) {
    return config + "-" + key;
  }

  /** The Secret holding the source's credentials. */
  public static String authSecret(String config) {
    return config + "-auth";
  }

  /** The OCIRepository's {@code certSecretRef}: client certificate, key and CA. */
  public static String tlsSecret(String config) {
    return config + "-tls";
  }

  /** The OCIRepository's {@code verify.secretRef}: keys or certificates to verify signatures. */
  public static String verifySecret(String config) {
    return config + "-verify";
  }

  /** The ClusterRoleBinding of {@link #APPLIER_SERVICE_ACCOUNT} for {@code scope: cluster}. */
  public static String clusterRoleBinding(String namespace) {
    return namespace + "-flux-applier";
  }
}
