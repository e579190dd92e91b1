package io.snapshotsdk.cli;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotClients;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.cli.Args.Arity;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The commands: parses a command line, runs it, and returns the exit status. */
final class Cli {
    private static final Map<String, Arity> CLIENT = Map.of("provider", Arity.ONE, "set", Arity.MANY, "output", Arity.ONE);
    private static final Map<String, Arity> WAIT = Map.of("timeout", Arity.ONE, "poll-interval", Arity.ONE);
    private static final Map<String, Map<String, Arity>> COMMANDS = commands();

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    /** Creates the tool; a {@code terminal} standard error gets a live progress bar. */
    Cli(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    int run(String... argv) {
        Output output = new Output(out, err, Output.Format.TEXT);
        try {
            if (argv.length == 0) {
                throw new UsageException("no command given");
            }
            String command = argv[0];
            if (List.of("--help", "-h", "help").contains(command)) {
                out.print(help());
                return ExitCode.OK.code;
            }
            if (command.equals("--version")) {
                out.println("snapshot-cli " + version());
                return ExitCode.OK.code;
            }
            Map<String, Arity> spec = COMMANDS.get(command);
            if (spec == null) {
                throw new UsageException("no command '" + command + "'; the commands are " + COMMANDS.keySet());
            }
            Args args = Args.parse(command, List.of(argv).subList(1, argv.length), spec);
            output = new Output(out, err, Output.format(args.value("output")));
            run(command, args, output);
            return ExitCode.OK.code;
        } catch (RuntimeException failure) {
            ExitCode code = ExitCode.of(failure);
            output.failure(failure, code);
            return code.code;
        }
    }

    private void run(String command, Args args, Output output) {
        switch (command) {
            case "providers" -> {
                args.noPositional();
                SnapshotClients.providers().forEach(output::provider);
            }
            case "demo" -> {
                args.noPositional();
                new Demo(output, err, terminal).run();
            }
            default -> {
                String provider = args.required("provider");
                Map<String, String> settings = args.pairs("set");
                // The whole command line is checked before a client is made or anything is sent.
                Consumer<SnapshotClient> action = action(command, args, output);
                try (SnapshotClient client = SnapshotClients.create(provider, settings)) {
                    action.accept(client);
                }
            }
        }
    }

    private Consumer<SnapshotClient> action(String command, Args args, Output output) {
        switch (command) {
            case "create" -> {
                args.noPositional();
                CreateSnapshotRequest.Builder request = CreateSnapshotRequest.builder().sourceId(args.required("source"))
                        .putAllTags(args.pairs("tag"));
                args.value("name").ifPresent(request::name);
                args.value("description").ifPresent(request::description);
                args.value("idempotency-token").ifPresent(request::idempotencyToken);
                boolean wait = args.flag("wait");
                if (!wait && (args.flag("timeout") || args.flag("poll-interval"))) {
                    throw new UsageException("--timeout and --poll-interval need --wait");
                }
                WaitOptions.Builder options = waitOptions(args);
                CreateSnapshotRequest create = request.build();
                return client -> {
                    Snapshot created = client.createSnapshot(create);
                    output.snapshot(wait ? await(client, created, options) : created);
                };
            }
            case "get" -> {
                String id = args.single("snapshot id");
                return client -> output.snapshot(client.getSnapshot(id));
            }
            case "delete" -> {
                String id = args.single("snapshot id");
                return client -> {
                    client.deleteSnapshot(id);
                    output.deleted(client.providerId(), id);
                };
            }
            case "wait" -> {
                String id = args.single("snapshot id");
                WaitOptions.Builder options = waitOptions(args);
                return client -> output.snapshot(await(client, client.getSnapshot(id), options));
            }
            default -> throw new IllegalStateException("command '" + command + "' has no action");
        }
    }

    private static WaitOptions.Builder waitOptions(Args args) {
        WaitOptions.Builder options = WaitOptions.builder();
        args.duration("timeout").ifPresent(options::timeout);
        args.duration("poll-interval").ifPresent(d -> options.pollInterval(d).maxPollInterval(max(d, Duration.ofSeconds(30))));
        return options;
    }

    private Snapshot await(SnapshotClient client, Snapshot snapshot, WaitOptions.Builder options) {
        Progress progress = new Progress(err, terminal);
        try {
            return client.awaitSnapshot(snapshot, options.onProgress(progress).build());
        } finally {
            progress.finish();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Map<String, Map<String, Arity>> commands() {
        Map<String, Arity> create = new LinkedHashMap<>(CLIENT);
        create.putAll(WAIT);
        create.putAll(Map.of("source", Arity.ONE, "name", Arity.ONE, "description", Arity.ONE, "tag", Arity.MANY,
                "idempotency-token", Arity.ONE, "wait", Arity.FLAG));
        Map<String, Arity> wait = new LinkedHashMap<>(CLIENT);
        wait.putAll(WAIT);
        Map<String, Map<String, Arity>> commands = new LinkedHashMap<>();
        commands.put("providers", Map.of("output", Arity.ONE));
        commands.put("create", create);
        commands.put("get", CLIENT);
        commands.put("delete", CLIENT);
        commands.put("wait", wait);
        commands.put("demo", Map.of("output", Arity.ONE));
        return commands;
    }

    private static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v != null ? v : "(unpackaged)";
    }

    static String help() {
        StringBuilder s = new StringBuilder("""
                snapshot-cli: create, read, await and delete disk snapshots on five clouds.

                usage:
                  snapshot-cli providers
                  snapshot-cli create --provider P --source DISK_ID [--name N] [--description D]
                                      [--tag key=value]... [--idempotency-token T]
                                      [--wait [--timeout 30m] [--poll-interval 2s]]
                  snapshot-cli get    --provider P SNAPSHOT_ID
                  snapshot-cli delete --provider P SNAPSHOT_ID
                  snapshot-cli wait   --provider P [--timeout 30m] [--poll-interval 2s] SNAPSHOT_ID
                  snapshot-cli demo
                  snapshot-cli --help | --version

                Every command takes --output text|json (json: one object per line, the same
                field names every time, null when absent). create, get, delete and wait take
                --set key=value... with the provider's settings (endpoint, region, credentials,
                ...); a setting not given comes from the provider's usual environment variables
                and files. While waiting, progress goes to standard error: a bar on a terminal,
                a line per change otherwise. Durations: 500ms, 90s, 30m, 2h or ISO-8601 (PT30M).

                demo starts the built-in emulator of all five clouds and, for each, creates a
                snapshot with the real client, waits for it, shows a summary and deletes it.

                exit codes:
                """);
        for (ExitCode c : ExitCode.values()) {
            s.append(String.format("  %3d  %s%n", c.code, c.meaning));
        }
        return s.toString();
    }
}
