package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where the configuration pulls its manifests from. */
public enum SourceKind {
  GIT_REPOSITORY("GitRepository"),
  BUCKET("Bucket"),
  AZURE_BLOB("AzureBlob"),
  OCI_REPOSITORY("OCIRepository");

  private final String wire;

  SourceKind(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static SourceKind fromWire(String value) {
    for (SourceKind v : values()) {
      if (v.wire.equalsIgnoreCase(value)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown SourceKind: " + value);
  }
}
