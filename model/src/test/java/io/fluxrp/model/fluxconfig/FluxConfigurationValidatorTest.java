package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.arm.ArmErrorCode.INVALID_PATH_PARAMETER;
import static io.fluxrp.model.arm.ArmErrorCode.INVALID_PROPERTY_VALUE;
import static io.fluxrp.model.arm.ArmErrorCode.MISSING_PROPERTY;
import static io.fluxrp.model.arm.ArmErrorCode.PROPERTY_CHANGE_NOT_ALLOWED;
import static io.fluxrp.model.fluxconfig.TestKeys.b64;
import static io.fluxrp.model.testing.TestData.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.model.json.Json;
import io.fluxrp.model.schema.Canonical;
import io.fluxrp.model.schema.Secrets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule and outcome: a base configuration, one change, and exactly the problems (code
 * and target) that change must produce. Every row also checks that no message repeats a write-only
 * value of the request.
 */
class FluxConfigurationValidatorTest {
  private static final String NAME = "srs-fluxconfig";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  // distinctive write-only values; no message may contain them
  private static final String PLANTED = "PLANTEDsecretVALUE42";
  private static final String PLANTED_B64 = b64(PLANTED);

  private static final String ED25519 = b64(TestKeys.openSshEd25519());
  private static final String KNOWN_HOSTS =
      b64(
          "# github.com\n"
              + "github.com,140.82.112.3 ssh-ed25519 "
              + TestKeys.publicKeyBlob("ssh-ed25519")
              + "\n\n"
              + "[ssh.example.com]:2222 ecdsa-sha2-nistp256 "
              + TestKeys.publicKeyBlob("ecdsa-sha2-nistp256")
              + " comment\n");
  private static final String CA_CERT =
      b64("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  private static final String SHA256 = "sha256:" + "ab12".repeat(16);
  private static final String COMMIT = "0ba6f0d30760d567de0bac86c8c4eec13ce1a590";

  // ---- the table
  // ----------------------------------------------------------------------------------

  record Problem(ArmErrorCode code, String target) {
    @Override
    public String toString() {
      return code.wire() + " @ " + target;
    }
  }

  record Case(
      String name,
      String configurationName,
      Consumer<ObjectNode> change,
      List<Problem> expected,
      String messageContains) {
    /** The same case for another configuration name. */
    Case named(String newConfigurationName) {
      return new Case(name, newConfigurationName, change, expected, messageContains);
    }

    /** The same case, also requiring one message to contain {@code text}. */
    Case mentioning(String text) {
      return new Case(name, configurationName, change, expected, text);
    }

    /** The same case with a further change. */
    Case with(Consumer<ObjectNode> more) {
      return new Case(name, configurationName, change.andThen(more), expected, messageContains);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();

    // names
    c.add(valid("base configuration is valid", p -> {}));
    c.add(valid("configuration name with dots", p -> {}).named("a.b-c"));
    c.add(
        invalid(
                "configuration name with upper case",
                p -> {},
                problem(INVALID_PATH_PARAMETER, "fluxConfigurationName"))
            .named("Srs-FluxConfig")
            .mentioning("upper-case"));
    c.add(
        invalid(
                "configuration name starting with '-'",
                p -> {},
                problem(INVALID_PATH_PARAMETER, "fluxConfigurationName"))
            .named("-srs")
            .mentioning("must start with"));
    c.add(
        invalid(
                "configuration name of 64 characters",
                p -> {},
                problem(INVALID_PATH_PARAMETER, "fluxConfigurationName"))
            .named("a".repeat(64))
            .mentioning("at most 63"));
    c.add(valid("kustomization name with dots", p -> renameKustomization(p, "apps", "apps.web")));
    c.add(
        invalid(
                "kustomization name with '_'",
                p -> renameKustomization(p, "infra", "infra_base"),
                problem(INVALID_PROPERTY_VALUE, "properties.kustomizations.infra_base"),
                problem(INVALID_PROPERTY_VALUE, "properties.kustomizations.apps.dependsOn[0]"))
            .mentioning("'_'"));
    c.add(
        invalid(
                "kustomization name ending with '.'",
                p -> renameKustomization(p, "apps", "apps."),
                problem(INVALID_PROPERTY_VALUE, "properties.kustomizations['apps.']"))
            .mentioning("must end with"));
    c.add(
        valid(
                "configuration + kustomization name of exactly 63",
                p -> renameKustomization(p, "apps", "k".repeat(48)))
            .named("c".repeat(14)));
    c.add(
        invalid(
                "configuration + kustomization name over 63",
                p -> renameKustomization(p, "apps", "k".repeat(49)),
                problem(INVALID_PROPERTY_VALUE, "properties.kustomizations." + "k".repeat(49)))
            .named("c".repeat(14))
            .mentioning("64 characters"));
    c.add(valid("namespace label", p -> p.put("namespace", "team-a")));
    c.add(
        invalid(
                "namespace with a dot",
                p -> p.put("namespace", "team.a"),
                problem(INVALID_PROPERTY_VALUE, "properties.namespace"))
            .mentioning("'.'"));
    c.add(
        invalid(
            "namespace of 64 characters",
            p -> p.put("namespace", "n".repeat(64)),
            problem(INVALID_PROPERTY_VALUE, "properties.namespace")));

    // source selection
    c.add(valid("unselected empty block is dropped", p -> p.putObject("bucket")));
    c.add(
        invalid(
                "second source block",
                p -> p.set("bucket", json("{'url': 'https://s3.example.com', 'bucketName': 'b'}")),
                problem(INVALID_PROPERTY_VALUE, "properties.bucket"))
            .mentioning("\"bucket\": null"));
    c.add(
        invalid(
            "selected block missing",
            p -> p.put("sourceKind", "Bucket"),
            problem(MISSING_PROPERTY, "properties.bucket"),
            problem(INVALID_PROPERTY_VALUE, "properties.gitRepository")));
    c.add(
        invalid(
            "git url missing",
            p -> git(p).remove("url"),
            problem(MISSING_PROPERTY, "properties.gitRepository.url")));
    c.add(valid("bucket source", FluxConfigurationValidatorTest::useBucket));
    c.add(
        valid(
            "bucket access key without secret key (the API reference's own example)",
            p -> {
              useBucket(p);
              settings(p).remove("bucketSecretKey");
            }));
    c.add(
        invalid(
            "bucket without url and bucketName",
            p -> {
              useBucket(p);
              bucket(p).remove("url");
              bucket(p).remove("bucketName");
            },
            problem(MISSING_PROPERTY, "properties.bucket.url"),
            problem(MISSING_PROPERTY, "properties.bucket.bucketName")));
    c.add(valid("azure blob source", FluxConfigurationValidatorTest::useBlob));
    c.add(
        invalid(
            "azure blob without containerName",
            p -> {
              useBlob(p);
              blob(p).remove("containerName");
            },
            problem(MISSING_PROPERTY, "properties.azureBlob.containerName")));
    c.add(valid("oci source", FluxConfigurationValidatorTest::useOci));
    c.add(
        invalid(
            "oci without url",
            p -> {
              useOci(p);
              oci(p).remove("url");
            },
            problem(MISSING_PROPERTY, "properties.ociRepository.url")));

    // Git URLs and credentials
    for (String url :
        List.of(
            "http://git.example.com/repo",
            "HTTPS://github.com/org/repo",
            "ssh://git@ssh.dev.azure.com/v3/org/proj/repo",
            "git@github.com:org/repo.git",
            "deploy@git.example.com:repos/app")) {
      c.add(valid("git url " + url, p -> git(p).put("url", url)));
    }
    for (String url :
        List.of(
            "ftp://example.com/repo",
            "github.com/org/repo",
            "https://",
            "git@github.com",
            "git@https://github.com/org/repo",
            "https://github.com/org/repo with spaces")) {
      c.add(
          invalid(
                  "git url " + url,
                  p -> git(p).put("url", url),
                  problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.url"))
              .mentioning("git@host:path"));
    }
    c.add(
        invalid(
                "git url with a password",
                p -> git(p).put("url", "https://user:" + PLANTED + "@github.com/org/repo"),
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.url"))
            .mentioning("user:***@"));
    // an '@' or a space in the password must neither hide it from the check nor leak its rest
    c.add(
        invalid(
                "git url with a password containing '@'",
                p -> git(p).put("url", "https://user:pass@" + PLANTED + "@github.com/org/repo"),
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.url"))
            .mentioning("user:***@github.com"));
    c.add(
        invalid(
                "git url with a password containing a space",
                p -> git(p).put("url", "https://user:pass " + PLANTED + "@github.com/org/repo"),
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.url"))
            .mentioning("user:***@github.com"));
    c.add(
        invalid(
                "bucket url with a password containing '@'",
                p -> {
                  useBucket(p);
                  bucket(p).put("url", "https://key:se@" + PLANTED + "@s3.example.com");
                },
                problem(INVALID_PROPERTY_VALUE, "properties.bucket.url"))
            .mentioning("key:***@s3.example.com"));
    c.add(
        valid(
            "ssh url with key and known hosts",
            p -> {
              git(p).put("url", "git@github.com:org/repo.git").put("sshKnownHosts", KNOWN_HOSTS);
              settings(p).put("sshPrivateKey", ED25519);
            }));
    c.add(
        invalid(
                "ssh key with https url",
                p -> settings(p).put("sshPrivateKey", ED25519),
                problem(
                    INVALID_PROPERTY_VALUE,
                    "properties.configurationProtectedSettings.sshPrivateKey"))
            .mentioning("\"sshPrivateKey\": null"));
    c.add(
        invalid(
            "known hosts with https url",
            p -> git(p).put("sshKnownHosts", KNOWN_HOSTS),
            problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.sshKnownHosts")));
    c.add(
        valid(
            "https user and key",
            p -> {
              git(p).put("httpsUser", "git");
              settings(p).put("httpsKey", PLANTED_B64);
            }));
    c.add(
        valid(
            "http url with user and key",
            p -> {
              git(p).put("url", "http://git.internal/repo").put("httpsUser", "git");
              settings(p).put("httpsKey", PLANTED_B64);
            }));
    c.add(
        invalid(
            "https user and key with ssh url",
            p -> {
              git(p).put("url", "ssh://git@github.com/org/repo").put("httpsUser", "git");
              settings(p).put("httpsKey", PLANTED_B64);
            },
            problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.httpsUser"),
            problem(INVALID_PROPERTY_VALUE, "properties.configurationProtectedSettings.httpsKey")));
    c.add(
        invalid(
            "https user without key",
            p -> git(p).put("httpsUser", "git"),
            problem(MISSING_PROPERTY, "properties.configurationProtectedSettings.httpsKey")));
    c.add(
        invalid(
            "https key without user",
            p -> settings(p).put("httpsKey", PLANTED_B64),
            problem(MISSING_PROPERTY, "properties.gitRepository.httpsUser")));
    c.add(valid("CA certificate with https", p -> git(p).put("httpsCACert", CA_CERT)));
    c.add(
        invalid(
            "CA certificate with http",
            p -> git(p).put("url", "http://git.internal/repo").put("httpsCACert", CA_CERT),
            problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.httpsCACert")));
    c.add(
        invalid(
                "CA certificate not base64",
                p -> git(p).put("httpsCACert", "-----BEGIN CERTIFICATE-----"),
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.httpsCACert"))
            .mentioning("not base64-encoded"));
    c.add(valid("git localAuthRef alone", p -> git(p).put("localAuthRef", "git-credentials")));
    c.add(
        invalid(
                "git localAuthRef with inline credentials",
                p -> {
                  git(p).put("localAuthRef", "git-credentials").put("httpsUser", "git");
                  settings(p).put("httpsKey", PLANTED_B64);
                },
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.localAuthRef"))
            .mentioning("\"httpsKey\": null"));
    c.add(
        invalid(
            "git localAuthRef not a Kubernetes name",
            p -> git(p).put("localAuthRef", "Git_Credentials"),
            problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.localAuthRef")));

    // repositoryRef
    c.add(valid("branch and commit", p -> ref(p).put("commit", COMMIT)));
    c.add(valid("sha-256 commit", p -> ref(p).put("commit", "a".repeat(64))));
    c.add(valid("semver only", p -> ref(p).removeAll().put("semver", ">=1.0.0")));
    c.add(
        invalid(
            "tag and semver",
            p -> ref(p).put("tag", "v1").put("semver", "1.x"),
            problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.repositoryRef")));
    c.add(
        invalid(
                "commit with tag",
                p -> ref(p).put("tag", "v1").put("commit", COMMIT),
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.repositoryRef.commit"))
            .mentioning("only be combined with a branch"));
    c.add(
        invalid(
                "short commit",
                p -> ref(p).put("commit", "0ba6f0d"),
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.repositoryRef.commit"))
            .mentioning("'0ba6f0d'"));
    c.add(
        invalid(
            "empty semver",
            p -> ref(p).removeAll().put("semver", ""),
            problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.repositoryRef.semver")));

    // bucket
    c.add(
        invalid(
            "bucket url not http(s)",
            p -> {
              useBucket(p);
              bucket(p).put("url", "s3://my-bucket");
            },
            problem(INVALID_PROPERTY_VALUE, "properties.bucket.url")));
    c.add(
        invalid(
                "bucket localAuthRef with access key",
                p -> {
                  useBucket(p);
                  bucket(p).put("localAuthRef", "bucket-creds");
                },
                problem(INVALID_PROPERTY_VALUE, "properties.bucket.localAuthRef"))
            .mentioning("\"bucketSecretKey\": null"));
    c.add(
        invalid(
            "bucket secret key not base64",
            p -> {
              useBucket(p);
              settings(p).put("bucketSecretKey", PLANTED + "!");
            },
            problem(
                INVALID_PROPERTY_VALUE,
                "properties.configurationProtectedSettings.bucketSecretKey")));

    // azure blob
    c.add(
        valid("blob with account key", p -> useBlob(p, json("{'accountKey': '" + PLANTED + "'}"))));
    c.add(valid("blob with sas token", p -> useBlob(p, json("{'sasToken': '" + PLANTED + "'}"))));
    c.add(
        valid(
            "blob with managed identity",
            p -> useBlob(p, json("{'managedIdentity': {'clientId': 'abc'}}"))));
    c.add(
        valid("blob with local auth ref", p -> useBlob(p, json("{'localAuthRef': 'blob-creds'}"))));
    c.add(
        valid(
            "blob with certificate, password and send chain",
            p ->
                useBlob(
                    p,
                    json(
                        "{'servicePrincipal': {'clientId': 'c', 'tenantId': 't', 'clientCertificate': '"
                            + PLANTED_B64
                            + "', 'clientCertificatePassword': '"
                            + PLANTED
                            + "', 'clientCertificateSendChain': true}}"))));
    c.add(
        invalid(
                "blob with account key and sas token",
                p ->
                    useBlob(
                        p,
                        json("{'accountKey': '" + PLANTED + "', 'sasToken': '" + PLANTED + "x'}")),
                problem(INVALID_PROPERTY_VALUE, "properties.azureBlob"))
            .mentioning("send \"accountKey\": null or \"sasToken\": null to remove a stored one"));
    c.add(
        invalid(
            "blob with service principal and managed identity",
            p -> {
              useBlob(p);
              blob(p).set("managedIdentity", json("{'clientId': 'abc'}"));
            },
            problem(INVALID_PROPERTY_VALUE, "properties.azureBlob")));
    c.add(
        invalid(
            "service principal without ids and credential",
            p -> useBlob(p, json("{'servicePrincipal': {'clientCertificateSendChain': false}}")),
            problem(MISSING_PROPERTY, "properties.azureBlob.servicePrincipal.clientId"),
            problem(MISSING_PROPERTY, "properties.azureBlob.servicePrincipal.tenantId"),
            problem(MISSING_PROPERTY, "properties.azureBlob.servicePrincipal")));
    c.add(
        invalid(
            "service principal with secret and certificate",
            p ->
                useBlob(
                    p,
                    json(
                        "{'servicePrincipal': {'clientId': 'c', 'tenantId': 't', 'clientSecret': '"
                            + PLANTED
                            + "', 'clientCertificate': '"
                            + PLANTED_B64
                            + "'}}")),
            problem(INVALID_PROPERTY_VALUE, "properties.azureBlob.servicePrincipal")));
    c.add(
        invalid(
            "certificate password and send chain without certificate",
            p ->
                useBlob(
                    p,
                    json(
                        "{'servicePrincipal': {'clientId': 'c', 'tenantId': 't', 'clientSecret': '"
                            + PLANTED
                            + "', 'clientCertificatePassword': '"
                            + PLANTED
                            + "y', 'clientCertificateSendChain': true}}")),
            problem(
                INVALID_PROPERTY_VALUE,
                "properties.azureBlob.servicePrincipal.clientCertificatePassword"),
            problem(
                INVALID_PROPERTY_VALUE,
                "properties.azureBlob.servicePrincipal.clientCertificateSendChain")));
    c.add(
        invalid(
            "client certificate not base64",
            p ->
                useBlob(
                    p,
                    json(
                        "{'servicePrincipal': {'clientId': 'c', 'tenantId': 't', 'clientCertificate': '"
                            + PLANTED
                            + "*'}}")),
            problem(
                INVALID_PROPERTY_VALUE,
                "properties.azureBlob.servicePrincipal.clientCertificate")));
    c.add(
        invalid(
            "blob url not http(s)",
            p -> {
              useBlob(p);
              blob(p).put("url", "wasb://account.blob.core.windows.net");
            },
            problem(INVALID_PROPERTY_VALUE, "properties.azureBlob.url")));

    // OCI
    c.add(
        valid(
            "oci with digest, tls and service account",
            p -> {
              useOci(p);
              oci(p).putObject("repositoryRef").put("digest", SHA256);
              oci(p)
                  .put("serviceAccountName", "flux-oci")
                  .set(
                      "tlsConfig",
                      json(
                          "{'clientCertificate': '"
                              + CA_CERT
                              + "', 'privateKey': '"
                              + PLANTED_B64
                              + "', 'caCertificate': '"
                              + CA_CERT
                              + "'}"));
            }));
    c.add(
        invalid(
                "oci url not oci://",
                p -> {
                  useOci(p);
                  oci(p).put("url", "https://ghcr.io/org/repo");
                },
                problem(INVALID_PROPERTY_VALUE, "properties.ociRepository.url"))
            .mentioning("oci://"));
    for (String digest :
        List.of("sha256:" + "AB12".repeat(16), "sha512:" + "ab".repeat(32), "sha256:abc")) {
      c.add(
          invalid(
              "oci digest " + digest,
              p -> {
                useOci(p);
                oci(p).putObject("repositoryRef").put("digest", digest);
              },
              problem(INVALID_PROPERTY_VALUE, "properties.ociRepository.repositoryRef.digest")));
    }
    c.add(
        invalid(
            "oci tls private key not base64",
            p -> {
              useOci(p);
              oci(p).putObject("tlsConfig").put("privateKey", PLANTED + "#");
            },
            problem(INVALID_PROPERTY_VALUE, "properties.ociRepository.tlsConfig.privateKey")));
    c.add(
        invalid(
            "oci service account not a Kubernetes name",
            p -> {
              useOci(p);
              oci(p).put("serviceAccountName", "Flux SA");
            },
            problem(INVALID_PROPERTY_VALUE, "properties.ociRepository.serviceAccountName")));

    // base64, known_hosts and private keys
    c.add(
        valid(
            "known hosts wrapped and without padding, hashed host and marker",
            p -> {
              String text =
                  "|1|"
                      + b64(new byte[20])
                      + "|"
                      + b64(new byte[20])
                      + " ssh-rsa "
                      + TestKeys.publicKeyBlob("ssh-rsa")
                      + "\n@cert-authority *.example.com ssh-ed25519 "
                      + TestKeys.publicKeyBlob("ssh-ed25519")
                      + "\n";
              String wrapped =
                  java.util.Base64.getMimeEncoder()
                      .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                      .replace("=", "");
              useSsh(p).put("sshKnownHosts", wrapped);
            }));
    c.add(
        invalid(
                "known hosts not base64",
                p -> useSsh(p).put("sshKnownHosts", "github.com ssh-ed25519 AAAA"),
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.sshKnownHosts"))
            .mentioning("not base64-encoded"));
    c.add(
        invalid(
                "known hosts with a bad line",
                p ->
                    useSsh(p)
                        .put(
                            "sshKnownHosts",
                            b64(
                                "github.com ssh-ed25519 "
                                    + TestKeys.publicKeyBlob("ssh-ed25519")
                                    + "\ngithub.com ssh-rsa "
                                    + TestKeys.publicKeyBlob("ssh-ed25519")
                                    + "\n")),
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.sshKnownHosts"))
            .mentioning("line 2 has key type 'ssh-rsa' but the key is of type 'ssh-ed25519'"));
    c.add(
        invalid(
                "known hosts with only comments",
                p -> useSsh(p).put("sshKnownHosts", b64("# nothing\n\n")),
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.sshKnownHosts"))
            .mentioning("no host key entries"));
    for (String[] key :
        new String[][] {
          {"PKCS#8 RSA", TestKeys.pkcs8("RSA", null)},
          {"PKCS#8 EC", TestKeys.pkcs8("EC", "secp384r1")},
          {"PKCS#8 Ed25519", TestKeys.pkcs8("Ed25519", null)},
          {"PKCS#1 RSA", TestKeys.pkcs1Rsa()},
          {"SEC1 EC", TestKeys.sec1Ec()},
          {"OpenSSH", TestKeys.openSshEd25519()}
        }) {
      c.add(
          valid("ssh private key " + key[0], p -> useSsh(p).put("url", "git@github.com:o/r.git"))
              .with(p -> settings(p).put("sshPrivateKey", b64(key[1]))));
    }
    c.add(
        invalid(
                "ssh private key encrypted",
                p -> {
                  useSsh(p);
                  settings(p).put("sshPrivateKey", b64(TestKeys.openSshEncrypted()));
                },
                problem(
                    INVALID_PROPERTY_VALUE,
                    "properties.configurationProtectedSettings.sshPrivateKey"))
            .mentioning("encrypted with a passphrase (cipher aes256-ctr)"));
    c.add(
        invalid(
                "ssh private key with corrupted check values",
                p -> {
                  useSsh(p);
                  settings(p).put("sshPrivateKey", b64(TestKeys.openSshCorrupted()));
                },
                problem(
                    INVALID_PROPERTY_VALUE,
                    "properties.configurationProtectedSettings.sshPrivateKey"))
            .mentioning("corrupted"));
    c.add(
        invalid(
                "ssh private key not base64-encoded PEM",
                p -> {
                  useSsh(p);
                  settings(p).put("sshPrivateKey", TestKeys.openSshEd25519());
                },
                problem(
                    INVALID_PROPERTY_VALUE,
                    "properties.configurationProtectedSettings.sshPrivateKey"))
            .mentioning("PEM text that was not base64-encoded"));
    c.add(
        invalid(
                "ssh private key is not a key",
                p -> {
                  useSsh(p);
                  settings(p).put("sshPrivateKey", PLANTED_B64);
                },
                problem(
                    INVALID_PROPERTY_VALUE,
                    "properties.configurationProtectedSettings.sshPrivateKey"))
            .mentioning("does not contain a PEM private key"));
    c.add(
        invalid(
            "ssh private key PKCS#8 with garbage",
            p -> {
              useSsh(p);
              settings(p)
                  .put("sshPrivateKey", b64(TestKeys.pem("PRIVATE KEY", PLANTED.getBytes())));
            },
            problem(
                INVALID_PROPERTY_VALUE,
                "properties.configurationProtectedSettings.sshPrivateKey")));
    c.add(
        invalid(
            "https key not base64",
            p -> {
              git(p).put("httpsUser", "git");
              settings(p).put("httpsKey", PLANTED + "%");
            },
            problem(INVALID_PROPERTY_VALUE, "properties.configurationProtectedSettings.httpsKey")));

    // kustomizations
    c.add(
        valid(
            "diamond of dependencies",
            p -> {
              kustomizations(p).set("db", json("{'dependsOn': ['infra']}"));
              kustomization(p, "apps").set("dependsOn", json("{'a': ['infra', 'db']}").get("a"));
            }));
    c.add(
        invalid(
                "dependsOn unknown kustomization",
                p -> dependsOn(p, "apps", "infra", "nosuch"),
                problem(INVALID_PROPERTY_VALUE, "properties.kustomizations.apps.dependsOn[1]"))
            .mentioning("Known kustomizations: 'infra', 'apps'"));
    c.add(
        invalid(
                "dependsOn itself",
                p -> dependsOn(p, "apps", "apps"),
                problem(INVALID_PROPERTY_VALUE, "properties.kustomizations.apps.dependsOn[0]"))
            .mentioning("itself"));
    c.add(
        invalid(
            "dependsOn twice",
            p -> dependsOn(p, "apps", "infra", "infra"),
            problem(INVALID_PROPERTY_VALUE, "properties.kustomizations.apps.dependsOn[1]")));
    c.add(
        invalid(
                "two-kustomization cycle",
                p -> dependsOn(p, "infra", "apps"),
                problem(INVALID_PROPERTY_VALUE, "properties.kustomizations.apps.dependsOn[0]"))
            .mentioning("apps -> infra -> apps"));
    c.add(
        invalid(
                "three-kustomization cycle",
                p -> {
                  kustomizations(p).set("db", json("{'dependsOn': ['apps']}"));
                  dependsOn(p, "infra", "db");
                },
                problem(INVALID_PROPERTY_VALUE, "properties.kustomizations.apps.dependsOn[0]"))
            .mentioning("apps -> infra -> db -> apps"));

    // intervals and timeouts
    c.add(
        valid(
            "interval bounds",
            p -> git(p).put("timeoutInSeconds", 1).put("syncIntervalInSeconds", 35791394)));
    c.add(
        invalid(
                "intervals out of range",
                p -> {
                  git(p).put("timeoutInSeconds", 0).put("syncIntervalInSeconds", 35791395);
                  kustomization(p, "apps")
                      .put("retryIntervalInSeconds", -5)
                      .put("timeoutInSeconds", 0);
                },
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.timeoutInSeconds"),
                problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.syncIntervalInSeconds"),
                problem(INVALID_PROPERTY_VALUE, "properties.kustomizations.apps.timeoutInSeconds"),
                problem(
                    INVALID_PROPERTY_VALUE,
                    "properties.kustomizations.apps.retryIntervalInSeconds"))
            .mentioning("between 1 and 35791394"));
    c.add(
        invalid(
            "oci interval out of range",
            p -> {
              useOci(p);
              oci(p).put("syncIntervalInSeconds", 0);
            },
            problem(INVALID_PROPERTY_VALUE, "properties.ociRepository.syncIntervalInSeconds")));

    // postBuild
    c.add(
        valid(
            "postBuild substitute and substituteFrom",
            p ->
                kustomization(p, "apps")
                    .set(
                        "postBuild",
                        json(
                            "{'substitute': {'cluster_env': 'prod', '_X1': 'y'}, 'substituteFrom':"
                                + " [{'kind': 'ConfigMap', 'name': 'vars'}, {'kind': 'Secret', 'name':"
                                + " 'secret.vars', 'optional': true}]}"))));
    c.add(
        invalid(
            "postBuild substitute keys",
            p ->
                kustomization(p, "apps")
                    .set("postBuild", json("{'substitute': {'cluster-env': 'x', '1st': 'y'}}")),
            problem(
                INVALID_PROPERTY_VALUE,
                "properties.kustomizations.apps.postBuild.substitute.cluster-env"),
            problem(
                INVALID_PROPERTY_VALUE,
                "properties.kustomizations.apps.postBuild.substitute['1st']")));
    c.add(
        invalid(
                "substituteFrom kind in the wrong case",
                p ->
                    kustomization(p, "apps")
                        .set(
                            "postBuild",
                            json("{'substituteFrom': [{'kind': 'configmap', 'name': 'vars'}]}")),
                problem(
                    INVALID_PROPERTY_VALUE,
                    "properties.kustomizations.apps.postBuild.substituteFrom[0].kind"))
            .mentioning(
                "exactly 'ConfigMap' or 'Secret'. The kind is case-sensitive: did you mean 'ConfigMap'?"));
    c.add(
        invalid(
            "substituteFrom kind and name missing or bad",
            p ->
                kustomization(p, "apps")
                    .set(
                        "postBuild",
                        json(
                            "{'substituteFrom': [{'kind': 'Secret', 'name': ''}, {'name':"
                                + " 'Bad_Name'}, {'kind': 'HelmRepository', 'name': 'ok'}]}")),
            problem(
                MISSING_PROPERTY,
                "properties.kustomizations.apps.postBuild.substituteFrom[0].name"),
            problem(
                MISSING_PROPERTY,
                "properties.kustomizations.apps.postBuild.substituteFrom[1].kind"),
            problem(
                INVALID_PROPERTY_VALUE,
                "properties.kustomizations.apps.postBuild.substituteFrom[1].name"),
            problem(
                INVALID_PROPERTY_VALUE,
                "properties.kustomizations.apps.postBuild.substituteFrom[2].kind")));

    // reconciliationWaitDuration
    for (String d : List.of("PT30M", "P1D", "PT1H30M", "P2W", "pt5m")) {
      c.add(valid("wait duration " + d, p -> p.put("reconciliationWaitDuration", d)));
    }
    for (String d : List.of("30m", "PT0S", "-PT5M", "P1M", "")) {
      c.add(
          invalid(
              "wait duration '" + d + "'",
              p -> p.put("reconciliationWaitDuration", d),
              problem(INVALID_PROPERTY_VALUE, "properties.reconciliationWaitDuration")));
    }

    // protected settings keys
    c.add(valid("protected setting key", p -> settings(p).put("my.key_1-x", PLANTED)));
    c.add(
        invalid(
            "protected setting keys",
            p -> settings(p).put("bad key", PLANTED).put("", PLANTED),
            problem(INVALID_PROPERTY_VALUE, "properties.configurationProtectedSettings['bad key']"),
            problem(INVALID_PROPERTY_VALUE, "properties.configurationProtectedSettings['']")));

    // several problems at once
    c.add(
        invalid(
            "many problems at once",
            p -> {
              p.put("namespace", "Bad_NS").put("reconciliationWaitDuration", "soon");
              git(p)
                  .put("url", "git@github.com:o/r.git")
                  .put("timeoutInSeconds", 0)
                  .put("httpsUser", "u");
              ref(p).put("commit", "xyz").put("tag", "v1");
              dependsOn(p, "apps", "infra", "ghost");
              dependsOn(p, "infra", "apps");
              settings(p).put("sshPrivateKey", PLANTED_B64).put("bad key", "v");
            },
            problem(INVALID_PROPERTY_VALUE, "properties.namespace"),
            problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.timeoutInSeconds"),
            problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.httpsUser"),
            problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.repositoryRef.commit"),
            problem(INVALID_PROPERTY_VALUE, "properties.gitRepository.repositoryRef.commit"),
            problem(INVALID_PROPERTY_VALUE, "properties.kustomizations.apps.dependsOn[1]"),
            problem(INVALID_PROPERTY_VALUE, "properties.kustomizations.apps.dependsOn[0]"),
            problem(INVALID_PROPERTY_VALUE, "properties.reconciliationWaitDuration"),
            problem(INVALID_PROPERTY_VALUE, "properties.configurationProtectedSettings['bad key']"),
            problem(
                INVALID_PROPERTY_VALUE,
                "properties.configurationProtectedSettings.sshPrivateKey")));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rule(Case testCase) {
    ObjectNode properties = base();
    testCase.change().accept(properties);

    List<ErrorDetail> problems = validate(properties, testCase.configurationName());

    assertThat(problems)
        .extracting(d -> new Problem(code(d.code()), d.target()))
        .as("problems of %s: %s", testCase.name(), problems)
        .containsExactlyInAnyOrderElementsOf(testCase.expected());
    assertNoSecretIn(problems, properties);
    if (testCase.messageContains() != null) {
      assertThat(problems)
          .extracting(ErrorDetail::message)
          .anySatisfy(m -> assertThat(m).contains(testCase.messageContains()));
    }
  }

  @Test
  void theCreateExampleOfTheSpecIsValid() {
    ObjectNode body =
        (ObjectNode)
            io.fluxrp.model.testing.TestData.readJson(
                    io.fluxrp.model.testing.TestData.example("CreateFluxConfiguration.json"))
                .at("/parameters/fluxConfiguration/properties");
    assertThat(validate(body.deepCopy(), "srs-fluxconfig")).isEmpty();
  }

  @Test
  void messagesNeverContainTheDecodedSecretEither() {
    ObjectNode properties = base();
    git(properties).put("url", "https://github.com/o/r");
    settings(properties).put("sshPrivateKey", PLANTED_B64);
    List<ErrorDetail> problems = validate(properties, NAME);
    assertThat(problems).isNotEmpty();
    assertThat(problems).extracting(ErrorDetail::message).noneMatch(m -> m.contains(PLANTED));
  }

  @Test
  void aLongChainOfDependenciesIsCheckedWithoutExhaustingTheStack() {
    // a 4 MB body holds a chain of more than 100,000 kustomizations (it was a StackOverflowError)
    int length = 100_000;
    ObjectNode properties = base();
    ObjectNode chain = properties.putObject("kustomizations");
    for (int i = 0; i < length; i++) {
      ObjectNode k = chain.putObject("k" + i);
      k.putArray("dependsOn").add("k" + ((i + 1) % length));
    }
    chain.remove("k" + (length - 1));
    chain.putObject("k" + (length - 1));

    assertThat(validate(properties, "c")).isEmpty();

    // closing the chain into one cycle reports it once, at the smallest name
    ((ObjectNode) chain.get("k" + (length - 1))).putArray("dependsOn").add("k0");
    assertThat(validate(properties, "c"))
        .extracting(ErrorDetail::target)
        .containsExactly("properties.kustomizations.k0.dependsOn[0]");
  }

  @Test
  void theProblemsOfManyKustomizationsGrowLinearly() {
    // each problem used to name every kustomization (an unknown dependency) or every cycle through
    // the first one: with the 100,000 of a 4 MB body, gigabytes of messages
    int count = 2_000;
    ObjectNode properties = base();
    ObjectNode all = properties.putObject("kustomizations");
    for (int i = 0; i < count; i++) {
      all.putObject("k" + i).putArray("dependsOn").add("k" + ((i + 1) % count)).add("missing");
    }
    for (int i = 1; i < count; i++) {
      ((ArrayNode) all.get("k" + i).get("dependsOn")).add("k0");
    }

    List<ErrorDetail> problems = validate(properties, "c");

    List<ErrorDetail> unknown =
        problems.stream().filter(p -> p.message().contains("'missing'")).toList();
    assertThat(unknown).hasSize(count);
    assertThat(unknown.get(0).message()).contains("'k0'");
    assertThat(unknown.stream().mapToInt(p -> p.message().length()).max().orElseThrow())
        .as("longest message about an unknown dependency")
        .isLessThan(1_000);
    assertThat(problems.stream().mapToLong(p -> p.message().length()).sum())
        .as("total size of the messages")
        .isLessThan(1_000L * count);
  }

  // ---- create-only properties
  // ---------------------------------------------------------------------

  @Test
  void scopeAndNamespaceCannotChange() {
    ObjectNode stored = json("{'scope': 'cluster', 'namespace': 'flux-system'}");
    ObjectNode updated = json("{'scope': 'namespace', 'namespace': 'apps'}");

    List<ErrorDetail> changes = FluxConfigurationValidator.createOnlyChanges(stored, updated);

    assertThat(changes)
        .extracting(ErrorDetail::code, ErrorDetail::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                PROPERTY_CHANGE_NOT_ALLOWED.wire(), "properties.scope"),
            org.assertj.core.groups.Tuple.tuple(
                PROPERTY_CHANGE_NOT_ALLOWED.wire(), "properties.namespace"));
    assertThat(changes.get(1).message())
        .contains("can only be set when the configuration is created")
        .contains("'flux-system'")
        .contains("'apps'");
  }

  @Test
  void unchangedOrOmittedCreateOnlyPropertiesAreFine() {
    ObjectNode stored = json("{'scope': 'namespace', 'namespace': 'flux-system'}");
    assertThat(
            FluxConfigurationValidator.createOnlyChanges(
                stored, json("{'scope': 'Namespace', 'namespace': 'flux-system'}")))
        .isEmpty();
    assertThat(FluxConfigurationValidator.createOnlyChanges(stored, json("{'suspend': true}")))
        .isEmpty();
  }

  @Test
  void aStoredConfigurationWithoutScopeHasTheDefaultScope() {
    assertThat(
            FluxConfigurationValidator.createOnlyChanges(
                json("{}"), json("{'scope': 'cluster', 'namespace': 'default'}")))
        .isEmpty();
    assertThat(
            FluxConfigurationValidator.createOnlyChanges(
                json("{}"), json("{'scope': 'namespace'}")))
        .extracting(ErrorDetail::target)
        .containsExactly("properties.scope");
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------

  static List<ErrorDetail> validate(ObjectNode properties, String configurationName) {
    ObjectNode canonical = Canonical.normalize(properties);
    try {
      FluxConfigurationProperties bound =
          Json.mapper().treeToValue(canonical, FluxConfigurationProperties.class);
      return FluxConfigurationValidator.validate(bound, configurationName);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertNoSecretIn(List<ErrorDetail> problems, ObjectNode properties) {
    List<String> secrets = new ArrayList<>();
    collectText(Secrets.split(properties).secret(), secrets);
    secrets.add(PLANTED);
    for (ErrorDetail problem : problems) {
      for (String secret : secrets) {
        if (secret.length() >= 6) {
          assertThat(problem.message())
              .as("message of %s", problem.target())
              .doesNotContain(secret);
        }
      }
    }
  }

  private static void collectText(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.textValue());
    }
    node.forEach(child -> collectText(child, out));
  }

  private static ArmErrorCode code(String wire) {
    return Arrays.stream(ArmErrorCode.values())
        .filter(c -> c.wire().equals(wire))
        .findFirst()
        .orElseThrow();
  }

  static Problem problem(ArmErrorCode code, String target) {
    return new Problem(code, target);
  }

  static Case valid(String name, Consumer<ObjectNode> change) {
    return new Case(name, NAME, change, List.of(), null);
  }

  static Case invalid(String name, Consumer<ObjectNode> change, Problem... expected) {
    return new Case(name, NAME, change, List.of(expected), null);
  }

  /** A valid Git configuration with two kustomizations, {@code apps} depending on {@code infra}. */
  static ObjectNode base() {
    return json(
        """
        {
          'scope': 'cluster',
          'namespace': 'flux-system',
          'sourceKind': 'GitRepository',
          'gitRepository': {
            'url': 'https://github.com/Azure/arc-k8s-demo',
            'repositoryRef': {'branch': 'main'}
          },
          'kustomizations': {
            'infra': {'path': './infra'},
            'apps': {'path': './apps', 'dependsOn': ['infra'], 'prune': true}
          }
        }
        """);
  }

  static ObjectNode git(ObjectNode p) {
    return (ObjectNode) p.get("gitRepository");
  }

  static ObjectNode ref(ObjectNode p) {
    return (ObjectNode) git(p).get("repositoryRef");
  }

  static ObjectNode settings(ObjectNode p) {
    return p.has("configurationProtectedSettings")
        ? (ObjectNode) p.get("configurationProtectedSettings")
        : p.putObject("configurationProtectedSettings");
  }

  static ObjectNode kustomizations(ObjectNode p) {
    return (ObjectNode) p.get("kustomizations");
  }

  static ObjectNode kustomization(ObjectNode p, String name) {
    return (ObjectNode) kustomizations(p).get(name);
  }

  static void dependsOn(ObjectNode p, String name, String... dependencies) {
    ArrayNode list = kustomization(p, name).putArray("dependsOn");
    for (String d : dependencies) {
      list.add(d);
    }
  }

  static void renameKustomization(ObjectNode p, String from, String to) {
    ObjectNode renamed = NODES.objectNode();
    kustomizations(p)
        .fields()
        .forEachRemaining(
            e -> renamed.set(e.getKey().equals(from) ? to : e.getKey(), e.getValue()));
    p.set("kustomizations", renamed);
  }

  static ObjectNode useSsh(ObjectNode p) {
    return git(p).put("url", "ssh://git@github.com/org/repo");
  }

  static void useBucket(ObjectNode p) {
    p.remove("gitRepository");
    p.put("sourceKind", "Bucket");
    p.set(
        "bucket",
        json("{'url': 'https://s3.example.com', 'bucketName': 'manifests', 'accessKey': 'AKIA1'}"));
    settings(p).put("bucketSecretKey", PLANTED_B64);
  }

  static ObjectNode bucket(ObjectNode p) {
    return (ObjectNode) p.get("bucket");
  }

  static void useBlob(ObjectNode p) {
    useBlob(
        p,
        json(
            "{'servicePrincipal': {'clientId': 'c', 'tenantId': 't', 'clientSecret': '"
                + PLANTED
                + "'}}"));
  }

  static void useBlob(ObjectNode p, ObjectNode auth) {
    p.remove("gitRepository");
    p.put("sourceKind", "AzureBlob");
    ObjectNode blob =
        json("{'url': 'https://account.blob.core.windows.net', 'containerName': 'manifests'}");
    blob.setAll(auth);
    p.set("azureBlob", blob);
  }

  static ObjectNode blob(ObjectNode p) {
    return (ObjectNode) p.get("azureBlob");
  }

  static void useOci(ObjectNode p) {
    p.remove("gitRepository");
    p.put("sourceKind", "OCIRepository");
    p.set("ociRepository", json("{'url': 'oci://ghcr.io/org/manifests'}"));
  }

  static ObjectNode oci(ObjectNode p) {
    return (ObjectNode) p.get("ociRepository");
  }
}
