package com.coaching.exports.shared.secret;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * A check of the settings that runs before any bean is made (a bean factory post-processor), so an
 * unsafe setting stops the application before it connects to the database or the broker. A check
 * throws {@link UnsafeSettingException}, which {@link UnsafeSettingFailureAnalyzer} reports.
 */
public abstract class SettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    @SuppressWarnings("NullAway.Init") // set by Spring (EnvironmentAware) before the bean factory is post-processed
    private Environment environment;

    @Override
    public final void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public final void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    protected abstract void check(Environment environment);
}
