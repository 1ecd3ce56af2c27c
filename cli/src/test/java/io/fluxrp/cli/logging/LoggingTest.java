package io.fluxrp.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The shipped Logback configurations, each loaded into a fresh context writing to a captured
 * stderr.
 */
class LoggingTest {

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private LoggerContext context;

  @BeforeEach
  void captureStderr() {
    originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    if (context != null) {
      context.stop();
    }
    MDC.clear();
  }

  @Test
  void textFormatIsOneLinePerEventWithRequestIds() throws Exception {
    Logger log = configure("logback.xml").getLogger("io.fluxrp.server.http.Access");

    log.info("without ids");
    MDC.put("requestId", "r-1");
    MDC.put("correlationId", "c 2");
    MDC.put("other", "ignored");
    log.warn("with ids");
    MDC.clear();
    MDC.put("correlationId", "c-3");
    log.info("only correlation");

    List<String> lines = output().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  io\\.fluxrp\\.server\\.http\\.Access - without ids");
    assertThat(lines.get(1))
        .endsWith(
            " WARN  [requestId=r-1 correlationId=\"c 2\"] io.fluxrp.server.http.Access - with ids");
    assertThat(lines.get(2))
        .endsWith(" INFO  [correlationId=c-3] io.fluxrp.server.http.Access - only correlation");
  }

  @Test
  void textFormatKeepsLibrariesQuiet() throws Exception {
    LoggerContext ctx = configure("logback.xml");

    ctx.getLogger("io.helidon.webserver.LoomServer").info("Started all channels");
    ctx.getLogger("com.zaxxer.hikari.HikariDataSource").info("Start completed");
    ctx.getLogger("org.flywaydb.core.FlywayExecutor").info("Database: jdbc:h2:...");
    ctx.getLogger("org.flywaydb.core.internal.command.DbMigrate")
        .info("Successfully applied 1 migration");
    ctx.getLogger("io.helidon.webserver.LoomServer").warn("something wrong");

    assertThat(output().lines())
        .hasSize(2)
        .anyMatch(l -> l.endsWith("Successfully applied 1 migration"))
        .anyMatch(l -> l.endsWith("something wrong"));
  }

  @Test
  void jsonFormatIsOneObjectPerLineWithTheMdc() throws Exception {
    Logger log = configure(LogSetup.JSON_CONFIG).getLogger("io.fluxrp.cli.ServeCommand");

    MDC.put("requestId", "r-1");
    log.info("fluxrp listening on {}", "http://localhost:8080");
    MDC.clear();
    log.error("failed", new IllegalStateException("boom"));

    List<String> lines = output().lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("loggerName").asText()).isEqualTo("io.fluxrp.cli.ServeCommand");
    assertThat(first.get("formattedMessage").asText())
        .isEqualTo("fluxrp listening on http://localhost:8080");
    assertThat(first.get("mdc").get("requestId").asText()).isEqualTo("r-1");
    assertThat(first.has("timestamp")).isTrue();
    JsonNode second = json.readTree(lines.get(1));
    assertThat(second.get("level").asText()).isEqualTo("ERROR");
    assertThat(second.get("formattedMessage").asText()).isEqualTo("failed");
    assertThat(second.has("mdc") && !second.get("mdc").isEmpty())
        .as("no MDC left after MDC.clear(): %s", second)
        .isFalse();
    assertThat(second.get("throwable").toString()).contains("boom");
  }

  @Test
  void formatSelection() {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(warnings, true, StandardCharsets.UTF_8);

    assertThat(LogSetup.format(null, err)).isEqualTo("text");
    assertThat(LogSetup.format("", err)).isEqualTo("text");
    assertThat(LogSetup.format(" JSON ", err)).isEqualTo("json");
    assertThat(LogSetup.format("Text", err)).isEqualTo("text");
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();

    assertThat(LogSetup.format("yaml", err)).isEqualTo("text");
    assertThat(warnings.toString(StandardCharsets.UTF_8))
        .contains("FLUXRP_LOG_FORMAT is text or json, not 'yaml'");
  }

  @Test
  void logfmtValues() {
    assertThat(value("abc-123")).isEqualTo("abc-123");
    assertThat(value("")).isEqualTo("\"\"");
    assertThat(value("a b")).isEqualTo("\"a b\"");
    assertThat(value("a=b")).isEqualTo("\"a=b\"");
    assertThat(value("say \"hi\"\n")).isEqualTo("\"say \\\"hi\\\"\\n\"");
    assertThat(value("x]")).isEqualTo("\"x]\"");
  }

  private static String value(String v) {
    StringBuilder out = new StringBuilder();
    MdcFieldsConverter.appendValue(out, v);
    return out.toString();
  }

  private LoggerContext configure(String resource) throws Exception {
    context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter()); // the adapter MDC.put writes to
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getClassLoader().getResource(resource));
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .noneMatch(s -> s.getLevel() >= ch.qos.logback.core.status.Status.WARN);
    return context;
  }

  private String output() {
    return captured.toString(StandardCharsets.UTF_8);
  }
}
