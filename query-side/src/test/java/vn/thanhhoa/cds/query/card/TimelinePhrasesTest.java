package vn.thanhhoa.cds.query.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A timeline row's facts read as the sentence the pages showed before facts were kept, and in English. */
class TimelinePhrasesTest {
    private final ObjectMapper json = new ObjectMapper();

    private String vi(String type, String facts) throws Exception {
        return TimelinePhrases.vi(type, json.readTree(facts));
    }

    private String en(String type, String facts) throws Exception {
        return TimelinePhrases.en(type, json.readTree(facts));
    }

    @Test
    void theFactsReadInBothLanguages() throws Exception {
        assertThat(vi("IndicatorValueReported", "{\"indicator\":\"1.1\",\"value\":\"31/31\"}")).isEqualTo("Cập nhật chỉ tiêu 1.1: 31/31");
        assertThat(en("IndicatorValueReported", "{\"indicator\":\"1.1\",\"value\":\"31/31\"}")).isEqualTo("Indicator 1.1 reported: 31/31");
        assertThat(vi("IndicatorAppraised", "{\"indicator\":\"1.6\",\"value\":\"yes\"}")).isEqualTo("Thẩm định chỉ tiêu 1.6: Có");
        assertThat(en("IndicatorAppraised", "{\"indicator\":\"1.6\",\"value\":\"in-progress\"}")).isEqualTo("Indicator 1.6 appraised: In progress");
        assertThat(vi("AssessmentRegistered", "{\"framework\":\"TH-XA-1829-2023\",\"year\":2024}"))
                .isEqualTo("Đăng ký đánh giá năm 2024 theo bộ tiêu chí TH-XA-1829-2023");
        assertThat(vi("AssessmentReturnedWithReasons", "{\"indicators\":[{\"indicator\":\"1.1\",\"reason\":\"Thiếu minh chứng\"}]}"))
                .isEqualTo("Trả lại hồ sơ; chỉ tiêu 1.1: Thiếu minh chứng");
        assertThat(en("AppraisalConcluded", "{\"document\":\"12/BC-UBND\",\"passed\":true,\"score\":\"812.5\"}"))
                .isEqualTo("Appraisal concluded: passed (812.5), document 12/BC-UBND");
        assertThat(vi("ReturnAnswered", "{\"answer\":\"Đã bổ sung\"}")).isEqualTo("Giải trình lý do chung: Đã bổ sung");
        assertThat(en("IndicatorCommented", "{\"comment\":\"\",\"indicator\":\"2.1\"}")).isEqualTo("Comment on indicator 2.1: (cleared)");
    }
}
