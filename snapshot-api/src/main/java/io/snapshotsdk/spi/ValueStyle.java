package io.snapshotsdk.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of snapshot-sdk's value types: the hand-written abstract type is the
 * public one and declares {@code builder()}, the generated implementation stays package-private,
 * and attributes marked {@code @Value.Redacted} print as {@code ****}. Provider modules put it on
 * their settings and options types.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
        visibility = Value.Style.ImplementationVisibility.PACKAGE,
        overshadowImplementation = true,
        redactedMask = "****",
        jdkOnly = true,
        allowedClasspathAnnotations = {Override.class},
        defaults = @Value.Immutable(copy = false))
public @interface ValueStyle {}
