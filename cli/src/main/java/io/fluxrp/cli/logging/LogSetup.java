package io.fluxrp.cli.logging;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Chooses the log format before Logback starts and routes {@code java.util.logging} (Helidon) into
 * SLF4J. {@code FLUXRP_LOG_FORMAT=json} selects {@code logback-json.xml} (Logback's JsonEncoder)
 * through {@code logback.configurationFile}; otherwise Logback finds {@code logback.xml} (text). A
 * configuration file given with {@code -Dlogback.configurationFile} is left alone.
 */
public final class LogSetup {

  /** The environment variable that selects the format: {@code text} (default) or {@code json}. */
  public static final String FORMAT_VARIABLE = "FLUXRP_LOG_FORMAT";

  /** Logback's system property naming its configuration (a classpath resource, file or URL). */
  static final String CONFIG_PROPERTY = "logback.configurationFile";

  /** The JSON configuration, a classpath resource. */
  static final String JSON_CONFIG = "logback-json.xml";

  private LogSetup() {}

  /**
   * Must run before the first logger is obtained. An unknown format falls back to text with a
   * warning on {@code err}.
   */
  public static void configure(Map<String, String> env, PrintStream err) {
    String format = format(env.get(FORMAT_VARIABLE), err);
    if (format.equals("json") && System.getProperty(CONFIG_PROPERTY) == null) {
      System.setProperty(CONFIG_PROPERTY, JSON_CONFIG);
    }
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }

  static String format(String value, PrintStream err) {
    String f = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    return switch (f) {
      case "", "text" -> "text";
      case "json" -> "json";
      default -> {
        err.println(
            "fluxrp: " + FORMAT_VARIABLE + " is text or json, not '" + value + "'; using text");
        yield "text";
      }
    };
  }
}
