package dev.pacer.agent.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pacer.agent.config.AgentConfig;
import dev.pacer.agent.config.ConfigLoader;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.agent.metrics.MethodInfo;
import dev.pacer.agent.metrics.MethodRegistry;
import dev.pacer.agent.metrics.SharedMethodRegistry;
import dev.pacer.fixture.weaving.Base;
import dev.pacer.fixture.weaving.BytecodeShapes;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Weaves the timing advice into {@link BytecodeShapes} and {@link Base}, loads the woven copies, which the JVM
 * verifies, and checks that each method behaves as the original and is recorded once per call, with the
 * exception of calls that an exception ends.
 */
class AdviceWeavingTest {

    private static final String SHAPES = BytecodeShapes.class.getName();
    private static final String CONFIG = """
            pointcuts:
              - name: shapes
                class: [dev.pacer.fixture.weaving.BytecodeShapes, dev.pacer.fixture.weaving.Base]
                method: "*|<init>"
            """;

    private static MethodRegistry registry;
    private static Class<?> woven;
    private static Object shapes;
    private static final BytecodeShapes ORIGINAL = new BytecodeShapes(7L);

    @BeforeAll
    static void weave() throws Exception {
        AgentConfig config = ConfigLoader.parse(CONFIG, "agent.yaml");
        registry = SharedMethodRegistry.registry();
        Weaver weaver = new Weaver(new PointcutSet(config.pointcuts()), registry);
        woven = WovenClassLoader.weave(weaver, BytecodeShapes.class, Base.class).loadClass(SHAPES);
        shapes = woven.getConstructor(long.class).newInstance(7L);
    }

    @Test
    void wovenClassIsTheWovenCopy() {
        assertThat(woven).isNotSameAs(BytecodeShapes.class);
        assertThat(woven.getSuperclass().getClassLoader()).isSameAs(woven.getClassLoader());
    }

    @Test
    void loopToFirstInstruction() throws Exception {
        assertSameResultAndRecorded("countDown(int)", "countDown", new Class<?>[] {int.class}, 5);
    }

    @Test
    void ownHandlerSeesItsExceptionFirst() throws Exception {
        long errorsBefore = errors("caughtInside(java.lang.String)");

        assertSameResultAndRecorded("caughtInside(java.lang.String)", "caughtInside",
                new Class<?>[] {String.class}, "");

        assertThat(errors("caughtInside(java.lang.String)")).as("the method's own handler caught it")
                .isEqualTo(errorsBefore);
    }

    @Test
    void returnsFromTryAndFinally() throws Exception {
        Class<?>[] types = {boolean.class, double.class, long.class};
        String key = "finallyReturns(boolean,double,long)";
        assertSameResultAndRecorded(key, "finallyReturns", types, true, 2.5, 10L);
        assertSameResultAndRecorded(key, "finallyReturns", types, false, 2.5, 10L);
        assertSameResultAndRecorded(key, "finallyReturns", types, false, -1.0, 10L);
    }

    @Test
    void thrownExceptionRecordedAndRethrown() throws Exception {
        String key = "rethrows(int)";
        drain(key);
        long errorsBefore = errors(key);

        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> woven.getMethod("rethrows", int.class).invoke(shapes, 3));

