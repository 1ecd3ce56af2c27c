package io.fluxrp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, extra headers and an optional JSON body. */
public record ApiResponse(int status, Map<String, String> headers, JsonNode body) {

  public static ApiResponse of(int status, JsonNode body) {
    return new ApiResponse(status, new LinkedHashMap<>(), body);
  }

  public static ApiResponse empty(int status) {
    return new ApiResponse(status, new LinkedHashMap<>(), null);
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ApiResponse(status, copy, body);
  }

  public ApiResponse withHeaders(Map<String, String> extra) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.putAll(extra);
    return new ApiResponse(status, copy, body);
  }
}
