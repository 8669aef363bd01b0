package vn.thanhhoa.cds.infra.problem;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import vn.thanhhoa.cds.events.common.Rejection;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import vn.thanhhoa.cds.infra.security.AuthorizationAudit;
import vn.thanhhoa.cds.infra.validation.BodySizeLimit;
import vn.thanhhoa.cds.infra.validation.Violations;

import java.net.URI;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every refusal leaves as application/problem+json: {@code code} (stable, English), {@code field}, {@code detail}
 * (Vietnamese) and {@code detailEn}. Bodies never carry stack traces, SQL or class names. Spring MVC's own refusals
 * (405, 406, 415, malformed headers, …) come through {@link ResponseEntityExceptionHandler} and get the same body; the
 * content type is fixed, so a client whose Accept header is malformed or names nothing we write still reads why. (A
 * page that closed its live connection gets nothing: Spring's handler answers that one with no body.)
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final AuthorizationAudit audit;

    public ProblemAdvice(AuthorizationAudit audit) {
        this.audit = audit;
    }

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<Object> problem(ProblemException e, HttpServletRequest request) {
        if (e.kind() == ProblemKind.FORBIDDEN || e.kind() == ProblemKind.UNAUTHENTICATED) {
            audit.denied(request, e.kind().status(), e.code());
        }
        HttpHeaders headers = new HttpHeaders();
        if (e.kind() == ProblemKind.TOO_MANY) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(e.details().getOrDefault("retryAfterSeconds",
                    Unavailability.RETRY_AFTER_SECONDS)));
        }
        return respond(headers,
                body(HttpStatus.valueOf(e.kind().status()), e.code(), e.field(), e.messageVi(), e.messageEn(), e.details()));
    }

    /** A rule's refusal (the domain's Rejection): the one place where its reason becomes an HTTP status. */
    @ExceptionHandler(Rejection.class)
    public ResponseEntity<Object> rejected(Rejection e, HttpServletRequest request) {
        ProblemKind kind = switch (e.reason()) {
            case INVALID -> ProblemKind.INVALID;
            case NOT_PERMITTED -> ProblemKind.FORBIDDEN;
            case NOT_FOUND -> ProblemKind.NOT_FOUND;
            case CONFLICT -> ProblemKind.CONFLICT;
        };
        return problem(new ProblemException(kind, e.code(), e.field(), e.messageVi(), e.messageEn(), e.details()), request);
    }

    /** The deterministic stream id of an aggregate already exists: e.g. a commune registered twice for a year. */
    @ExceptionHandler(AggregateStreamCreationException.class)
    public ResponseEntity<Object> alreadyExists(AggregateStreamCreationException e) {
        return respond(null, body(HttpStatus.CONFLICT, "ALREADY_EXISTS", null,
                "Hồ sơ này đã tồn tại.", "This record already exists.", Map.of()));
    }

    /** Still losing the race after the gateway's retries: the client may send the request again. */
    @ExceptionHandler(ConcurrencyException.class)
    public ResponseEntity<Object> concurrentUpdate(ConcurrencyException e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return respond(headers, body(HttpStatus.CONFLICT, "CONCURRENT_UPDATE", null,
                "Hồ sơ vừa được người khác cập nhật cùng lúc; không có thay đổi nào được ghi. Vui lòng gửi lại.",
                "The record was updated by someone else at the same moment; nothing was recorded. Send the request again.",
                Map.of()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(null, body(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", e.getName(),
                "Tham số '" + e.getName() + "' không hợp lệ.", "Parameter '" + e.getName() + "' is invalid.", Map.of()));
    }

    /** The database cannot be reached or is restarting: nothing was recorded, and a retry later will do. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception e) {
        if (Unavailability.isUnavailable(e)) {
            log.warn("Database unavailable: {}", e.toString());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Unavailability.RETRY_AFTER_SECONDS));
            return respond(headers, body(HttpStatus.SERVICE_UNAVAILABLE,
                    "TEMPORARILY_UNAVAILABLE", null,
                    "Hệ thống tạm thời không ghi nhận được; không có thay đổi nào được ghi. Vui lòng thử lại sau ít phút.",
                    "The platform cannot record right now; nothing was recorded. Retry after a short while.", Map.of()));
        }
        log.error("Unexpected error", e);
        return respond(null, internalError(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    /** A failure of ours: said the same way here and by the container's error page. */
    static ProblemDetail internalError(HttpStatusCode status) {
        return body(status, "INTERNAL_ERROR", null, "Đã xảy ra lỗi hệ thống; không có thay đổi nào được ghi nhận.",
                "An internal error occurred; nothing was recorded.", Map.of());
    }

    static ProblemDetail notFound() {
        return body(HttpStatus.NOT_FOUND, "NOT_FOUND", null, "Không tìm thấy.", "Not found.", Map.of());
    }

    /** Spring MVC's refusals: the status it chose, with our body. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception e, Object ignoredBody, HttpHeaders headers,
                                                             @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        // a live stream that timed out or whose client went away has already answered: nothing more to write
        if (request instanceof ServletWebRequest web && web.getResponse() != null && web.getResponse().isCommitted()) {
            return null;
        }
        if (status.is5xxServerError()) {
            return unexpected(e);
        }
        return respond(headers, mvcProblem(e, status));
    }

    private static ProblemDetail mvcProblem(Exception e, HttpStatusCode status) {
        if (e instanceof HttpMessageNotReadableException unreadable) {
            return unreadable(unreadable);
        }
        if (e instanceof MethodArgumentNotValidException invalid) {
            FieldError first = invalid.getBindingResult().getFieldErrors().stream()
                    .min(Comparator.comparing(FieldError::getField)).orElse(null);
            return first == null ? body(HttpStatus.UNPROCESSABLE_ENTITY, "INVALID_FIELD", "body",
                    "Nội dung yêu cầu không hợp lệ.", "The request is invalid.", Map.of())
                    : Violations.problem(first);
        }
        if (e instanceof HandlerMethodValidationException invalid) {
            return Violations.problem(invalid);
        }
        if (e instanceof MissingRequestHeaderException missing) {
            return body(status, "MISSING_HEADER", missing.getHeaderName(),
                    "Thiếu tiêu đề (header) '" + missing.getHeaderName() + "'.",
                    "Header '" + missing.getHeaderName() + "' is missing.", Map.of());
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return body(status, "MISSING_PARAMETER", missing.getParameterName(),
                    "Thiếu tham số '" + missing.getParameterName() + "'.",
                    "Parameter '" + missing.getParameterName() + "' is missing.", Map.of());
        }
        if (e instanceof HttpMediaTypeNotSupportedException) {
            return body(status, "UNSUPPORTED_MEDIA_TYPE", "Content-Type",
                    "Chỉ nhận nội dung application/json (UTF-8).", "Only application/json (UTF-8) is accepted.", Map.of());
        }
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            return body(status, "NOT_ACCEPTABLE", "Accept",
                    "Tiêu đề Accept không hợp lệ hoặc không có định dạng phù hợp (application/json, text/event-stream).",
                    "The Accept header is malformed or names no format this endpoint writes.", Map.of());
        }
        if (e instanceof HttpRequestMethodNotSupportedException) {
            return body(status, "METHOD_NOT_ALLOWED", null, "Phương thức không được hỗ trợ.", "Method not allowed.", Map.of());
        }
        // NoHandlerFound: no static resources to look in (the command role serves no pages)
        if (e instanceof NoResourceFoundException || e instanceof org.springframework.web.servlet.NoHandlerFoundException) {
            return notFound();
        }
        return body(status, "BAD_REQUEST", null, "Yêu cầu không hợp lệ.", "The request is invalid.", Map.of());
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimit.BodyTooLarge) {
                return BodySizeLimit.tooLarge();
            }
        }
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            boolean wrongFormat = mismatch instanceof InvalidFormatException;
            return body(HttpStatus.BAD_REQUEST, wrongFormat ? "INVALID_FORMAT" : "INVALID_TYPE", field,
                    "Giá trị của trường '" + field + "' không đúng định dạng.",
                    "The value of field '" + field + "' has the wrong format or type.", Map.of());
        }
        if (e.getCause() instanceof StreamConstraintsException) {
            return body(HttpStatus.BAD_REQUEST, "VALUE_TOO_LARGE", "body",
                    "Nội dung yêu cầu có giá trị quá lớn (số quá nhiều chữ số hoặc lồng quá sâu).",
                    "The request holds a value too large (a number with too many digits, or nesting too deep).", Map.of());
        }
        return body(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "body",
                "Nội dung yêu cầu không phải JSON hợp lệ.", "The request body is not valid JSON.", Map.of());
    }

    private static ResponseEntity<Object> respond(HttpHeaders headers, ProblemDetail problem) {
        // the problem's own status: a body found too large while read is 413, though Spring calls it unreadable (400)
        return ResponseEntity.status(problem.getStatus()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    public static ProblemDetail body(HttpStatusCode status, String code, String field, String vi, String en,
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
