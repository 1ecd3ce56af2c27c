package io.fluxrp.model.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * ARM {@code ErrorDetail}: {@code code} and {@code message} always, {@code target} (a JSON path
 * such as {@code properties.gitRepository.url}) when the error is about one property, nested {@code
 * details}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorDetail(String code, String message, String target, List<ErrorDetail> details) {

  public ErrorDetail {
    details = details == null ? List.of() : List.copyOf(details);
  }

  public static ErrorDetail of(ArmErrorCode code, String target, String message) {
    return new ErrorDetail(code.wire(), message, target, List.of());
  }
}