        assertThat(thrown.getCause()).isInstanceOf(UncheckedIOException.class).hasMessageContaining("code 3");
        assertThat(drain(key)).isEqualTo(1);
        assertThat(errors(key) - errorsBefore).isEqualTo(1);
        assertThat(registry.methods().stream().filter(m -> m.key().equals(SHAPES + "#" + key)).findFirst()
                .orElseThrow().errorsByType()).containsKey(UncheckedIOException.class.getName());
    }

    @Test
    void monitorsAndSwitches() throws Exception {
        assertSameResultAndRecorded("synchronizedMethod(double)", "synchronizedMethod",
                new Class<?>[] {double.class}, 1.5);
        assertSameResultAndRecorded("monitorBlock(java.lang.Object,int)", "monitorBlock",
                new Class<?>[] {Object.class, int.class}, new Object(), 4);
        for (int value : new int[] {0, 1, 2, 3, 500}) {
            assertSameResultAndRecorded("tableSwitch(int)", "tableSwitch", new Class<?>[] {int.class}, value);
        }
        for (String value : new String[] {"alpha", "omega", "other"}) {
            assertSameResultAndRecorded("lookupSwitch(java.lang.String)", "lookupSwitch",
                    new Class<?>[] {String.class}, value);
        }
    }

    @Test
    void monitorIsReleasedWhenTheCallThrows() throws Exception {
        Object lock = new Object();
        assertThrows(InvocationTargetException.class,
                () -> woven.getMethod("monitorBlock", Object.class, int.class).invoke(shapes, lock, -1));

        Thread other = new Thread(() -> {
            synchronized (lock) {
                lock.notifyAll();
            }
        });
        other.start();
        other.join(5_000);
        assertThat(other.isAlive()).as("another thread could take the monitor").isFalse();
    }

    @Test
    void voidPrimitiveAndVarargsShapes() throws Exception {
        List<String> sink = new ArrayList<>();
        drain("voidWithEarlyReturn(java.util.List,boolean)");
        woven.getMethod("voidWithEarlyReturn", List.class, boolean.class).invoke(shapes, sink, true);
        woven.getMethod("voidWithEarlyReturn", List.class, boolean.class).invoke(shapes, sink, false);
        assertThat(sink).containsExactly("late");
        assertThat(drain("voidWithEarlyReturn(java.util.List,boolean)")).isEqualTo(2);

        assertSameResultAndRecorded("charResult(byte,short,char,float,boolean)", "charResult",
                new Class<?>[] {byte.class, short.class, char.class, float.class, boolean.class},
                (byte) 1, (short) 2, 'x', 3.5f, false);
        assertSameResultAndRecorded("lambdaInside(int)", "lambdaInside", new Class<?>[] {int.class}, 21);

        drain("varargs(java.lang.String[])");
        Object result = woven.getMethod("varargs", String[].class).invoke(null, (Object) new String[] {"a", "b"});
        assertThat((Object[]) result).containsExactly("a", "b");
        assertThat(drain("varargs(java.lang.String[])")).isEqualTo(1);
    }

    @Test
    void superCallIsRecordedOnBothLevels() throws Exception {
        drain(Base.class.getName(), "label()");
        assertSameResultAndRecorded("label()", "label", new Class<?>[0]);
        assertThat(drain(Base.class.getName(), "label()")).isEqualTo(1);
    }

    @Test
    void constructorsThatDelegateAndComputeSuperArguments() throws Exception {
        drain("<init>()");
        drain("<init>(long)");
        drain(Base.class.getName(), "<init>(java.lang.String,int)");

        Object created = woven.getConstructor().newInstance();

        assertThat(woven.getMethod("label").invoke(created)).isEqualTo("positive7");
        assertThat(drain("<init>()")).isEqualTo(1);
        assertThat(drain("<init>(long)")).isEqualTo(1);
        assertThat(drain(Base.class.getName(), "<init>(java.lang.String,int)")).isEqualTo(1);
    }

    @Test
    void constructorThatThrowsIsNotRecorded() throws Exception {
        drain("<init>(long)");

        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> woven.getConstructor(long.class).newInstance(-5L));

        assertThat(thrown.getCause()).isInstanceOf(IllegalArgumentException.class);
        assertThat(drain("<init>(long)")).isZero();
    }

    @Test
    void syntheticLambdaBodyIsNotWoven() {
        assertThat(registry.methods()).extracting(MethodInfo::key)
                .noneMatch(key -> key.startsWith(SHAPES + "#lambda$"));
    }

    private static void assertSameResultAndRecorded(String key, String name, Class<?>[] types, Object... args)
            throws Exception {
        drain(key);
        Method original = BytecodeShapes.class.getMethod(name, types);
        Object expected = original.invoke(ORIGINAL, args);

        Object actual = woven.getMethod(name, types).invoke(shapes, args);

        assertThat(actual).as(key).isEqualTo(expected);
        assertThat(drain(key)).as("recorded calls of " + key).isEqualTo(1);
    }

    private static long drain(String signature) {
        return drain(SHAPES, signature);
    }

    /** Drains the recorder of a woven method and returns the calls recorded since it was last drained. */
    private static long drain(String type, String signature) {
        String key = type + "#" + signature;
        AtomicLong count = new AtomicLong();
        boolean found = false;
        for (MethodInfo method : registry.methods()) {
            if (method.key().equals(key)) {
                found = true;
                method.recorder().drainTo((lowestValueNanos, calls) -> count.addAndGet(calls));
            }
        }
        assertThat(found).as("woven method " + key).isTrue();
        return count.get();
    }

    private static long errors(String signature) {
        String key = SHAPES + "#" + signature;
        return registry.methods().stream().filter(method -> method.key().equals(key))
                .mapToLong(MethodInfo::errorsTotal).sum();
    }
}
