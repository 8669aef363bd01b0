package vn.thanhhoa.cds.infra.actor;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.thanhhoa.cds.infra.security.ActorResolver;

import java.util.List;

/** Lets a controller take the authenticated {@link Actor} as a parameter. */
@Configuration(proxyBeanMethods = false)
public class ActorWebConfiguration implements WebMvcConfigurer {
    private final ActorResolver actors;

    public ActorWebConfiguration(ActorResolver actors) {
        this.actors = actors;
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
