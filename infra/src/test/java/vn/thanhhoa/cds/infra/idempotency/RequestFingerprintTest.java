package vn.thanhhoa.cds.infra.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTest {
    private final ObjectMapper json = new ObjectMapper();

    /** A request as the controllers build it: Map.of, whose order of iteration is chosen anew in every JVM. */
    static Map<String, Object> request() {
        return Map.of("path", "report/14923@2020-01-01/2022/1.1", "body", Map.of(
                "measure", "RATIO", "numerator", new BigDecimal("4850"), "denominator", 7690,
                "note", "Ghi chú — tiếng Việt", "evidence", List.of(Map.of("number", "31/BC-UBND", "date", "2023-09-20")),
                "a", 1, "b", 2, "c", 3, "d", 4));
    }

    @Test
    void keyOrderAbsentFieldsAndHowANumberIsWrittenDoNotChangeTheFingerprint() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("d", 4);
        body.put("c", 3.0);
        body.put("b", new BigDecimal("2.00"));
        body.put("a", new BigDecimal("1E+0"));
        body.put("evidence", List.of(Map.of("date", "2023-09-20", "number", "31/BC-UBND")));
        body.put("note", "Ghi chú — tiếng Việt");
        body.put("value", null);
        body.put("denominator", new BigDecimal("7.69E+3"));
        body.put("numerator", 4850L);
        body.put("measure", "RATIO");
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("body", body);
        reordered.put("path", "report/14923@2020-01-01/2022/1.1");

        assertThat(RequestFingerprint.of(json, reordered)).isEqualTo(RequestFingerprint.of(json, request()));
    }

    @Test
    void aDifferentRequestHasADifferentFingerprint() {
        Map<String, Object> other = new LinkedHashMap<>(request());
        other.put("path", "report/14923@2020-01-01/2022/1.2");
        assertThat(RequestFingerprint.of(json, other)).isNotEqualTo(RequestFingerprint.of(json, request()));
    }

    /** The retry after a crash, or on another node: a fresh JVM computes the same fingerprint. */
    @Test
    void aFreshJvmComputesTheSameFingerprint() throws IOException, InterruptedException {
        String here = RequestFingerprint.of(json, request());
        for (int run = 0; run < 3; run++) {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), FreshJvm.class.getName())
                    .redirectErrorStream(true).start();
            String there = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(process.waitFor()).isZero();
            assertThat(there).isEqualTo(here);
        }
    }

    public static class FreshJvm {
        public static void main(String[] args) {
            System.out.println(RequestFingerprint.of(new ObjectMapper(), request()));
        }
    }
}
