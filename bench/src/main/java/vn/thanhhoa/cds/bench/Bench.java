package vn.thanhhoa.cds.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's tools, one sub-command each, called by infra/scripts/bench.sh (options as --name=value):
 * <ul>
 *     <li>{@code generate}: append a realistic history (or more updates) to the event store — {@link HistoryGenerator};</li>
 *     <li>{@code read-ceiling}: sequential JDBC read and Jackson parse of every stored event — {@link ReadCeiling};</li>
 *     <li>{@code reset-read-models}, {@code wait-caught-up}: a full rebuild of the read models, timed — {@link Rebuild};</li>
 *     <li>{@code write-ceiling}: the read models' rows written again by PostgreSQL alone, in bulk — {@link WriteCeiling};</li>
 *     <li>{@code rebuild-online}: the rebuild while the platform serves (POST /api/read-models/rebuild), timed;</li>
 *     <li>{@code commands}: indicator updates through the HTTP API with N clients — {@link CommandLoad};</li>
 *     <li>{@code live}: 50 commands/s open-loop, freshness on /api/live, dashboards under viewers — {@link LiveLoad};</li>
 *     <li>{@code streams}: 2,000 live streams held open, their memory, one change to all of them — {@link StreamsLoad};</li>
 *     <li>{@code known-at}: the dashboards as known at past instants, as an auditor asks — {@link KnownAtLoad};</li>
 *     <li>{@code report}: the table of everything measured, each figure beside its ceiling — {@link Report};</li>
 *     <li>{@code plain-service}: the plain Spring + Axon service the commands are measured against
 *     ({@link vn.thanhhoa.plain.PlainService}).</li>
 * </ul>
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("plain-service")) {
            // a server, not a tool: it runs until it is stopped (Spring's own --name=value arguments)
            vn.thanhhoa.plain.PlainService.start(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        run(args);
        // the HTTP client's and the JDBC driver's threads end with the process
        System.exit(0);
    }

    /** One sub-command, in this process (BenchSmokeTest runs the tools this way). */
    public static void run(String... args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -jar cds-bench-exec.jar generate|read-ceiling|write-ceiling|reset-read-models|wait-caught-up|rebuild-online|commands|evidence|live|streams|known-at|report|token --option=value ...");
            System.exit(2);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value: " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        switch (args[0]) {
            case "generate" -> HistoryGenerator.main(options);
            case "read-ceiling" -> ReadCeiling.main(options);
            case "write-ceiling" -> WriteCeiling.main(options);
            case "reset-read-models" -> Rebuild.reset(options);
            case "wait-caught-up" -> Rebuild.waitCaughtUp(options);
            case "rebuild-online" -> Rebuild.online(options);
            case "commands" -> CommandLoad.main(options);
            case "evidence" -> EvidenceLoad.main(options);
            case "live" -> LiveLoad.main(options);
            case "streams" -> StreamsLoad.main(options);
            case "known-at" -> KnownAtLoad.main(options);
            case "report" -> Report.main(options);
            // a bearer token for a script's own calls (the metrics scrape needs an identity)
            case "token" -> System.out.println(new Tokens(java.nio.file.Path.of(options.getOrDefault("key", "bench-key.pem")))
                    .token(options.getOrDefault("subject", "bench"), List.of(options.getOrDefault("role", "AUDITOR")),
                            options.getOrDefault("unit", "38")));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }
}
