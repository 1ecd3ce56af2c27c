package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What Flux does with the selected OCI layer. */
public enum LayerOperation {
  EXTRACT("extract"),
  COPY("copy");

  private final String wire;

  LayerOperation(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static LayerOperation fromWire(String value) {
    for (LayerOperation v : values()) {
      if (v.wire.equalsIgnoreCase(value)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown LayerOperation: " + value);
  }
}
