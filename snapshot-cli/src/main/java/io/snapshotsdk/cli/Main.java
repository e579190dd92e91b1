package io.snapshotsdk.cli;

/**
 * The {@code snapshot-cli} command: creates, reads, awaits and deletes snapshots from a shell,
 * and runs a demo of every provider against the built-in emulator. {@code --help} lists the
 * commands and the exit codes.
 */
public final class Main {
    private Main() {}

    /**
     * Runs one command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new Cli(System.out, System.err, System.console() != null).run(args));
    }
}
