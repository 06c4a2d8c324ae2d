package dev.sluice.spring.autoconfigure;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.util.ClassUtils;

/**
 * The {@code sluice} health contributor on Spring Boot 3, the same report as
 * {@link SluiceHealthIndicator} gives on Spring Boot 4.
 *
 * <p>Spring Boot 4 moved the health API from {@code org.springframework.boot.actuate.health} to
 * {@code org.springframework.boot.health.contributor}; this jar is compiled against Boot 4, where
 * the old package no longer exists. So this factory bean makes a
 * {@link java.lang.reflect.Proxy} of Boot 3's {@code HealthIndicator} interface, loaded by name,
 * whose {@code health()} builds Boot 3's {@code Health} through its public static
 * {@code status(String)} builder: three reflective calls of stable, public Boot 3 API. Its
 * {@link #getObjectType()} is that interface, so Boot 3's health endpoint finds the bean by type.
 * Used only when that interface is present and Boot 4's is not.
 */
public class Boot3HealthIndicator implements FactoryBean<Object> {
    /** Spring Boot 3's health indicator interface. */
    static final String HEALTH_INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";
    private static final String HEALTH = "org.springframework.boot.actuate.health.Health";

    private final ChannelHealth channelHealth;
    private final Class<?> indicatorType;
    private final Method status;
    private final Method withDetails;
    private final Method build;

    /** Reports what {@code channelHealth} checks, through Spring Boot 3's health API. */
    public Boot3HealthIndicator(ChannelHealth channelHealth) {
        this.channelHealth = Objects.requireNonNull(channelHealth, "channelHealth");
        ClassLoader loader = Boot3HealthIndicator.class.getClassLoader();
        try {
            this.indicatorType = ClassUtils.forName(HEALTH_INDICATOR, loader);
            Class<?> health = ClassUtils.forName(HEALTH, loader);
            this.status = health.getMethod("status", String.class);
            Class<?> builder = status.getReturnType();
            this.withDetails = builder.getMethod("withDetails", Map.class);
            this.build = builder.getMethod("build");
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("Spring Boot 3's health API (" + HEALTH + ") is not as expected", e);
        }
    }

    @Override
    public Object getObject() {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "health" -> health();
            case "toString" -> "SluiceHealthIndicator(Spring Boot 3)";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> InvocationHandler.invokeDefault(proxy, method, args);
        };
        return Proxy.newProxyInstance(indicatorType.getClassLoader(), new Class<?>[] {indicatorType}, handler);
    }

    @Override
    public Class<?> getObjectType() {
        return indicatorType;
    }

    /** Boot 3's {@code Health}: UP or DOWN, with the channels' details. */
    private Object health() throws ReflectiveOperationException {
        ChannelHealth.Report report = channelHealth.check();
        Object builder = status.invoke(null, report.healthy() ? "UP" : "DOWN");
        return build.invoke(withDetails.invoke(builder, report.details()));
    }
}
