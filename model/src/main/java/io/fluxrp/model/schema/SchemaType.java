package io.fluxrp.model.schema;

/**
 * The type of a property in the API schema: the few JSON shapes the Flux Configurations API uses.
 */
public sealed interface SchemaType permits ScalarType, EnumType, ObjectType, MapType, ArrayType {

  /** A short name for error messages, e.g. {@code string}, {@code object}, {@code integer}. */
  String jsonName();
}
