package vn.thanhhoa.cds.query.dashboard;

import com.openhtmltopdf.extend.FSSupplier;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.DistrictDashboard;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.DistrictRow;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.Pipeline;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.ProgressPoint;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.ProvinceDashboard;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.WeakIndicator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;

/**
 * The steering committee's meeting report (báo cáo giao ban) as an A4 PDF: the dashboard's view object, the very one
 * the JSON endpoint answers, put into a Mustache template (resources/reports) and laid out by openhtmltopdf on PDFBox.
 * Nothing is counted here: each figure is the view's, only written the Vietnamese way; the bars of the charts are
 * boxes sized by CSS, drawn as vector rectangles. DejaVu Sans, shipped in the jar, is embedded (subset), so the
 * Vietnamese letters print and extract the same on every machine.
 */
@Component
public class MeetingReports {
    public static final String PDF = "application/pdf";
    private static final String FONT = "DejaVu Sans";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Template province;
    private final Template district;
    /** Read once: each report embeds a subset of the glyphs it uses. */
    private final byte[] regular = resource("reports/fonts/DejaVuSans.ttf");
    private final byte[] bold = resource("reports/fonts/DejaVuSans-Bold.ttf");

    public MeetingReports() {
        // the layout engine tells every step at INFO (four lines a report): only its warnings reach the log
        XRLog.listRegisteredLoggers().forEach(logger -> XRLog.setLevel(logger, Level.WARNING));
        Mustache.Compiler compiler = Mustache.compiler().withLoader(name -> reader(name + ".mustache"));
        this.province = compiler.compile(reader("province.mustache"));
        this.district = compiler.compile(reader("district.mustache"));
    }

    /** The time a report's figures are of, as asked: the map of a day, decisions in force on a day, known at an instant. */
    public record Asked(LocalDate asOf, LocalDate inForceOn, OffsetDateTime knownAt, boolean restated) {
    }

    public void province(ProvinceDashboard d, Asked asked, Instant computedAt, OutputStream out) throws IOException {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Báo cáo giao ban chuyển đổi số cấp xã — Tỉnh Thanh Hóa — năm " + d.year());
        model.put("footer", "Báo cáo giao ban CĐS cấp xã — Tỉnh Thanh Hóa — năm " + d.year() + " — lập lúc "
                + VietnameseFormat.dateTime(computedAt));
        model.put("year", d.year());
        model.put("when", when(d.mapDate(), asked, computedAt));
        model.put("headline", d.headline());
        model.put("headlineBar", width(ProvinceDashboards.percent(d.recognised(), d.target())));
        model.put("figures", List.of(
                new Figure(d.groupedByFormerDistrict() ? "Số huyện cũ" : "Số huyện", count(d.districtRows().size())),
                new Figure("Số xã, phường, thị trấn", count(d.communes())),
                new Figure("Đã đăng ký", count(d.registered())),
                new Figure("Đã nộp tự đánh giá", count(d.submitted())),
                new Figure("Thẩm định Đạt", count(d.appraisedPass())),
                new Figure("Được công nhận", count(d.recognised())),
                new Figure("Chỉ tiêu năm", count(d.target()))));
        model.put("targetAllocation", allocation(d.targetAllocation()));
        model.put("verdictsInQuestion", d.verdictsInQuestion() == 0 ? null : count(d.verdictsInQuestion())
                + " hồ sơ cần xem xét lại kết luận sau khi đính chính điểm.");
        model.put("groupTitle", d.groupedByFormerDistrict() ? "huyện cũ (trước ngày 01/07/2025)" : "huyện");
        model.put("groupHeader", d.groupedByFormerDistrict() ? "Huyện cũ" : "Huyện");
        model.put("districtRows", d.districtRows().stream().map(r -> line(groupName(d, r), r.communes(), r.registered(),
                r.submitted(), r.appraisedPass(), r.recognised(), r.target(), r.percentOfTarget())).toList());
        model.put("total", line("Toàn tỉnh", d.communes(), d.registered(), d.submitted(), d.appraisedPass(), d.recognised(),
                d.target(), ProvinceDashboards.percent(d.recognised(), d.target())));
        model.put("hasBehind", !d.furthestBehind().isEmpty());
        model.put("furthestBehind", d.furthestBehind().stream().map(r -> r.name() + ": " + r.recognised() + "/" + r.target()).toList());
        model.put("target", count(d.target()));
        model.put("trend", trend(d.year(), d.progress(), d.target(), computedAt));
        model.put("weakest", weakest(d.weakestIndicators()));
        model.put("pipeline", pipeline(d.pipeline()));
        List<PipelineLine> pipelineRows = d.districtRows().stream()
                .filter(r -> !r.pipeline().equals(new Pipeline(0, 0, 0, 0, 0)))
                .map(r -> new PipelineLine(groupName(d, r), count(r.pipeline().appraisedPass()), count(r.pipeline().inReview()),
                        count(r.pipeline().proposed()), count(r.pipeline().recognised()), count(r.pipeline().declined())))
                .toList();
        model.put("hasPipelineRows", !pipelineRows.isEmpty());
        model.put("pipelineRows", pipelineRows);
        model.put("restated", d.restated() == null ? null : new Restated(d.restated().mapDate(),
                count(d.restated().recognisedPredecessors()) + "/" + count(d.restated().predecessors())
                        + " xã tiền thân được công nhận, trên " + count(d.restated().communes()) + " xã, phường hiện nay.",
                d.restated().rows().stream().map(r -> new RestatedLine(r.name(),
                        Objects.requireNonNullElse(r.formerDistrictName(), ""), r.label())).toList()));
        render(province, model, out);
    }

