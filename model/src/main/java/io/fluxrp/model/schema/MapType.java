package io.fluxrp.model.schema;

/** A JSON object used as a dictionary ({@code additionalProperties}): free keys, typed values. */
public record MapType(SchemaType values) implements SchemaType {
  @Override
  public String jsonName() {
    return "object";
  }
}
