package io.fluxrp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.json.Json;
import io.fluxrp.model.version.ApiVersion;
import io.fluxrp.server.auth.AgentAuthenticator;
import io.fluxrp.server.auth.Authenticator;
import io.fluxrp.server.auth.Authorizer;
import io.fluxrp.server.auth.Principal;
import io.fluxrp.server.clusters.Cluster;
import io.fluxrp.server.store.StoreBusyException;
import io.fluxrp.server.store.StoreUnavailableException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every request goes through here, in this order: request and correlation ids, route (404/405),
 * authentication (401), on ARM routes the principal's request budget (429), authorization (403),
 * api-version (400), the handler, then ARM headers and one access-log line. Nothing reads the body
 * before the handler. Every failure becomes an ARM error body; a 500 carries the request id and
 * never a stack trace.
 */
public final class HttpPipeline implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(HttpPipeline.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("fluxrp.access");
  private static final String PRINCIPAL = "principal";
  private static final String API_VERSION = "apiVersion";

  private final Routes routes;
  private final Authenticator authenticator;
  private final AgentAuthenticator agentAuthenticator;
  private final Authorizer authorizer;
  private final Throttle throttle;
  private final Clock clock;
  private final int retryAfterSeconds;
  private final boolean trustForwardedHeaders;

  public HttpPipeline(
      Routes routes,
      Authenticator authenticator,
      AgentAuthenticator agentAuthenticator,
      Authorizer authorizer,
      Throttle throttle,
      Clock clock,
      int retryAfterSeconds,
      boolean trustForwardedHeaders) {
    this.routes = routes;
    this.authenticator = authenticator;
    this.agentAuthenticator = agentAuthenticator;
    this.authorizer = authorizer;
    this.throttle = throttle;
    this.clock = clock;
    this.retryAfterSeconds = retryAfterSeconds;
    this.trustForwardedHeaders = trustForwardedHeaders;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    long started = System.nanoTime();
    String requestId = RequestIds.next();
    String correlationId =
        header(req, "x-ms-correlation-request-id")
            .filter(HttpPipeline::safeHeaderValue)
            .orElse(requestId);
    MDC.put("requestId", requestId);
    MDC.put("correlationId", correlationId);
    ApiResponse response = dispatch(req, requestId, correlationId);
    try {
      write(req, res, response, requestId, correlationId);
    } finally {
      ACCESS.info(
          "{} {} {} {}ms api-version={} principal={}",
          req.prologue().method().text(),
          req.path().rawPath(),
          response.status(),
          (System.nanoTime() - started) / 1_000_000,
          Objects.requireNonNullElse(MDC.get(API_VERSION), "-"),
          Objects.requireNonNullElse(MDC.get(PRINCIPAL), "-"));
      MDC.clear();
    }
  }

  /**
   * Route, authenticate, throttle, authorize, read the api-version, run the handler; every failure
   * an ARM error. The remaining-budget header goes on every answer of a counted request.
   */
  private ApiResponse dispatch(ServerRequest req, String requestId, String correlationId) {
    Map<String, String> budget = new LinkedHashMap<>();
    try {
      Routes.Matched matched = routes.match(req.prologue().method(), req.path().rawPath());
      QueryString query = new QueryString(req.query().rawValue());
      RequestContext context = establish(req, matched, query, requestId, correlationId, budget);
      return matched
          .handler()
          .handle(
              new ApiRequest(
                  context,
                  matched.params(),
                  query::get,
                  name -> header(req, name),
                  req.content().hasEntity(),
                  body(req)))
          .withHeaders(budget);
    } catch (ArmException e) {
      return error(e).withHeaders(budget).withHeaders(e.headers());
    } catch (StoreUnavailableException e) {
      LOG.warn("database unavailable: {}", e.getMessage());
      return serviceUnavailable(
          "The service cannot reach its database right now; retry later.", requestId);
    } catch (StoreBusyException e) {
      LOG.warn("database busy: {}", e.getMessage());
      return serviceUnavailable(
          "Too many requests are in progress for the database right now; retry after "
              + retryAfterSeconds
              + " seconds.",
          requestId);
    } catch (RuntimeException | Error e) {
      LOG.error("request failed: {} {}", req.prologue().method().text(), req.path().rawPath(), e);
      return error(
          new ArmException(
              ArmErrorCode.INTERNAL_SERVER_ERROR,
              "The server encountered an internal error. Request id: " + requestId + "."));
    }
  }

  /** 503 with Retry-After: the database cannot take the request now, for the reason given. */
  private ApiResponse serviceUnavailable(String reason, String requestId) {
    return error(
        new ArmException(
            ArmErrorCode.SERVICE_UNAVAILABLE,
            reason + " Request id: " + requestId + ".",
            null,
            List.of(),
            Map.of("Retry-After", Integer.toString(retryAfterSeconds))));
  }

  /**
   * Who calls (401 without a valid token or credential for the route), whether its budget allows
   * another request (429, ARM routes), whether it may (403) and, on ARM routes, in which
   * api-version (400).
   */
  private RequestContext establish(
      ServerRequest req,
      Routes.Matched matched,
      QueryString query,
      String requestId,
      String correlationId,
      Map<String, String> budget) {
    Principal who = null;
    ApiVersion version = null;
    Cluster agent = null;
    String authorization = header(req, "Authorization").orElse(null);
    Method method = req.prologue().method();
    switch (matched.route().access()) {
      case ARM -> {
        who = authenticate(authorization);
        budget.putAll(
            throttle.admit(
                who.id(), method.equals(Method.GET) ? Throttle.Kind.READ : Throttle.Kind.WRITE));
        authorize(who, matched, method, req.path().rawPath());
        version = ApiVersion.parse(query.get("api-version").orElse(null));
        MDC.put(API_VERSION, version.wire());
      }
      case ADMIN -> {
        who = authenticate(authorization);
        authorize(who, matched, method, req.path().rawPath());
      }
      case AGENT -> {
        agent = agentAuthenticator.authenticate(authorization);
        MDC.put(PRINCIPAL, "agent:" + agent.key());
      }
      case OPEN -> {
        // nothing to establish
      }
    }
    return new RequestContext(requestId, correlationId, who, version, agent, baseUrl(req));
  }

  private void authorize(Principal who, Routes.Matched matched, Method method, String rawPath) {
    Route route = matched.route();
    authorizer.authorize(
        who,
        route
            .guard()
            .permission(
                route.access(), method, RouteMatcher.segmentsOf(rawPath), matched.params()));
  }

  private Principal authenticate(String authorization) {
    Principal who = authenticator.authenticate(authorization);
    MDC.put(PRINCIPAL, who.id());
    return who;
  }

  private Supplier<JsonNode> body(ServerRequest req) {
    return new Supplier<>() {
      private JsonNode parsed;

      @Override
      public JsonNode get() {
        if (parsed == null) {
          BodyReader.checkContentType(header(req, "Content-Type").orElse(null));
          parsed = BodyReader.read(req.content().inputStream(), req.headers().contentLength());
        }
        return parsed;
      }
    };
  }

  private static ApiResponse error(ArmException e) {
    return new ApiResponse(
            e.code().httpStatus(), new LinkedHashMap<>(), Json.mapper().valueToTree(e.toResponse()))
        .withHeaders(e.headers());
  }

  private void write(
      ServerRequest req,
      ServerResponse res,
      ApiResponse response,
      String requestId,
      String correlationId) {
    res.status(Status.create(response.status()));
    res.header("x-ms-request-id", requestId);
    res.header("x-ms-correlation-request-id", correlationId);
    res.header(
        "Date",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC)));
    Optional<String> clientRequestId =
        header(req, "x-ms-client-request-id").filter(HttpPipeline::safeHeaderValue);
    if (clientRequestId.isPresent()
        && header(req, "x-ms-return-client-request-id")
            .map("true"::equalsIgnoreCase)
            .orElse(false)) {
      res.header("x-ms-client-request-id", clientRequestId.get());
    }
    response.headers().forEach(res::header);
    if (response.body() == null) {
      res.send();
      return;
    }
    try {
      byte[] bytes = Json.mapper().writeValueAsBytes(response.body());
      res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
      res.send(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> header(ServerRequest req, String name) {
    return req.headers().first(HeaderNames.create(name));
  }

  /** Echoed ids must be short printable ASCII, so a client cannot inject headers or log lines. */
  private static boolean safeHeaderValue(String value) {
    return !value.isEmpty()
        && value.length() <= 256
        && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  /**
   * Scheme and authority the client used. {@code X-Forwarded-*} count only when configured: the
   * URLs built from them tell clients where to poll with their token.
   */
  private String baseUrl(ServerRequest req) {
    Optional<String> forwardedProto =
        trustForwardedHeaders ? header(req, "X-Forwarded-Proto") : Optional.empty();
    Optional<String> forwardedHost =
        trustForwardedHeaders ? header(req, "X-Forwarded-Host") : Optional.empty();
    String scheme =
        forwardedProto
            .map(p -> p.split(",", 2)[0].trim())
            .filter(p -> p.equals("http") || p.equals("https"))
            .orElse(req.isSecure() ? "https" : "http");
    String host =
        forwardedHost
            .map(h -> h.split(",", 2)[0].trim())
            .or(() -> Optional.ofNullable(req.authority()))
            .filter(HttpPipeline::safeHeaderValue)
            .orElse("localhost:" + req.localPeer().port());
    return scheme + "://" + host;
  }

  /** Shared by the route table: 405 with the allowed methods. */
  static ArmException methodNotAllowed(Method method, List<Method> allowed) {
    String allow = String.join(", ", allowed.stream().map(Method::text).toList());
    return new ArmException(
        ArmErrorCode.METHOD_NOT_ALLOWED,
        "The method " + method.text() + " is not allowed on this resource; allowed: " + allow + ".",
        null,
        List.of(),
        Map.of("Allow", allow));
  }
}
