package vn.thanhhoa.cds.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The security filters' refusals, as problem+json like every other refusal, logged and counted. */
@Component
public class SecurityProblems {
    private final ObjectMapper json;
    private final AuthorizationAudit audit;

    public SecurityProblems(ObjectMapper json, AuthorizationAudit audit) {
        this.json = json;
        this.audit = audit;
    }

    public AuthorizationAudit audit() {
        return audit;
    }

    public void unauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean tokenPresented = request.getHeader("Authorization") != null;
        write(request, response, 401, tokenPresented ? "INVALID_CREDENTIALS" : "UNAUTHENTICATED",
                tokenPresented ? "Thông tin xác thực không hợp lệ hoặc đã hết hạn." : "Cần đăng nhập (Bearer token).",
                tokenPresented ? "The credentials are invalid or expired." : "Authentication is required (Bearer token).");
    }

    public void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(request, response, 403, "FORBIDDEN", "Bạn không có quyền thực hiện thao tác này.", "You may not do this.");
    }

    public void write(HttpServletRequest request, HttpServletResponse response, int status, String code, String vi, String en)
            throws IOException {
        audit.denied(request, status, code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:cds:problem:" + code.toLowerCase().replace('_', '-'));
        body.put("title", en);
        body.put("status", status);
        body.put("detail", vi);
        body.put("instance", request.getRequestURI());
        body.put("code", code);
        body.put("detailEn", en);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), body);
    }
}
