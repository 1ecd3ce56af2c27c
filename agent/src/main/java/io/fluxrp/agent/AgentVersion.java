package io.fluxrp.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's own version, from the build. */
final class AgentVersion {
  private AgentVersion() {}

  static String current() {
    try (InputStream in = AgentVersion.class.getResourceAsStream("agent-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
