package vn.thanhhoa.cds.bench;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import vn.thanhhoa.cds.events.assessment.*;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.AssessmentScore;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.Indicator;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.criteria.Measure;
import vn.thanhhoa.cds.events.criteria.Scoring;
import vn.thanhhoa.cds.events.map.UnitId;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.*;

/**
 * Appends a realistic history of the communes' yearly assessments to the platform's event store, through Axon's own
 * JDBC storage engine (the platform's serializer settings, its aggregate type, its identifiers, sequence numbers
 * continuing per assessment, its metadata shape), in batches of one transaction each. In the same transactions it
 * writes the command side's lookup of assessments (cmd_assessment) as the platform's AssessmentDirectory would: the
 * next platform start finds the lookups consistent with the store; the read side catches up by its tracking processor.
 * <p>
 * Modes: {@code history} (registrations, monthly indicator updates, submissions, appraisals by the district the
 * command side would choose, returns and resubmissions, conclusions scored by the platform's own scoring, recognitions
 * by decision) and {@code top-up} (more indicator updates on the open assessments of a year, up to a number of events
 * per assessment).
 */
final class HistoryGenerator {
    static final String AGGREGATE = "CommuneAssessment";
    private static final ZoneId VN = vn.thanhhoa.cds.events.common.ProvinceTime.ZONE;
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    record Preset(String csv, String province, List<Integer> years, int rounds, long maxEvents) {
    }

    static final Map<String, Preset> PRESETS = Map.of(
            // 559 communes × 3 years × ~390 events ≈ 650k
            "thanh-hoa", new Preset("thanh-hoa-communes.csv", "38", List.of(2023, 2024, 2025), 13, Long.MAX_VALUE),
            // 559 communes × 4 years (the 2022 framework too), updates twice a month: 1,000,000 events, then stop
            "1m", new Preset("thanh-hoa-communes.csv", "38", List.of(2022, 2023, 2024, 2025), 17, 1_000_000),
            // every pre-reform commune of the country, 3 years: ≈ 11M events
            "national", new Preset("vietnam-communes.csv", null, List.of(2023, 2024, 2025), 12, Long.MAX_VALUE));

    /** One event waiting to be appended, at its time in the commune's story. */
    private record Planned(Instant at, String aggregate, long sequence, Object payload, String eventId, String commandId,
                           boolean keyed) {
    }

    private record Commune(String code, String districtCode, UnitId unit, UnitId appraiser, String appraiserRole) {
    }

    private final Connection db;
    private final JdbcEventStorageEngine engine;
    private final int batchSize;
    private final boolean dryRun;
    private long appended;
    private long assessments;
    private final long started = System.nanoTime();
    private long lastReport = System.nanoTime();

