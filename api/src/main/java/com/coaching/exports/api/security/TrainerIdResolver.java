package com.coaching.exports.api.security;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link TrainerId} parameters from the authenticated token's subject. */
class TrainerIdResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(TrainerId.class);
    }

    @Override
    public TrainerId resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            @Nullable WebDataBinderFactory binderFactory) {
        // TokenClaims admits only numeric subjects, so this parses
        return new TrainerId(Long.parseLong(Objects.requireNonNull(
                        SecurityContextHolder.getContext().getAuthentication(), "a trainer's request is authenticated")
                .getName()));
    }
}
