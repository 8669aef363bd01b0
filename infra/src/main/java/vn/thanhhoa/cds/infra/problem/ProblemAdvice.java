package vn.thanhhoa.cds.infra.problem;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every refusal leaves as application/problem+json: {@code code} (stable, English), {@code field}, {@code detail}
 * (Vietnamese) and {@code detailEn}. Bodies never carry stack traces, SQL or class names.
 */
@RestControllerAdvice
public class ProblemAdvice {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final vn.thanhhoa.cds.infra.security.AuthorizationAudit audit;

    public ProblemAdvice(vn.thanhhoa.cds.infra.security.AuthorizationAudit audit) {
        this.audit = audit;
    }

    @ExceptionHandler(ProblemException.class)
    public ProblemDetail problem(ProblemException e, jakarta.servlet.http.HttpServletRequest request) {
        if (e.kind() == ProblemKind.FORBIDDEN || e.kind() == ProblemKind.UNAUTHENTICATED) {
            audit.denied(request, e.kind().status(), e.code());
        }
        return body(HttpStatus.valueOf(e.kind().status()), e.code(), e.field(), e.messageVi(), e.messageEn(), e.details());
    }

    /** The deterministic stream id of an aggregate already exists: e.g. a commune registered twice for a year. */
    @ExceptionHandler(AggregateStreamCreationException.class)
    public ProblemDetail alreadyExists(AggregateStreamCreationException e) {
        return body(HttpStatus.CONFLICT, "ALREADY_EXISTS", null, "Hồ sơ này đã tồn tại.", "This record already exists.",
                Map.of());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            boolean wrongFormat = mismatch instanceof InvalidFormatException;
            return body(HttpStatus.BAD_REQUEST, wrongFormat ? "INVALID_FORMAT" : "INVALID_TYPE", field,
                    "Giá trị của trường '" + field + "' không đúng định dạng.",
                    "The value of field '" + field + "' has the wrong format or type.", Map.of());
        }
        return body(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "body",
                "Nội dung yêu cầu không phải JSON hợp lệ.", "The request body is not valid JSON.", Map.of());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ProblemDetail invalid(MethodArgumentNotValidException e) {
        var error = e.getBindingResult().getFieldErrors().stream().findFirst();
        String field = error.map(f -> f.getField()).orElse("body");
        return body(HttpStatus.BAD_REQUEST, "INVALID_FIELD", field,
                "Trường '" + field + "' không hợp lệ: " + error.map(f -> f.getDefaultMessage()).orElse(""),
                "Field '" + field + "' is invalid.", Map.of());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    public ProblemDetail missingHeader(MissingRequestHeaderException e) {
        return body(HttpStatus.BAD_REQUEST, "MISSING_HEADER", e.getHeaderName(),
                "Thiếu tiêu đề (header) '" + e.getHeaderName() + "'.", "Header '" + e.getHeaderName() + "' is missing.",
                Map.of());
    }

    @ExceptionHandler(org.springframework.web.bind.MissingServletRequestParameterException.class)
    public ProblemDetail missingParameter(org.springframework.web.bind.MissingServletRequestParameterException e) {
        return body(HttpStatus.BAD_REQUEST, "MISSING_PARAMETER", e.getParameterName(),
                "Thiếu tham số '" + e.getParameterName() + "'.", "Parameter '" + e.getParameterName() + "' is missing.", Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", e.getName(),
                "Tham số '" + e.getName() + "' không hợp lệ.", "Parameter '" + e.getName() + "' is invalid.", Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "Content-Type",
                "Chỉ nhận nội dung application/json.", "Only application/json is accepted.", Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", null,
                "Phương thức không được hỗ trợ.", "Method not allowed.", Map.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ProblemDetail noResource(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "NOT_FOUND", null, "Không tìm thấy.", "Not found.", Map.of());
    }

    /** A page closed its live connection: nothing to answer, nothing to report. */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    public void clientGone(Exception e) {
        log.debug("client went away: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", null,
                "Đã xảy ra lỗi hệ thống; không có thay đổi nào được ghi nhận.",
                "An internal error occurred; nothing was recorded.", Map.of());
    }

    static ProblemDetail body(HttpStatusCode status, String code, String field, String vi, String en,
                              Map<String, Object> details) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, vi);
        problem.setType(URI.create("urn:cds:problem:" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(en);
        problem.setProperty("code", code);
        if (field != null) {
            problem.setProperty("field", field);
        }
        problem.setProperty("detailEn", en);
        details.forEach(problem::setProperty);
        return problem;
    }
}
