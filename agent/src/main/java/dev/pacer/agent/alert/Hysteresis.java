package dev.pacer.agent.alert;

/**
 * The state of one alert: raised after {@code forIntervals} breaching intervals in a row, cleared after as many
 * clear intervals in a row. A single interval of the other kind resets the run. Not thread-safe; the reporter
 * thread owns it.
 */
final class Hysteresis {

    /** The change of state caused by one interval. */
    enum Transition { NONE, RAISED, CLEARED }

    private final int forIntervals;
    private boolean active;
    private int run;

    Hysteresis(int forIntervals) {
        this.forIntervals = forIntervals;
    }

    /** Records one interval and returns the change of state it caused. */
    Transition update(boolean breached) {
        boolean towardsChange = breached != active;
        run = towardsChange ? run + 1 : 0;
        if (run < forIntervals) {
            return Transition.NONE;
        }
        run = 0;
        active = breached;
        return active ? Transition.RAISED : Transition.CLEARED;
    }

    boolean active() {
        return active;
    }
}
