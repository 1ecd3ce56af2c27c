package io.fluxrp.agent.feed;

import io.fluxrp.model.agentapi.AgentReport;
import io.fluxrp.model.agentapi.AgentVersions;
import io.fluxrp.model.agentapi.ConfigurationReport;
import io.fluxrp.model.agentapi.ReportResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends reports: what changed within one debounce interval goes in one report, a report equal to
 * the last one sent for that configuration is not sent again, and a heartbeat (the versions, plus
 * whatever is pending) goes out at least once per heartbeat interval. Failed sends are retried with
 * backoff; nothing offered is dropped except by a newer report for the same configuration.
 */
public final class Reporter implements AutoCloseable {
  static final int MAX_PER_REPORT = 1000;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);

  private final ServerClient server;
  private final AgentVersions versions;
  private final Duration debounce;
  private final Consumer<ConfigurationReport> delivered;
  private final ScheduledExecutorService scheduler;
  private final Map<String, ConfigurationReport> pending = new LinkedHashMap<>();
  private final Map<String, ConfigurationReport> lastSent = new HashMap<>();
  private ScheduledFuture<?> flush;
  private Duration backoff = Duration.ofSeconds(1);
  private volatile boolean sentOnce;

  /**
   * @param delivered told about every report the server answered (accepted or ignored)
   */
  public Reporter(
      ServerClient server,
      AgentVersions versions,
      Duration debounce,
      Duration heartbeat,
      Consumer<ConfigurationReport> delivered) {
    this.server = server;
    this.versions = versions;
    this.debounce = debounce;
    this.delivered = delivered;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "fluxrp-agent-reports");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::heartbeat, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Queues {@code report} unless it equals the last one sent for its configuration. */
  public synchronized void offer(ConfigurationReport report) {
    if (Objects.equals(lastSent.get(report.name()), report)) {
      pending.remove(report.name());
      return;
    }
    pending.put(report.name(), report);
    if (flush == null) {
      flush = scheduler.schedule(this::send, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Forgets what was sent for a configuration (after its deletion). */
  public synchronized void forget(String name) {
    lastSent.remove(name);
  }

  /** True once a report or heartbeat reached the server. */
  public boolean sentOnce() {
    return sentOnce;
  }

  public synchronized int pendingCount() {
    return pending.size();
  }

  private void heartbeat() {
    send();
  }

  private void send() {
    List<ConfigurationReport> batch;
    synchronized (this) {
      // a heartbeat sends what is pending too: the debounced flush scheduled for it is not needed
      if (flush != null) {
        flush.cancel(false);
        flush = null;
      }
      batch =
          new ArrayList<>(pending.values()).subList(0, Math.min(pending.size(), MAX_PER_REPORT));
      batch = List.copyOf(batch);
    }
    try {
      List<ReportResult> results = server.report(new AgentReport(versions, batch));
      sentOnce = true;
      delivered(batch, results);
    } catch (RuntimeException e) {
      LOG.warn("report: {} (next try in {} s)", e.getMessage(), backoff.toSeconds());
      synchronized (this) {
        if (flush == null && !scheduler.isShutdown()) {
          flush = scheduler.schedule(this::send, backoff.toMillis(), TimeUnit.MILLISECONDS);
        }
        backoff = Backoff.next(backoff, MAX_BACKOFF);
      }
    }
  }

  private void delivered(List<ConfigurationReport> batch, List<ReportResult> results) {
    synchronized (this) {
      backoff = Duration.ofSeconds(1);
      for (ConfigurationReport report : batch) {
        lastSent.put(report.name(), report);
        pending.remove(report.name(), report);
      }
      if (!pending.isEmpty() && flush == null && !scheduler.isShutdown()) {
        flush = scheduler.schedule(this::send, 0, TimeUnit.MILLISECONDS);
      }
    }
    for (ReportResult result : results) {
      if (result.result() == ReportResult.Result.IGNORED) {
        LOG.debug("report for {} ignored: {}", result.name(), result.reason());
      }
    }
    batch.forEach(delivered);
  }

  /** Sends what is pending (bounded wait), then stops. */
  @Override
  public void close() {
    try {
      scheduler.submit(this::send).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("last report not sent: {}", e.toString());
    }
    scheduler.shutdownNow();
  }
}
