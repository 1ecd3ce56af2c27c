package io.fluxrp.agent.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A Kubernetes API server for tests: the fabric8 CRUD mock (7.9.0) with a thin layer that makes it
 * behave like a real API server where the agent depends on it. Starts with the namespaces {@link
 * #DEFAULT_NAMESPACES}, the Flux CRDs of {@code testdata/flux-crds} and schemaless CRDs for
 * HelmRelease, HelmRepository and HelmChart.
 *
 * <p>Fixed here, unlike the stock mock:
 *
 * <ul>
 *   <li>Server-side apply ({@code application/apply-patch+yaml}) creates a missing object (201) and
 *       updates an existing one (200); see {@link ApplyPatches#serverSideApply}.
 *   <li>JSON merge patch follows RFC 7386: null removes a field and a list is replaced, so a patch
 *       can shorten one (the stock mock cannot, e.g. to remove a finalizer).
 *   <li>PATCH answers 200, not 202.
 *   <li>Creating a namespaced object (POST or apply) in a namespace that does not exist answers 404
 *       {@code namespaces "x" not found}; {@link #namespaceCheck(boolean)} turns this off.
 *   <li>A label selector the mock cannot evaluate ({@code in}, {@code notin}, spaces, empty values)
 *       answers 400 instead of silently selecting everything; {@code key=value}, {@code
 *       key!=value}, {@code key} and {@code !key} work.
 *   <li>A watch from a resourceVersion does not replay older objects as ADDED events, and closing a
 *       watch no longer hangs the server for 30 s (see {@link FixedWatchListener}).
 *   <li>Every served version of a CRD is discoverable and usable, not only the storage version.
 *   <li>A GET of one object and the existence check of each write compare only the stored objects
 *       of that name, not every stored object ({@link IndexedCrudDispatcher}): the time per request
 *       no longer grows with the number stored (10,000 configurations in the agent benchmark).
 * </ul>
 *
 * <p>Kept from the stock mock and right: generation starts at 1 and grows only when something other
 * than metadata or status changes (for every kind; a real server leaves e.g. Secrets without one);
 * PUT/PATCH of the main resource keep the status of CRDs with a status subresource and {@code
 * /status} writes change only the status; optimistic concurrency on resourceVersion (409); deleting
 * an object with finalizers only sets {@code deletionTimestamp} (a MODIFIED event) and the update
 * that removes the last finalizer deletes it (a DELETED event); WebSocket watches.
 *
 * <p>Still unlike a real API server: server-side apply knows a single field manager (fields set by
 * other writers inside what is applied are replaced, managedFields are not kept, conflicts never
 * occur); strategic merge patch answers 415; no schema validation or defaulting, no admission; no
 * version conversion (each served version stores its own objects); Secret {@code stringData} is not
 * folded into {@code data}; deleting a namespace does not delete its content; no garbage collection
 * by owner references; watches are WebSocket-only and send no bookmarks.
 */
public final class TestKubernetes implements AutoCloseable {

  public static final List<String> DEFAULT_NAMESPACES =
      List.of("default", "kube-system", "kube-public", "flux-system");

  private final ApiServerDispatcher dispatcher = new ApiServerDispatcher();
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final List<KubernetesClient> extraClients = new CopyOnWriteArrayList<>();

  private TestKubernetes() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    client = server.createClient();
  }

  /** Starts a server with the default namespaces and the Flux and Helm CRDs. */
  public static TestKubernetes start() {
    TestKubernetes kubernetes = new TestKubernetes();
    DEFAULT_NAMESPACES.forEach(kubernetes::createNamespace);
    kubernetes.installFluxCrds();
    Crds.helm().forEach(kubernetes::installCrd);
    return kubernetes;
  }

  /** A client for the test itself; closed with the server. */
  public KubernetesClient client() {
    return client;
  }

  /** An independent client (own connections, caches and informers); closed with the server. */
  public KubernetesClient newClient() {
    return newClient(client.getConfiguration().getUserAgent());
  }

  /** An independent client whose requests carry {@code userAgent} (see {@link ApiRequest}). */
  public KubernetesClient newClient(String userAgent) {
    KubernetesClient extra =
        server.createClient(
            builder ->
                builder.withConfig(
                    new ConfigBuilder(client.getConfiguration()).withUserAgent(userAgent).build()));
    extraClients.add(extra);
    return extra;
  }

  /** The API server's base URL, e.g. {@code http://localhost:40123/}. */
  public String url() {
    return server.url("/");
  }

  /** Every request answered so far, oldest first. */
  public List<ApiRequest> requests() {
    return dispatcher.requests();
  }

  /**
   * Answers the next {@code times} requests matching {@code when} with a failure {@code code} (a
   * Kubernetes Status with {@code reason} and {@code message}) instead of handling them.
   */
  public void fail(Predicate<ApiRequest> when, int times, int code, String reason, String message) {
    dispatcher.fail(when, times, code, reason, message);
  }

  /** Turns the request log off (long benchmark runs) or on again. */
  public void recordRequests(boolean enabled) {
    dispatcher.recordRequests(enabled);
  }

  /** How many {@code method} requests were answered, not counting those of {@link FakeFlux}. */
  public long requestCount(String method) {
    return requests().stream()
        .filter(request -> request.method().equals(method))
        .filter(request -> !FakeFlux.USER_AGENT.equals(request.userAgent()))
        .count();
  }

  public void clearRequests() {
    dispatcher.clearRequests();
  }

  /** Whether creating an object in a missing namespace fails with 404 (the default) or works. */
  public void namespaceCheck(boolean enabled) {
    dispatcher.namespaceCheck(enabled);
  }

  public void createNamespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  /** Installs GitRepository, Bucket, OCIRepository and Kustomization (done by {@link #start}). */
  public void installFluxCrds() {
    Crds.flux().forEach(this::installCrd);
  }

  /** Creates {@code crd} and makes every version it serves usable. */
  public void installCrd(CustomResourceDefinition crd) {
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    Crds.servedVersions(crd).forEach(dispatcher::expectCustomResource);
  }

  /**
   * Replaces the Flux CRD of {@code kind} (Bucket or OCIRepository) by one that serves only {@code
   * v1beta2}, as on a cluster with Flux older than 2.4 (Bucket) or 2.6 (OCIRepository).
   */
  public void serveOnlyV1beta2(String kind) {
    CustomResourceDefinition crd =
        Crds.flux().stream()
            .filter(c -> c.getSpec().getNames().getKind().equals(kind))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no Flux CRD for kind " + kind));
    // deleting the CRD unregisters its storage version v1; v1beta2 is registered anew below
    client.apiextensions().v1().customResourceDefinitions().resource(crd).delete();
    installCrd(Crds.legacyOnly(crd));
  }

  @Override
  public void close() {
    extraClients.forEach(KubernetesClient::close);
    client.close();
    server.destroy();
  }
}
