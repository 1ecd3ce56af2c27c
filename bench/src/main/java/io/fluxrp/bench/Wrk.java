package io.fluxrp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Closed-loop throughput with wrk (Debian's package), when it is installed. */
final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  private Wrk() {}

  static boolean installed() {
    return Files.isExecutable(Path.of("/usr/bin/wrk"));
  }

  /** Requests per second; fails when any answer was not 2xx. */
  static double run(String url, String token, String luaScript, Duration duration, int connections)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "wrk",
                "-t2",
                "-c" + connections,
                "-d" + duration.toSeconds() + "s",
                "-H",
                "Authorization: Bearer " + token));
    Path script = null;
    if (luaScript != null) {
      script = Files.createTempFile("bench", ".lua");
      Files.writeString(script, luaScript);
      command.addAll(List.of("-s", script.toString()));
    }
    command.add(url);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    wrk.waitFor();
    if (script != null) {
      Files.delete(script);
    }
    Matcher errors = NON_2XX.matcher(output);
    Matcher rate = RATE.matcher(output);
    if (errors.find() || !rate.find()) {
      throw new IllegalStateException("wrk: " + output);
    }
    return Double.parseDouble(rate.group(1));
  }

  /**
   * A wrk script (wrk's -H headers do not apply to it) that PUTs {@code body} to {@code prefixes[n
   * mod size]}{@code w}thread-n, a new name each time.
   */
  static String putScript(List<String> prefixes, String token, String body) {
    String table =
        prefixes.stream().map(p -> "\"" + p + "w\"").collect(Collectors.joining(", ", "{", "}"));
    return """
        local threadId = 0
        function setup(thread)
          threadId = threadId + 1
          thread:set("tid", threadId)
        end
        local n = 0
        local prefixes = %s
        local body = [==[%s]==]
        function request()
          n = n + 1
          return wrk.format("PUT", prefixes[n %% #prefixes + 1] .. tid .. "-" .. n .. "%s",
            {["Content-Type"] = "application/json", ["Authorization"] = "Bearer %s"}, body)
        end
        """
        .formatted(table, body, Fixtures.API, token);
  }
}
