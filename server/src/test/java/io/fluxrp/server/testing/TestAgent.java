package io.fluxrp.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A cluster agent for tests, over real HTTP: reads the cluster's desired-state feed ({@code GET
 * /agent/v1/desired}) and posts reports ({@code POST /agent/v1/reports}) with the cluster's agent
 * credential, as docs/agent-api.md describes. {@link #startPolling} runs the agent's long-poll loop
 * in the background.
 *
 * <p>It does not use {@link ArmClient}: feed answers carry write-only values by design, and {@link
 * ArmClient#bodiesSeen()} is the record of what the ARM API handed out.
 */
public final class TestAgent {
  public static final String AGENT_VERSION = "0.1.0-test";
  public static final String FLUX_VERSION = "v2.4.0";
  public static final String KUBERNETES_VERSION = "v1.31.2";

  /**
   * One client for every agent of the JVM: HTTP/1.1 (one connection per request in flight), each
   * exchange on a virtual thread, so a thousand waiting agents cost no platform threads here.
   */
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  private final Supplier<URI> base;
  private final String clusterId;
  private final String credential;

  public TestAgent(Supplier<URI> base, String clusterId, String credential) {
    this.base = base;
    this.clusterId = clusterId;
    this.credential = credential;
  }

  /**
   * Registers {@code clusterId} as an agent cluster through the admin API of {@code userClient}'s
   * server and returns its agent (which follows the client to a restarted server).
   */
  public static TestAgent register(ArmClient userClient, String clusterId) {
    String credential = new AdminApi(userClient).registerAgent(clusterId);
    return new TestAgent(userClient::base, clusterId, credential);
  }

  public String clusterId() {
    return clusterId;
  }

  public String credential() {
    return credential;
  }

  /** This agent with another credential (e.g. a rotated one, or a user token). */
  public TestAgent withCredential(String other) {
    return new TestAgent(base, clusterId, other);
  }

  /** This agent's credential asking about another cluster. */
  public TestAgent forCluster(String otherClusterId) {
    return new TestAgent(base, otherClusterId, credential);
  }

  // ---- the feed ---------------------------------------------------------------------------------

  /** One entry of the feed. {@code json} is the entry as received. */
  public record Entry(
      String id,
      String name,
      long seq,
      long generation,
      String operationId,
      boolean deleted,
      boolean forceDeleted,
      long reportedGeneration,
      ObjectNode properties,
      JsonNode json) {

    static Entry parse(JsonNode e) {
      return new Entry(
          e.path("id").asText(null),
          e.path("name").asText(null),
          e.path("seq").asLong(-1),
          e.path("generation").asLong(-1),
          e.path("operationId").asText(null),
          e.path("deleted").asBoolean(),
          e.path("forceDeleted").asBoolean(),
          e.path("reportedGeneration").asLong(-1),
          e.get("properties") instanceof ObjectNode p ? p : null,
          e);
    }
  }

  /** One answer of the feed. {@code json} is the answer as received. */
  public record Page(
      String clusterId,
      long seq,
      boolean snapshot,
      boolean more,
      List<Entry> entries,
      JsonNode json) {

    static Page parse(JsonNode body) {
      List<Entry> entries = new ArrayList<>();
      body.path("entries").forEach(e -> entries.add(Entry.parse(e)));
      return new Page(
          body.path("clusterId").asText(null),
          body.path("seq").asLong(-1),
          body.path("snapshot").asBoolean(),
          body.path("more").asBoolean(),
          List.copyOf(entries),
          body);
    }

    public List<String> names() {
      return entries.stream().map(Entry::name).toList();
    }

    public Entry entry(String name) {
      return entries.stream()
          .filter(e -> e.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no entry " + name + " in " + json));
    }
  }

  /** {@code GET /agent/v1/desired} (200 expected) with the default limit. */
  public Page desired(long since, int waitSeconds) {
    return desired(since, waitSeconds, 0);
  }

  /** {@code GET /agent/v1/desired} (200 expected); {@code limit} 0 leaves it out. */
  public Page desired(long since, int waitSeconds, int limit) {
    ArmClient.Response response = desiredResponse(since, waitSeconds, limit);
    assertThat(response.status()).as("desired state of %s: %s", clusterId, response).isEqualTo(200);
    return Page.parse(response.json());
  }

  /** The whole desired state: pages from {@code since=0} until {@code more} is false. */
  public List<Page> snapshot() {
    List<Page> pages = new ArrayList<>();
    long since = 0;
    do {
      Page page = desired(since, 0);
      pages.add(page);
      since = page.seq();
    } while (pages.get(pages.size() - 1).more());
    return pages;
  }

  /** The position after the whole desired state (where a long-poll for news starts). */
  public long position() {
    List<Page> pages = snapshot();
    return pages.get(pages.size() - 1).seq();
  }

  public ArmClient.Response desiredResponse(long since, int waitSeconds, int limit) {
    String query = "since=" + since + "&wait=" + waitSeconds + (limit > 0 ? "&limit=" + limit : "");
    return desiredRaw(query, Duration.ofSeconds(waitSeconds + 15L));
  }

  /** {@code GET /agent/v1/desired?cluster=<this cluster>&<query>}, any answer. */
  public ArmClient.Response desiredRaw(String query) {
    return desiredRaw(query, Duration.ofSeconds(30));
  }

  private ArmClient.Response desiredRaw(String query, Duration timeout) {
    return send(
        "GET",
        "/agent/v1/desired?cluster=" + encode(clusterId) + (query.isEmpty() ? "" : "&" + query),
        null,
        bearer(),
        timeout);
  }

  // ---- reports ----------------------------------------------------------------------------------

  /** One configuration of a report, built up field by field. */
  public static final class Report {
    private final ObjectNode node = JsonNodeFactory.instance.objectNode();

    private Report(String name, long generation, String outcome) {
      node.put("name", name);
      node.put("generation", generation);
      node.put("outcome", outcome);
    }

    /** Adds an entry to {@code statuses[]} (see {@link #objectStatus}). */
    public Report status(ObjectNode status) {
      ArrayNode statuses =
          node.get("statuses") instanceof ArrayNode existing ? existing : node.putArray("statuses");
      statuses.add(status);
      return this;
    }

    public Report compliance(String complianceState) {
      node.put("complianceState", complianceState);
      return this;
    }

    public Report commit(String sourceSyncedCommitId) {
      node.put("sourceSyncedCommitId", sourceSyncedCommitId);
      return this;
    }

    public Report sourceUpdatedAt(Instant at) {
      node.put("sourceUpdatedAt", at.toString());
      return this;
    }

    public Report publicKey(String repositoryPublicKey) {
      node.put("repositoryPublicKey", repositoryPublicKey);
      return this;
    }

    public ObjectNode json() {
      return node.deepCopy();
    }
  }

  /** {@code Applied}: the generation's objects are applied (add statuses and the roll-up). */
  public static Report applied(String name, long generation) {
    return new Report(name, generation, "Applied");
  }

  /** {@code ApplyFailed} with its {@code failure}. */
  public static Report applyFailed(
      String name, long generation, String object, String reason, String message) {
    Report report = new Report(name, generation, "ApplyFailed");
    ObjectNode failure = report.node.putObject("failure");
    failure.put("object", object);
    failure.put("reason", reason);
    failure.put("message", message);
    return report;
  }

  /** {@code Deleted}: the configuration's objects are gone. */
  public static Report deleted(String name, long generation) {
    return new Report(name, generation, "Deleted");
  }

  /**
   * An ARM {@code ObjectStatusDefinition} with one {@code Ready} condition, in the spec's order.
   *
   * @param ready the condition's status: {@code True}, {@code False} or {@code Unknown}
   */
  public static ObjectNode objectStatus(
      String name,
      String namespace,
      String kind,
      String complianceState,
      String ready,
      String reason,
      String message,
      Instant at) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("name", name);
    status.put("namespace", namespace);
    status.put("kind", kind);
    status.put("complianceState", complianceState);
    ObjectNode condition = status.putArray("statusConditions").addObject();
    condition.put("lastTransitionTime", at.toString());
    condition.put("message", message);
    condition.put("reason", reason);
    condition.put("status", ready);
    condition.put("type", "Ready");
    return status;
  }

  /** The answer of a report: one result per configuration. */
  public record Results(JsonNode json) {
    public String result(String name) {
      return find(name).path("result").asText(null);
    }

    public String reason(String name) {
      return find(name).path("reason").asText(null);
    }

    private JsonNode find(String name) {
      for (JsonNode r : json.path("results")) {
        if (name.equals(r.path("name").asText())) {
          return r;
        }
      }
      throw new AssertionError("no result for " + name + " in " + json);
    }
  }

  /** The {@code agent} block of a report. */
  public static ObjectNode versions(String agent, String flux, String kubernetes) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("agentVersion", agent);
    node.put("fluxVersion", flux);
    node.put("kubernetesVersion", kubernetes);
    return node;
  }

  /** The report body with the default versions and these configurations. */
  public static String reportBody(Report... reports) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("agent", versions(AGENT_VERSION, FLUX_VERSION, KUBERNETES_VERSION));
    ArrayNode configurations = body.putArray("configurations");
    for (Report report : reports) {
      configurations.add(report.json());
    }
    return Bodies.write(body);
  }

  /** Posts a report (200 expected). */
  public Results report(Report... reports) {
    ArmClient.Response response = postReport(reportBody(reports));
    assertThat(response.status()).as("report of %s: %s", clusterId, response).isEqualTo(200);
    assertThat(response.json().path("results").size())
        .as("one result per configuration: %s", response)
        .isEqualTo(reports.length);
    return new Results(response.json());
  }

  /** A report with no configurations: the heartbeat (200 expected). */
  public Results heartbeat() {
    return report();
  }

  /** A heartbeat with these versions (200 expected). */
  public Results heartbeat(String agent, String flux, String kubernetes) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("agent", versions(agent, flux, kubernetes));
    body.putArray("configurations");
    ArmClient.Response response = postReport(Bodies.write(body));
    assertThat(response.status()).as("heartbeat of %s: %s", clusterId, response).isEqualTo(200);
    return new Results(response.json());
  }

  /** {@code POST /agent/v1/reports?cluster=<this cluster>} with this body, any answer. */
  public ArmClient.Response postReport(String body) {
    return send(
        "POST",
        "/agent/v1/reports?cluster=" + encode(clusterId),
        body,
        bearer(),
        Duration.ofSeconds(30));
  }

  // ---- HTTP -------------------------------------------------------------------------------------

  private String bearer() {
    return credential == null ? null : "Bearer " + credential;
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * Any request to this agent's server; {@code authorization} is the whole header value (null:
   * none). Connection failures throw {@link UncheckedIOException}.
   */
  public ArmClient.Response send(
      String method, String pathAndQuery, String body, String authorization, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.get().resolve(pathAndQuery))
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> headers = new LinkedHashMap<>();
      response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
      return new ArmClient.Response(response.statusCode(), headers, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static JsonNode parse(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  // ---- the long-poll loop -----------------------------------------------------------------------

  /**
   * Starts the agent's loop on a virtual thread: long-poll from {@code since} with {@code wait},
   * keep the answer's {@code seq}, collect the entries; on a connection error or an answer other
   * than 200, try again with the same {@code seq} after a short pause.
   */
  public Poller startPolling(long since, int waitSeconds) {
    return new Poller(since, waitSeconds);
  }

  /** The background long-poll loop of {@link #startPolling}. */
  public final class Poller implements AutoCloseable {
    private final int waitSeconds;
    private final Thread thread;
    private final List<Entry> entries = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final AtomicInteger answers = new AtomicInteger();
    private volatile boolean running = true;
    private long since;
    private long lastEntryNanos;

    private Poller(long since, int waitSeconds) {
      this.since = since;
      this.waitSeconds = waitSeconds;
      this.thread = Thread.ofVirtual().name("agent " + clusterId).start(this::loop);
    }

    private void loop() {
      while (running) {
        long from;
        synchronized (this) {
          from = since;
        }
        String failure;
        try {
          ArmClient.Response response =
              desiredRaw(
                  "since=" + from + "&wait=" + waitSeconds, Duration.ofSeconds(waitSeconds + 15L));
          if (response.status() == 200) {
            Page page = Page.parse(parse(response.text()));
            long now = System.nanoTime();
            synchronized (this) {
              entries.addAll(page.entries());
              if (!page.entries().isEmpty()) {
                lastEntryNanos = now;
              }
              since = page.seq();
              answers.incrementAndGet();
              notifyAll();
            }
            continue;
          }
          failure = "HTTP " + response.status() + " " + response.text();
        } catch (RuntimeException e) {
          failure = e.toString();
        }
        if (!running) {
          return;
        }
        synchronized (this) {
          failures.add(failure);
          notifyAll();
        }
        try {
          Thread.sleep(100); // the agent's retry pause, not a wait for the test's time
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /**
     * The first entry collected (from the start) matching {@code match}, waiting for it up to
     * {@code timeout}.
     */
    public synchronized Entry await(Predicate<Entry> match, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        for (Entry e : entries) {
          if (match.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "agent of "
                  + clusterId
                  + " received no matching entry within "
                  + timeout
                  + "; entries: "
                  + entries.stream().map(Entry::json).toList()
                  + "; failures: "
                  + failures);
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }

    public synchronized List<Entry> entries() {
      return List.copyOf(entries);
    }

    public synchronized List<String> failures() {
      return List.copyOf(failures);
    }

    /** Answers with status 200 so far. */
    public int answers() {
      return answers.get();
    }

    public synchronized long since() {
      return since;
    }

    /** {@link System#nanoTime()} when the last non-empty answer arrived (0: none yet). */
    public synchronized long lastEntryNanos() {
      return lastEntryNanos;
    }

    public TestAgent agent() {
      return TestAgent.this;
    }

    /** Stops the loop (a request in flight is abandoned). */
    @Override
    public void close() {
      running = false;
      thread.interrupt();
    }
  }
}
