package io.fluxrp.agent.fluxobjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DefaultKnownHostsTest {
  /**
   * The SHA256 fingerprints the providers publish: GitHub's "GitHub's SSH key fingerprints";
   * GitLab's "GitLab.com settings"; Bitbucket's SSH host key change announcement (June 2023) and
   * KB; Microsoft's "Use SSH key authentication" (Azure Repos), for both of its host names.
   */
  private static final Map<String, String> PUBLISHED =
      Map.ofEntries(
          Map.entry("github.com ssh-ed25519", "+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU"),
          Map.entry(
              "github.com ecdsa-sha2-nistp256", "p2QAMXNIC1TJYWeIOttrVc98/R1BUFWu3/LiyKgUfQM"),
          Map.entry("github.com ssh-rsa", "uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"),
          Map.entry("gitlab.com ssh-ed25519", "eUXGGm1YGsMAS7vkcx6JOJdOGHPem5gQp4taiCfCLB8"),
          Map.entry(
              "gitlab.com ecdsa-sha2-nistp256", "HbW3g8zUjNSksFbqTiUWPWg2Bq1x8xdGUrliXFzSnUw"),
          Map.entry("gitlab.com ssh-rsa", "ROQFvPThGrW4RuWLoL9tq9I9zJ42fK4XywyRtbOz/EQ"),
          Map.entry("bitbucket.org ssh-ed25519", "ybgmFkzwOSotHTHLJgHO0QN8L0xErw6vd0VhFA9m3SM"),
          Map.entry(
              "bitbucket.org ecdsa-sha2-nistp256", "FC73VB6C4OQLSCrjEayhMp9UMxS97caD/Yyi2bhW/J0"),
          Map.entry("bitbucket.org ssh-rsa", "46OSHA1Rmj8E8ERTC6xkNcmGOw9oFxYr0WF6zWW8l1E"),
          Map.entry("ssh.dev.azure.com ssh-rsa", "ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og"),
          Map.entry(
              "vs-ssh.visualstudio.com ssh-rsa", "ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og"));

  @Test
  void everyBuiltInKeyHasThePublishedFingerprint() throws Exception {
    Map<String, String> actual =
        DefaultKnownHosts.BUILT_IN.stream()
            .collect(
                Collectors.toMap(
                    line -> line.split(" ")[0] + " " + line.split(" ")[1],
                    DefaultKnownHostsTest::fingerprint));

    assertThat(actual).isEqualTo(PUBLISHED);
  }

  @Test
  void everyBuiltInKeyIsOfTheTypeItsLineNames() {
    for (String line : DefaultKnownHosts.BUILT_IN) {
      String[] fields = line.split(" ");
      ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(fields[2]));
      byte[] type = new byte[blob.getInt()];
      blob.get(type);
      assertThat(new String(type, StandardCharsets.US_ASCII)).as(line).isEqualTo(fields[1]);
    }
  }

  @Test
  void withoutUserContentItIsTheBuiltInList() {
    assertThat(DefaultKnownHosts.mergedWith(null))
        .isEqualTo(String.join("\n", DefaultKnownHosts.BUILT_IN) + "\n");
    assertThat(DefaultKnownHosts.mergedWith("")).isEqualTo(DefaultKnownHosts.mergedWith(null));
  }

  @Test
  void userLinesComeFirstWithoutBlankOrDuplicateLines() {
    String own = "git.corp,10.0.0.5 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGitCorpKey";
    String github = DefaultKnownHosts.BUILT_IN.get(0);
    String user = "\n" + own + "\r\n\r\n" + github + "  \n" + own + "\n";

    List<String> lines = DefaultKnownHosts.mergedWith(user).lines().toList();

    assertThat(lines.subList(0, 2)).containsExactly(own, github);
    assertThat(lines).doesNotHaveDuplicates().doesNotContain("");
    assertThat(lines).containsAll(DefaultKnownHosts.BUILT_IN);
    assertThat(lines).hasSize(1 + DefaultKnownHosts.BUILT_IN.size());
    assertThat(DefaultKnownHosts.mergedWith(user)).endsWith("\n");
  }

  private static String fingerprint(String line) {
    try {
      byte[] blob = Base64.getDecoder().decode(line.split(" ")[2]);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
