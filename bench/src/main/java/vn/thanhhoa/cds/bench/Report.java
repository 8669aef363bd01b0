package vn.thanhhoa.cds.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's table: each platform figure beside the machine's ceiling measured in the same run, and their ratio.
 * Numbers as the project writes them (decimal comma: 741,4). A figure a step did not measure is shown as "—".
 */
final class Report {
    private final Map<String, String> r = new LinkedHashMap<>();

    private Report(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                r.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
    }

    static void main(Map<String, String> options) throws IOException {
        new Report(Path.of(options.get("results"))).print();
    }

    private Double d(String key) {
        String v = r.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String num(Double v, int decimals) {
        if (v == null) {
            return "—";
        }
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v).replace('.', ',');
    }

    private String ms(String key) {
        return num(d(key), 1) + " ms";
    }

    private String ratio(Double platform, Double ceiling) {
        if (platform == null || ceiling == null || ceiling == 0) {
            return "—";
        }
        return num(100 * platform / ceiling, 1) + " %";
    }

    private String cpu(String key) {
        return num(d(key + ".cpu-ms.jvm"), 2) + " ms JVM + " + num(d(key + ".cpu-ms.postgres"), 2) + " ms PostgreSQL";
    }

    private String statements(String key) {
        return num(d(key + ".statements.command-path"), 2) + " own; " + num(d(key + ".statements.all"), 2) + " all; "
                + num(d(key + ".commits"), 2) + " commits";
    }

    private void row(String what, String platform, String ceiling, String ratio) {
        System.out.println("| " + what + " | " + platform + " | " + ceiling + " | " + ratio + " |");
    }

