package dev.pacer.it.apps;

import java.lang.management.ManagementFactory;
import java.util.logging.LogManager;
import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * Installs its own LogManager and MBeanServer builder in main, as application servers do, which works only if
 * nothing touched java.util.logging or JMX before main. Prints which implementations the JVM ended up with.
 */
public final class StartupHooksApp {

    private StartupHooksApp() {
    }

    /** The application's LogManager. */
    public static final class AppLogManager extends LogManager {
    }

    /** The application's MBeanServer builder; it marks the servers it builds. */
    public static final class AppMBeanServerBuilder extends MBeanServerBuilder {
        static volatile boolean used;

        @Override
        public MBeanServer newMBeanServer(String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
            used = true;
            return super.newMBeanServer(defaultDomain, outer, delegate);
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", AppLogManager.class.getName());
        System.setProperty("javax.management.builder.initial", AppMBeanServerBuilder.class.getName());

        System.out.println("logmanager=" + LogManager.getLogManager().getClass().getName());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        System.out.println("mbeanserver-builder-used=" + AppMBeanServerBuilder.used + " server=" + server);
        AppSupport.doneAndAwaitExit();
    }
}
