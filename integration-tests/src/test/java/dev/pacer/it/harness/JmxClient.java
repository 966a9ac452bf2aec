package dev.pacer.it.harness;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** A JMX connection to a child JVM, opened through the local management agent that the Attach API starts. */
public final class JmxClient implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    private JmxClient(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
    }

    static JmxClient attach(long pid) throws IOException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to process " + pid, e);
        }
        try {
            String address = vm.startLocalManagementAgent();
            return new JmxClient(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } finally {
            vm.detach();
        }
    }

    public MBeanServerConnection connection() {
        return connection;
    }

    public Object attribute(ObjectName name, String attribute) throws Exception {
        return connection.getAttribute(name, attribute);
    }

    public boolean isRegistered(ObjectName name) throws IOException {
        return connection.isRegistered(name);
    }

    public Set<ObjectName> names(String pattern) throws Exception {
        return connection.queryNames(new ObjectName(pattern), null);
    }

    public Object invoke(ObjectName name, String operation) throws Exception {
        return connection.invoke(name, operation, new Object[0], new String[0]);
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
