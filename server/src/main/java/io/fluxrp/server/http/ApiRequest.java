package io.fluxrp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** A routed request as handlers see it: context, path parameters, query, headers and body. */
public record ApiRequest(
    RequestContext context,
    Map<String, String> pathParams,
    Function<String, Optional<String>> queryLookup,
    Function<String, Optional<String>> headerLookup,
    boolean hasBody,
    Supplier<JsonNode> bodyReader) {

  public String path(String name) {
    return pathParams.get(name);
  }

  public Optional<String> query(String name) {
    return queryLookup.apply(name);
  }

  public Optional<String> header(String name) {
    return headerLookup.apply(name);
  }

  /**
   * The JSON body, read and parsed on first use; malformed or oversized bodies raise ARM errors.
   */
  public JsonNode body() {
    return bodyReader.get();
  }

  /** A {@code true}/{@code false} query parameter (any case); absent: false; else 400. */
  public boolean flag(String name) {
    String value = query(name).orElse("false");
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw invalidQuery(name, "The query parameter " + name + " must be true or false.");
  }

  /** An integer query parameter from {@code min} to {@code max}; absent: the default; else 400. */
  public long integer(String name, long defaultValue, long min, long max) {
    Optional<String> value = query(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value.get().strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalidQuery(
        name,
        "The query parameter " + name + " must be an integer from " + min + " to " + max + ".");
  }

  /** A query parameter that must be there; else 400. */
  public String requiredQuery(String name) {
    return query(name)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> invalidQuery(name, "The query parameter " + name + " is required."));
  }

  private static ArmException invalidQuery(String name, String message) {
    return new ArmException(
        ArmErrorCode.INVALID_QUERY_PARAMETER, message, name, List.of(), Map.of());
  }
}
