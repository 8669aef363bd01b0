package vn.thanhhoa.cds.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An auditor travelling in time (issue 10: dashboards as known at an instant, under 1 s on Thanh Hóa's history): the
 * province and the district dashboards and a commune's card of a year asked with {@code knownAt} at instants spread
 * over the store's recorded history, one request at a time, beside the province dashboard as it stands now. Each
 * answer must be 200 (a card may be 404: its commune had not registered by then).
 */
final class KnownAtLoad {
    private KnownAtLoad() {
    }

    static void main(Map<String, String> options) throws Exception {
        Target target = new Target(options, 2);
        int year = Integer.parseInt(options.getOrDefault("dashboard-year", String.valueOf(target.year)));
        int instants = Integer.parseInt(options.getOrDefault("instants", "10"));
        int repeats = Integer.parseInt(options.getOrDefault("repeats", "3"));
        List<String> districts = LiveLoad.districts(target, year);
        List<Instant> moments = moments(options, instants);
        String token = target.tokens.token("kiem-toan-bench", List.of("AUDITOR"), "38");

        List<String> communes = target.map.communesInForce(Target.mapDate(year)).stream().map(MapOnRecord.Unit::code)
                .limit(Math.max(1, target.communes.size())).toList();
        Histogram province = Target.histogram(), district = Target.histogram(), card = Target.histogram(),
                now = Target.histogram();
        int[] cardsShown = {0};
        for (int round = 0; round < repeats + 1; round++) {
            for (int i = 0; i < moments.size(); i++) {
                String at = "&knownAt=" + moments.get(i);
                String code = districts.get((round * moments.size() + i) % districts.size());
                // the first round warms the platform's code paths up; it is not counted
                record(target, token, "/api/province/dashboard?year=" + year + at, round == 0 ? null : province);
                record(target, token, "/api/districts/" + code + "/dashboard?year=" + year + at, round == 0 ? null : district);
                // a commune's card: 404 before the commune registered for the year is an answer too
                String commune = communes.get((round * moments.size() + i) % communes.size());
                if (record(target, token, "/api/communes/" + commune + "/assessments/" + year + "?" + at.substring(1),
                        round == 0 ? null : card) && round > 0) {
                    cardsShown[0]++;
                }
                record(target, token, "/api/province/dashboard?year=" + year, round == 0 ? null : now);
            }
        }
        System.out.printf(Locale.ROOT, "province dashboard %d as known at %d instants from %s to %s: %s%n", year,
                moments.size(), moments.get(0), moments.get(moments.size() - 1), Target.summary(province));
        System.out.printf(Locale.ROOT, "district dashboards %d as known at those instants: %s%n", year, Target.summary(district));
        System.out.printf(Locale.ROOT, "communes' cards %d as known at those instants: %s, %d of them registered by then%n",
                year, Target.summary(card), cardsShown[0]);
        System.out.printf(Locale.ROOT, "province dashboard %d now, same auditor: %s%n", year, Target.summary(now));
        Target.put(options, "knownat.province", province);
        Target.put(options, "knownat.district", district);
        Target.put(options, "knownat.card", card);
        Results.put(options, "knownat.card.shown", cardsShown[0]);
        Target.put(options, "knownat.now", now);
        Results.put(options, "knownat.instants", moments.size());
    }

    /** @return whether the answer was 200 (a card may also be 404: not registered by then) */
    private static boolean record(Target target, String token, String path, Histogram into) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.base + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).GET().build();
        long sent = System.nanoTime();
        HttpResponse<String> response = target.http.send(request, HttpResponse.BodyHandlers.ofString());
        boolean notYet = response.statusCode() == 404 && path.startsWith("/api/communes/");
        if (response.statusCode() != 200 && !notYet) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        if (into != null) {
            into.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
        }
        return !notYet;
    }

    /**
     * Instants spread evenly from the last recorded reference event (map, frameworks, targets: before it a dashboard
     * has no map to show; the generator's history carries the dates of its simulated years, earlier than the map the
     * platform recorded at its first start) to the last recorded event.
     */
    private static List<Instant> moments(Map<String, String> options, int count) throws Exception {
        try (Connection db = Db.connect(options.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/bench"));
             ResultSet rs = db.createStatement().executeQuery("""
                     select (select max(timeStamp) from domainevententry where type <> 'CommuneAssessment'),
                            (select max(timeStamp) from domainevententry)""")) {
            rs.next();
            Instant first = Instant.parse(rs.getString(1)), last = Instant.parse(rs.getString(2));
            db.commit();
            List<Instant> moments = new ArrayList<>();
            long span = Math.max(0, Duration.between(first, last).toMillis());
            for (int i = 1; i <= count; i++) {
                moments.add(first.plusMillis(span * i / count));
            }
            return moments;
        }
    }
}
