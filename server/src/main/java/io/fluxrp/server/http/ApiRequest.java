package io.fluxrp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
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
}
