package io.fluxrp.agent.kube;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fluxrp.agent.fluxobjects.ManagedLabels;
import java.util.Optional;

/**
 * The writes and single reads the agent makes, by {@link KubeKind} (no API discovery): server-side
 * apply with one field manager, create-if-missing for namespaces, deletes in the background.
 */
public final class KubeApi {
  private final KubernetesClient client;

  public KubeApi(KubernetesClient client) {
    this.client = client;
  }

  public KubernetesClient client() {
    return client;
  }

  /** Server-side apply; the answer is the object as stored. */
  public GenericKubernetesResource apply(GenericKubernetesResource object) {
    return resource(object)
        .fieldManager(ManagedLabels.FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
  }

  /**
   * Creates a namespace unless one of that name exists: a namespace may hold other things, so the
   * agent never takes ownership of an existing one (and never deletes namespaces).
   */
  public void createNamespaceIfMissing(GenericKubernetesResource namespace) {
    Resource<GenericKubernetesResource> resource = resource(namespace);
    if (resource.get() != null) {
      return;
    }
    try {
      resource.create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  public Optional<GenericKubernetesResource> get(
      KubeKind kind, String version, String namespace, String name) {
    return Optional.ofNullable(named(kind, version, namespace, name).get());
  }

  /** Asks for deletion (finalizers may keep the object a while); true when it was there. */
  public boolean delete(KubeKind kind, String version, String namespace, String name) {
    return !named(kind, version, namespace, name)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete()
        .isEmpty();
  }

  /** Asks for the deletion of {@code object}, unless it is being deleted already. */
  public void delete(GenericKubernetesResource object) {
    if (object.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    delete(
        KubeKind.of(object),
        KubeKind.versionOf(object.getApiVersion()),
        object.getMetadata().getNamespace(),
        object.getMetadata().getName());
  }

  public GenericKubernetesResource update(GenericKubernetesResource object) {
    return resource(object).update();
  }

  private Resource<GenericKubernetesResource> resource(GenericKubernetesResource object) {
    KubeKind kind = KubeKind.of(object);
    String version = KubeKind.versionOf(object.getApiVersion());
    var operation = client.genericKubernetesResources(kind.context(version));
    return kind.namespaced()
        ? operation.inNamespace(object.getMetadata().getNamespace()).resource(object)
        : operation.resource(object);
  }

  private Resource<GenericKubernetesResource> named(
      KubeKind kind, String version, String namespace, String name) {
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        operation = client.genericKubernetesResources(kind.context(version));
    return kind.namespaced()
        ? operation.inNamespace(namespace).withName(name)
        : operation.withName(name);
  }
}
