package io.fluxrp.agent.fluxobjects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.SourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a configuration into the Kubernetes objects that make Flux reconcile it (flux-mapping
 * §1-§6). Pure: no I/O, no clock, no randomness; the same input gives equal objects.
 */
public final class FluxObjectFactory {
  private FluxObjectFactory() {}

  /**
   * The objects of {@code spec}, with apiVersions from {@code apis}. {@code identity} is the SSH
   * identity to use when the Git URL is SSH and no {@code sshPrivateKey} protected setting is given
   * (the caller passes the one found in the cluster's existing auth Secret, or a freshly generated
   * one; see {@link #needsIdentity}); it is ignored otherwise. Throws {@link
   * IllegalArgumentException} when the configuration lacks what its source needs (which validation
   * prevents), or when an identity is needed and none is given.
   */
  public static DesiredObjects build(
      ConfigurationSpec spec, FluxApis apis, Optional<SshIdentity> identity) {
    KubeObjects objects = new KubeObjects(spec);
    BuiltSource source = Sources.build(spec, apis, identity, objects);
    List<GenericKubernetesResource> all = new ArrayList<>(Rbac.build(spec, objects));
    all.addAll(source.secrets());
    all.add(source.source());
    all.addAll(Kustomizations.build(spec, objects, apis.kustomization(), source.refKind()));
    return new DesiredObjects(all, source.publicKey());
  }

  /**
   * Whether {@link #build} needs an {@code identity}: a Git source with an SSH URL, no {@code
   * sshPrivateKey} and no {@code localAuthRef}.
   */
  public static boolean needsIdentity(ConfigurationSpec spec) {
    return spec.sourceKind() == SourceKind.GIT_REPOSITORY
        && new GitSource(spec, new KubeObjects(spec)).needsIdentity();
  }
}
