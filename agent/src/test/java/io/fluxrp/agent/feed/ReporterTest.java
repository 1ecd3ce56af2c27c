package io.fluxrp.agent.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.agent.testing.Await;
import io.fluxrp.model.agentapi.AgentVersions;
import io.fluxrp.model.agentapi.ConfigurationReport;
import io.fluxrp.model.fluxconfig.ComplianceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReporterTest {
  private static final AgentVersions VERSIONS = new AgentVersions("0.1.0", "v2.7.5", "v1.31.2");
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path dir;
  private StandInServer server;
  private Path tokenFile;
  private final List<ConfigurationReport> delivered = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new StandInServer("fxa_first");
    tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "fxa_first\n");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Reporter reporter(Duration debounce, Duration heartbeat) {
    ServerClient client =
        new ServerClient(server.uri(), "/subscriptions/s/c", new TokenFile(tokenFile), null);
    return new Reporter(client, VERSIONS, debounce, heartbeat, delivered::add);
  }

  private static ConfigurationReport applied(String name, long generation, ComplianceState state) {
    return new ConfigurationReport(
        name,
        generation,
        ConfigurationReport.Outcome.APPLIED,
        null,
        List.of(),
        state,
        null,
        null,
        null);
  }

  @Test
  void changesWithinTheDebounceGoInOneReportAndOnlyTheLatestOfAConfiguration() {
    try (Reporter reporter = reporter(Duration.ofMillis(300), HOUR)) {
      reporter.offer(applied("a", 1, ComplianceState.PENDING));
      reporter.offer(applied("b", 1, ComplianceState.PENDING));
      reporter.offer(applied("a", 1, ComplianceState.COMPLIANT));

      Await.until("one report", () -> server.withConfigurations().size() == 1);
      JsonNode report = server.withConfigurations().get(0);
      assertThat(report.path("configurations").findValuesAsText("name")).containsExactly("a", "b");
      assertThat(report.at("/configurations/0/complianceState").asText()).isEqualTo("Compliant");
      assertThat(report.at("/agent/fluxVersion").asText()).isEqualTo("v2.7.5");
      Await.until("both delivered", () -> delivered.size() == 2);
    }
  }

  @Test
  void aReportEqualToTheLastOneSentIsNotSentAgain() {
    try (Reporter reporter = reporter(Duration.ofMillis(50), HOUR)) {
      reporter.offer(applied("a", 1, ComplianceState.COMPLIANT));
      Await.until("sent", () -> delivered.size() == 1);
      reporter.offer(applied("a", 1, ComplianceState.COMPLIANT));
      reporter.offer(applied("a", 2, ComplianceState.PENDING));
      Await.until("the change is sent", () -> delivered.size() == 2);
      assertThat(server.withConfigurations()).hasSize(2);
      assertThat(server.withConfigurations().get(1).at("/configurations/0/generation").asLong())
          .isEqualTo(2);
    }
  }

  @Test
  void aRefusedReportIsSentAgainUntilTheServerTakesIt() {
    server.refuseNext(2, 503);
    try (Reporter reporter = reporter(Duration.ofMillis(50), HOUR)) {
      reporter.offer(applied("a", 1, ComplianceState.COMPLIANT));
      Await.until("delivered after the refusals", () -> delivered.size() == 1);
      assertThat(server.withConfigurations()).hasSize(1);
    }
  }

  @Test
  void heartbeatsCarryTheVersionsAlsoWhenNothingChanged() {
    try (Reporter reporter = reporter(Duration.ofMillis(50), Duration.ofMillis(100))) {
      Await.until("three heartbeats", () -> server.received().size() >= 3);
      assertThat(server.received())
          .allSatisfy(
              r -> assertThat(r.report().at("/agent/agentVersion").asText()).isEqualTo("0.1.0"));
      assertThat(reporter.sentOnce()).isTrue();
    }
  }

  @Test
  void aRotatedCredentialIsReadFromTheTokenFileWhenTheServerRefusesTheOldOne() throws Exception {
    try (Reporter reporter = reporter(Duration.ofMillis(50), HOUR)) {
      Await.until("the first heartbeat", () -> server.received().size() == 1);
      Files.writeString(tokenFile, "fxa_second");
      server.acceptOnly("fxa_second");
      reporter.offer(applied("a", 1, ComplianceState.COMPLIANT));
      Await.until("delivered with the new credential", () -> delivered.size() == 1);
      assertThat(server.received().get(server.received().size() - 1).authorization())
          .isEqualTo("Bearer fxa_second");
    }
  }
}
