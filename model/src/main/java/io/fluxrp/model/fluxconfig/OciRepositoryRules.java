package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.MessageText.quote;
import static io.fluxrp.model.fluxconfig.MessageText.quoteUrl;
import static io.fluxrp.model.fluxconfig.PropertyPaths.OCI;

import io.fluxrp.model.schema.JsonPath;
import java.util.Locale;
import java.util.regex.Pattern;

/** The {@code ociRepository} source: URL, intervals, artifact reference, TLS and object names. */
final class OciRepositoryRules {
  private static final Pattern OCI_DIGEST = Pattern.compile("^sha256:[0-9a-f]{64}$");

  private final ValidationProblems problems;
  private final PropertyChecks checks;
  private final UrlChecks urls;

  OciRepositoryRules(ValidationProblems problems) {
    this.problems = problems;
    this.checks = new PropertyChecks(problems);
    this.urls = new UrlChecks(problems);
  }

  void check(OciRepositoryDefinition oci) {
    checkUrl(oci.url());
    checks.checkSourceIntervals(OCI, oci.timeoutInSeconds(), oci.syncIntervalInSeconds());
    if (oci.repositoryRef() != null) {
      checkRepositoryRef(oci.repositoryRef());
    }
    if (oci.tlsConfig() != null) {
      checkTlsConfig(oci.tlsConfig());
    }
    checks.checkLocalAuthRef(OCI, oci.localAuthRef());
    checks.checkLocalObjectName(
        OCI.property("serviceAccountName"), oci.serviceAccountName(), "ServiceAccount");
  }

  private void checkUrl(String url) {
    JsonPath path = OCI.property("url");
    if (!checks.checkPresent(
        path,
        url,
        "An OCIRepository source needs 'properties.ociRepository.url', e.g."
            + " oci://ghcr.io/org/manifests.")) {
      return;
    }
    if (!url.toLowerCase(Locale.ROOT).startsWith("oci://") || !UrlChecks.hasHost(url)) {
      problems.invalid(
          path,
          "The OCI repository URL "
              + quoteUrl(url)
              + " is not valid. Use an oci:// URL with a registry host, e.g."
              + " oci://ghcr.io/org/manifests.");
      return;
    }
    urls.checkNoPassword(path, url);
  }

  private void checkRepositoryRef(OciRepositoryRefDefinition ref) {
    JsonPath path = OCI.property("repositoryRef");
    checks.checkNotBlank(path.property("tag"), ref.tag());
    checks.checkNotBlank(path.property("semver"), ref.semver());
    if (ref.digest() != null && !OCI_DIGEST.matcher(ref.digest()).matches()) {
      problems.invalid(
          path.property("digest"),
          "The digest "
              + quote(ref.digest())
              + " is not valid; use sha256: followed by 64 lower-case hexadecimal digits.");
    }
  }

  private void checkTlsConfig(TlsConfigDefinition tls) {
    JsonPath path = OCI.property("tlsConfig");
    checks.checkSecretBase64(path.property("clientCertificate"), tls.clientCertificate());
    checks.checkSecretBase64(path.property("privateKey"), tls.privateKey());
    checks.checkSecretBase64(path.property("caCertificate"), tls.caCertificate());
  }
}
