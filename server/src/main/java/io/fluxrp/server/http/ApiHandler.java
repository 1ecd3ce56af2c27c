package io.fluxrp.server.http;

/** A thin HTTP handler: reads the request, calls one service method, maps the result. */
@FunctionalInterface
public interface ApiHandler {
  ApiResponse handle(ApiRequest request);
}
