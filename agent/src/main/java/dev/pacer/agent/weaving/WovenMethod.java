package dev.pacer.agent.weaving;

/**
 * The weaving plan of one method: the ids that its woven code passes as constants, and the advice it gets.
 *
 * @param methodId    the registry id of the method, recorded by the timing advice
 * @param signatureId the id shared by every implementation of the method's signature, or -1 when the method is not
 *                    selected through {@code subtype-of} and needs no delegation guard
 * @param gateId      the rate-limit gate of the method's pointcut, or -1 when the pointcut has no rate limit
 * @param keyed       whether the gate picks its bucket from the method's arguments
 */
record WovenMethod(int methodId, int signatureId, int gateId, boolean keyed) {

    boolean outermost() {
        return signatureId >= 0;
    }

    boolean rateLimited() {
        return gateId >= 0;
    }
}
