package io.herald.push;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects the client events of one action: {@code void onChat(@Observes @ClientAction("chat") ClientEvent e)}.
 * An observer of {@link ClientEvent} without it hears every action.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface ClientAction {
    /** The event name the client emitted. */
    String value();

    /** The qualifier as a value, for firing. */
    final class Literal extends AnnotationLiteral<ClientAction> implements ClientAction {
        private static final long serialVersionUID = 1L;
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /** The qualifier for one action. */
        public static Literal of(String value) {
            return new Literal(value);
        }

        /** The action it selects. */
        @Override
        public String value() {
            return value;
        }
    }
}