    private void print() {
        System.out.println();
        System.out.println("Tải của tỉnh / Province load — " + r.getOrDefault("meta.date", "?") + " — " + r.getOrDefault("meta.machine", ""));
        System.out.println("mode " + r.getOrDefault("meta.mode", "?") + "; " + r.getOrDefault("meta.sizes", ""));
        System.out.println();
        System.out.println("| hạng mục / what | nền tảng / platform | trần của máy / machine ceiling (same run) | tỷ lệ / ratio |");
        System.out.println("| --- | --- | --- | --- |");
        for (String phase : new String[]{"start", "after"}) {
            String when = phase.equals("start")
                    ? "start of the year (" + num(d("cmd.start.events-per-commune"), 0) + " events/commune) / đầu năm"
                    : "after ~" + num(d("cmd.after.events-per-commune"), 0) + " events/commune / sau ~400 sự kiện mỗi xã";
            for (String c : new String[]{"c8", "c32"}) {
                String clients = c.substring(1);
                String key = "cmd." + phase + "." + c;
                row("(a) commands/s, " + clients + " clients, " + when + " / lệnh/giây",
                        num(d(key + ".rate"), 1) + "/s (p50 " + ms(key + ".p50") + ", p99 " + ms(key + ".p99")
                                + (d(key + ".errors") != null && d(key + ".errors") > 0 ? ", " + num(d(key + ".errors"), 0) + " refused" : "") + ")",
                        "pgbench " + clients + " clients: " + num(d("pgbench." + c + ".tps"), 1) + " inserts/s (mean " + ms("pgbench." + c + ".lat") + ")",
                        ratio(d(key + ".rate"), d("pgbench." + c + ".tps")));
            }
        }
        // the plain Spring + Axon service, measured in the same run with the same clients, tokens and bodies (issue 30)
        for (String phase : new String[]{"start", "after"}) {
            for (String c : new String[]{"c8", "c32"}) {
                String plain = "cmd.plain-" + phase + "." + c, platform = "cmd." + phase + "." + c;
                if (d(plain + ".rate") == null) {
                    continue;
                }
                row("(a) platform ÷ the plain Spring + Axon service, " + c.substring(1) + " clients, " + phase
                                + (phase.equals("after") ? " (plain: " + num(d("cmd.plain-after.events-per-commune"), 0) + " events/commune)" : "")
                                + " / nền tảng ÷ dịch vụ Spring + Axon thông thường",
                        num(d(platform + ".rate"), 1) + "/s (p99 " + ms(platform + ".p99") + ")",
                        "plain service: " + num(d(plain + ".rate"), 1) + "/s (p50 " + ms(plain + ".p50") + ", p99 " + ms(plain + ".p99") + ")",
                        ratio(d(platform + ".rate"), d(plain + ".rate")));
                if (d(platform + ".statements.command-path") != null && d(plain + ".statements.command-path") != null) {
                    row("(a) SQL per command, " + c.substring(1) + " clients, " + phase + ": its own path (BEGIN and COMMIT aside); "
                                    + "all statements; commits / SQL mỗi lệnh",
                            statements(platform), "plain service: " + statements(plain),
                            ratio(d(platform + ".statements.all"), d(plain + ".statements.all")) + " of all");
                }
                if (d(platform + ".cpu-ms.jvm") != null && d(plain + ".cpu-ms.jvm") != null) {
                    row("(a) CPU per command, " + c.substring(1) + " clients, " + phase + ": the server's JVM + PostgreSQL / CPU mỗi lệnh",
                            cpu(platform), "plain service: " + cpu(plain),
                            ratio(d(platform + ".cpu-ms.jvm") + d(platform + ".cpu-ms.postgres"),
                                    d(plain + ".cpu-ms.jvm") + d(plain + ".cpu-ms.postgres")));
                }
            }
        }
        for (String c : new String[]{"c8", "c32"}) {
            row("(a) commands/s after ÷ at the start of the year, " + c.substring(1) + " clients / sau ÷ đầu năm",
                    num(d("cmd.after." + c + ".rate"), 1) + " ÷ " + num(d("cmd.start." + c + ".rate"), 1),
                    "goal / mục tiêu: ≥ 90 %", ratio(d("cmd.after." + c + ".rate"), d("cmd.start." + c + ".rate")));
        }
        row("(b) full rebuild of every read model / dựng lại toàn bộ mô hình đọc",
                num(d("rebuild.rate"), 0) + " events/s (" + num(d("rebuild.events"), 0) + " events, " + num(d("rebuild.seconds"), 1)
                        + " s from launch" + (r.containsKey("rebuild.filled") ? "; filled at start in bulk, the rate from the fill's start" : "")
                        + (r.containsKey("rebuild.timeout") ? ", STOPPED at the timeout after " + num(d("rebuild.done"), 0) + " events" : "") + ")",
                "JDBC read + Jackson parse: " + num(d("read.rate"), 0) + " events/s (" + num(d("read.events"), 0) + " events, " + num(d("read.seconds"), 1) + " s)",
                ratio(d("rebuild.rate"), d("read.rate")));
        if (r.containsKey("rebuild.online.rate")) {
            row("(b) rebuild while serving, switch included / dựng lại trong khi phục vụ",
                    num(d("rebuild.online.rate"), 0) + " events/s (" + num(d("rebuild.online.events"), 0) + " events, "
                            + num(d("rebuild.online.seconds"), 1) + " s from the request to the switch)",
                    "JDBC read + Jackson parse: " + num(d("read.rate"), 0) + " events/s", ratio(d("rebuild.online.rate"), d("read.rate")));
        }
        if (r.containsKey("write.rate")) {
            row("(b) full rebuild beside what PostgreSQL alone writes of it / dựng lại so với trần ghi",
                    num(d("rebuild.rate"), 0) + " events/s",
                    "the read models' " + num(d("write.rows"), 0) + " rows copied in again: " + num(d("write.rate"), 0)
                            + " events/s (" + ratio(d("write.rate"), d("read.rate")) + " of the read ceiling)",
                    ratio(d("rebuild.rate"), d("write.rate")));
        }
        for (String dash : new String[]{"province", "district", "me", "kafka", "kafka250"}) {
            String l = "live." + dash;
            if (!r.containsKey(l + ".fresh.p99")) {
                continue;
            }
            boolean kafka = dash.startsWith("kafka");
            row("(c) freshness, 2xx → SSE, " + num(d("meta.rate"), 0) + " commands/s "
                            + (kafka ? "on the command role → Kafka → SSE of a query role (with its province viewers"
                            + (dash.equals("kafka250") ? "; its pages told of changes every 250 ms" : "") + ") / độ tươi qua Kafka"
                            : "(with the " + dash + " viewers) / độ tươi"),
                    "p50 " + ms(l + ".fresh.p50") + ", p99 " + ms(l + ".fresh.p99") + ", max " + ms(l + ".fresh.max")
                            + " (n=" + num(d(l + ".fresh.n"), 0) + ", " + num(d(l + ".missing"), 0) + " without event; commands p99 " + ms(l + ".cmd.p99") + ")",
                    kafka ? "goal / mục tiêu: p99 < 1 s" : "goal / mục tiêu: p99 < 250 ms", "—");
            if (r.containsKey(l + ".shown.p99")) {
                row("(c) 2xx → the province page holds it (its followed dashboard's 'view' message, no fetch) / trang tỉnh hiển thị",
                        "p50 " + ms(l + ".shown.p50") + ", p99 " + ms(l + ".shown.p99") + ", max " + ms(l + ".shown.max")
                                + " (n=" + num(d(l + ".shown.n"), 0) + ")",
                        kafka ? "goal / mục tiêu: p99 < 1 s" : "goal / mục tiêu: p99 < 250 ms", "—");
                row("(c) 2xx → the commune officer's own stream / luồng của cán bộ xã",
                        "p50 " + ms(l + ".officer.p50") + ", p99 " + ms(l + ".officer.p99") + ", max " + ms(l + ".officer.max")
                                + " (n=" + num(d(l + ".officer.n"), 0) + ")",
                        kafka ? "goal / mục tiêu: p99 < 1 s" : "goal / mục tiêu: p99 < 250 ms", "—");
            }
            String v = "view." + dash;
            row("(d) " + (kafka ? "province dashboard of the query role" : dash.equals("me")
                            ? "the cheapest authenticated endpoint (GET /api/me), read as the dashboards are" : dash + " dashboard") + ", " + num(d(v + ".viewers"), 0)
                            + " viewers × 1/s while (c) / bảng điều khiển",
                    "p50 " + ms(v + ".loaded.p50") + ", p99 " + ms(v + ".loaded.p99") + ", max " + ms(v + ".loaded.max")
                            + (d(v + ".errors") != null && d(v + ".errors") > 0 ? ", " + num(d(v + ".errors"), 0) + " failed" : ""),
                    "one viewer, no load: p50 " + ms(v + ".alone.p50") + ", p99 " + ms(v + ".alone.p99"),
                    "p50 ×" + num(ratioOf(d(v + ".loaded.p50"), d(v + ".alone.p50")), 1));
        }
        if (r.containsKey("sat.province.rate")) {
            row("(d) saturated: the province dashboard, 50 connections, closed loop (wrk) / bảng điều khiển tỉnh khi bão hòa",
                    num(d("sat.province.rate"), 0) + " requests/s, p99 " + num(d("sat.province.p99"), 1) + " ms"
                            + (d("sat.province.refused") > 0 ? ", " + num(d("sat.province.refused"), 0) + " refused" : ""),
                    "the cheapest authenticated endpoint (GET /api/me), same run: " + num(d("sat.me.rate"), 0)
                            + " requests/s, p99 " + num(d("sat.me.p99"), 1) + " ms; goal / mục tiêu: ≥ 80 %",
                    ratio(d("sat.province.rate"), d("sat.me.rate")));
        }
        if (r.containsKey("streams.open")) {
            row("(e) " + num(d("streams.open"), 0) + " live streams open (of " + num(d("streams.asked"), 0)
                            + " asked), one change: 2xx → each stream / luồng trực tiếp",
                    "reached " + num(d("streams.reached"), 0) + ", " + num(d("streams.within-1s"), 0) + " within 1 s: p50 "
                            + ms("streams.change.p50") + ", p99 " + ms("streams.change.p99") + ", max " + ms("streams.change.max")
                            + (r.containsKey("streams.kb-per-stream") ? "; heap " + num(d("streams.kb-per-stream"), 1)
                            + " KB an open stream (" + num(d("streams.heap-before-mb"), 1) + " → " + num(d("streams.heap-after-mb"), 1)
                            + " MB after a full collection)" : ""),
                    "goal / mục tiêu: all within 1 s", ratio(d("streams.within-1s"), d("streams.open")));
        }
        if (r.containsKey("knownat.province.p99")) {
            for (String dash : new String[]{"province", "district"}) {
                row("(issue 10) " + dash + " dashboard as known at " + num(d("knownat.instants"), 0)
                                + " past instants, one auditor / bảng điều khiển theo thời điểm",
                        "p50 " + ms("knownat." + dash + ".p50") + ", p99 " + ms("knownat." + dash + ".p99") + ", max "
                                + ms("knownat." + dash + ".max"),
                        "goal / mục tiêu: < 1 s; the province dashboard now: p50 " + ms("knownat.now.p50"), "—");
            }
            row("(issue 10) a commune's card as known at those instants / thẻ xã theo thời điểm",
                    "p50 " + ms("knownat.card.p50") + ", p99 " + ms("knownat.card.p99") + ", max " + ms("knownat.card.max")
                            + " (" + num(d("knownat.card.shown"), 0) + " of " + num(d("knownat.card.n"), 0) + " registered by then)",
                    "goal / mục tiêu: < 1 s", "—");
        }
        for (String run : new String[]{"first", "rebuild"}) {
            String h = "heap." + run;
            if (r.containsKey(h + ".max-used-mb")) {
                row("JVM heap, " + (run.equals("first") ? "commands" : "rebuild, commands, (c) and (d)") + " / bộ nhớ heap",
                        "peak in use " + num(d(h + ".max-used-mb"), 0) + " MB, peak old generation " + num(d(h + ".max-old-mb"), 0)
                                + " MB (" + num(d(h + ".samples"), 0) + " samples, every 2 s)",
                        "-Xmx" + r.getOrDefault("meta.heap", "?") + "; goal / mục tiêu: < 1 GB", "—");
            }
        }
        row("stored size / dung lượng mỗi sự kiện", num(d("store.bytes-per-event"), 0) + " bytes/event (table + indexes)",
                "goal / mục tiêu: < 1024", "—");
        if (r.containsKey("generate.seconds")) {
            row("history generator / sinh dữ liệu", num(d("generate.events"), 0) + " events in " + num(d("generate.seconds"), 1) + " s ("
                    + num(d("generate.events") / d("generate.seconds"), 0) + " events/s)", "pgbench 8 clients (one row a transaction): "
                    + num(d("pgbench.c8.tps"), 1) + "/s", "—");
        }
        System.out.println();
    }

    private static Double ratioOf(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }
}
