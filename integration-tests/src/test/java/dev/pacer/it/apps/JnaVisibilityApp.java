package dev.pacer.it.apps;

/** Prints whether the application can load JNA's {@code com.sun.jna.Native}, then waits for {@code exit}. */
public final class JnaVisibilityApp {

    private JnaVisibilityApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean visible;
        try {
            Class.forName("com.sun.jna.Native", false, JnaVisibilityApp.class.getClassLoader());
            visible = true;
        } catch (ClassNotFoundException e) {
            visible = false;
        }
        System.out.println("jna-visible=" + visible);
        AppSupport.doneAndAwaitExit();
    }
}
