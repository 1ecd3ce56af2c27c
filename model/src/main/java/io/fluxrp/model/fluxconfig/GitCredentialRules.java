package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.FluxConfigurationValidator.HTTPS_KEY;
import static io.fluxrp.model.fluxconfig.FluxConfigurationValidator.SSH_PRIVATE_KEY;
import static io.fluxrp.model.fluxconfig.PropertyPaths.GIT;
import static io.fluxrp.model.fluxconfig.PropertyPaths.SETTINGS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The credentials of a {@code gitRepository} source: SSH key and known hosts only with SSH URLs,
 * HTTPS user and key only with http(s) URLs and only together, no inline credentials next to a
 * {@code localAuthRef}.
 */
final class GitCredentialRules {
  private final ValidationProblems problems;
  private final Map<String, String> settings;

  GitCredentialRules(ValidationProblems problems, Map<String, String> settings) {
    this.problems = problems;
    this.settings = settings;
  }

  /** The credentials and CA certificate fit the transport of the (valid) URL. */
  void checkFitTransport(GitRepositoryDefinition git, GitTransport transport) {
    checkSshCredentials(git, transport);
    checkHttpsCredentials(git, transport);
    checkCaCertificate(git, transport);
  }

  private void checkSshCredentials(GitRepositoryDefinition git, GitTransport transport) {
    if (transport == GitTransport.SSH) {
      return;
    }
    String because =
        " only works with an SSH repository URL (ssh://... or git@host:path), but"
            + " 'properties.gitRepository.url' is an "
            + transport.scheme()
            + " URL.";
    if (settings.containsKey(SSH_PRIVATE_KEY)) {
      problems.invalid(
          SETTINGS.property(SSH_PRIVATE_KEY),
          "The SSH private key (configurationProtectedSettings."
              + SSH_PRIVATE_KEY
              + ")"
              + because
              + " Use an SSH URL, or "
              + removeStoredSetting(SSH_PRIVATE_KEY));
    }
    if (git.sshKnownHosts() != null) {
      problems.invalid(
          GIT.property("sshKnownHosts"),
          "'properties.gitRepository.sshKnownHosts'"
              + because
              + " Use an SSH URL or remove sshKnownHosts.");
    }
  }

  private void checkHttpsCredentials(GitRepositoryDefinition git, GitTransport transport) {
    boolean user = git.httpsUser() != null;
    boolean key = settings.containsKey(HTTPS_KEY);
    if (transport == GitTransport.SSH) {
      checkNoHttpsCredentialsWithSsh(user, key);
    } else {
      checkHttpsUserAndKeyTogether(user, key);
    }
  }

  private void checkNoHttpsCredentialsWithSsh(boolean user, boolean key) {
    String because =
        " only work with an http:// or https:// repository URL, but 'properties.gitRepository.url'"
            + " is an SSH URL.";
    if (user) {
      problems.invalid(
          GIT.property("httpsUser"),
          "HTTPS credentials (httpsUser)"
              + because
              + " Use an HTTPS URL, or remove httpsUser and use an SSH key"
              + " (configurationProtectedSettings."
              + SSH_PRIVATE_KEY
              + ").");
    }
    if (key) {
      problems.invalid(
          SETTINGS.property(HTTPS_KEY),
          "HTTPS credentials (configurationProtectedSettings."
              + HTTPS_KEY
              + ")"
              + because
              + " Use an HTTPS URL, or "
              + removeStoredSetting(HTTPS_KEY));
    }
  }

  private void checkHttpsUserAndKeyTogether(boolean user, boolean key) {
    if (user && !key) {
      problems.missing(
          SETTINGS.property(HTTPS_KEY),
          "'properties.gitRepository.httpsUser' is set but the matching password or token is"
              + " missing: send it base64-encoded as configurationProtectedSettings."
              + HTTPS_KEY
              + ". HTTPS user and key must be given together.");
    }
    if (key && !user) {
      problems.missing(
          GIT.property("httpsUser"),
          "configurationProtectedSettings."
              + HTTPS_KEY
              + " is set but 'properties.gitRepository.httpsUser' is missing. HTTPS user and key"
              + " must be given together (for a token-only host any non-empty user name works).");
    }
  }

  private void checkCaCertificate(GitRepositoryDefinition git, GitTransport transport) {
    if (git.httpsCACert() != null && transport != GitTransport.HTTPS) {
      problems.invalid(
          GIT.property("httpsCACert"),
          "'properties.gitRepository.httpsCACert' is only used for https:// repository URLs, but"
              + " 'properties.gitRepository.url' is an "
              + transport.scheme()
              + " URL. Use an https:// URL or remove httpsCACert.");
    }
  }

  /** A {@code localAuthRef} Secret holds all credentials, so none may be given inline. */
  void checkNoneNextToLocalAuthRef(GitRepositoryDefinition git) {
    if (git.localAuthRef() == null) {
      return;
    }
    List<String> inline = new ArrayList<>();
    if (settings.containsKey(SSH_PRIVATE_KEY)) {
      inline.add("configurationProtectedSettings." + SSH_PRIVATE_KEY);
    }
    if (git.sshKnownHosts() != null) {
      inline.add("sshKnownHosts");
    }
    if (git.httpsUser() != null) {
      inline.add("httpsUser");
    }
    if (settings.containsKey(HTTPS_KEY)) {
      inline.add("configurationProtectedSettings." + HTTPS_KEY);
    }
    if (!inline.isEmpty()) {
      problems.invalid(
          GIT.property("localAuthRef"),
          MessageText.inlineCredentialsWithLocalAuthRef(
              GIT.property("localAuthRef").value(), "all credentials of the source", inline));
    }
  }

  /** Protected settings survive a request that omits them, so removing one takes a null. */
  private static String removeStoredSetting(String key) {
    return "remove the key: protected settings are kept when a request omits them, so send \""
        + key
        + "\": null inside configurationProtectedSettings to remove a stored one.";
  }
}
