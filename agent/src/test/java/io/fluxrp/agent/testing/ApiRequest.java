package io.fluxrp.agent.testing;

/**
 * One request the test API server answered.
 *
 * @param method HTTP method
 * @param path path and query as sent
 * @param contentType the Content-Type header, null if none
 * @param userAgent the User-Agent header: tells the fake Flux controllers ({@link
 *     FakeFlux#USER_AGENT}) apart from the code under test
 * @param code the response status code
 */
public record ApiRequest(
    String method, String path, String contentType, String userAgent, int code) {

  /** Whether this is a server-side apply (a PATCH with the apply content type). */
  public boolean isApply() {
    return "PATCH".equals(method)
        && contentType != null
        && contentType.startsWith(ApiServerDispatcher.APPLY_PATCH);
  }
}
