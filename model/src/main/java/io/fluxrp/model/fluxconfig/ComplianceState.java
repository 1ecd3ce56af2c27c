package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the cluster matches the desired state (FluxComplianceState). */
public enum ComplianceState {
  COMPLIANT("Compliant"),
  NON_COMPLIANT("Non-Compliant"),
  PENDING("Pending"),
  SUSPENDED("Suspended"),
  UNKNOWN("Unknown");

  private final String wire;

  ComplianceState(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static ComplianceState fromWire(String value) {
    for (ComplianceState v : values()) {
      if (v.wire.equalsIgnoreCase(value)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown ComplianceState: " + value);
  }
}
