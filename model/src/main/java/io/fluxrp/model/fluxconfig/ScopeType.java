package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Scope at which the Flux objects are installed (create-only). */
public enum ScopeType {
  CLUSTER("cluster"),
  NAMESPACE("namespace");

  private final String wire;

  ScopeType(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static ScopeType fromWire(String value) {
    for (ScopeType v : values()) {
      if (v.wire.equalsIgnoreCase(value)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown ScopeType: " + value);
  }
}
