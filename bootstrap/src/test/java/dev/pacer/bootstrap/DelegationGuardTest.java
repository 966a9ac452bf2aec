package dev.pacer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DelegationGuardTest {

    private static final int SEND = 3;
    private static final int CLOSE = 4;
    private static final int FACADE = 10;
    private static final int IMPLEMENTATION = 11;

    @Test
    void delegatedCallIsNested() {
        long outer = DelegationGuard.enter(SEND, FACADE);
        long inner = DelegationGuard.enter(SEND, IMPLEMENTATION);
        DelegationGuard.exit(SEND);
        DelegationGuard.exit(SEND);

        assertThat(outer).isNotEqualTo(DelegationGuard.NESTED);
        assertThat(inner).isEqualTo(DelegationGuard.NESTED);
    }

    @Test
    void recursionIsNotNested() {
        long outer = DelegationGuard.enter(SEND, FACADE);
        long recursive = DelegationGuard.enter(SEND, FACADE);
        DelegationGuard.exit(SEND);
        DelegationGuard.exit(SEND);

        assertThat(outer).isNotEqualTo(DelegationGuard.NESTED);
        assertThat(recursive).isNotEqualTo(DelegationGuard.NESTED);
    }

    @Test
    void otherSignatureIsNotNested() {
        DelegationGuard.enter(SEND, FACADE);
        long close = DelegationGuard.enter(CLOSE, IMPLEMENTATION);
        DelegationGuard.exit(CLOSE);
        DelegationGuard.exit(SEND);

        assertThat(close).isNotEqualTo(DelegationGuard.NESTED);
    }

    @Test
    void callAfterExitIsOutermost() {
        DelegationGuard.enter(SEND, FACADE);
        DelegationGuard.exit(SEND);
        long next = DelegationGuard.enter(SEND, IMPLEMENTATION);
        DelegationGuard.exit(SEND);

        assertThat(next).isNotEqualTo(DelegationGuard.NESTED);
    }

    @Test
    void unpairedExitKeepsDepthAtZero() {
        DelegationGuard.exit(SEND);
        DelegationGuard.exit(200);
        long next = DelegationGuard.enter(SEND, IMPLEMENTATION);
        long delegated = DelegationGuard.enter(SEND, FACADE);
        DelegationGuard.exit(SEND);
        DelegationGuard.exit(SEND);

        assertThat(next).isNotEqualTo(DelegationGuard.NESTED);
        assertThat(delegated).isEqualTo(DelegationGuard.NESTED);
    }

    @Test
    void largeSignatureIdGrowsState() {
        long outer = DelegationGuard.enter(5_000, FACADE);
        long inner = DelegationGuard.enter(5_000, IMPLEMENTATION);
        DelegationGuard.exit(5_000);
        DelegationGuard.exit(5_000);

        assertThat(outer).isNotEqualTo(DelegationGuard.NESTED);
        assertThat(inner).isEqualTo(DelegationGuard.NESTED);
    }

    @Test
    void threadsDoNotShareState() throws InterruptedException {
        DelegationGuard.enter(SEND, FACADE);
        long[] onOtherThread = new long[1];
        Thread other = new Thread(() -> {
            onOtherThread[0] = DelegationGuard.enter(SEND, IMPLEMENTATION);
            DelegationGuard.exit(SEND);
        });
        other.start();
        other.join(10_000);
        DelegationGuard.exit(SEND);

        assertThat(onOtherThread[0]).isNotEqualTo(DelegationGuard.NESTED);
    }
}
