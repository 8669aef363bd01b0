package vn.thanhhoa.cds.infra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttles password guessing (HTTP Basic on the API, the sign-in form on the pages): after {@code maxFailures} failed sign-ins of one account within the lockout window, the
 * account is refused (429) until the window has passed, whatever password is tried.
 */
public class LoginThrottle extends OncePerRequestFilter {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final SecurityProblems problems;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock, SecurityProblems problems) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = basicUsername(request);
        boolean form = username == null && "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
        if (form) {
            username = request.getParameter("username");
        }
        if (username == null) {
            chain.doFilter(request, response);
            return;
        }
        if (blocked(username)) {
            if (form) {
                problems.audit().denied(request, 429, "TOO_MANY_FAILED_LOGINS");
                response.sendRedirect("/login.html?locked");
                return;
            }
            problems.write(request, response, 429, "TOO_MANY_FAILED_LOGINS",
                    "Đăng nhập sai quá nhiều lần; hãy thử lại sau " + window.toMinutes() + " phút.",
                    "Too many failed sign-ins; try again in " + window.toMinutes() + " minutes.");
            return;
        }
        chain.doFilter(request, response);
        String location = response.getHeader("Location");
        boolean failed = response.getStatus() == 401 || (form && location != null && location.contains("error"));
        if (failed) {
            if (form) {
                problems.audit().denied(request, 401, "LOGIN_FAILED");
            }
            failures.computeIfAbsent(username, k -> new ArrayDeque<>()).addLast(clock.instant());
        } else if (response.getStatus() < 400 && (!form || location != null)) {
            failures.remove(username);
        }
    }

    private boolean blocked(String username) {
        Deque<Instant> recent = failures.get(username);
        if (recent == null) {
            return false;
        }
        synchronized (recent) {
            Instant horizon = clock.instant().minus(window);
            while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
                recent.pollFirst();
            }
            return recent.size() >= maxFailures;
        }
    }

    private static String basicUsername(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
