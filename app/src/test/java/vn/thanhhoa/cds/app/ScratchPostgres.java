package vn.thanhhoa.cds.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own — initdb into a temporary folder, on a free loopback port — that the test may
 * stop and start while the platform runs, without disturbing the machine's server the other tests share. Uses the
 * machine's PostgreSQL binaries; run as root (as CI is), the server runs as the {@code postgres} user.
 */
final class ScratchPostgres implements AutoCloseable {
    private final Path bin;
    private final Path data;
    final int port;

    ScratchPostgres() throws IOException, InterruptedException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.naturalOrder()).orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries"));
        }
        data = Files.createTempDirectory("cds-scratch-pg");
        port = freePort();
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", data.toString()));
        }
        run(asOwner(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres", "--no-sync",
                "-E", "UTF8", "--locale=C.UTF-8"));
        start();
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() throws IOException, InterruptedException {
        run(asOwner(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", data.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    /** A fast shutdown: open connections are cut, as when the server is restarted under load. */
    void stop() throws IOException, InterruptedException {
        run(asOwner(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "fast", "stop"));
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asOwner(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
