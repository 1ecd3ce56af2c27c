package io.fluxrp.model.fluxconfig;

import io.fluxrp.model.schema.JsonPath;

/** The JSON paths of the configuration's properties that problems target. */
final class PropertyPaths {
  static final JsonPath PROPERTIES = JsonPath.ROOT.property("properties");
  static final JsonPath SETTINGS = PROPERTIES.property("configurationProtectedSettings");
  static final JsonPath GIT = PROPERTIES.property("gitRepository");
  static final JsonPath BUCKET = PROPERTIES.property("bucket");
  static final JsonPath BLOB = PROPERTIES.property("azureBlob");
  static final JsonPath OCI = PROPERTIES.property("ociRepository");

  private PropertyPaths() {}

  static JsonPath kustomization(String name) {
    return PROPERTIES.property("kustomizations").key(name);
  }
}
