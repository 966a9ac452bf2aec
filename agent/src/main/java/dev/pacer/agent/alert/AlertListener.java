package dev.pacer.agent.alert;

/** Receives every change of state of every alert, on the reporter thread. */
public interface AlertListener {

    /** Handles one change; an exception is caught, counted and logged once by the evaluator. */
    void onAlert(AlertEvent event) throws Exception;
}
