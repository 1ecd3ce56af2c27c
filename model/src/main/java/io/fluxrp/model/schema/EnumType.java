package io.fluxrp.model.schema;

import io.fluxrp.model.version.ApiVersion;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A string enum ({@code x-ms-enum}, {@code modelAsString}) whose values may appear in later
 * api-versions than the enum itself.
 */
public record EnumType(String name, List<Value> values) implements SchemaType {

  public record Value(String wire, ApiVersion since) {}

  public EnumType {
    values = List.copyOf(values);
  }

  public static EnumType of(String name, String... wires) {
    return new EnumType(
        name,
        java.util.Arrays.stream(wires).map(w -> new Value(w, ApiVersion.V2022_03_01)).toList());
  }

  public EnumType plus(String wire, ApiVersion since) {
    var all = new java.util.ArrayList<>(values);
    all.add(new Value(wire, since));
    return new EnumType(name, all);
  }

  /** The value with this spelling, ignoring case (clients send {@code Cluster} as often as not). */
  public Optional<Value> lookup(String wire) {
    String lower = wire.toLowerCase(Locale.ROOT);
    return values.stream().filter(v -> v.wire.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
  }

  /**
   * Whether a client of this api-version knows this stored value. Values outside the enum count as
   * known: there is nothing to hide.
   */
  public boolean knownIn(String wire, ApiVersion version) {
    return lookup(wire).map(v -> version.atLeast(v.since())).orElse(true);
  }

  public List<String> wiresIn(ApiVersion version) {
    return values.stream().filter(v -> version.atLeast(v.since)).map(Value::wire).toList();
  }

  @Override
  public String jsonName() {
    return "string";
  }
}
