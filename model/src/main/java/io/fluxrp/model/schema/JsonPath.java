package io.fluxrp.model.schema;

import java.util.regex.Pattern;

/**
 * The {@code target} of an ARM error detail: a dotted path from the body root such as {@code
 * properties.gitRepository.url}, with map keys in brackets when they are not plain identifiers
 * ({@code properties.kustomizations['infra.base'].path}) and array indexes as {@code [2]}.
 */
public record JsonPath(String value) {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  public static final JsonPath ROOT = new JsonPath("");

  public JsonPath property(String name) {
    if (value.isEmpty()) {
      return new JsonPath(name);
    }
    return new JsonPath(value + "." + name);
  }

  /** A key of a dictionary ({@code kustomizations}, {@code configurationProtectedSettings}...). */
  public JsonPath key(String key) {
    if (IDENTIFIER.matcher(key).matches()) {
      return property(key);
    }
    return new JsonPath(value + "['" + key.replace("'", "\\'") + "']");
  }

  public JsonPath index(int i) {
    return new JsonPath(value + "[" + i + "]");
  }

  @Override
  public String toString() {
    return value;
  }
}
