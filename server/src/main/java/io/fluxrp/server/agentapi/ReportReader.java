package io.fluxrp.server.agentapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fluxrp.model.agentapi.AgentReport;
import io.fluxrp.model.agentapi.AgentVersions;
import io.fluxrp.model.agentapi.ConfigurationReport;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.model.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads a report body strictly: unknown properties, wrong types and missing values are 400. */
final class ReportReader {
  static final int MAX_CONFIGURATIONS = 1000;
  private static final int MAX_NAME = 253;
  private static final int MAX_VERSION = 256;
  private static final ObjectReader READER =
      Json.mapper()
          .readerFor(AgentReport.class)
          .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ReportReader() {}

  static AgentReport read(JsonNode body) {
    if (!body.isObject()) {
      throw invalid(List.of(problem(null, "The report must be a JSON object.")));
    }
    AgentReport report;
    try {
      report = READER.readValue(body);
    } catch (JsonProcessingException e) {
      String at = e instanceof JsonMappingException mapping ? path(mapping) : null;
      throw invalid(List.of(problem(at, describe(e, at))));
    } catch (java.io.IOException e) {
      throw invalid(List.of(problem(null, "The report cannot be read.")));
    }
    List<ErrorDetail> problems = check(report);
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    return report;
  }

  private static List<ErrorDetail> check(AgentReport report) {
    List<ErrorDetail> problems = new ArrayList<>();
    if (report.configurations().size() > MAX_CONFIGURATIONS) {
      problems.add(
          problem(
              "configurations",
              "A report carries at most " + MAX_CONFIGURATIONS + " configurations; send several."));
      return problems;
    }
    AgentVersions agent = report.agent();
    if (agent != null) {
      checkLength(problems, "agent.agentVersion", agent.agentVersion(), MAX_VERSION);
      checkLength(problems, "agent.fluxVersion", agent.fluxVersion(), MAX_VERSION);
      checkLength(problems, "agent.kubernetesVersion", agent.kubernetesVersion(), MAX_VERSION);
    }
    for (int i = 0; i < report.configurations().size() && problems.size() < 10; i++) {
      check(problems, "configurations[" + i + "]", report.configurations().get(i));
    }
    return problems;
  }

  private static void check(List<ErrorDetail> problems, String at, ConfigurationReport report) {
    if (report == null) {
      problems.add(problem(at, "A configuration report must be an object."));
      return;
    }
    if (report.name() == null || report.name().isBlank()) {
      problems.add(problem(at + ".name", "The configuration name is required."));
    } else {
      checkLength(problems, at + ".name", report.name(), MAX_NAME);
    }
    if (report.generation() < 1) {
      problems.add(problem(at + ".generation", "The generation must be 1 or more."));
    }
    if (report.outcome() == null) {
      problems.add(
          problem(at + ".outcome", "The outcome is required: Applied, ApplyFailed or Deleted."));
    } else if (report.outcome() == ConfigurationReport.Outcome.APPLY_FAILED
        && report.failure() == null) {
      problems.add(
          problem(
              at + ".failure", "An ApplyFailed report says what failed: object, reason, message."));
    }
  }

  private static void checkLength(List<ErrorDetail> problems, String at, String value, int max) {
    if (value != null && value.length() > max) {
      problems.add(problem(at, "The value is longer than " + max + " characters."));
    }
  }

  private static String path(JsonMappingException e) {
    String joined =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining());
    return joined.startsWith(".") ? joined.substring(1) : joined.isEmpty() ? null : joined;
  }

  /** Says what is wrong without naming Java classes. */
  private static String describe(JsonProcessingException e, String at) {
    String where = at == null ? "The report" : "'" + at + "'";
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "The property '" + unknown.getPropertyName() + "' is not part of the agent API.";
    }
    if (e instanceof InvalidFormatException invalid) {
      return where
          + " has a value that is not allowed: "
          + bounded(String.valueOf(invalid.getValue()));
    }
    return where + " has the wrong type or shape.";
  }

  private static String bounded(String value) {
    return value.length() <= 100 ? value : value.substring(0, 100) + "...";
  }

  private static ErrorDetail problem(String target, String message) {
    return new ErrorDetail(ArmErrorCode.INVALID_REQUEST_CONTENT.wire(), message, target, List.of());
  }

  private static ArmException invalid(List<ErrorDetail> problems) {
    ErrorDetail first = problems.get(0);
    return new ArmException(
        ArmErrorCode.INVALID_REQUEST_CONTENT,
        problems.size() == 1
            ? first.message()
            : "The report has " + problems.size() + " problems; see details.",
        problems.size() == 1 ? first.target() : null,
        problems,
        Map.of());
  }
}
