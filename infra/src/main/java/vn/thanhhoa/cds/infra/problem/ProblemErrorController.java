package vn.thanhhoa.cds.infra.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * What the servlet container refuses before any controller runs — a URL the firewall rejects (an encoded NUL, "%25"),
 * a request Tomcat cannot parse — also leaves as problem+json, in place of Spring Boot's default error body.
 */
@RestController
@Hidden
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemDetail problem = switch (status) {
            case NOT_FOUND -> ProblemAdvice.notFound();
            case BAD_REQUEST -> ProblemAdvice.body(status, "BAD_REQUEST", null,
                    "Yêu cầu không hợp lệ (đường dẫn hoặc tiêu đề không đúng quy cách).",
                    "The request is malformed (its path or headers).", Map.of());
            default -> status.is4xxClientError()
                    ? ProblemAdvice.body(status, status.name(), null, "Yêu cầu bị từ chối.", status.getReasonPhrase() + ".", Map.of())
                    : ProblemAdvice.internalError(status);
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
