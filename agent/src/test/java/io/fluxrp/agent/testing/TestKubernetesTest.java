package io.fluxrp.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestKubernetesTest {

  private static final String GIT = "source.toolkit.fluxcd.io/v1";
  private static final String NS = "apps";

  private final TestKubernetes kubernetes = TestKubernetes.start();
  private final KubernetesClient client = kubernetes.client();

  TestKubernetesTest() {
    kubernetes.createNamespace(NS);
  }

  @AfterEach
  void close() {
    kubernetes.close();
  }

  @Test
  void serverSideApplyCreatesAMissingObject() {
    GenericKubernetesResource created =
        apply(gitRepository("podinfo", "https://a", Map.of("team", "a")));

    assertThat(created.getMetadata().getGeneration()).isEqualTo(1);
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat((String) created.get("spec", "url")).isEqualTo("https://a");
    assertThat(lastRequest().isApply()).isTrue();
    assertThat(lastRequest().code()).isEqualTo(201);
  }

  @Test
  void serverSideApplyKeepsStatusAndFinalizersAndBumpsGenerationOnlyOnSpecChange() {
    GenericKubernetesResource created =
        apply(gitRepository("podinfo", "https://a", Map.of("team", "a")));
    GenericKubernetesResource withStatus = get("podinfo");
    withStatus.setAdditionalProperty("status", Map.of("observedGeneration", 1));
    client.resource(withStatus).updateStatus();
    gitRepositories()
        .inNamespace(NS)
        .withName("podinfo")
        .edit(
            o -> {
              o.getMetadata().setFinalizers(List.of("finalizers.fluxcd.io"));
              return o;
            });

    GenericKubernetesResource sameAgain =
        apply(gitRepository("podinfo", "https://a", Map.of("team", "a")));
    assertThat(lastRequest().code()).isEqualTo(200);
    assertThat(sameAgain.getMetadata().getGeneration()).isEqualTo(1);

    GenericKubernetesResource relabelled =
        apply(gitRepository("podinfo", "https://a", Map.of("tier", "b")));
    assertThat(relabelled.getMetadata().getGeneration()).isEqualTo(1);
    assertThat(relabelled.getMetadata().getLabels()).containsExactly(Map.entry("tier", "b"));

    GenericKubernetesResource changed =
        apply(gitRepository("podinfo", "https://b", Map.of("tier", "b")));
    assertThat(changed.getMetadata().getGeneration()).isEqualTo(2);
    assertThat((String) changed.get("spec", "url")).isEqualTo("https://b");
    assertThat((Integer) changed.get("status", "observedGeneration")).isEqualTo(1);
    assertThat(changed.getMetadata().getFinalizers()).containsExactly("finalizers.fluxcd.io");
    assertThat(changed.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(changed.getMetadata().getCreationTimestamp())
        .isEqualTo(created.getMetadata().getCreationTimestamp());
    assertThat(get("podinfo").getMetadata().getGeneration()).isEqualTo(2);
  }

  @Test
  void serverSideApplyRemovesSpecFieldsNoLongerApplied() {
    GenericKubernetesResource first = gitRepository("podinfo", "https://a", Map.of());
    first.setAdditionalProperty(
        "spec", Map.of("url", "https://a", "interval", "1m", "suspend", true));
    apply(first);

    GenericKubernetesResource second = apply(gitRepository("podinfo", "https://a", Map.of()));

    assertThat((Object) second.get("spec", "suspend")).isNull();
    assertThat(second.getMetadata().getGeneration()).isEqualTo(2);
  }

  @Test
  void serverSideApplyWithAStaleResourceVersionConflicts() {
    apply(gitRepository("podinfo", "https://a", Map.of()));
    GenericKubernetesResource stale = gitRepository("podinfo", "https://b", Map.of());
    stale.getMetadata().setResourceVersion("1");

    assertThatThrownBy(() -> apply(stale))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void serverSideApplyCreatesANamespace() {
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName("fresh").endMetadata().build())
        .fieldManager("fluxrp-agent")
        .forceConflicts()
        .serverSideApply();

    assertThat(client.namespaces().withName("fresh").get()).isNotNull();
  }

  @Test
  void serverSideApplyWorksForBuiltInKinds() {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("config-auth")
            .withNamespace(NS)
            .endMetadata()
            .addToData("username", "dQ==")
            .addToData("password", "cA==")
            .build();
    client.resource(secret).fieldManager("fluxrp-agent").forceConflicts().serverSideApply();
    secret.setData(Map.of("identity", "aQ=="));

    Secret updated =
        client.resource(secret).fieldManager("fluxrp-agent").forceConflicts().serverSideApply();

    assertThat(updated.getData()).containsOnlyKeys("identity");
    ClusterRoleBinding binding =
        new ClusterRoleBindingBuilder()
            .withNewMetadata()
            .withName("apps-flux-applier")
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName("flux-applier")
            .withNamespace(NS)
            .endSubject()
            .build();
    client.resource(binding).fieldManager("fluxrp-agent").forceConflicts().serverSideApply();
    assertThat(lastRequest().code()).isEqualTo(201);
    client.resource(binding).fieldManager("fluxrp-agent").forceConflicts().serverSideApply();
    assertThat(lastRequest().code()).isEqualTo(200);
    assertThat(
            client.rbac().clusterRoleBindings().withName("apps-flux-applier").get().getSubjects())
        .singleElement()
        .satisfies(subject -> assertThat(subject.getName()).isEqualTo("flux-applier"));
  }

  @Test
  void statusUpdatesNeverChangeSpecOrGeneration() {
    apply(gitRepository("podinfo", "https://a", Map.of()));
    GenericKubernetesResource changed = get("podinfo");
    changed.setAdditionalProperty("spec", Map.of("url", "https://changed", "interval", "1m"));
    changed.setAdditionalProperty("status", Map.of("observedGeneration", 1));

    client.resource(changed).updateStatus();

    GenericKubernetesResource stored = get("podinfo");
    assertThat((String) stored.get("spec", "url")).isEqualTo("https://a");
    assertThat((Integer) stored.get("status", "observedGeneration")).isEqualTo(1);
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1);
  }

  @Test
  void mainResourceUpdatesKeepTheStatus() {
    apply(gitRepository("podinfo", "https://a", Map.of()));
    GenericKubernetesResource withStatus = get("podinfo");
    withStatus.setAdditionalProperty("status", Map.of("observedGeneration", 1));
    client.resource(withStatus).updateStatus();

    GenericKubernetesResource update = get("podinfo");
    update.setAdditionalProperty("status", Map.of("observedGeneration", 7));
    update.setAdditionalProperty("spec", Map.of("url", "https://b", "interval", "1m"));
    GenericKubernetesResource updated = client.resource(update).update();

    assertThat((Integer) updated.get("status", "observedGeneration")).isEqualTo(1);
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2);
  }

  @Test
  void mergePatchReplacesListsAndRemovesNulls() {
    GenericKubernetesResource object =
        gitRepository("podinfo", "https://a", Map.of("team", "a", "tier", "b"));
    object.getMetadata().setFinalizers(List.of("one", "two"));
    client.resource(object).create();

    GenericKubernetesResource patched =
        gitRepositories()
            .inNamespace(NS)
            .withName("podinfo")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"finalizers\":[\"two\"],\"labels\":{\"team\":null}}}");

    assertThat(patched.getMetadata().getFinalizers()).containsExactly("two");
    assertThat(patched.getMetadata().getLabels()).containsExactly(Map.entry("tier", "b"));
    assertThat(lastRequest().code()).isEqualTo(200);
  }

  @Test
  void jsonPatchAnswers200() {
    apply(gitRepository("podinfo", "https://a", Map.of()));

    gitRepositories()
        .inNamespace(NS)
        .withName("podinfo")
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/url\",\"value\":\"https://b\"}]");

    assertThat(lastRequest().method()).isEqualTo("PATCH");
    assertThat(lastRequest().code()).isEqualTo(200);
    assertThat((String) get("podinfo").get("spec", "url")).isEqualTo("https://b");
  }

  @Test
  void deletingAnObjectWithFinalizersWaitsForTheLastOneToGo() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    SharedIndexInformer<GenericKubernetesResource> informer =
        gitRepositories().inAnyNamespace().withLabel("team", "a").inform(recorder(events));
    GenericKubernetesResource object = gitRepository("podinfo", "https://a", Map.of("team", "a"));
    object.getMetadata().setFinalizers(List.of("finalizers.fluxcd.io"));
    client.resource(object).create();
    Await.until("ADDED", () -> events.equals(List.of("ADDED podinfo")));

    gitRepositories().inNamespace(NS).withName("podinfo").delete();

    Await.until("MODIFIED with deletionTimestamp", () -> events.size() == 2);
    assertThat(events.get(1)).isEqualTo("MODIFIED podinfo deleting");
    assertThat(get("podinfo").getMetadata().getDeletionTimestamp()).isNotNull();

    gitRepositories()
        .inNamespace(NS)
        .withName("podinfo")
        .edit(
            o -> {
              o.getMetadata().setFinalizers(List.of());
              return o;
            });

    Await.until("DELETED", () -> events.size() == 3);
    assertThat(events.get(2)).isEqualTo("DELETED podinfo");
    assertThat(get("podinfo")).isNull();
    informer.close();
  }

  @Test
  void deletingAnObjectWithoutFinalizersIsImmediate() {
    apply(gitRepository("podinfo", "https://a", Map.of()));

    gitRepositories().inNamespace(NS).withName("podinfo").delete();

    assertThat(get("podinfo")).isNull();
  }

  @Test
  void aWatchFromAResourceVersionSendsOnlyLaterChanges() {
    apply(gitRepository("one", "https://a", Map.of()));
    apply(gitRepository("two", "https://a", Map.of()));
    String listVersion =
        gitRepositories().inAnyNamespace().list().getMetadata().getResourceVersion();
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    Watch watch =
        gitRepositories()
            .inAnyNamespace()
            .withResourceVersion(listVersion)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, GenericKubernetesResource object) {
                    events.add(action + " " + object.getMetadata().getName());
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });

    apply(gitRepository("three", "https://a", Map.of()));

    Await.until("ADDED three", () -> events.contains("ADDED three"));
    assertThat(events).containsExactly("ADDED three");
    watch.close();
  }

  @Test
  void creatingInAMissingNamespaceIsNotFound() {
    GenericKubernetesResource object = gitRepository("podinfo", "https://a", Map.of());
    object.getMetadata().setNamespace("missing");

    assertThatThrownBy(() -> client.resource(object).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(404);
              assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"missing\" not found");
            });
    assertThatThrownBy(() -> apply(object))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));

    kubernetes.namespaceCheck(false);
    assertThat(apply(object).getMetadata().getNamespace()).isEqualTo("missing");
  }

  @Test
  void setBasedLabelSelectorsAreRejected() {
    apply(gitRepository("podinfo", "https://a", Map.of("team", "a")));

    assertThatThrownBy(() -> gitRepositories().inAnyNamespace().withLabelIn("team", "b").list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    assertThatThrownBy(() -> gitRepositories().inAnyNamespace().withLabelNotIn("team", "a").list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(400));
  }

  @Test
  void equalityAndExistenceSelectorsFilter() {
    apply(gitRepository("a1", "https://a", Map.of("team", "a", "tier", "web")));
    apply(gitRepository("a2", "https://a", Map.of("team", "a")));
    apply(gitRepository("b", "https://a", Map.of("team", "b")));
    apply(gitRepository("none", "https://a", Map.of()));

    assertThat(names(gitRepositories().inAnyNamespace().withLabel("team", "a").list()))
        .containsExactlyInAnyOrder("a1", "a2");
    assertThat(
            names(
                gitRepositories()
                    .inAnyNamespace()
                    .withLabels(Map.of("team", "a", "tier", "web"))
                    .list()))
        .containsExactly("a1");
    assertThat(names(gitRepositories().inAnyNamespace().withLabel("team").list()))
        .containsExactlyInAnyOrder("a1", "a2", "b");
    assertThat(names(gitRepositories().inAnyNamespace().withoutLabel("team").list()))
        .containsExactly("none");
    assertThat(names(gitRepositories().inAnyNamespace().withoutLabel("team", "a").list()))
        .containsExactlyInAnyOrder("b", "none");
  }

  @Test
  void fluxCrdsServeV1AndV1beta2() {
    assertThat(kinds(client.getApiResources("source.toolkit.fluxcd.io/v1")))
        .contains("GitRepository", "Bucket", "OCIRepository", "HelmRepository", "HelmChart");
    assertThat(kinds(client.getApiResources("source.toolkit.fluxcd.io/v1beta2")))
        .contains("GitRepository", "Bucket", "OCIRepository");
    assertThat(kinds(client.getApiResources("kustomize.toolkit.fluxcd.io/v1")))
        .containsExactly("Kustomization");
    assertThat(kinds(client.getApiResources("helm.toolkit.fluxcd.io/v2")))
        .containsExactly("HelmRelease");
  }

  @Test
  void anOldClusterServesOnlyV1beta2Buckets() {
    kubernetes.serveOnlyV1beta2("Bucket");

    assertThat(kinds(client.getApiResources("source.toolkit.fluxcd.io/v1")))
        .doesNotContain("Bucket");
    assertThat(
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("buckets.source.toolkit.fluxcd.io")
                .get()
                .getSpec()
                .getVersions())
        .extracting(v -> v.getName())
        .containsExactly("v1beta2");
    GenericKubernetesResource bucket =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("source.toolkit.fluxcd.io/v1beta2")
            .withKind("Bucket")
            .withNewMetadata()
            .withName("b")
            .withNamespace(NS)
            .endMetadata()
            .addToAdditionalProperties(
                "spec", Map.of("bucketName", "b", "endpoint", "minio:9000", "interval", "1m"))
            .build();
    assertThat(apply(bucket).getMetadata().getGeneration()).isEqualTo(1);
  }

  @Test
  void requestsAreCountedByMethodWithoutThoseOfFakeFlux() {
    kubernetes.clearRequests();
    apply(gitRepository("podinfo", "https://a", Map.of()));
    KubernetesClient fakeFlux = kubernetes.newClient(FakeFlux.USER_AGENT);
    fakeFlux
        .resource(gitRepository("other", "https://a", Map.of()))
        .fieldManager("source-controller")
        .forceConflicts()
        .serverSideApply();

    assertThat(kubernetes.requestCount("PATCH")).isEqualTo(1);
    assertThat(kubernetes.requests()).filteredOn(ApiRequest::isApply).hasSize(2);
  }

  private GenericKubernetesResource apply(GenericKubernetesResource object) {
    return client.resource(object).fieldManager("fluxrp-agent").forceConflicts().serverSideApply();
  }

  private GenericKubernetesResource get(String name) {
    return gitRepositories().inNamespace(NS).withName(name).get();
  }

  private MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      gitRepositories() {
    return client.genericKubernetesResources(GIT, "GitRepository");
  }

  private ApiRequest lastRequest() {
    List<ApiRequest> requests = kubernetes.requests();
    return requests.get(requests.size() - 1);
  }

  private static GenericKubernetesResource gitRepository(
      String name, String url, Map<String, String> labels) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(GIT)
        .withKind("GitRepository")
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(labels)
        .endMetadata()
        .addToAdditionalProperties("spec", Map.of("url", url, "interval", "1m"))
        .build();
  }

  private static List<String> names(GenericKubernetesResourceList list) {
    return list.getItems().stream().map(o -> o.getMetadata().getName()).toList();
  }

  private static List<String> kinds(io.fabric8.kubernetes.api.model.APIResourceList list) {
    return list.getResources().stream().map(APIResource::getKind).toList();
  }

  private static ResourceEventHandler<GenericKubernetesResource> recorder(List<String> events) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource object) {
        events.add("ADDED " + object.getMetadata().getName());
      }

      @Override
      public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource object) {
        events.add(
            "MODIFIED "
                + object.getMetadata().getName()
                + (object.getMetadata().getDeletionTimestamp() != null ? " deleting" : ""));
      }

      @Override
      public void onDelete(GenericKubernetesResource object, boolean unknownFinalState) {
        events.add("DELETED " + object.getMetadata().getName());
      }
    };
  }
}
