package io.fluxrp.server.http;

import io.helidon.http.Method;
import java.util.Map;

/**
 * One URL template with its handlers per method, who may call it and, for user tokens, what its
 * requests need ({@code guard}; null on OPEN and AGENT routes).
 */
public record Route(
    RouteMatcher matcher, Map<Method, ApiHandler> handlers, Access access, Guard guard) {

  /** How a route's callers authenticate. */
  public enum Access {
    /** Anybody (health checks). */
    OPEN,
    /** A user's bearer token and an {@code api-version}. */
    ARM,
    /** A user's bearer token. */
    ADMIN,
    /** An agent credential. */
    AGENT
  }
}
