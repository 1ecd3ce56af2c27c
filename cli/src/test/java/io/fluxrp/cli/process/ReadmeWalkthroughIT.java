package io.fluxrp.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's curl walk-through, run as written by bash against the built {@code fluxrp serve}
 * (only the port differs: the test's server listens on a free one; FLUXRP_DATA_DIR points {@code
 * serve} and {@code fluxrp token} at a fresh directory instead of the user's {@code ~/.fluxrp}).
 */
class ReadmeWalkthroughIT {
  private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

  /** Between the create and the reads: the emulated cluster answers asynchronously. */
  private static final String WAIT_FOR_OPERATION =
      "for i in $(seq 100); do curl -sS \"$OP\" -H \"$AUTH\" | grep -q '\"status\":\"Succeeded\"'"
          + " && break; sleep 0.1; done\n";

  @Test
  void theWalkthroughRunsAsWritten() throws Exception {
    List<String> blocks = walkthroughBlocks();
    assertThat(blocks).as("README walk-through blocks").hasSize(5);
    Path dataDir = Files.createTempDirectory("fluxrp-readme");
    try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
      String script =
          marked("setup", blocks.get(0).replace("http://localhost:8080", server.base().toString()))
              + marked("create", blocks.get(1))
              + WAIT_FOR_OPERATION
              + marked("read", blocks.get(2))
              + marked("patch", blocks.get(3))
              + marked("delete", blocks.get(4));
      Map<String, String> out = run(script, dataDir, ServerProcess.repository(), Map.of());

      // the operation of the create, polled at once: the live worker may have finished it already
      assertThat(out.get("create"))
          .contains("/fluxConfigurations/srs-fluxconfig/operations/")
          .containsPattern("\"status\":\"(Creating|Succeeded)\"");
      assertThat(out.get("read"))
          .contains("\"provisioningState\":\"Succeeded\"", "\"complianceState\":\"Compliant\"")
          .contains("\"value\":[");
      assertThat(out.get("patch"))
          .contains("\"provisioningState\":\"Updating\"", "\"complianceState\":\"Suspended\"")
          .contains("./test/alt-path");
      assertThat(out.get("delete")).startsWith("202\n");
    } finally {
      ServerProcess.deleteQuietly(dataDir);
    }
  }

  @Test
  void theClustersSectionRunsAsWritten() throws Exception {
    List<String> setup = walkthroughBlocks();
    List<String> blocks = sectionBlocks("## Clusters and agents");
    assertThat(blocks).as("README 'Clusters and agents' blocks").hasSize(2);
    Path dataDir = Files.createTempDirectory("fluxrp-readme");
    Path workDir = Files.createTempDirectory("fluxrp-readme-cwd");
    String launcher = ServerProcess.repository().resolve("cli/target/fluxrp").toString();
    try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
      String script =
          marked("setup", setup.get(0).replace("http://localhost:8080", server.base().toString()))
              + marked("register", blocks.get(0))
              + marked("agent", blocks.get(1));
      Map<String, String> out =
          run(
              script.replace("cli/target/fluxrp", launcher),
              dataDir,
              workDir,
              Map.of("FLUXRP_SERVER", server.base().toString()));

      assertThat(Files.readString(workDir.resolve("prod-1.credential")).strip())
          .matches("fxa_[A-Za-z0-9_-]{43}");
      assertThat(out.get("register"))
          .contains("/connectedClusters/prod-1", "agent", "NeverConnected")
          .contains("connectionState: NeverConnected", "configurations: 0");
      assertThat(out.get("agent"))
          .contains("\"snapshot\":true", "\"entries\":[]")
          .contains("{\"results\":[]}");
    } finally {
      ServerProcess.deleteQuietly(dataDir);
      ServerProcess.deleteQuietly(workDir);
    }
  }

  private static List<String> walkthroughBlocks() throws Exception {
    return sectionBlocks("## Walk-through with curl");
  }

  private static List<String> sectionBlocks(String heading) throws Exception {
    String readme =
        Files.readString(ServerProcess.repository().resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf(heading);
    int end = readme.indexOf("\n## ", start + 1);
    Matcher m = SH_BLOCK.matcher(readme.substring(start, end));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  private static String marked(String name, String block) {
    // curl's JSON has no final newline: start the marker on a line of its own
    return "printf '\\n=== " + name + "\\n'\n" + block;
  }

  /** Runs the script in {@code workDir}; the output of each marked block by name. */
  private static Map<String, String> run(
      String script, Path dataDir, Path workDir, Map<String, String> env) throws Exception {
    ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script);
    bash.directory(workDir.toFile());
    bash.environment().put("FLUXRP_DATA_DIR", dataDir.toString());
    bash.environment().putAll(env);
    bash.redirectErrorStream(true);
    Process process = bash.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("walk-through output:%n%s", output).isZero();
    Map<String, String> sections = new LinkedHashMap<>();
    String current = null;
    StringBuilder text = new StringBuilder();
    for (String line : output.split("\n", -1)) {
      if (line.startsWith("=== ")) {
        if (current != null) {
          sections.put(current, text.toString());
        }
        current = line.substring(4);
        text.setLength(0);
      } else {
        text.append(line).append('\n');
      }
    }
    sections.put(current, text.toString());
    return sections;
  }
}
