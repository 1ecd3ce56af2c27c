package io.fluxrp.model.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A JSON object with a fixed set of properties, in the order responses show them. */
public record ObjectType(String name, List<Field> fields) implements SchemaType {

  public ObjectType {
    fields = List.copyOf(fields);
  }

  public static ObjectType of(String name, Field... fields) {
    return new ObjectType(name, List.of(fields));
  }

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /**
   * The field a client means by this name: the exact spelling first, else ignoring case (ARM
   * property names are case-insensitive; clients such as hand-written templates send {@code
   * Properties}).
   */
  public Optional<Field> lookup(String fieldName) {
    return field(fieldName)
        .or(() -> fields.stream().filter(f -> f.name().equalsIgnoreCase(fieldName)).findFirst());
  }

  /**
   * This type with some fields dropped and others added (PATCH bodies are subsets of PUT bodies).
   */
  public ObjectType restrictedTo(String newName, List<String> keep) {
    Map<String, Field> byName = new LinkedHashMap<>();
    fields.forEach(f -> byName.put(f.name(), f));
    return new ObjectType(
        newName,
        keep.stream().map(k -> java.util.Objects.requireNonNull(byName.get(k), k)).toList());
  }

  @Override
  public String jsonName() {
    return "object";
  }
}
