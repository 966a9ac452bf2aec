package dev.pacer.agent.weaving;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an advice parameter to the id of the woven method's signature (name and parameter types, without the
 * class), inlined as an int constant. Implementations of one interface method share it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface SignatureId {
}
