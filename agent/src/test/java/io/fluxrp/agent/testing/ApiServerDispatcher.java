package io.fluxrp.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The CRUD dispatcher (stock, lookups by name indexed) with the request handling it lacks put in
 * front of it (see {@link TestKubernetes} for the list). Writes are serialised by one lock, so that
 * the read-then-write steps of server-side apply and merge patch are atomic like on a real server.
 */
final class ApiServerDispatcher extends IndexedCrudDispatcher {

  static final String APPLY_PATCH = "application/apply-patch+yaml";
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String JSON = "application/json";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final ReentrantLock writes = new ReentrantLock();
  private final List<ApiRequest> requests = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private volatile boolean namespaceCheck = true;
  private volatile boolean recordRequests = true;

  /** The next {@code times} requests matching {@code when} are answered with this failure. */
  record Fault(
      Predicate<ApiRequest> when, int code, String reason, String message, AtomicInteger times) {}

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response =
        injected(request).orElseGet(() -> route(request, ApiPath.parse(request.getPath())));
    if (!recordRequests) {
      return response;
    }
    requests.add(
        new ApiRequest(
            request.getMethod(),
            request.getPath(),
            request.getHeader("Content-Type"),
            request.getHeader("User-Agent"),
            response.code()));
    return response;
  }

  void fail(Predicate<ApiRequest> when, int times, int code, String reason, String message) {
    faults.add(new Fault(when, code, reason, message, new AtomicInteger(times)));
  }

  void recordRequests(boolean enabled) {
    recordRequests = enabled;
  }

  private Optional<MockResponse> injected(RecordedRequest request) {
    ApiRequest seen =
        new ApiRequest(
            request.getMethod(),
            request.getPath(),
            request.getHeader("Content-Type"),
            request.getHeader("User-Agent"),
            0);
    for (Fault fault : faults) {
      if (fault.when().test(seen) && fault.times().getAndDecrement() > 0) {
        return Optional.of(failure(fault.code(), fault.reason(), fault.message()));
      }
    }
    return Optional.empty();
  }

  List<ApiRequest> requests() {
    return List.copyOf(requests);
  }

  void clearRequests() {
    requests.clear();
  }

  void namespaceCheck(boolean enabled) {
    namespaceCheck = enabled;
  }

  private MockResponse route(RecordedRequest request, ApiPath path) {
    Optional<String> unsupported =
        path.labelSelector().flatMap(LabelSelectors::unsupportedRequirement);
    if (unsupported.isPresent()) {
      return failure(
          400,
          "BadRequest",
          "unable to parse requirement \""
              + unsupported.get()
              + "\": the test API server evaluates only key=value, key!=value, key and !key");
    }
    if (request.getMethod().equals("GET")) {
      return path.isWatch() ? watch(request, path) : super.dispatch(request);
    }
    writes.lock();
    try {
      return switch (request.getMethod()) {
        case "POST" -> create(request, path);
        case "PATCH" -> patch(request, path);
        default -> super.dispatch(request);
      };
    } finally {
      writes.unlock();
    }
  }

  private MockResponse watch(RecordedRequest request, ApiPath path) {
    MockResponse response = super.dispatch(request);
    if (response.getWebSocketListener() != null) {
      response.withWebSocketUpgrade(
          new FixedWatchListener(response.getWebSocketListener(), path.resourceVersion()));
    }
    return response;
  }

  private MockResponse create(RecordedRequest request, ApiPath path) {
    return missingNamespace(path).orElseGet(() -> super.dispatch(request));
  }

  private MockResponse patch(RecordedRequest request, ApiPath path) {
    String contentType = String.valueOf(request.getHeader("Content-Type"));
    if (contentType.startsWith(APPLY_PATCH)) {
      return apply(request, path);
    }
    if (contentType.startsWith(MERGE_PATCH)) {
      return mergePatch(request, path);
    }
    MockResponse response = super.dispatch(request);
    // a real server answers a successful PATCH with 200, the stock mock with 202
    return response.code() == 202 ? response.setResponseCode(200) : response;
  }

  private MockResponse apply(RecordedRequest request, ApiPath path) {
    JsonNode applied = SERIALIZATION.unmarshal(body(request), JsonNode.class);
    Optional<JsonNode> current = current(path);
    if (current.isEmpty()) {
      return path.isStatus() ? notFound(path) : applyCreate(path, (ObjectNode) applied);
    }
    ObjectNode updated =
        path.isStatus()
            ? ApplyPatches.serverSideApplyStatus(current.get(), applied)
            : ApplyPatches.serverSideApply(current.get(), applied);
    return super.dispatch(synthetic(HttpMethod.PUT, path.pathOnly(), updated));
  }

  private MockResponse applyCreate(ApiPath path, ObjectNode applied) {
    Optional<MockResponse> missingNamespace = missingNamespace(path);
    if (missingNamespace.isPresent()) {
      return missingNamespace.get();
    }
    if (path.namespace() != null) {
      applied.withObjectProperty("metadata").put("namespace", path.namespace());
    }
    return super.dispatch(synthetic(HttpMethod.POST, path.collectionPath(), applied));
  }

  private MockResponse mergePatch(RecordedRequest request, ApiPath path) {
    JsonNode patch = SERIALIZATION.unmarshal(body(request), JsonNode.class);
    return current(path)
        .map(current -> ApplyPatches.mergePatch(current, patch))
        .map(updated -> super.dispatch(synthetic(HttpMethod.PUT, path.pathOnly(), updated)))
        .orElseGet(() -> notFound(path));
  }

  private Optional<JsonNode> current(ApiPath path) {
    MockResponse response = super.dispatch(synthetic(HttpMethod.GET, path.objectPath(), null));
    return response.code() == 200
        ? Optional.of(SERIALIZATION.unmarshal(utf8(response.getBody()), JsonNode.class))
        : Optional.empty();
  }

  private Optional<MockResponse> missingNamespace(ApiPath path) {
    if (!namespaceCheck || path.namespace() == null) {
      return Optional.empty();
    }
    MockResponse namespace =
        super.dispatch(synthetic(HttpMethod.GET, "/api/v1/namespaces/" + path.namespace(), null));
    return namespace.code() == 200
        ? Optional.empty()
        : Optional.of(
            failure(
                404,
                "NotFound",
                "namespaces \"" + path.namespace() + "\" not found",
                "namespaces",
                path.namespace()));
  }

  private static MockResponse notFound(ApiPath path) {
    return failure(
        404,
        "NotFound",
        path.resource() + " \"" + path.name() + "\" not found",
        path.resource(),
        path.name());
  }

  private static MockResponse failure(int code, String reason, String message) {
    return failure(code, reason, message, null, null);
  }

  private static MockResponse failure(
      int code, String reason, String message, String kind, String name) {
    Status status =
        new StatusBuilder()
            .withStatus("Failure")
            .withCode(code)
            .withReason(reason)
            .withMessage(message)
            .withNewDetails()
            .withKind(kind)
            .withName(name)
            .endDetails()
            .build();
    return new MockResponse().setResponseCode(code).setBody(SERIALIZATION.asJson(status));
  }

  private static RecordedRequest synthetic(HttpMethod method, String path, JsonNode body) {
    Buffer buffer = new Buffer();
    if (body != null) {
      buffer.writeUtf8(SERIALIZATION.asJson(body));
    }
    Headers headers = Headers.builder().add("Content-Type", JSON).build();
    return new RecordedRequest("HTTP/1.1", method, path, headers, buffer);
  }

  /** The request body, read without consuming it (the stock handlers read by consuming). */
  private static String body(RecordedRequest request) {
    return utf8(request.getBody());
  }

  private static String utf8(Buffer buffer) {
    return new String(buffer.getBytes(), StandardCharsets.UTF_8);
  }
}
