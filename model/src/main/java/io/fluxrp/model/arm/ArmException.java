package io.fluxrp.model.arm;

import java.util.List;
import java.util.Map;

/**
 * The one exception type that becomes an ARM error response. Everything a client can get wrong, and
 * every expected refusal (404, 409, 412...), is raised as one of these; anything else is a 500.
 */
public final class ArmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ArmErrorCode code;
  private final String target;
  private final transient List<ErrorDetail> details;
  private final transient Map<String, String> headers;

  public ArmException(ArmErrorCode code, String message) {
    this(code, message, null, List.of(), Map.of());
  }

  public ArmException(
      ArmErrorCode code,
      String message,
      String target,
      List<ErrorDetail> details,
      Map<String, String> headers) {
    super(message, null, false, false);
    this.code = code;
    this.target = target;
    this.details = List.copyOf(details);
    this.headers = Map.copyOf(headers);
  }

  /** A 400 that lists every problem of a request body at once. */
  public static ArmException invalidContent(List<ErrorDetail> problems) {
    boolean allPropertyChanges =
        problems.stream()
            .allMatch(d -> d.code().equals(ArmErrorCode.PROPERTY_CHANGE_NOT_ALLOWED.wire()));
    ArmErrorCode code =
        allPropertyChanges
            ? ArmErrorCode.PROPERTY_CHANGE_NOT_ALLOWED
            : ArmErrorCode.INVALID_REQUEST_CONTENT;
    String message =
        problems.size() == 1
            ? problems.get(0).message()
            : "The request content has " + problems.size() + " problems; see details.";
    String target = problems.size() == 1 ? problems.get(0).target() : null;
    return new ArmException(code, message, target, problems, Map.of());
  }

  public ArmErrorCode code() {
    return code;
  }

  public String target() {
    return target;
  }

  public List<ErrorDetail> details() {
    return details;
  }

  /** Extra response headers, such as {@code Allow} on a 405 or {@code Retry-After} on a 503. */
  public Map<String, String> headers() {
    return headers;
  }

  public ErrorResponse toResponse() {
    return new ErrorResponse(new ErrorDetail(code.wire(), getMessage(), target, details));
  }
}
