package io.fluxrp.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.version.ApiVersion;

/**
 * One property of an {@link ObjectType}: its type, the first api-version that has it, and the flags
 * of the spec that change how the server treats it.
 *
 * @param readOnly set by the server; ignored when a client sends it
 * @param secret {@code x-ms-secret}: write-only, never in a response
 * @param createOnly {@code x-ms-mutability: [read, create]}: fixed once the resource exists
 * @param defaultValue the spec's default, filled into the stored configuration when absent
 */
public record Field(
    String name,
    SchemaType type,
    ApiVersion since,
    boolean readOnly,
    boolean secret,
    boolean createOnly,
    JsonNode defaultValue) {

  public static Field of(String name, SchemaType type) {
    return new Field(name, type, ApiVersion.V2022_03_01, false, false, false, null);
  }

  public Field since(ApiVersion version) {
    return new Field(name, type, version, readOnly, secret, createOnly, defaultValue);
  }

  public Field asReadOnly() {
    return new Field(name, type, since, true, secret, createOnly, defaultValue);
  }

  public Field asSecret() {
    return new Field(name, type, since, readOnly, true, createOnly, defaultValue);
  }

  public Field asCreateOnly() {
    return new Field(name, type, since, readOnly, secret, true, defaultValue);
  }

  public Field defaultsTo(JsonNode value) {
    return new Field(name, type, since, readOnly, secret, createOnly, value);
  }

  public boolean existsIn(ApiVersion version) {
    return version.atLeast(since);
  }

  /**
   * Whether a client of this api-version can see this value of the field: the field exists in the
   * version and, for an enum, so does the value (e.g. {@code sourceKind: OCIRepository} is hidden
   * from 2023-05-01 clients, like the {@code ociRepository} block itself).
   */
  public boolean visibleIn(JsonNode value, ApiVersion version) {
    if (!existsIn(version)) {
      return false;
    }
    return !(type instanceof EnumType enumType && value != null && value.isTextual())
        || enumType.knownIn(value.textValue(), version);
  }
}
