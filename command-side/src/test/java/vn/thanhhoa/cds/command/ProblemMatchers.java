package vn.thanhhoa.cds.command;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

/** Matches a refusal by its kind and stable code (and, for a conflict, the current stage it reports). */
public final class ProblemMatchers {
    private ProblemMatchers() {
    }

    public static Matcher<ProblemException> problem(ProblemKind kind, String code) {
        return problem(kind, code, null);
    }

    public static Matcher<ProblemException> problem(ProblemKind kind, String code, String currentStage) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ProblemException e) {
                return e.kind() == kind && e.code().equals(code)
                        && (currentStage == null || currentStage.equals(e.details().get("currentStage")));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(kind + " " + code + (currentStage == null ? "" : " at " + currentStage));
            }
        };
    }
}
