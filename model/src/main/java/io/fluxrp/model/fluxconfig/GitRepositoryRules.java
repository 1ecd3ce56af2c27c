package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.MessageText.quote;
import static io.fluxrp.model.fluxconfig.MessageText.quoteUrl;
import static io.fluxrp.model.fluxconfig.PropertyPaths.GIT;

import io.fluxrp.model.schema.JsonPath;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code gitRepository} source: URL, intervals, known hosts and the reference to check out. */
final class GitRepositoryRules {
  private static final Pattern SCP_URL =
      Pattern.compile("^[A-Za-z0-9._~+-]+@([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]):(?!//)[^\\s]+$");
  private static final Pattern COMMIT_SHA = Pattern.compile("^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$");

  private final ValidationProblems problems;
  private final PropertyChecks checks;
  private final UrlChecks urls;
  private final GitCredentialRules credentials;

  GitRepositoryRules(ValidationProblems problems, Map<String, String> settings) {
    this.problems = problems;
    this.checks = new PropertyChecks(problems);
    this.urls = new UrlChecks(problems);
    this.credentials = new GitCredentialRules(problems, settings);
  }

  void check(GitRepositoryDefinition git) {
    GitTransport transport = checkUrl(git.url());
    checks.checkSourceIntervals(GIT, git.timeoutInSeconds(), git.syncIntervalInSeconds());
    if (transport != null) {
      credentials.checkFitTransport(git, transport);
    }
    credentials.checkNoneNextToLocalAuthRef(git);
    checks.checkLocalAuthRef(GIT, git.localAuthRef());
    checks
        .checkBase64(GIT.property("sshKnownHosts"), git.sshKnownHosts())
        .ifPresent(bytes -> checkKnownHosts(GIT.property("sshKnownHosts"), bytes));
    checks.checkBase64(GIT.property("httpsCACert"), git.httpsCACert());
    if (git.repositoryRef() != null) {
      checkRepositoryRef(git.repositoryRef());
    }
  }

  /** The transport of a valid Git URL, or null (after reporting) when the URL is missing or bad. */
  private GitTransport checkUrl(String url) {
    JsonPath path = GIT.property("url");
    if (!checks.checkPresent(
        path,
        url,
        "A Git source needs 'properties.gitRepository.url', e.g."
            + " https://github.com/org/repo or git@github.com:org/repo.git.")) {
      return null;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    GitTransport transport = null;
    if (lower.startsWith("https://")) {
      transport = GitTransport.HTTPS;
    } else if (lower.startsWith("http://")) {
      transport = GitTransport.HTTP;
    } else if (lower.startsWith("ssh://")) {
      transport = GitTransport.SSH;
    } else if (SCP_URL.matcher(url).matches()) {
      return GitTransport.SSH;
    }
    if (transport == null || !UrlChecks.hasHost(url)) {
      problems.invalid(
          path,
          "The Git repository URL "
              + quoteUrl(url)
              + " is not valid. Use an http://, https:// or ssh:// URL with a host, or the scp"
              + " form git@host:path.");
      return null;
    }
    return urls.checkNoPassword(path, url) ? transport : null;
  }

  private void checkKnownHosts(JsonPath path, byte[] decoded) {
    KnownHosts.problem(decoded)
        .ifPresent(
            why ->
                problems.invalid(
                    path,
                    "The decoded known_hosts in '"
                        + path
                        + "' "
                        + why
                        + ". Produce it with `ssh-keyscan <host> | base64 -w0`."));
  }

  private void checkRepositoryRef(RepositoryRefDefinition ref) {
    JsonPath path = GIT.property("repositoryRef");
    checks.checkNotBlank(path.property("branch"), ref.branch());
    checks.checkNotBlank(path.property("tag"), ref.tag());
    checks.checkNotBlank(path.property("semver"), ref.semver());
    if (ref.tag() != null && ref.semver() != null) {
      problems.invalid(
          path,
          "'properties.gitRepository.repositoryRef' has both tag "
              + quote(ref.tag())
              + " and semver "
              + quote(ref.semver())
              + "; give at most one of them.");
    }
    if (ref.commit() != null) {
      checkCommit(path.property("commit"), ref);
    }
  }

  private void checkCommit(JsonPath path, RepositoryRefDefinition ref) {
    if (!COMMIT_SHA.matcher(ref.commit()).matches()) {
      problems.invalid(
          path,
          "The commit "
              + quote(ref.commit())
              + " is not a full commit SHA; give all 40 (SHA-1) or 64 (SHA-256) hexadecimal"
              + " digits.");
    }
    if (ref.tag() != null || ref.semver() != null) {
      String other = ref.tag() != null ? "tag" : "semver";
      problems.invalid(
          path,
          "A commit can only be combined with a branch, but 'properties.gitRepository"
              + ".repositoryRef' also has "
              + other
              + ". Remove "
              + other
              + " or commit.");
    }
  }
}
