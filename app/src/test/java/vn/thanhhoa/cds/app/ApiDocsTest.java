package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsTest extends PlatformTest {
    @Test
    void theOpenApiDocumentDescribesTheCommandAndQueryPaths() {
        JsonNode docs = get("/v3/api-docs");
        assertThat(docs.path("openapi").asText()).startsWith("3.");
        assertThat(docs.path("paths").has("/api/communes/{code}/assessments/{year}/indicators/{indicatorCode}")).isTrue();
        assertThat(docs.path("paths").has("/api/province/dashboard")).isTrue();
        assertThat(docs.path("paths").has("/api/frameworks/{frameworkId}/amendments")).isTrue();
    }
}
