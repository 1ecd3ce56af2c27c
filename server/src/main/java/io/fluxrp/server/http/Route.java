package io.fluxrp.server.http;

import io.helidon.http.Method;
import java.util.Map;

/**
 * One URL template with its handlers per method.
 *
 * @param arm an ARM route: needs {@code api-version} and a user's bearer token
 */
public record Route(RouteMatcher matcher, Map<Method, ApiHandler> handlers, boolean arm) {}
