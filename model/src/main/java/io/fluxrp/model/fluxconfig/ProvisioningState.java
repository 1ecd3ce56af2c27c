package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** State of the last ARM operation on the resource; the first three are terminal. */
public enum ProvisioningState {
  SUCCEEDED("Succeeded"),
  FAILED("Failed"),
  CANCELED("Canceled"),
  CREATING("Creating"),
  UPDATING("Updating"),
  DELETING("Deleting");

  private final String wire;

  ProvisioningState(String wire) {
    this.wire = wire;
  }

  /** Succeeded, Failed and Canceled end an operation; the others mean one is running. */
  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static ProvisioningState fromWire(String value) {
    for (ProvisioningState v : values()) {
      if (v.wire.equalsIgnoreCase(value)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown ProvisioningState: " + value);
  }
}
