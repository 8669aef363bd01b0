package vn.thanhhoa.cds.infra.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.infra.problem.ProblemAdvice;

import java.io.IOException;
import java.util.Map;

/**
 * Request bodies larger than {@link Limits#BODY_BYTES} are refused with 413: at once when Content-Length says so, or as
 * soon as a chunked body passes the limit while it is read (the reader then fails with {@link BodyTooLarge}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimit extends OncePerRequestFilter {
    private final ObjectMapper json;

    public BodySizeLimit(ObjectMapper json) {
        this.json = json;
    }

    /** Thrown by the body's stream when it passes the limit; the problem advice answers 413. */
    public static class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("request body larger than " + Limits.BODY_BYTES + " bytes");
        }
    }

    /** The 413 body, shared by this filter and the problem advice. */
    public static ProblemDetail tooLarge() {
        return ProblemAdvice.body(HttpStatus.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE", "body",
                "Nội dung yêu cầu lớn hơn " + Limits.BODY_BYTES / 1024 + " KiB.",
                "The request body is larger than " + Limits.BODY_BYTES / 1024 + " KiB.", Map.of());
    }

    /** An evidence file's upload: its bytes are counted against their own limit as they are read (EvidenceIntake). */
    private static final java.util.regex.Pattern EVIDENCE_UPLOAD =
            java.util.regex.Pattern.compile("^/api/communes/[^/]+/assessments/[^/]+/indicators/[^/]+/evidence-files$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && EVIDENCE_UPLOAD.matcher(request.getRequestURI()).matches()) {
            if (request.getContentLengthLong() > Limits.EVIDENCE_FILE_BYTES) {
                response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Connection", "close");
                json.writeValue(response.getOutputStream(), ProblemAdvice.body(HttpStatus.PAYLOAD_TOO_LARGE, "FILE_TOO_LARGE",
                        "file", "Tệp lớn hơn " + Limits.EVIDENCE_FILE_BYTES / (1024 * 1024) + " MB.",
                        "The file is larger than " + Limits.EVIDENCE_FILE_BYTES / (1024 * 1024) + " MB.", Map.of()));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > Limits.BODY_BYTES) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            // the client may still be sending: tell it the connection ends here rather than read what it sends
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), tooLarge());
            return;
        }
        chain.doFilter(new Limited(request), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private ServletInputStream stream;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream());
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        CountingStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > Limits.BODY_BYTES) {
                throw new BodyTooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