    public void district(DistrictDashboard d, Asked asked, Instant computedAt, OutputStream out) throws IOException {
        String name = d.former() ? "Huyện cũ " + d.district().name() : d.district().name();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Báo cáo giao ban chuyển đổi số cấp xã — " + name + " — năm " + d.year());
        model.put("footer", "Báo cáo giao ban CĐS cấp xã — " + name + " — năm " + d.year() + " — lập lúc "
                + VietnameseFormat.dateTime(computedAt));
        model.put("year", d.year());
        model.put("districtName", name);
        model.put("districtKind", d.former() ? "huyện cũ" : "huyện");
        model.put("when", when(null, asked, computedAt));
        model.put("headline", d.headline());
        model.put("headlineBar", width(ProvinceDashboards.percent(d.recognised(), d.target())));
        model.put("figures", List.of(
                new Figure("Số xã, phường, thị trấn", count(d.communes())),
                new Figure("Chưa đăng ký", count(d.byStage().getOrDefault("NOT_REGISTERED", 0))),
                new Figure("Được công nhận", count(d.recognised())),
                new Figure("Chỉ tiêu năm", count(d.target())),
                new Figure("Điểm tự đánh giá trung bình", orDash(VietnameseFormat.points(d.averagePoints()))),
                new Figure("Số chỉ tiêu đạt trung bình", orDash(VietnameseFormat.number(d.averageMet())))));
        model.put("stages", d.byStage().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> new Figure(stageVi(e.getKey()), count(e.getValue()), share(e.getValue(), d.communes()))).toList());
        Map<String, Integer> by = d.byStage();
        model.put("pipeline", pipeline(new Pipeline(by.get(Stage.APPRAISED_PASS.name()), by.get(Stage.IN_REVIEW.name()),
                by.get(Stage.PROPOSED.name()), by.get(Stage.RECOGNISED.name()), by.get(Stage.DECLINED.name()))));
        int most = d.scoreDistribution().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        model.put("distribution", d.scoreDistribution().entrySet().stream()
                .map(e -> new Figure(e.getKey() + " điểm", count(e.getValue()), share(e.getValue(), most))).toList());
        model.put("weakest", weakest(d.weakestIndicators()));
        model.put("communeRows", d.communeRows().stream().map(r -> new CommuneLine(r.code(), r.name(),
                r.stageVi() + (r.verdictInQuestion() ? " · cần xem xét lại" : ""), orDash(VietnameseFormat.number(r.selfPoints())),
                count(r.selfMet()), count(r.selfInProgress()), orDash(VietnameseFormat.number(r.appraisedPoints())))).toList());
        render(district, model, out);
    }

    /** A label and a figure, with the length of its bar where it has one (in % of the track). */
    record Figure(String label, String value, String bar) {
        Figure(String label, String value) {
            this(label, value, "0");
        }
    }

    record DistrictLine(String name, String communes, String registered, String submitted, String appraisedPass,
                        String recognised, String target, String percent, String bar) {
    }

    record TrendMonth(String month, String recognised, String ofTarget, String bar) {
    }

    record WeakLine(String code, String name, String met, String assessed, String share, String bar) {
    }

    record PipelineLine(String name, String appraisedPass, String inReview, String proposed, String recognised,
                        String declined) {
    }

    record Restated(String mapDate, String summary, List<RestatedLine> rows) {
    }

    record RestatedLine(String name, String formerDistrict, String label) {
    }

    record CommuneLine(String code, String name, String stage, String selfPoints, String met, String inProgress,
                       String appraisedPoints) {
    }

    /** The kind of time the figures are of, and when they were computed, in words. */
    private static List<String> when(String mapDate, Asked asked, Instant computedAt) {
        List<String> lines = new ArrayList<>();
        if (mapDate != null) {
            lines.add("Theo bản đồ hành chính ngày " + mapDate + (asked.restated() ? "; kèm kết quả quy về đơn vị hành chính hiện nay" : ""));
        } else if (asked.asOf() != null) {
            lines.add("Theo bản đồ hành chính ngày " + VietnameseFormat.date(asked.asOf()));
        }
        if (asked.inForceOn() != null) {
            lines.add("Các quyết định có hiệu lực đến ngày " + VietnameseFormat.date(asked.inForceOn()));
        }
        lines.add(asked.knownAt() == null ? "Số liệu như nền tảng biết lúc lập báo cáo"
                : "Số liệu như nền tảng đã biết lúc " + VietnameseFormat.dateTime(asked.knownAt().toInstant()) + " (giờ Việt Nam)");
        lines.add("Lập lúc " + VietnameseFormat.dateTime(computedAt) + " (giờ Việt Nam)");
        return lines;
    }

    /** How the districts' targets were split, in words (the dashboard names it by TargetAllocation's constant). */
    private static String allocation(String allocation) {
        if (allocation == null) {
            return null;
        }
        return switch (allocation) {
            case "OFFICIAL_ANNEX" -> "Chỉ tiêu của từng huyện theo phụ lục của quyết định giao chỉ tiêu.";
            case "PROPORTIONAL_TO_COMMUNE_COUNT" -> "Chỉ tiêu của từng huyện chia theo tỷ lệ số xã của huyện "
                    + "(không có phụ lục giao cho từng huyện).";
            default -> allocation;
        };
    }

    private static String groupName(ProvinceDashboard d, DistrictRow r) {
        return d.groupedByFormerDistrict() ? "Huyện cũ " + r.name() : r.name();
    }

    private static DistrictLine line(String name, int communes, int registered, int submitted, int appraisedPass,
                                     int recognised, int target, BigDecimal percentOfTarget) {
        return new DistrictLine(name, count(communes), count(registered), count(submitted), count(appraisedPass),
                count(recognised), count(target), percentOfTarget == null ? "—" : VietnameseFormat.number(percentOfTarget) + "%",
                width(percentOfTarget));
    }

    /**
     * The recognitions against the target, month by month: at each month's end, the cumulative count of the
     * dashboard's last progress point by then (the points are the dashboard's; only the months are chosen here) — from
     * January of the year to December, or to a later month that has a point, never past the month of the report.
     */
    static List<TrendMonth> trend(int year, List<ProgressPoint> progress, int target, Instant computedAt) {
        List<LocalDate> days = progress.stream().map(p -> LocalDate.parse(p.date(), DAY)).toList();
        YearMonth last = YearMonth.of(year, 12);
        if (!days.isEmpty() && YearMonth.from(days.get(days.size() - 1)).isAfter(last)) {
            last = YearMonth.from(days.get(days.size() - 1));
        }
        YearMonth now = YearMonth.from(computedAt.atZone(VietnameseFormat.ZONE));
        if (last.isAfter(now)) {
            last = now;
        }
        List<TrendMonth> months = new ArrayList<>();
        for (YearMonth month = YearMonth.of(year, 1); !month.isAfter(last); month = month.plusMonths(1)) {
            int recognised = 0;
            for (int i = 0; i < days.size() && !days.get(i).isAfter(month.atEndOfMonth()); i++) {
                recognised = progress.get(i).recognised();
            }
            BigDecimal percent = ProvinceDashboards.percent(recognised, target);
            months.add(new TrendMonth(String.format("%02d/%d", month.getMonthValue(), month.getYear()), count(recognised),
                    percent == null ? "—" : VietnameseFormat.number(percent) + "%", width(percent)));
        }
        return months;
    }

    private static List<WeakLine> weakest(List<WeakIndicator> weakest) {
        return weakest.stream().map(w -> new WeakLine(w.code(), w.name(), count(w.met()), count(w.assessed()),
                VietnameseFormat.percent(w.shareMet()), width(w.shareMet().movePointRight(2)))).toList();
    }

    /** The steps after a district's pass, with the names the pages give them. */
    private static List<Figure> pipeline(Pipeline p) {
        return List.of(new Figure(Stage.APPRAISED_PASS.vi() + ", chờ Sở xem xét", count(p.appraisedPass())),
                new Figure(Stage.IN_REVIEW.vi(), count(p.inReview())),
                new Figure(Stage.PROPOSED.vi(), count(p.proposed())),
                new Figure(Stage.RECOGNISED.vi(), count(p.recognised())),
                new Figure(Stage.DECLINED.vi(), count(p.declined())));
    }

    private static String stageVi(String stage) {
        return "NOT_REGISTERED".equals(stage) ? "Chưa đăng ký" : Stage.valueOf(stage).vi();
    }

    private static String count(int n) {
        return VietnameseFormat.number(BigDecimal.valueOf(n));
    }

    private static String orDash(String value) {
        return value == null ? "—" : value;
    }

    private static String share(int part, int whole) {
        return whole == 0 ? "0" : width(BigDecimal.valueOf(part * 100.0 / whole));
    }

    /** A bar's length in % of its track, for the CSS: 0 to 100, with a dot. */
    private static String width(BigDecimal percent) {
        double p = percent == null ? 0 : Math.max(0, Math.min(100, percent.doubleValue()));
        return String.format(Locale.ROOT, "%.1f", p);
    }

    /**
     * Laid out into a document whose pages wait in temporary files rather than on the heap, then written to the
     * response. The template asks for nothing outside itself; any other resource is refused.
     */
    private void render(Template template, Map<String, Object> model, OutputStream out) throws IOException {
        // one form of each letter: "ộ" as one character, the form the font's tables and text extraction know
        String xhtml = Normalizer.normalize(template.execute(model), Normalizer.Form.NFC);
        try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePDDocument(document);
            builder.withHtmlContent(xhtml, null);
            builder.useFont((FSSupplier<InputStream>) () -> new ByteArrayInputStream(regular), FONT, 400, FontStyle.NORMAL, true);
            builder.useFont((FSSupplier<InputStream>) () -> new ByteArrayInputStream(bold), FONT, 700, FontStyle.NORMAL, true);
            builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            builder.withProducer("Nền tảng chuyển đổi số cấp xã tỉnh Thanh Hóa");
            builder.toStream(out);
            builder.run();
        }
    }

    private static InputStreamReader reader(String template) {
        InputStream in = MeetingReports.class.getClassLoader().getResourceAsStream("reports/" + template);
        return new InputStreamReader(Objects.requireNonNull(in, template), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String path) {
        try (InputStream in = Objects.requireNonNull(MeetingReports.class.getClassLoader().getResourceAsStream(path), path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
