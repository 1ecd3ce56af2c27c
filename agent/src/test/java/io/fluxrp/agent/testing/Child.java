package io.fluxrp.agent.testing;

/**
 * An object a fake Kustomization applies, as kustomize-controller applies what its source holds.
 */
public sealed interface Child {

  String namespace();

  String name();

  /**
   * A HelmRelease ({@code helm.toolkit.fluxcd.io/v2}) with a HelmRepository of the same name, both
   * applied and listed in the inventory, plus the HelmChart {@code <namespace>-<name>} that
   * helm-controller makes for it.
   *
   * @param releaseRevision the Helm release revision ({@code status.history[0].version})
   * @param failures failed install (revision 1) or upgrade attempts; 0 means the release is ready
   */
  record HelmRelease(
      String namespace,
      String name,
      String chart,
      String chartVersion,
      int releaseRevision,
      int failures)
      implements Child {

    /** The same release after {@code failures} failed attempts of its latest install or upgrade. */
    public HelmRelease failing(int failures) {
      return new HelmRelease(namespace, name, chart, chartVersion, releaseRevision, failures);
    }

    /** The same release upgraded to {@code chartVersion} as the next Helm release revision. */
    public HelmRelease upgradedTo(String chartVersion) {
      return new HelmRelease(namespace, name, chart, chartVersion, releaseRevision + 1, 0);
    }
  }

  /** Any other object, applied with an empty body (e.g. a ConfigMap or a Deployment). */
  record Manifest(String apiVersion, String kind, String namespace, String name) implements Child {}

  /** A ready HelmRelease installed as Helm release revision 1. */
  static HelmRelease helmRelease(String namespace, String name, String chart, String chartVersion) {
    return new HelmRelease(namespace, name, chart, chartVersion, 1, 0);
  }

  static Manifest manifest(String apiVersion, String kind, String namespace, String name) {
    return new Manifest(apiVersion, kind, namespace, name);
  }
}
