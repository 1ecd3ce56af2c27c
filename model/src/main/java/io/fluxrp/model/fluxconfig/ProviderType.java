package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Authentication provider of a Git source. */
public enum ProviderType {
  AZURE("Azure"),
  GITHUB("GitHub"),
  GENERIC("Generic");

  private final String wire;

  ProviderType(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static ProviderType fromWire(String value) {
    for (ProviderType v : values()) {
      if (v.wire.equalsIgnoreCase(value)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown ProviderType: " + value);
  }
}
