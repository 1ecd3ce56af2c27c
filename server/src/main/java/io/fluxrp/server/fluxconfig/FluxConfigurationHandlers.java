package io.fluxrp.server.fluxconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.fluxconfig.ProvisioningState;
import io.fluxrp.model.schema.FluxSchema;
import io.fluxrp.model.schema.ObjectType;
import io.fluxrp.model.schema.RequestReader;
import io.fluxrp.server.http.ApiRequest;
import io.fluxrp.server.http.ApiResponse;
import io.fluxrp.server.http.Paging;
import io.fluxrp.server.http.RequestContext;
import io.fluxrp.server.http.ResourcePath;
import io.fluxrp.server.http.Urls;
import io.fluxrp.server.operations.Operation;
import io.fluxrp.server.operations.OperationKind;
import java.time.Duration;
import java.util.Map;

/**
 * HTTP adapters of the Flux configuration API: parse and check the request, call the service, shape
 * the response (status, body in the requested api-version, LRO headers).
 */
public final class FluxConfigurationHandlers {
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_NAME_LENGTH = 253;

  private final FluxConfigurationService service;
  private final Duration retryAfter;
  private final Duration operationTimeout;

  public FluxConfigurationHandlers(
      FluxConfigurationService service, Duration retryAfter, Duration operationTimeout) {
    this.service = service;
    this.retryAfter = retryAfter;
    this.operationTimeout = operationTimeout;
  }

  public ApiResponse put(ApiRequest request) {
    ResourcePath path = resourcePath(request, true);
    ObjectNode properties = properties(request, FluxSchema.RESOURCE);
    WriteResult result = service.put(writer(request), path, properties, preconditions(request));
    int status = result.outcome() == WriteResult.Outcome.CREATED ? 201 : 200;
    return withOperation(
        written(status, result.configuration(), request), request.context(), result.operation());
  }

  public ApiResponse patch(ApiRequest request) {
    ResourcePath path = resourcePath(request, false);
    ObjectNode patch = properties(request, FluxSchema.PATCH_RESOURCE);
    WriteResult result = service.patch(writer(request), path, patch, preconditions(request));
    int status = result.outcome() == WriteResult.Outcome.UNCHANGED ? 200 : 202;
    return withOperation(
        written(status, result.configuration(), request), request.context(), result.operation());
  }

  public ApiResponse delete(ApiRequest request) {
    ResourcePath path = resourcePath(request, false);
    boolean force = request.flag("forceDelete");
    WriteResult result = service.delete(writer(request), path, force, preconditions(request));
    return switch (result.outcome()) {
      case NOT_FOUND -> ApiResponse.empty(204);
      case FORCE_DELETED -> ApiResponse.empty(200);
      default -> withOperation(ApiResponse.empty(202), request.context(), result.operation());
    };
  }

  public ApiResponse get(ApiRequest request) {
    return resource(200, service.get(resourcePath(request, false)), request);
  }

  public ApiResponse list(ApiRequest request) {
    ResourcePath collection = resourcePath(request, false);
    Paging paging = Paging.from(request, DEFAULT_PAGE, MAX_NAME_LENGTH);
    FluxConfigurationService.Page page =
        service.list(collection, paging.afterKey(), paging.pageSize());
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    var value = body.putArray("value");
    if (!page.items().isEmpty()) {
      boolean stale = service.clusterStale(collection.clusterId());
      page.items()
          .forEach(c -> value.add(ResourceView.render(c, request.context().apiVersion(), stale)));
    }
    if (page.more()) {
      String last = page.items().get(page.items().size() - 1).key().nameKey();
      body.put(
          "nextLink",
          paging.nextLink(
              request.context(), collection.collectionId(), request.context().apiVersion(), last));
    }
    return ApiResponse.of(200, body);
  }

  public ApiResponse operationStatus(ApiRequest request) {
    Operation operation =
        service.operation(resourcePath(request, false), request.path("operationId"));
    ApiResponse response = ApiResponse.of(200, OperationView.render(operation));
    return operation.running()
        ? response.withHeader("Retry-After", Long.toString(retryAfter.toSeconds()))
        : response;
  }

  /**
   * The {@code Location} URL: 202 while the operation runs, then what the synchronous call would
   * have answered — the resource (200) after a PUT/PATCH, 204 after a DELETE, the error otherwise.
   */
  public ApiResponse operationResult(ApiRequest request) {
    ResourcePath path = resourcePath(request, false);
    Operation operation = service.operation(path, request.path("operationId"));
    if (operation.running()) {
      return ApiResponse.empty(202)
          .withHeader("Retry-After", Long.toString(retryAfter.toSeconds()))
          .withHeader("Location", operationUrl(request.context(), operation, "operationResults"));
    }
    if (operation.status() != ProvisioningState.SUCCEEDED) {
      ArmErrorCode code =
          ArmErrorCode.fromWire(operation.errorCode()).orElse(ArmErrorCode.APPLY_FAILED);
      throw new ArmException(code, operation.errorMessage());
    }
    if (operation.kind() == OperationKind.DELETE) {
      return ApiResponse.empty(204);
    }
    return resource(200, service.get(path), request);
  }

  /** The resource in the request's api-version, with its ETag. */
  private static ApiResponse resource(
      int status, FluxConfigurationService.Viewed viewed, ApiRequest request) {
    StoredConfiguration configuration = viewed.configuration();
    return ApiResponse.of(
            status,
            ResourceView.render(
                configuration, request.context().apiVersion(), viewed.clusterStale()))
        .withHeader("ETag", configuration.etag());
  }

  /** The resource a write just stored. */
  private ApiResponse written(int status, StoredConfiguration configuration, ApiRequest request) {
    boolean stale = service.clusterStale(configuration.key().clusterKey());
    return resource(status, new FluxConfigurationService.Viewed(configuration, stale), request);
  }

  private ApiResponse withOperation(ApiResponse response, RequestContext context, Operation op) {
    if (op == null) {
      return response;
    }
    return response.withHeaders(
        Map.of(
            "Azure-AsyncOperation", operationUrl(context, op, "operations"),
            "Location", operationUrl(context, op, "operationResults"),
            "Retry-After", Long.toString(retryAfter.toSeconds()),
            "x-ms-async-operation-timeout", operationTimeout.toString()));
  }

  private static String operationUrl(RequestContext context, Operation op, String kind) {
    return Urls.of(
        context.baseUrl(),
        op.resourceId() + "/" + kind + "/" + op.id(),
        context.apiVersion().wire());
  }

  private static FluxConfigurationService.Writer writer(ApiRequest request) {
    return new FluxConfigurationService.Writer(
        request.context().principal(), request.context().apiVersion());
  }

  private static Preconditions preconditions(ApiRequest request) {
    return new Preconditions(request.header("If-Match"), request.header("If-None-Match"));
  }

  /** The checked {@code properties} of a PUT or PATCH body; every problem in one 400. */
  private static ObjectNode properties(ApiRequest request, ObjectType schema) {
    JsonNode body = request.body();
    RequestReader.Result read = RequestReader.read(body, schema, request.context().apiVersion());
    if (!read.ok()) {
      throw ArmException.invalidContent(read.problems());
    }
    JsonNode properties = read.body().get("properties");
    return properties instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
  }

  private static ResourcePath resourcePath(ApiRequest request, boolean forWrite) {
    return ResourcePath.of(request, forWrite);
  }
}
