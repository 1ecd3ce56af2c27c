package io.fluxrp.model.arm;

/**
 * The one table of ARM error codes this server answers with: the wire code and its HTTP status.
 * Codes of {@link ErrorDetail}s inside a validation error use {@link #wire()} of the detail
 * constants below.
 */
public enum ArmErrorCode {
  // request shape and routing
  BAD_REQUEST("BadRequest", 400),
  REQUEST_HEADER_FIELDS_TOO_LARGE("RequestHeaderFieldsTooLarge", 431),
  MISSING_API_VERSION("MissingApiVersionParameter", 400),
  INVALID_API_VERSION("InvalidApiVersionParameter", 400),
  NO_REGISTERED_PROVIDER("NoRegisteredProviderFound", 400),
  INVALID_REQUEST_CONTENT("InvalidRequestContent", 400),
  INVALID_PATH_PARAMETER("InvalidPathParameter", 400),
  INVALID_QUERY_PARAMETER("InvalidQueryParameter", 400),
  PROPERTY_CHANGE_NOT_ALLOWED("PropertyChangeNotAllowed", 400),
  UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaType", 415),
  REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413),
  ROUTE_NOT_FOUND("NotFound", 404),
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405),

  // details of a validation error (HTTP status of the enclosing error applies)
  UNKNOWN_PROPERTY("UnknownProperty", 400),
  INVALID_PROPERTY_TYPE("InvalidPropertyType", 400),
  INVALID_PROPERTY_VALUE("InvalidPropertyValue", 400),
  MISSING_PROPERTY("MissingProperty", 400),
  PROPERTY_NOT_SUPPORTED_IN_API_VERSION("PropertyNotSupportedInApiVersion", 400),

  // identity
  INVALID_AUTHENTICATION_TOKEN("InvalidAuthenticationToken", 401),
  EXPIRED_AUTHENTICATION_TOKEN("ExpiredAuthenticationToken", 401),
  AUTHORIZATION_FAILED("AuthorizationFailed", 403),
  TOO_MANY_REQUESTS("TooManyRequests", 429),

  // resources and operations
  RESOURCE_NOT_FOUND("ResourceNotFound", 404),
  PARENT_RESOURCE_NOT_FOUND("ParentResourceNotFound", 404),
  OPERATION_NOT_FOUND("OperationNotFound", 404),
  ANOTHER_OPERATION_IN_PROGRESS("AnotherOperationInProgress", 409),
  PRECONDITION_FAILED("PreconditionFailed", 412),
  CONFLICT("Conflict", 409),

  // outcomes of asynchronous operations (reported in the operation status, not as HTTP statuses)
  OPERATION_CANCELED("OperationCanceled", 409),
  OPERATION_TIMED_OUT("OperationTimedOut", 409),
  APPLY_FAILED("ApplyFailed", 409),
  RECONCILIATION_FAILED("ReconciliationFailed", 409),

  // server side
  INTERNAL_SERVER_ERROR("InternalServerError", 500),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503);

  private final String wire;
  private final int httpStatus;

  ArmErrorCode(String wire, int httpStatus) {
    this.wire = wire;
    this.httpStatus = httpStatus;
  }

  /** The constant with this wire code, if any. */
  public static java.util.Optional<ArmErrorCode> fromWire(String wire) {
    for (ArmErrorCode code : values()) {
      if (code.wire.equals(wire)) {
        return java.util.Optional.of(code);
      }
    }
    return java.util.Optional.empty();
  }

  /** The code string clients see in {@code error.code}. */
  public String wire() {
    return wire;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
