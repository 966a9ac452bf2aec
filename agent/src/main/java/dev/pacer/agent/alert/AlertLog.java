package dev.pacer.agent.alert;

import dev.pacer.agent.Log;

/** Logs a raised alert as one WARN line and a cleared alert as one INFO line. */
public final class AlertLog implements AlertListener {

    @Override
    public void onAlert(AlertEvent event) {
        if (event.raised()) {
            Log.warn("Alert " + event.describe());
        } else {
            Log.info("Alert " + event.describe());
        }
    }
}
