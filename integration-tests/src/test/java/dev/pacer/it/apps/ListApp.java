package dev.pacer.it.apps;

import java.util.ArrayList;
import java.util.List;

/** Adds to an ArrayList under a pointcut on ArrayList#add, which the agent itself also calls. Argument: adds. */
public final class ListApp {

    private ListApp() {
    }

    public static void main(String[] args) throws Exception {
        int adds = Integer.parseInt(args[0]);
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < adds; i++) {
            list.add(i);
        }
        System.out.println("size=" + list.size());
        AppSupport.doneAndAwaitExit();
    }
}
