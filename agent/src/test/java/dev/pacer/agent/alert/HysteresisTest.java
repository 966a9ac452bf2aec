package dev.pacer.agent.alert;

import static dev.pacer.agent.alert.Hysteresis.Transition.CLEARED;
import static dev.pacer.agent.alert.Hysteresis.Transition.NONE;
import static dev.pacer.agent.alert.Hysteresis.Transition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Raises after the given number of breaching intervals in a row and clears after as many clear ones. */
class HysteresisTest {

    private static List<Hysteresis.Transition> run(int forIntervals, boolean... breaches) {
        Hysteresis hysteresis = new Hysteresis(forIntervals);
        List<Hysteresis.Transition> transitions = new ArrayList<>();
        for (boolean breached : breaches) {
            transitions.add(hysteresis.update(breached));
        }
        return transitions;
    }

    @Test
    void raisesOnThirdBreachInARow() {
        assertThat(run(3, true, true, true)).containsExactly(NONE, NONE, RAISED);
    }

    @Test
    void clearIntervalResetsTheRun() {
        assertThat(run(3, true, true, false, true, true, true)).containsExactly(NONE, NONE, NONE, NONE, NONE, RAISED);
    }

    @Test
    void clearsAfterAsManyClearIntervals() {
        assertThat(run(2, true, true, false, false)).containsExactly(NONE, RAISED, NONE, CLEARED);
    }

    @Test
    void breachWhileClearingKeepsItRaised() {
        assertThat(run(2, true, true, false, true, false, false))
                .containsExactly(NONE, RAISED, NONE, NONE, NONE, CLEARED);
    }

    @Test
    void forOneFollowsEveryInterval() {
        assertThat(run(1, true, true, false, true)).containsExactly(RAISED, NONE, CLEARED, RAISED);
    }

    @Test
    void clearIntervalsWhileClearChangeNothing() {
        assertThat(run(2, false, false, false)).containsExactly(NONE, NONE, NONE);
    }
}
