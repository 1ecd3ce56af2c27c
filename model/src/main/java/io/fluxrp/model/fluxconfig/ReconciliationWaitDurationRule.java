package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.MessageText.quote;
import static io.fluxrp.model.fluxconfig.PropertyPaths.PROPERTIES;

import io.fluxrp.model.schema.JsonPath;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code reconciliationWaitDuration}: a positive ISO-8601 duration. */
final class ReconciliationWaitDurationRule {
  private static final Pattern WEEKS = Pattern.compile("^P(\\d{1,6})W$", Pattern.CASE_INSENSITIVE);

  private final ValidationProblems problems;

  ReconciliationWaitDurationRule(ValidationProblems problems) {
    this.problems = problems;
  }

  void check(String value) {
    if (value == null) {
      return;
    }
    JsonPath path = PROPERTIES.property("reconciliationWaitDuration");
    Optional<Duration> duration = parseIsoDuration(value);
    if (duration.isEmpty()) {
      problems.invalid(
          path,
          "The reconciliationWaitDuration "
              + quote(value)
              + " is not an ISO-8601 duration; use e.g. PT30M, PT1H or P1D.");
    } else if (duration.get().isNegative() || duration.get().isZero()) {
      problems.invalid(
          path,
          "The reconciliationWaitDuration "
              + quote(value)
              + " must be longer than zero, e.g. PT30M.");
    }
  }

  /** {@link Duration#parse} plus the week form {@code PnW}, which it does not accept. */
  static Optional<Duration> parseIsoDuration(String value) {
    Matcher weeks = WEEKS.matcher(value);
    if (weeks.matches()) {
      return Optional.of(Duration.ofDays(7L * Long.parseLong(weeks.group(1))));
    }
    try {
      return Optional.of(Duration.parse(value));
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
