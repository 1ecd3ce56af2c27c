package io.fluxrp.model.agentapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/** What became of one configuration's report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportResult(String name, Result result, String reason) {

  public enum Result {
    ACCEPTED("Accepted"),
    /** About a generation that is not the stored one, or a configuration that no longer exists. */
    IGNORED("Ignored");

    private final String wire;

    Result(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }
  }

  public static ReportResult accepted(String name) {
    return new ReportResult(name, Result.ACCEPTED, null);
  }

  public static ReportResult ignored(String name, String reason) {
    return new ReportResult(name, Result.IGNORED, reason);
  }
}
