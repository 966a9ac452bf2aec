package dev.pacer.agent.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.PointcutConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/**
 * Compares matching on class files with matching on ByteBuddy descriptions of the same classes, for every fixture
 * of {@link PointcutMatchingTest} and every pointcut shape that it uses. Goes away with the ByteBuddy methods of
 * {@link Pointcut} and {@link PointcutSet}.
 */
class ClassFileMatchingEquivalenceTest {

    @Test
    void fixturesMatchAsWithByteBuddy() {
        int comparedMethods = 0;
        for (PointcutConfig config : PointcutMatchingTest.pointcutShapes()) {
            for (Class<?> fixture : PointcutMatchingTest.fixtureClasses()) {
                comparedMethods += compare(config, fixture);
            }
        }

        assertThat(comparedMethods).isGreaterThan(50);
    }

    @Test
    void jdkTypesMatchAsWithByteBuddy() throws ClassNotFoundException {
        List<PointcutConfig> configs = List.of(
                PointcutMatchingTest.subtypeOf("java.nio.channels.FileChannel", "*"),
                PointcutMatchingTest.subtypeOf("java.nio.channels.ReadableByteChannel", "read"),
                PointcutMatchingTest.subtypeOf("java.util.List", "*"),
                PointcutMatchingTest.subtypeOf("java.util.Collection", "add*|remove*"),
                PointcutMatchingTest.classes("java.util.ArrayList"),
                PointcutMatchingTest.classes("sun.nio.ch.FileChannelImpl"));
        List<Class<?>> types = List.of(Class.forName("sun.nio.ch.FileChannelImpl"), java.util.ArrayList.class,
                java.util.LinkedList.class, java.util.HashMap.class, Class.forName("java.beans.PropertyChangeSupport"));
        int comparedMethods = 0;
        for (PointcutConfig config : configs) {
            for (Class<?> type : types) {
                comparedMethods += compare(config, type);
            }
        }

        assertThat(comparedMethods).isGreaterThan(20);
    }

    @Test
    void methodKeysMatchByteBuddyKeys() {
        for (Class<?> fixture : PointcutMatchingTest.fixtureClasses()) {
            TreeSet<String> expected = new TreeSet<>();
            for (MethodDescription method : TypeDescription.ForLoadedType.of(fixture).getDeclaredMethods()) {
                expected.add(byteBuddyKey(method));
            }
            TreeSet<String> actual = new TreeSet<>();
            for (ClassFileMethod method : PointcutMatchingTest.type(fixture).methods()) {
                if (!method.isTypeInitializer()) {
                    actual.add(method.key());
                }
            }

            assertThat(actual).as(fixture.getName()).isEqualTo(expected);
        }
    }

    /** Asserts equal results for one pointcut on one type and returns the number of methods that either selects. */
    private static int compare(PointcutConfig config, Class<?> type) {
        String description = config + " on " + type.getName();
        TypeDescription byteBuddyType = TypeDescription.ForLoadedType.of(type);
        ClassFileType classFileType = PointcutMatchingTest.type(type);
        Pointcut byteBuddyPointcut = new Pointcut(config);
        Pointcut classFilePointcut = new Pointcut(config);

        boolean byteBuddyMatches = byteBuddyPointcut.matchesType(byteBuddyType);
        assertThat(classFilePointcut.matchesType(classFileType, PointcutMatchingTest.LOCATOR)).as(description)
                .isEqualTo(byteBuddyMatches);
        if (!byteBuddyMatches) {
            return 0;
        }

        List<String> expected = new ArrayList<>();
        for (MethodDescription method : byteBuddyType.getDeclaredMethods()) {
            if (byteBuddyPointcut.matchesMethod(byteBuddyType, method)) {
                expected.add(byteBuddyKey(method));
            }
        }
        List<String> actual = PointcutMatchingTest.selectedSignatures(classFilePointcut, classFileType,
                PointcutMatchingTest.LOCATOR);
        assertThat(actual).as(description).containsExactlyInAnyOrderElementsOf(expected);
        return actual.size();
    }

    /** Builds the method key as the ByteBuddy weaver's MethodIdBinding does. */
    private static String byteBuddyKey(MethodDescription method) {
        List<String> parameterTypes = new ArrayList<>();
        for (ParameterDescription parameter : method.getParameters()) {
            parameterTypes.add(parameter.getType().asErasure().getActualName());
        }
        String name = method.isConstructor() ? "<init>" : method.getName();
        return name + '(' + String.join(",", parameterTypes) + ')';
    }
}
