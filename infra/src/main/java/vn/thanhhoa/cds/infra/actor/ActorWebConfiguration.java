package vn.thanhhoa.cds.infra.actor;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.security.ActorResolver;

import java.util.List;

/**
 * Lets a controller take the authenticated {@link Actor} as a parameter, and refuses a {@link ProvinceOnly} endpoint
 * to anyone else before the request's body is read or checked.
 */
@Configuration(proxyBeanMethods = false)
public class ActorWebConfiguration implements WebMvcConfigurer {
    private final ActorResolver actors;

    public ActorWebConfiguration(ActorResolver actors) {
        this.actors = actors;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method && (method.hasMethodAnnotation(ProvinceOnly.class)
                        || method.getBeanType().isAnnotationPresent(ProvinceOnly.class))
                        && !actors.require().has(Actor.Role.PROVINCE)) {
                    throw new ProblemException(ProblemKind.FORBIDDEN, "PROVINCE_ONLY", "actor",
                            "Chỉ cấp tỉnh được thực hiện thao tác này.", "Only the province may do this.");
                }
                return true;
            }
        });
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return Actor.class.equals(parameter.getParameterType());
            }

            @Override
            public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                         WebDataBinderFactory binderFactory) {
                return actors.require();
            }
        });
    }
}
