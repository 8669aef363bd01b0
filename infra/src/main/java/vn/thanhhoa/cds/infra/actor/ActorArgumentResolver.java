package vn.thanhhoa.cds.infra.actor;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

/** Resolves an {@link Actor} controller parameter from the temporary acting-user headers. */
public class ActorArgumentResolver implements HandlerMethodArgumentResolver {
    public static final String SUBJECT_HEADER = "X-Actor-Id";
    public static final String ROLE_HEADER = "X-Actor-Role";
    public static final String UNIT_HEADER = "X-Actor-Unit";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.equals(parameter.getParameterType());
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                 WebDataBinderFactory binderFactory) {
        String subject = request.getHeader(SUBJECT_HEADER);
        String role = request.getHeader(ROLE_HEADER);
        String unit = request.getHeader(UNIT_HEADER);
        if (blank(subject) || blank(role) || blank(unit)) {
            throw new ProblemException(ProblemKind.UNAUTHENTICATED, "UNAUTHENTICATED", SUBJECT_HEADER,
                    "Chưa xác định người thực hiện (cần X-Actor-Id, X-Actor-Role, X-Actor-Unit).",
                    "No acting user (X-Actor-Id, X-Actor-Role, X-Actor-Unit are required).");
        }
        Actor.Role parsed;
        try {
            parsed = Actor.Role.valueOf(role.trim());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemKind.UNAUTHENTICATED, "UNKNOWN_ROLE", ROLE_HEADER,
                    "Vai trò không hợp lệ: " + role, "Unknown role: " + role);
        }
        if (parsed == Actor.Role.SYSTEM) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "FORBIDDEN_ROLE", ROLE_HEADER,
                    "Vai trò SYSTEM chỉ dành cho nền tảng.", "The SYSTEM role is reserved for the platform.");
        }
        return new Actor(subject.trim(), parsed, unit.trim());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
