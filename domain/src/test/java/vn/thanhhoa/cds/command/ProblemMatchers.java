package vn.thanhhoa.cds.command;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import vn.thanhhoa.cds.events.common.Rejection;

/** Matches a rule's refusal by its reason and stable code (and, for a conflict, the current stage it reports). */
public final class ProblemMatchers {
    private ProblemMatchers() {
    }

    public static Matcher<Rejection> problem(Rejection.Reason kind, String code) {
        return problem(kind, code, null);
    }

    public static Matcher<Rejection> problem(Rejection.Reason kind, String code, String currentStage) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Rejection e) {
                return e.reason() == kind && e.code().equals(code)
                        && (currentStage == null || currentStage.equals(e.details().get("currentStage")));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(kind + " " + code + (currentStage == null ? "" : " at " + currentStage));
            }
        };
    }
}
