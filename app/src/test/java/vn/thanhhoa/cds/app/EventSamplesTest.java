package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events are the permanent record: each revision of each event has a sample of its stored JSON (taken from the
 * store), and the current classes must still read it and write it back unchanged. A change that breaks this needs a
 * new revision and an upcaster, not an edit of the sample.
 */
class EventSamplesTest extends PlatformTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "map.AdministrativeUnitRegistered", "map.AdministrativeUnitsMerged", "map.AdministrativeUnitSplit",
            "map.AdministrativeUnitRenamed", "map.AdministrativeUnitMoved", "map.AdministrativeUnitDissolved",
            "map.AdministrativeMapReorganised", "map.AppraisalAuthorityDesignated",
            "criteria.CriteriaFrameworkPublished", "criteria.FrameworkPointsAmended",
            "targets.YearlyTargetsAssigned",
            "assessment.AssessmentRegistered", "assessment.IndicatorValueReported", "assessment.SelfAssessmentSubmitted",
            "assessment.AppraisalStarted", "assessment.IndicatorAppraised", "assessment.AppraisalConcluded",
            "assessment.AssessmentReturnedForRevision", "assessment.CommuneRecognised", "assessment.RecognitionRevoked",
            "assessment.AssessmentTransferred", "assessment.AssessmentClosedAsSuperseded",
            "assessment.VerdictInvalidatedByAmendment", "assessment.RecognitionConfirmedAfterAmendment",
            "assessment.SelfAssessmentWithdrawn", "assessment.AssessmentReturnedWithReasons", "assessment.ReturnAnswered", "assessment.IndicatorCommented",
            "assessment.AppraisalCouncilAssigned", "assessment.EvidenceFileAttached", "assessment.AppraisalAcceptedForReview", "assessment.AppraisalSentBack", "assessment.OnSiteInspectionRecorded",
            "assessment.ProposedForRecognition", "assessment.RecognitionDeclined", "assessment.RecognitionDecisionCorrected",
            "reporting.FrameworkAssignedToYear", "reporting.ReportingPeriodOpened", "reporting.ReportingPeriodClosed",
            "reporting.ReportingPeriodExtended"})
    void storedSampleOfTheCurrentRevisionStillReadsAndWritesTheSame(String name) throws Exception {
        Class<?> type = Class.forName("vn.thanhhoa.cds.events." + name);
        String revision = type.getAnnotation(Revision.class).value();
        String sample = "event-samples/" + type.getSimpleName() + "-v" + revision + ".json";
        JsonNode stored;
        try (InputStream in = new ClassPathResource(sample).getInputStream()) {
            stored = json.readTree(in);
        }
        Object event = json.treeToValue(stored, type);
        JsonNode written = json.readTree(json.writeValueAsString(event));
        assertThat(written).as(sample).isEqualTo(stored);
    }
}
