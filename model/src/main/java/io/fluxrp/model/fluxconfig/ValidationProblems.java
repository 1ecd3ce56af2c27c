package io.fluxrp.model.fluxconfig;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.model.schema.JsonPath;
import java.util.ArrayList;
import java.util.List;

/** The problems the rules of one validation found, in the order they were found. */
final class ValidationProblems {
  private final List<ErrorDetail> problems = new ArrayList<>();

  /** A property that is present but has a value that is not accepted. */
  void invalid(JsonPath path, String message) {
    problems.add(ErrorDetail.of(ArmErrorCode.INVALID_PROPERTY_VALUE, path.value(), message));
  }

  /** A property that is required here but absent. */
  void missing(JsonPath path, String message) {
    problems.add(ErrorDetail.of(ArmErrorCode.MISSING_PROPERTY, path.value(), message));
  }

  void addAll(List<ErrorDetail> details) {
    problems.addAll(details);
  }

  List<ErrorDetail> toList() {
    return List.copyOf(problems);
  }
}
