package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.Fixtures.b64;
import static io.fluxrp.agent.fluxobjects.Fixtures.build;
import static io.fluxrp.agent.fluxobjects.Fixtures.decodedData;
import static io.fluxrp.agent.fluxobjects.Fixtures.json;
import static io.fluxrp.agent.fluxobjects.Fixtures.secret;
import static io.fluxrp.agent.fluxobjects.Fixtures.spec;
import static io.fluxrp.agent.fluxobjects.Fixtures.specOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitSourceTest {
  private static final SshIdentity GENERATED =
      new SshIdentity(TestKeys.pkcs8Pem(TestKeys.RSA), TestKeys.sshRsaLine(TestKeys.RSA));

  private static ConfigurationSpec git(String gitJson, String settingsJson) {
    return spec(
        "app",
        """
        {"namespace": "ns1", "gitRepository": %s, "configurationProtectedSettings": %s}
        """
            .formatted(gitJson, settingsJson));
  }

  private static ConfigurationSpec git(String gitJson) {
    return git(gitJson, "{}");
  }

  @Test
  void aPublicHttpsRepositoryHasNoSecretAndNoSecretRef() {
    DesiredObjects desired = build(git("{\"url\": \"https://github.com/org/app\"}"));

    assertThat(specOf(desired.source()))
        .isEqualTo(
            json(
                """
                {"url": "https://github.com/org/app", "interval": "600s", "timeout": "600s",
                 "suspend": false}
                """));
    assertThat(desired.secrets()).isEmpty();
    assertThat(desired.repositoryPublicKey()).isNull();
  }

  @Test
  void httpsUserAndKeyBecomeUsernameAndDecodedPassword() {
    DesiredObjects desired =
        build(
            git(
                "{\"url\": \"https://dev.azure.com/org/p/_git/r\", \"httpsUser\": \"me\"}",
                "{\"httpsKey\": \"%s\"}".formatted(b64("my-pat"))));

    assertThat(specOf(desired.source()).get("secretRef"))
        .isEqualTo(json("{\"name\": \"app-auth\"}"));
    assertThat(decodedData(secret(desired, "app-auth")))
        .containsExactly(Map.entry("username", "me"), Map.entry("password", "my-pat"));
  }

  @Test
  void httpsCaCertificateAloneBecomesCaCrt() {
    String ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    DesiredObjects desired =
        build(
            git("{\"url\": \"https://git.corp/app\", \"httpsCACert\": \"%s\"}".formatted(b64(ca))));

    assertThat(decodedData(secret(desired, "app-auth"))).containsExactly(Map.entry("ca.crt", ca));
    assertThat(specOf(desired.source()).get("secretRef"))
        .isEqualTo(json("{\"name\": \"app-auth\"}"));
  }

  @Test
  void aSuppliedSshKeyIsUsedAndItsPublicKeyReported() {
    String pem = TestKeys.pkcs1Pem(TestKeys.RSA);
    String userHosts = "git.corp ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHdW2fKSk4x9YoF2LVxv0tMvyWXL";
    DesiredObjects desired =
        build(
            git(
                "{\"url\": \"ssh://git@git.corp/app.git\", \"sshKnownHosts\": \"%s\"}"
                    .formatted(b64(userHosts + "\n")),
                "{\"sshPrivateKey\": \"%s\"}".formatted(b64(pem))),
            Optional.of(SshKeys.generate()));

    String publicKey = TestKeys.sshRsaLine(TestKeys.RSA);
    assertThat(desired.repositoryPublicKey()).isEqualTo(publicKey);
    var secret = secret(desired, "app-auth");
    assertThat(decodedData(secret))
        .containsExactly(
            Map.entry("identity", pem),
            Map.entry("identity.pub", publicKey),
            Map.entry("known_hosts", DefaultKnownHosts.mergedWith(userHosts)));
    assertThat(decodedData(secret).get("known_hosts")).startsWith(userHosts + "\n");
    assertThat(secret.getMetadata().getAnnotations())
        .containsExactly(Map.entry(ManagedLabels.GENERATION, "7"));
    assertThat(specOf(desired.source()).get("secretRef"))
        .isEqualTo(json("{\"name\": \"app-auth\"}"));
  }

  @Test
  void withoutASuppliedKeyTheGivenIdentityIsUsedAndMarkedGenerated() {
    DesiredObjects desired =
        build(git("{\"url\": \"git@github.com:org/app.git\"}"), Optional.of(GENERATED));

    assertThat(desired.repositoryPublicKey()).isEqualTo(GENERATED.publicKey());
    var secret = secret(desired, "app-auth");
    assertThat(decodedData(secret))
        .containsExactly(
            Map.entry("identity", GENERATED.privateKeyPem()),
            Map.entry("identity.pub", GENERATED.publicKey()),
            Map.entry("known_hosts", DefaultKnownHosts.mergedWith(null)));
    assertThat(secret.getMetadata().getAnnotations())
        .containsExactly(
            Map.entry(ManagedLabels.GENERATION, "7"),
            Map.entry(ManagedLabels.GENERATED_IDENTITY, "true"));
  }

  @Test
  void anSshSourceWithoutKeyOrIdentityIsRefused() {
    ConfigurationSpec spec = git("{\"url\": \"ssh://git@github.com/org/app\"}");

    assertThat(FluxObjectFactory.needsIdentity(spec)).isTrue();
    assertThatThrownBy(() -> FluxObjectFactory.build(spec, FluxApis.V1, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'app'")
        .hasMessageContaining("identity");
  }

  @Test
  void anIdentityIsNeededOnlyForSshWithoutKeyAndWithoutLocalAuthRef() {
    assertThat(FluxObjectFactory.needsIdentity(git("{\"url\": \"git@github.com:o/r\"}"))).isTrue();
    assertThat(FluxObjectFactory.needsIdentity(git("{\"url\": \"https://github.com/o/r\"}")))
        .isFalse();
    assertThat(
            FluxObjectFactory.needsIdentity(
                git("{\"url\": \"git@github.com:o/r\", \"localAuthRef\": \"mine\"}")))
        .isFalse();
    assertThat(
            FluxObjectFactory.needsIdentity(
                git(
                    "{\"url\": \"git@github.com:o/r\"}",
                    "{\"sshPrivateKey\": \"%s\"}".formatted(b64(TestKeys.pkcs8Pem(TestKeys.RSA))))))
        .isFalse();
    assertThat(
            FluxObjectFactory.needsIdentity(
                spec(
                    "b", "{\"sourceKind\": \"Bucket\", \"bucket\": {\"url\": \"http://m:9000\"}}")))
        .isFalse();
  }

  @Test
  void aGivenIdentityIsIgnoredForHttps() {
    DesiredObjects desired =
        build(git("{\"url\": \"https://github.com/org/app\"}"), Optional.of(GENERATED));

    assertThat(desired.secrets()).isEmpty();
    assertThat(desired.repositoryPublicKey()).isNull();
  }

  @Test
  void localAuthRefIsReferencedAndNoSecretIsManaged() {
    DesiredObjects desired =
        build(git("{\"url\": \"git@github.com:org/app.git\", \"localAuthRef\": \"my-creds\"}"));

    assertThat(specOf(desired.source()).get("secretRef"))
        .isEqualTo(json("{\"name\": \"my-creds\"}"));
    assertThat(desired.secrets()).isEmpty();
    assertThat(desired.repositoryPublicKey()).isNull();
  }

  @Test
  void providerAzureAndGitHubAreWrittenAndGenericIsLeftOut() {
    assertThat(
            specOf(
                    build(
                            git(
                                "{\"url\": \"https://dev.azure.com/o/p/_git/r\","
                                    + " \"provider\": \"Azure\"}"))
                        .source())
                .get("provider")
                .asText())
        .isEqualTo("azure");
    DesiredObjects github =
        build(
            git(
                "{\"url\": \"https://github.com/o/r\", \"provider\": \"GitHub\","
                    + " \"localAuthRef\": \"github-app\"}"));
    assertThat(specOf(github.source()))
        .isEqualTo(
            json(
                """
                {"url": "https://github.com/o/r", "interval": "600s", "timeout": "600s",
                 "provider": "github", "secretRef": {"name": "github-app"}, "suspend": false}
                """));
    assertThat(
            specOf(
                    build(git("{\"url\": \"https://github.com/o/r\", \"provider\": \"Generic\"}"))
                        .source())
                .has("provider"))
        .isFalse();
  }

  @Test
  void everyRefFieldIsCopied() {
    String commit = "0ba6f0d30760d567de0bac86c8c4eec13ce1a590";
    assertThat(
            specOf(
                    build(
                            git(
                                """
                                {"url": "https://github.com/o/r",
                                 "repositoryRef": {"branch": "release", "commit": "%s"}}
                                """
                                    .formatted(commit)))
                        .source())
                .get("ref"))
        .isEqualTo(json("{\"branch\": \"release\", \"commit\": \"%s\"}".formatted(commit)));
    assertThat(
            specOf(
                    build(
                            git(
                                "{\"url\": \"https://github.com/o/r\", \"repositoryRef\": {\"tag\": \"v1.2.3\"}}"))
                        .source())
                .get("ref"))
        .isEqualTo(json("{\"tag\": \"v1.2.3\"}"));
    assertThat(
            specOf(
                    build(
                            git(
                                "{\"url\": \"https://github.com/o/r\", \"repositoryRef\": {\"semver\": \">=1.0.0\"}}"))
                        .source())
                .get("ref"))
        .isEqualTo(json("{\"semver\": \">=1.0.0\"}"));
    assertThat(
            specOf(
                    build(git("{\"url\": \"https://github.com/o/r\", \"repositoryRef\": {}}"))
                        .source())
                .has("ref"))
        .isFalse();
  }

  @Test
  void scpStyleUrlsBecomeSshUrls() {
    assertThat(sourceUrl("git@github.com:org/repo.git"))
        .isEqualTo("ssh://git@github.com/org/repo.git");
    assertThat(sourceUrl("git@ssh.dev.azure.com:v3/org/project/repo"))
        .isEqualTo("ssh://git@ssh.dev.azure.com/v3/org/project/repo");
    assertThat(sourceUrl("deploy@git.corp:/srv/git/app.git"))
        .isEqualTo("ssh://deploy@git.corp/srv/git/app.git");
    assertThat(sourceUrl("HTTPS://GitHub.com/Org/Repo")).isEqualTo("https://GitHub.com/Org/Repo");
    assertThat(sourceUrl("ssh://git@github.com:22/org/repo"))
        .isEqualTo("ssh://git@github.com:22/org/repo");
  }

  private static String sourceUrl(String url) {
    return specOf(build(git("{\"url\": \"%s\"}".formatted(url)), Optional.of(GENERATED)).source())
        .get("url")
        .asText();
  }

  @Test
  void durationsAreRenderedInSecondsWithoutHours() {
    DesiredObjects desired =
        build(
            git(
                """
                {"url": "https://github.com/o/r", "timeoutInSeconds": 3600,
                 "syncIntervalInSeconds": 86400}
                """));

    assertThat(specOf(desired.source()).get("timeout").asText()).isEqualTo("3600s");
    assertThat(specOf(desired.source()).get("interval").asText()).isEqualTo("86400s");
  }

  @Test
  void anInvalidBase64SettingIsRefusedWithoutShowingIt() {
    ConfigurationSpec spec =
        git(
            "{\"url\": \"https://github.com/o/r\", \"httpsUser\": \"me\"}",
            "{\"httpsKey\": \"not base64 ~~ hunter2\"}");

    assertThatThrownBy(() -> FluxObjectFactory.build(spec, FluxApis.V1, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("configurationProtectedSettings.httpsKey")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void base64WithLineBreaksIsDecoded() {
    String wrapped = b64("a-rather-long-personal-access-token").replaceAll("(.{8})", "$1\n");
    DesiredObjects desired =
        build(
            git(
                "{\"url\": \"https://github.com/o/r\", \"httpsUser\": \"me\"}",
                "{\"httpsKey\": \"%s\"}".formatted(wrapped.replace("\n", "\\n"))));

    assertThat(decodedData(secret(desired, "app-auth")).get("password"))
        .isEqualTo("a-rather-long-personal-access-token");
  }
}
