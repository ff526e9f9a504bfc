package dev.edgeauth.gateway.identity;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;

/**
 * Leaves out Spring Cloud Gateway's two header filters that only strip {@code Forwarded}
 * and {@code X-Forwarded-*} when no trusted proxy is configured for it (never, here: the
 * gateway resolves clients itself). {@link IdentityHeadersFilter} runs after every header
 * filter and strips the same headers in the same pass in which it copies the rest, so the
 * two would only copy every request's headers twice more.
 */
final class DuplicateHeaderFiltersRemoval implements BeanDefinitionRegistryPostProcessor {

    private static final List<String> DUPLICATES = List.of(RemoveForwardedHeadersFilter.class.getName(),
            RemoveXForwardedHeadersFilter.class.getName());

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        for (String name : registry.getBeanDefinitionNames()) {
            String type = typeName(registry.getBeanDefinition(name));
            if (type != null && DUPLICATES.contains(type)) {
                registry.removeBeanDefinition(name);
            }
        }
    }

    // Auto-configured beans are @Bean methods: their type is the method's return type.
    private static @Nullable String typeName(BeanDefinition definition) {
        if (definition instanceof AnnotatedBeanDefinition annotated && annotated.getFactoryMethodMetadata() != null) {
            return annotated.getFactoryMethodMetadata().getReturnTypeName();
        }
        return definition.getBeanClassName();
    }

}
