package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One commune, one assessment a year — its own or one transferred to it — however the requests race: exactly one
 * wins, the others get 409, never a 500. Communes of the former Huyện Nông Cống, merged on 01/07/2025.
 */
class AssessmentRacesTest extends PlatformTest {

    @Test
    void aTransferAndTheSuccessorsOwnRegistrationRacingForOneYearLeaveOneAssessment() throws Exception {
        for (String[] pair : List.of(new String[]{"16282", "16297"}, new String[]{"16303", "16309"})) {
            String predecessor = pair[0], successor = pair[1];
            assertThat(post("/api/communes/" + predecessor + "/assessments",
                    Map.of("year", 2025, "frameworkId", "TH-XA-1829-2023", "asOf", "2025-03-01"), As.commune(predecessor))
                    .getStatusCode().value()).isEqualTo(201);

            List<ResponseEntity<String>> answers = race(
                    () -> post("/api/communes/" + predecessor + "/assessments/2025/transfer?asOf=2025-06-30",
                            Map.of("toCommuneCode", successor, "decision", Map.of("number", "2001/QĐ-UBND", "date", "2025-07-15")),
                            As.province()),
                    () -> post("/api/communes/" + successor + "/assessments",
                            Map.of("year", 2025, "frameworkId", "TH-XA-1829-2023"), As.commune(successor)));

            assertThat(answers).as(answers.toString()).filteredOn(r -> r.getStatusCode().is2xxSuccessful()).hasSize(1);
            assertThat(answers).as(answers.toString()).filteredOn(r -> r.getStatusCode().value() == 409).hasSize(1);
            ResponseEntity<String> card = eventually(() -> read("/api/communes/" + successor + "/assessments/2025", As.province()),
                    r -> r.getStatusCode().is2xxSuccessful());
            assertThat(card.getStatusCode().value()).isEqualTo(200);
        }
    }

    @Test
    void theSameCommuneRegisteringTwiceAtOnceGetsOneAssessment() throws Exception {
        String commune = "16321";
        Supplier<ResponseEntity<String>> register = () -> post("/api/communes/" + commune + "/assessments",
                Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"), As.commune(commune));
        List<ResponseEntity<String>> answers = race(register, register, register);
        assertThat(answers).as(answers.toString()).filteredOn(r -> r.getStatusCode().value() == 201).hasSize(1);
        assertThat(answers).as(answers.toString()).filteredOn(r -> r.getStatusCode().value() == 409).hasSize(2);
    }

    @SafeVarargs
    private static List<ResponseEntity<String>> race(Supplier<ResponseEntity<String>>... requests) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ResponseEntity<String>>> running = java.util.Arrays.stream(requests)
                .map(request -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return request.get();
                })).toList();
        start.countDown();
        return running.stream().map(CompletableFuture::join).toList();
    }
}
