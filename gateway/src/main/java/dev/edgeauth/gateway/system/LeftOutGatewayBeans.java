package dev.edgeauth.gateway.system;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.cloud.gateway.config.PropertiesRouteDefinitionLocator;
import org.springframework.cloud.gateway.discovery.DiscoveryClientRouteDefinitionLocator;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;
import org.springframework.cloud.gateway.route.InMemoryRouteDefinitionRepository;

/**
 * The Spring Cloud Gateway beans the gateway leaves out, each for a reason:
 * <ul>
 * <li>the route stores beside the routes file: {@link PropertiesRouteDefinitionLocator}
 * ({@code spring.cloud.gateway.server.webflux.routes}), the discovery-client locator
 * ({@code ...discovery.locator.enabled}) and the in-memory store the actuator writes to
 * (routing's routes-file store takes its place). Routes come only from the routes file,
 * so no setting and no management request can add one;</li>
 * <li>the header filters whose work the gateway's own do in one pass: the two that only
 * strip {@code Forwarded} and {@code X-Forwarded-*} when no trusted proxy is configured
 * for them (never, here: the gateway resolves clients itself), and the hop-by-hop one.
 * identity's {@code IdentityHeadersFilter} strips all of these from requests in the pass
 * in which it copies the rest, its {@code BackendResponseHeadersFilter} the hop-by-hop
 * ones from responses; each SCG filter would copy every message's headers once more. (Its
 * {@code filter.remove-hop-by-hop.headers} setting has no effect here.)</li>
 * </ul>
 */
final class LeftOutGatewayBeans implements BeanDefinitionRegistryPostProcessor {

    private static final List<String> LEFT_OUT = List.of(PropertiesRouteDefinitionLocator.class.getName(),
            InMemoryRouteDefinitionRepository.class.getName(), DiscoveryClientRouteDefinitionLocator.class.getName(),
            RemoveForwardedHeadersFilter.class.getName(), RemoveXForwardedHeadersFilter.class.getName(),
            RemoveHopByHopHeadersFilter.class.getName());

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        for (String name : registry.getBeanDefinitionNames()) {
            String type = typeName(registry.getBeanDefinition(name));
            if (type != null && LEFT_OUT.contains(type)) {
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