    HistoryGenerator(Connection db, int batchSize, boolean dryRun) {
        this.db = db;
        this.batchSize = batchSize;
        this.dryRun = dryRun;
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(Json.MAPPER).build();
        Connection shared = Db.nonClosing(db);
        this.engine = JdbcEventStorageEngine.builder()
                .eventSerializer(serializer).snapshotSerializer(serializer)
                .connectionProvider(() -> shared)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new EventSchema()).dataType(String.class)
                .appendEvents(new vn.thanhhoa.cds.infra.integrity.ChainedAppend(0)) // its batches read their previous hash
                .build();
    }

    static void main(Map<String, String> options) throws Exception {
        String url = options.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/bench");
        try (Connection db = Db.connect(url)) {
            HistoryGenerator generator = new HistoryGenerator(db, Integer.parseInt(options.getOrDefault("batch", "2000")),
                    Boolean.parseBoolean(options.getOrDefault("dry-run", "false")));
            MapOnRecord map = new MapOnRecord(db);
            long before = Db.count(db, "select count(*) from domainevententry");
            db.commit();
            String mode = options.getOrDefault("mode", "history");
            if (mode.equals("top-up")) {
                generator.topUp(map, Integer.parseInt(options.get("year")), Integer.parseInt(options.getOrDefault("events-per-commune", "400")),
                        Integer.parseInt(options.getOrDefault("communes", "100000")));
            } else {
                Preset preset = PRESETS.get(options.getOrDefault("preset", "thanh-hoa"));
                if (preset == null) {
                    throw new IllegalArgumentException("preset: one of " + PRESETS.keySet());
                }
                List<Integer> years = options.containsKey("years")
                        ? Arrays.stream(options.get("years").split(",")).map(String::trim).map(Integer::valueOf).toList()
                        : preset.years();
                int rounds = Integer.parseInt(options.getOrDefault("rounds", String.valueOf(preset.rounds())));
                long max = Long.parseLong(options.getOrDefault("max-events", String.valueOf(preset.maxEvents())));
                Path data = Path.of(options.getOrDefault("data", "../shared/data"), "administrative-units", preset.csv());
                generator.history(map, data, preset.province(), years, rounds, max,
                        Integer.parseInt(options.getOrDefault("communes", "100000")));
            }
            double seconds = (System.nanoTime() - generator.started) / 1e9;
            long after = Db.count(db, "select count(*) from domainevententry");
            db.commit();
            System.out.printf(Locale.ROOT, "generated %d events for %d assessments in %.1f s (%.0f events/s); store: %d -> %d events%n",
                    generator.appended, generator.assessments, seconds, generator.appended / seconds, before, after);
            Results.put(options, "generate.events", generator.appended);
            Results.put(options, "generate.seconds", seconds);
            Results.put(options, "store.events", after);
        }
    }

    // ---------------------------------------------------------------- history

    void history(MapOnRecord map, Path csv, String province, List<Integer> years, int rounds, long maxEvents, int limit)
            throws IOException, SQLException {
        List<String[]> rows = Files.readAllLines(csv, StandardCharsets.UTF_8).stream().skip(1)
                .map(line -> line.split(",", -1))
                .filter(cols -> province == null || cols[0].equals(province))
                .limit(limit).toList();
        Set<String> existing = new HashSet<>();
        try (var st = db.createStatement(); var rs = st.executeQuery("select assessment_id from cmd_assessment")) {
            while (rs.next()) {
                existing.add(rs.getString(1));
            }
        }
        db.commit();
        int outsideMap = 0;
        int skipped = 0;
        int chunk = 600;
        outer:
        for (int year : years) {
            CriteriaFramework framework = map.frameworkFor(year);
            for (int from = 0; from < rows.size(); from += chunk) {
                List<Planned> planned = new ArrayList<>();
                List<AssessmentId> registered = new ArrayList<>();
                for (String[] cols : rows.subList(from, Math.min(rows.size(), from + chunk))) {
                    String code = cols[5];
                    String district = cols[2];
                    LocalDate registration = LocalDate.of(year, 1, 5);
                    Optional<MapOnRecord.Unit> known = map.commune(code, registration);
                    UnitId unit;
                    UnitId appraiser;
                    if (known.isPresent()) {
                        unit = known.get().id();
                        appraiser = map.appraiserOf(unit, registration).orElseThrow(
                                () -> new IllegalStateException("no appraiser for " + code + " on " + registration));
                    } else if (province == null) {
                        // the national preset: the platform records Thanh Hóa's map only; other provinces' communes are
                        // named as the pre-reform map names them (code@2020-01-01, their district appraising)
                        outsideMap++;
                        unit = new UnitId(code, LocalDate.of(2020, 1, 1));
                        appraiser = new UnitId(district, LocalDate.of(2020, 1, 1));
                    } else {
                        throw new IllegalStateException("commune " + code + " (" + cols[6] + ") is not on the platform's map on "
                                + registration + ": start the platform on this database once first");
                    }
                    AssessmentId id = new AssessmentId(unit, year);
                    if (existing.contains(id.toString())) {
                        skipped++;
                        continue;
                    }
                    if (appended + planned.size() >= maxEvents) {
                        append(planned, registered);
                        break outer;
                    }
                    String appraiserRole = map.unit(appraiser).map(u -> u.level().equals("DISTRICT") ? "DISTRICT" : "PROVINCE")
                            .orElse("DISTRICT");
                    Commune commune = new Commune(code, district, unit, appraiser, appraiserRole);
                    planned.addAll(story(commune, id, framework, rounds, new Random(Objects.hash(code, year))));
                    registered.add(id);
                }
                append(planned, registered);
            }
        }
        if (outsideMap > 0) {
            System.out.println(outsideMap + " commune-years are outside the platform's map (other provinces): appended "
                    + "under their pre-reform unit ids; the read side shows them without a district of its map");
        }
        if (skipped > 0) {
            System.out.println(skipped + " commune-years were already registered in this store: left as they are");
        }
    }

    /** One commune's year, every event in order, with strictly increasing times. */
    private List<Planned> story(Commune c, AssessmentId id, CriteriaFramework framework, int rounds, Random r) {
        int year = id.year();
        LocalDate start = LocalDate.of(year, 1, 2);
        // the old map's communes finish before the 2025 reform
        LocalDate end = year == 2025 ? REFORM.minusDays(2) : LocalDate.of(year, 12, 28);
        Story s = new Story(id, start, end, r);
        ActedBy commune = null;
        String officer = "can-bo-" + c.code();
        String appraiserSubject = "tham-dinh-" + c.appraiser().code();

        double quality = 0.55 + 0.45 * r.nextDouble();
        // about a quarter to a third of the communes reach every mandatory target and pass (969's targets are 24 %)
        boolean strong = r.nextDouble() < 0.26 + 0.05 * Math.max(0, year - 2023);
        List<Indicator> indicators = framework.indicators();
        Map<String, Long> denominators = new HashMap<>();
        Map<String, Double> finals = new HashMap<>();
        Map<String, Integer> yesFrom = new HashMap<>();
        for (Indicator indicator : indicators) {
            denominators.put(indicator.code(), 10L + r.nextInt(r.nextBoolean() ? 60 : 9000));
            double target = indicator.target() == null ? 1.0 : indicator.target().doubleValue();
            boolean meets = strong && (indicator.mandatory() || r.nextDouble() < 0.9);
            finals.put(indicator.code(), meets ? Math.min(1.0, target + 0.05 * r.nextDouble())
                    : Math.max(0.05, Math.min(1.0, quality + 0.12 * r.nextGaussian())));
            yesFrom.put(indicator.code(), meets || r.nextDouble() < quality ? r.nextInt(rounds) : Integer.MAX_VALUE);
        }
        Map<String, IndicatorValue> reported = new HashMap<>();

        s.at(0.01);
        s.add(new AssessmentRegistered(id, c.unit(), year, framework.id(), c.appraiser(), s.by(officer, "COMMUNE", c.code())), true);
        for (int round = 0; round < rounds; round++) {
            s.at(0.04 + 0.74 * round / rounds);
            for (Indicator indicator : indicators) {
                if (r.nextDouble() > 0.97) {
                    continue;
                }
                IndicatorValue value = value(indicator, round, rounds, denominators, finals, yesFrom);
                report(s, c, id, indicator, value, (10 + round * 7 + r.nextInt(7)) + "/BC-UBND", reported);
            }
        }
        s.at(0.80);
        s.add(new SelfAssessmentSubmitted(id, new DocumentRef((200 + r.nextInt(150)) + "/BC-UBND", s.day(),
                "Báo cáo tự đánh giá mức độ chuyển đổi số cấp xã năm " + year), s.by(officer, "COMMUNE", c.code())), true);
        s.at(0.84);
        s.add(new AppraisalStarted(id, s.by(appraiserSubject, c.appraiserRole(), c.appraiser().code())), true);
        Map<String, IndicatorValue> appraised = new HashMap<>();
        appraise(s, c, id, indicators, reported, appraised, 4 + r.nextInt(7), r, appraiserSubject);
        if (r.nextDouble() < 0.22) {
            s.at(0.87);
            s.add(new AssessmentReturnedForRevision(id, "Bổ sung minh chứng các chỉ tiêu chưa đầy đủ",
                    new DocumentRef((50 + r.nextInt(100)) + "/UBND-VHTT", s.day(), "Công văn trả lại hồ sơ"),
                    s.by(appraiserSubject, c.appraiserRole(), c.appraiser().code())), true);
            s.at(0.88);
            for (int k = 3 + r.nextInt(6); k > 0; k--) {
                Indicator indicator = indicators.get(r.nextInt(indicators.size()));
                IndicatorValue value = value(indicator, rounds, rounds, denominators, finals, yesFrom);
                report(s, c, id, indicator, value, (150 + r.nextInt(50)) + "/BC-UBND", reported);
            }
            s.at(0.89);
            s.add(new SelfAssessmentSubmitted(id, new DocumentRef((360 + r.nextInt(100)) + "/BC-UBND", s.day(),
                    "Báo cáo tự đánh giá (bổ sung) năm " + year), s.by(officer, "COMMUNE", c.code())), true);
            s.at(0.90);
            s.add(new AppraisalStarted(id, s.by(appraiserSubject, c.appraiserRole(), c.appraiser().code())), true);
            appraised.clear();
            appraise(s, c, id, indicators, reported, appraised, 2 + r.nextInt(4), r, appraiserSubject);
        }
        Map<String, IndicatorValue> values = new HashMap<>(reported);
        values.putAll(appraised);
        AssessmentScore score = Scoring.score(framework, values);
        s.at(0.93);
        s.add(new AppraisalConcluded(id, score.passed(), score.headline(), score.met(),
                new DocumentRef((400 + r.nextInt(200)) + "/BC-UBND", s.day(), "Báo cáo kết quả thẩm định"),
                s.by(appraiserSubject, c.appraiserRole(), c.appraiser().code())), true);
        if (score.passed()) {
            // the department reviews and proposes, the province recognises: one proposal and one decision per district
            // and year
            int number = 3000 + Math.floorMod(Objects.hash(c.districtCode(), year), 2000);
            ActedBy department = s.by("so-tttt-xem-xet", "DEPARTMENT", "38");
            s.at(0.95);
            s.add(new AppraisalAcceptedForReview(id, "", department), true);
            s.at(0.96);
            s.add(new ProposedForRecognition(id, new DocumentRef(number + "/TTr-STTTT", s.day(),
                    "Tờ trình đề nghị công nhận xã đạt chuẩn chuyển đổi số năm " + year), department), true);
            s.at(0.97);
            s.add(new CommuneRecognised(id, new DocumentRef(number + "/QĐ-UBND", s.day(),
                    "Quyết định công nhận xã đạt chuẩn chuyển đổi số năm " + year), s.by("so-tttt", "PROVINCE", "38")), true);
        }
        return s.events;
    }

    /** The commune reports a value with its evidence (one document). */
    private static void report(Story s, Commune c, AssessmentId id, Indicator indicator, IndicatorValue value,
                               String evidence, Map<String, IndicatorValue> reported) {
        reported.put(indicator.code(), value);
        s.add(new IndicatorValueReported(id, indicator.code(), value, List.of(new DocumentRef(evidence, s.day(), "")),
                s.by("can-bo-" + c.code(), "COMMUNE", c.code())), true);
    }

    private static void appraise(Story s, Commune c, AssessmentId id, List<Indicator> indicators,
                                 Map<String, IndicatorValue> reported, Map<String, IndicatorValue> appraised, int count,
                                 Random r, String subject) {
        for (int k = 0; k < count; k++) {
            Indicator indicator = indicators.get(r.nextInt(indicators.size()));
            IndicatorValue value = reported.get(indicator.code());
            if (value instanceof IndicatorValue.Ratio ratio && !indicator.mandatory()) {
                long d = ratio.denominator().longValue();
                long n = Math.max(0, ratio.numerator().longValue() - r.nextInt((int) Math.max(1, d / 20)));
                value = new IndicatorValue.Ratio(BigDecimal.valueOf(n), BigDecimal.valueOf(d));
            } else if (value == null) {
                continue;
            }
            appraised.put(indicator.code(), value);
            s.add(new IndicatorAppraised(id, indicator.code(), value, "Theo hồ sơ minh chứng",
                    s.by(subject, c.appraiserRole(), c.appraiser().code())), true);
        }
    }

    private static IndicatorValue value(Indicator indicator, int round, int rounds, Map<String, Long> denominators,
                                        Map<String, Double> finals, Map<String, Integer> yesFrom) {
        if (indicator.measure() == Measure.BOOLEAN) {
            return new IndicatorValue.YesNo(round >= yesFrom.get(indicator.code()));
        }
        long d = denominators.get(indicator.code());
        double share = finals.get(indicator.code()) * (0.4 + 0.6 * Math.min(1.0, (round + 1.0) / rounds));
        long n = Math.min(d, (long) Math.ceil(share * d - 1e-9));
        return new IndicatorValue.Ratio(BigDecimal.valueOf(n), BigDecimal.valueOf(d));
    }

    /** A commune's year in order: each event a little after the previous, in office hours. */
    private static final class Story {
        final List<Planned> events = new ArrayList<>();
        final AssessmentId id;
        final LocalDate start;
        final long days;
        final Random r;
        Instant cursor = Instant.EPOCH;
        long sequence;

        Story(AssessmentId id, LocalDate start, LocalDate end, Random r) {
            this.id = id;
            this.start = start;
            this.days = Duration.between(start.atStartOfDay(), end.atStartOfDay()).toDays();
            this.r = r;
        }

        /** Moves to a point of the year (0..1), never backwards. */
        void at(double fraction) {
            LocalDate day = start.plusDays((long) (fraction * days) + r.nextInt(3));
            Instant planned = day.atTime(LocalTime.of(8, 0).plusMinutes(r.nextInt(8 * 60))).atZone(VN).toInstant();
            if (planned.isAfter(cursor)) {
                cursor = planned;
            }
        }

        LocalDate day() {
            return cursor.atZone(VN).toLocalDate();
        }

        ActedBy by(String subject, String role, String unit) {
            return new ActedBy(subject, role, unit, cursor);
        }

        void add(Object payload, boolean keyed) {
            String aggregate = id.toString();
            long seq = sequence++;
            events.add(new Planned(cursor, aggregate, seq, payload, uuid(aggregate, seq, "event"), uuid(aggregate, seq, "command"), keyed));
            cursor = cursor.plusSeconds(20 + r.nextInt(100));
        }
    }

    private static String uuid(String aggregate, long sequence, String what) {
        return UUID.nameUUIDFromBytes((aggregate + "#" + sequence + "#" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---------------------------------------------------------------- top-up

    /**
     * More indicator updates on a year's open assessments, in the order a province would send them (round-robin over
     * the communes), until each holds {@code perCommune} events: "after ~400 events per commune".
     */
    void topUp(MapOnRecord map, int year, int perCommune, int limit) throws SQLException {
        record Open(AssessmentId id, String frameworkId, long next) {
        }
        List<Open> open = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("""
                select a.assessment_id, max(e.sequencenumber),
                       bool_or(e.payloadtype not in ('vn.thanhhoa.cds.events.assessment.AssessmentRegistered',
                                                     'vn.thanhhoa.cds.events.assessment.IndicatorValueReported')),
                       max(case when e.sequencenumber = 0 then e.payload end)
                from cmd_assessment a join domainevententry e on e.aggregateidentifier = a.assessment_id
                where a.year = ? group by a.assessment_id order by a.assessment_id limit ?""")) {
            st.setInt(1, year);
            st.setInt(2, limit);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(3)) {
                        continue; // submitted or further on: a commune no longer reports
                    }
                    String framework = Json.MAPPER.readTree(rs.getString(4)).path("frameworkId").asText();
                    open.add(new Open(AssessmentId.parse(rs.getString(1)), framework, rs.getLong(2) + 1));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        db.commit();
        Random r = new Random(year);
        Instant now = Instant.now();
        long total = open.stream().mapToLong(o -> Math.max(0, perCommune - o.next())).sum();
        long step = Math.max(1, Duration.ofHours(12).toMillis() / Math.max(1, total));
        Instant at = now.minusMillis(step * total);
        List<Planned> planned = new ArrayList<>();
        Map<AssessmentId, Long> next = new HashMap<>();
        open.forEach(o -> next.put(o.id(), o.next()));
        boolean more = true;
        while (more) {
            more = false;
            for (Open o : open) {
                long seq = next.get(o.id());
                if (seq >= perCommune) {
                    continue;
                }
                more = true;
                CriteriaFramework framework = map.framework(o.frameworkId());
                List<Indicator> ratios = framework.indicators().stream().filter(i -> i.measure() == Measure.RATIO).toList();
                Indicator indicator = ratios.get((int) (seq % ratios.size()));
                long d = 100 + r.nextInt(9000);
                IndicatorValue value = new IndicatorValue.Ratio(BigDecimal.valueOf(r.nextInt((int) d + 1)), BigDecimal.valueOf(d));
                String code = o.id().commune().code();
                at = at.plusMillis(step);
                ActedBy by = new ActedBy("can-bo-" + code, "COMMUNE", code, at);
                String aggregate = o.id().toString();
                planned.add(new Planned(at, aggregate, seq, new IndicatorValueReported(o.id(), indicator.code(), value,
                        List.of(new DocumentRef((seq % 300 + 1) + "/BC-UBND", at.atZone(VN).toLocalDate(), "")), by),
                        UUID.randomUUID().toString(), UUID.randomUUID().toString(), true));
                next.put(o.id(), seq + 1);
            }
        }
        append(planned, List.of());
    }

    // ---------------------------------------------------------------- appending

    /** In time order (each assessment's events keep theirs), in batches of one transaction each. */
    private void append(List<Planned> planned, List<AssessmentId> registered) throws SQLException {
        planned.sort(Comparator.comparing(Planned::at).thenComparing(Planned::aggregate).thenComparingLong(Planned::sequence));
        Set<String> toRegister = new HashSet<>();
        registered.forEach(id -> toRegister.add(id.toString()));
        for (int from = 0; from < planned.size(); from += batchSize) {
            List<Planned> batch = planned.subList(from, Math.min(planned.size(), from + batchSize));
            List<EventMessage<?>> messages = new ArrayList<>(batch.size());
            List<AssessmentRegistered> registrations = new ArrayList<>();
            for (Planned p : batch) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("traceId", p.commandId());
                meta.put("correlationId", p.commandId());
                if (p.keyed()) {
                    meta.put("idempotencyKey", "gen-" + p.eventId().substring(0, 18));
                }
                messages.add(new GenericDomainEventMessage<>(AGGREGATE, p.aggregate(), p.sequence(), p.payload(), meta,
                        p.eventId(), p.at()));
                if (p.payload() instanceof AssessmentRegistered registration && toRegister.contains(p.aggregate())) {
                    registrations.add(registration);
                }
            }
            if (!dryRun) {
                engine.appendEvents(messages);
                if (!registrations.isEmpty()) {
                    // as AssessmentDirectory does for each registration: the command side's lookup, same transaction
                    try (PreparedStatement insert = db.prepareStatement(
                            "insert into cmd_assessment (assessment_id, commune_code, commune_id, year, framework_id) values (?, ?, ?, ?, ?)")) {
                        for (AssessmentRegistered e : registrations) {
                            insert.setString(1, e.assessmentId().toString());
                            insert.setString(2, e.commune().code());
                            insert.setString(3, e.commune().toString());
                            insert.setInt(4, e.year());
                            insert.setString(5, e.frameworkId());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }
                db.commit();
            }
            appended += batch.size();
            assessments += registrations.size();
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                double seconds = (lastReport - started) / 1e9;
                System.out.printf(Locale.ROOT, "  ... %d events appended (%.0f/s)%n", appended, appended / seconds);
            }
        }
    }
}
