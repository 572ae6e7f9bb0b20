package io.orderledger.testing.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * npm packages a test runs (pinned versions), installed once per machine under {@code ~/.cache/order-ledger/npm}: a fresh
 * clone's build fetches them from the npm registry once, later builds reuse them. Puppeteer, which some templates pull
 * in for PDFs, is told not to download a browser (the tests never print PDFs, and only the registry is reachable).
 */
public final class NodePackages {

  private final Path prefix;

  private NodePackages(Path prefix) {
    this.prefix = prefix;
  }

  /** The packages ("name@version", pinned), installed if any is missing; fails with npm's output if it cannot. */
  public static NodePackages install(String... packages) throws IOException, InterruptedException {
    String folder = String.join("+", packages).replaceAll("[^A-Za-z0-9.@+-]", "_");
    Path prefix = Path.of(System.getProperty("user.home"), ".cache", "order-ledger", "npm", folder);
    Path done = prefix.resolve(".installed");
    if (!Files.exists(done)) {
      Files.createDirectories(prefix);
      List<String> command = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", prefix.toString()));
      command.addAll(List.of(packages));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("PUPPETEER_SKIP_DOWNLOAD", "true");
      Process npm = builder.start();
      String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!npm.waitFor(15, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm install " + String.join(" ", packages) + " failed:\n" + output);
      }
      Files.writeString(done, String.join("\n", packages) + "\n");
    }
    return new NodePackages(prefix);
  }

  /** The folder {@code require} resolves these packages from: set it as NODE_PATH. */
  public Path nodeModules() {
    return prefix.resolve("node_modules");
  }

  /** An installed package's command, e.g. {@code bin("asyncapi")}. */
  public Path bin(String name) {
    return nodeModules().resolve(".bin").resolve(name);
  }

  /** A process builder with NODE_PATH set to these packages and npm's tools told they run unattended. */
  public ProcessBuilder process(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("NODE_PATH", nodeModules().toString());
    env.put("CI", "true");
    env.put("PUPPETEER_SKIP_DOWNLOAD", "true");
    return builder;
  }
}
