/**
 * The classes that woven code calls directly. The agent appends this package's jar to the bootstrap class path at
 * start-up, so code woven into any class, in any class loader and in JDK modules, links against one copy.
 *
 * <p>Rules for this package:
 * <ul>
 *   <li>No dependencies beyond {@code java.base}, so it loads before anything else and cannot clash.</li>
 *   <li>No logging. Failures are counted in {@link dev.pacer.bootstrap.AgentErrors} and reported by the agent.</li>
 *   <li>No state beyond what the hot path needs: the recorder table, the agent-code guard and the counters.</li>
 *   <li>Nothing here may call code that a pointcut could weave, except on paths guarded by
 *       {@link dev.pacer.bootstrap.AgentScope}, so that the agent never measures itself or recurses.</li>
 * </ul>
 */
package dev.pacer.bootstrap;
