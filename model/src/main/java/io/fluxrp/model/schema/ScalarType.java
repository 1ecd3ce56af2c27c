package io.fluxrp.model.schema;

/** JSON scalars as the spec declares them ({@code int64} integers, RFC 3339 date-times). */
public enum ScalarType implements SchemaType {
  STRING("string"),
  BOOLEAN("boolean"),
  INT64("integer"),
  DATE_TIME("string (date-time)");

  private final String jsonName;

  ScalarType(String jsonName) {
    this.jsonName = jsonName;
  }

  @Override
  public String jsonName() {
    return jsonName;
  }
}
