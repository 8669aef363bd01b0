package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appraiser's queue (issue 27) through the API: the communes submitted to the appraiser's unit, oldest first,
 * with their self-score and, after a return, what the commune changed since; a commune has none, a stage that does
 * not exist is refused. Two communes of Huyện Lang Chánh (388) for 2024, appraised by their district on that year's
 * map.
 */
class AppraisalQueueTest extends PlatformTest {
    private static final int YEAR = 2024;
    private static final String FIRST = "15031";  // Xã Yên Khương
    private static final String SECOND = "15034"; // Xã Yên Thắng
    private static final As APPRAISER = As.district("388");
    private static final String QUEUE = "/api/appraisal/queue";

    private static String base(String code) {
        return "/api/communes/" + code + "/assessments";
    }

    private void submitted(String code, String report) {
        assertThat(post(base(code), Map.of("year", YEAR, "frameworkId", "TH-XA-1829-2023"), As.commune(code))
                .getStatusCode().value()).isEqualTo(201);
        JsonNode framework = read(jdbc.sql("select definition from q_framework where framework_id = 'TH-XA-1829-2023'")
                .query(String.class).single());
        Map<String, Object> values = PlatformTest.everyIndicator(framework, 9, 10);
        values.forEach((indicator, value) -> assertThat(put(base(code) + "/" + YEAR + "/indicators/" + indicator, value,
                As.commune(code)).getStatusCode().value()).isEqualTo(204));
        ResponseEntity<String> submission = post(base(code) + "/" + YEAR + "/submission", Map.of("reportNumber", report),
                As.commune(code));
        assertThat(submission.getStatusCode().value()).as(submission.getBody()).isEqualTo(204);
    }

    private static List<String> communes(JsonNode queue) {
        List<String> codes = new ArrayList<>();
        queue.path("items").forEach(i -> {
            if (i.path("year").asInt() == YEAR && List.of(FIRST, SECOND).contains(i.at("/commune/code").asText())) {
                codes.add(i.at("/commune/code").asText());
            }
        });
        return codes;
    }

    private static JsonNode item(JsonNode queue, String code) {
        for (JsonNode i : queue.path("items")) {
            if (i.path("year").asInt() == YEAR && i.at("/commune/code").asText().equals(code)) {
                return i;
            }
        }
        throw new AssertionError(code + " not in the queue: " + queue);
    }

    @Test
    void theAppraiserSeesTheSubmittedCommunesOldestFirstWithWhatChangedSinceTheirReturn() {
        submitted(FIRST, "11/BC-UBND");
        submitted(SECOND, "12/BC-UBND");
        JsonNode queue = eventually(() -> get(QUEUE, APPRAISER), q -> communes(q).size() == 2);
        assertThat(communes(queue)).containsExactly(FIRST, SECOND);
        JsonNode first = item(queue, FIRST);
        assertThat(first.path("stage").asText()).isEqualTo("SUBMITTED");
        assertThat(first.path("stageVi").asText()).isEqualTo("Đã nộp tự đánh giá");
        assertThat(first.path("waitingDays").asLong()).isZero();
        assertThat(first.path("selfPointsDisplay").asText()).as("the self-score as the card keeps it").isNotBlank();
        assertThat(first.path("changeCount").asInt()).as("nothing is a change before a first appraisal").isZero();

        // the appraiser returns the first with a reason on 1.1; it leaves the waiting queue
        assertThat(post(base(FIRST) + "/" + YEAR + "/appraisal", null, APPRAISER).getStatusCode().value()).isEqualTo(204);
        ResponseEntity<String> returned = post(base(FIRST) + "/" + YEAR + "/return", Map.of("reason", "Bổ sung minh chứng",
                "document", Map.of("number", "90/SKHCN-CĐS", "date", LocalDate.now().toString()),
                "indicators", List.of(Map.of("indicatorCode", "1.1", "reason", "Thiếu danh sách cán bộ"))), APPRAISER);
        assertThat(returned.getStatusCode().value()).as(returned.getBody()).isEqualTo(204);
        eventually(() -> get(QUEUE, APPRAISER), q -> communes(q).equals(List.of(SECOND)));
        assertThat(communes(get(QUEUE + "?stage=RETURNED", APPRAISER))).containsExactly(FIRST);

        // the commune corrects 1.1, answers, resubmits: back in the queue, after the one waiting longer, with its changes
        assertThat(put(base(FIRST) + "/" + YEAR + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 31,
                "denominator", 31), As.commune(FIRST)).getStatusCode().value()).isEqualTo(204);
        assertThat(post(base(FIRST) + "/" + YEAR + "/return/answers", Map.of("indicatorCode", "1.1",
                "answer", "Đã bổ sung danh sách 31 cán bộ"), As.commune(FIRST)).getStatusCode().value()).isEqualTo(204);
        assertThat(post(base(FIRST) + "/" + YEAR + "/return/answers", Map.of("answer", "Đã bổ sung đủ minh chứng"),
                As.commune(FIRST)).getStatusCode().value()).as("the general reason's answer").isEqualTo(204);
        ResponseEntity<String> again = post(base(FIRST) + "/" + YEAR + "/submission", Map.of("reportNumber", "13/BC-UBND"),
                As.commune(FIRST));
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(204);
        queue = eventually(() -> get(QUEUE, APPRAISER), q -> communes(q).size() == 2);
        assertThat(communes(queue)).as("oldest first: the one submitted earlier and not returned").containsExactly(SECOND, FIRST);
        JsonNode changed = item(queue, FIRST);
        assertThat(changed.path("changeCount").asInt()).isEqualTo(3);
        assertThat(changed.path("changes").toString()).contains("Cập nhật chỉ tiêu 1.1: 31/31")
                .contains("Đã bổ sung danh sách 31 cán bộ").contains("Indicator 1.1 reported: 31/31");
        assertThat(changed.path("lastAppraisalAt").asText()).isNotBlank();

        // filtered by former district: both are Lang Chánh's (388); another former district has neither
        assertThat(communes(get(QUEUE + "?formerDistrict=388", APPRAISER))).containsExactly(SECOND, FIRST);
        assertThat(communes(get(QUEUE + "?formerDistrict=392", APPRAISER))).isEmpty();
        // another appraiser's queue does not hold them; the province sees every queue when it asks for all
        assertThat(communes(get(QUEUE, As.district("392")))).isEmpty();
        assertThat(communes(get(QUEUE + "?all=true", As.province()))).containsExactly(SECOND, FIRST);
    }

    @Test
    void aCommuneHasNoQueueAndAnUnknownStageIsRefused() {
        ResponseEntity<String> commune = read(QUEUE, As.commune(FIRST));
        assertThat(commune.getStatusCode().value()).isEqualTo(403);
        assertThat(commune.getHeaders().getContentType()).hasToString("application/problem+json");
        ResponseEntity<String> stage = read(QUEUE + "?stage=DONE", APPRAISER);
        assertThat(stage.getStatusCode().value()).isEqualTo(422);
        assertThat(read(stage.getBody()).path("code").asText()).isEqualTo("INVALID_STAGE");
        assertThat(read(stage.getBody()).path("detail").asText()).contains("Giai đoạn không hợp lệ");
        ResponseEntity<String> all = read(QUEUE + "?all=true", As.district("392"));
        assertThat(all.getStatusCode().value()).as("every queue is the province's to read").isEqualTo(403);
        ResponseEntity<String> district = read(QUEUE + "?formerDistrict=" + "x".repeat(40), APPRAISER);
        assertThat(district.getStatusCode().value()).isEqualTo(422);
    }
}
