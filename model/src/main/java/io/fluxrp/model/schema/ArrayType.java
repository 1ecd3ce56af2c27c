package io.fluxrp.model.schema;

/** A JSON array of one item type. */
public record ArrayType(SchemaType items) implements SchemaType {
  @Override
  public String jsonName() {
    return "array";
  }
}
