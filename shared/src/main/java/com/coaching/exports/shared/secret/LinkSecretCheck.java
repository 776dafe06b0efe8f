package com.coaching.exports.shared.secret;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Api and worker both sign or check emailed links: neither starts without a safe
 * {@code EXPORTS_LINKS_SECRET}. A bean factory post-processor, so it runs before any bean connects
 * to the database or the broker.
 */
@Component
public class LinkSecretCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        SecretSettings.require(environment, "exports.links.secret", "EXPORTS_LINKS_SECRET");
    }
}
