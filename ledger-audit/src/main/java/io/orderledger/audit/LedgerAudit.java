package io.orderledger.audit;

import io.orderledger.audit.cli.ExportCommand;
import io.orderledger.audit.cli.ReplayCommand;
import io.orderledger.audit.cli.TailCommand;
import io.orderledger.audit.cli.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ledger-audit}: prove from the log alone that what the services show is what the events say, rebuild the
 * views when it is not, export statements and histories, and look at any topic as JSON.
 *
 * <p>Exit codes: 0 everything matched (or the command did what it says), 1 differences were found, 2 the command could
 * not run (an unreachable cluster, an unknown topic, a bad option): a one-line reason on stderr, no stack trace.
 */
@Command(name = "ledger-audit", mixinStandardHelpOptions = true, version = "ledger-audit 0.1.0",
    description = "Verify, replay, export and tail the order ledger's topics.",
    subcommands = {VerifyCommand.class, ReplayCommand.class, ExportCommand.class, TailCommand.class})
public final class LedgerAudit {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code, without exiting: what the tests call. */
  public static int run(String... args) {
    CommandLine commandLine = new CommandLine(new LedgerAudit());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("ledger-audit " + cmd.getCommandName() + ": " + CannotRun.reasonOf(e));
      if (Boolean.getBoolean("ledger.audit.debug")) {
        e.printStackTrace(cmd.getErr());
      }
      return ExitCode.CANNOT_RUN;
    });
    // A bad option or argument: picocli prints the usage and returns ExitCode.USAGE, which is 2, ExitCode.CANNOT_RUN.
    return commandLine.execute(args);
  }
}
