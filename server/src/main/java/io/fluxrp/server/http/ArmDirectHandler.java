package io.fluxrp.server.http;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.json.Json;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * What Helidon answers itself, before a request reaches {@link HttpPipeline} (a request line or
 * header it cannot parse, headers over the size limit, a payload over the limit): the same ARM
 * error body as every other failure. The message is fixed per code: the offending request text is
 * never echoed.
 */
public final class ArmDirectHandler implements DirectHandler {

  @Override
  public TransportResponse handle(
      TransportRequest request,
      EventType eventType,
      Status defaultStatus,
      ServerResponseHeaders headers,
      String message) {
    ArmException error = errorFor(defaultStatus.code());
    headers.set(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
    headers.set(HeaderNames.create("x-ms-request-id"), RequestIds.next());
    return TransportResponse.builder()
        .status(Status.create(error.code().httpStatus()))
        .headers(headers)
        .keepAlive(eventType.keepAlive())
        .entity(body(error))
        .build();
  }

  static ArmException errorFor(int status) {
    return switch (status) {
      case 431 ->
          new ArmException(
              ArmErrorCode.REQUEST_HEADER_FIELDS_TOO_LARGE,
              "The request line or headers are larger than this server accepts.");
      case 413 ->
          new ArmException(
              ArmErrorCode.REQUEST_ENTITY_TOO_LARGE,
              "The request body is larger than this server accepts.");
      default ->
          status >= 400 && status < 500
              ? new ArmException(
                  ArmErrorCode.BAD_REQUEST,
                  "The request is not valid HTTP: its request line, path, query or a header"
                      + " cannot be parsed.")
              : new ArmException(
                  ArmErrorCode.INTERNAL_SERVER_ERROR, "The server could not process the request.");
    };
  }

  private static byte[] body(ArmException error) {
    try {
      return Json.mapper().writeValueAsBytes(error.toResponse());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
