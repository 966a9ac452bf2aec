package dev.pacer.agent.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.PointcutConfig;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Proxy;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/** Matches pointcuts against ByteBuddy descriptions of the fixture classes declared below. */
class PointcutMatchingTest {

    private static final String FIXTURES = PointcutMatchingTest.class.getName() + "$";

    // Fixtures, each named for the matching rule it exercises.

    @Retention(RetentionPolicy.RUNTIME)
    @interface Timed {
    }

    interface Repository {
        String find(String id);
    }

    abstract static class BaseRepository implements Repository {
        abstract void flush();

        public String describe() {
            return "base";
        }
    }

    static class JdbcRepository extends BaseRepository {
        JdbcRepository() {
        }

        @Override
        public String find(String id) {
            return id;
        }

        @Override
        void flush() {
        }

        void helper() {
        }

        static void utility() {
        }
    }

    interface Handler<T> {
        void handle(T value);
    }

    static class StringHandler implements Handler<String> {
        @Override
        public void handle(String value) {
        }

        native void nativeCall();

        Supplier<String> supplier() {
            return () -> "lambda body";
        }
    }

    static class IntegerHandler implements Handler<Integer> {
        @Override
        public void handle(Integer value) {
        }
    }

    interface Statement {
        void execute(String sql);
    }

    interface PreparedStatement extends Statement {
        void execute();
    }

    /** Lists both interfaces, so that the class reaches Statement directly as well as through PreparedStatement. */
    static class DriverStatement implements PreparedStatement, Statement {
        @Override
        public void execute(String sql) {
        }

        @Override
        public void execute() {
        }
    }

    static class AnnotatedMethods {
        @Timed
        void timed() {
        }

        void plain() {
        }
    }

    @Timed
    static class AnnotatedClass {
        void first() {
        }

        void second() {
        }
    }

    static class SubOfAnnotated extends AnnotatedClass {
        void third() {
        }
    }

    static class Overloads {
        void find(String name) {
        }

        void find(String name, int limit) {
        }

        void find(int id) {
        }

        void find() {
        }

        void find(long[] ids, Map.Entry<String, String> entry) {
        }
    }

    static class Bean {
        private int size;
        private boolean empty;

        int getSize() {
            return size;
        }

        boolean isEmpty() {
            return empty;
        }

        void setSize(int size) {
            this.size = size;
        }

        void process() {
        }

        String get() {
            return "";
        }

        Object getaway() {
            return this;
        }

        int isReady() {
            return 0;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bean bean && bean.size == size;
        }

        @Override
        public int hashCode() {
            return Objects.hash(size);
        }

        @Override
        public String toString() {
            return "Bean";
        }
    }

    static class Excluded {
        void run() {
        }
    }

    // Class globs

    @Test
    void classGlobSelectsFixtures() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "*"));

        assertThat(pointcut.matchesType(type(Excluded.class))).isTrue();
        assertThat(selected(pointcut, Excluded.class)).containsExactly("run");
    }

    @Test
    void classGlobRejectsOtherPackages() {
        Pointcut pointcut = new Pointcut(classes("com.example.**"));

        assertThat(pointcut.matchesType(type(Excluded.class))).isFalse();
    }

    @Test
    void exactClassSelectsOnlyIt() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "Excluded"));

        assertThat(pointcut.matchesType(type(Excluded.class))).isTrue();
        assertThat(pointcut.matchesType(type(Bean.class))).isFalse();
    }

    // subtype-of

    @Test
    void subtypeOfSelectsImplementations() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "Repository", "*"));

        assertThat(pointcut.matchesType(type(JdbcRepository.class))).isTrue();
        assertThat(pointcut.matchesType(type(Bean.class))).isFalse();
    }

    @Test
    void subtypeOfSelectsDeclaredMethodsOnly() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "Repository", "*"));

        assertThat(selected(pointcut, JdbcRepository.class)).containsExactly("find");
    }

    @Test
    void subtypeOfIncludesSupertypeMethods() {
        // BaseRepository declares flush and inherits find from Repository.
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "BaseRepository", "*"));

        assertThat(selected(pointcut, JdbcRepository.class)).containsExactlyInAnyOrder("find", "flush");
    }

    @Test
    void subtypeOfSkipsAbstractMethods() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "BaseRepository", "*"));

        assertThat(selected(pointcut, BaseRepository.class)).containsExactly("describe");
    }

    @Test
    void subtypeOfSelectsConstructorsByInit() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "Repository", "<init>"));

        assertThat(selected(pointcut, JdbcRepository.class)).containsExactly("<init>");
    }

    @Test
    void wildcardNeverSelectsConstructors() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "JdbcRepository"));

        assertThat(selected(pointcut, JdbcRepository.class)).doesNotContain("<init>");
    }

    @Test
    void classGlobSelectsStaticAndHelpers() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "JdbcRepository"));

        assertThat(selected(pointcut, JdbcRepository.class))
                .containsExactlyInAnyOrder("find", "flush", "helper", "utility");
    }

    // Methods that are never woven

    @Test
    void bridgeMethodIsNeverSelected() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "StringHandler"));
        MethodDescription bridge = declaredMethods(StringHandler.class).stream()
                .filter(MethodDescription::isBridge)
                .findFirst()
                .orElseThrow();

        assertThat(pointcut.matchesMethod(type(StringHandler.class), bridge)).isFalse();
    }

    @Test
    void syntheticMethodIsNeverSelected() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "StringHandler", "lambda*"));
        List<MethodDescription> lambdaBodies = declaredMethods(StringHandler.class).stream()
                .filter(method -> method.getName().startsWith("lambda$"))
                .toList();

        assertThat(lambdaBodies).isNotEmpty();
        for (MethodDescription lambdaBody : lambdaBodies) {
            assertThat(pointcut.matchesMethod(type(StringHandler.class), lambdaBody)).as(lambdaBody.getName())
                    .isFalse();
        }
    }

    @Test
    void nativeMethodIsNeverSelected() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "StringHandler"));

        assertThat(selected(pointcut, StringHandler.class)).containsExactlyInAnyOrder("handle", "supplier");
    }

    @Test
    void subtypeOfSkipsBridgeMethods() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "Handler", "*"));

        assertThat(selectedSignatures(pointcut, StringHandler.class)).containsExactly("handle(java.lang.String)");
    }

    @Test
    void subtypeOfGenericSelectsEachBinding() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "Handler", "*"));

        List<String> stringHandler = selectedSignatures(pointcut, StringHandler.class);
        List<String> integerHandler = selectedSignatures(pointcut, IntegerHandler.class);

        assertThat(stringHandler).containsExactly("handle(java.lang.String)");
        assertThat(integerHandler).containsExactly("handle(java.lang.Integer)");
    }

    @Test
    void subtypeOfSeveralTypesUnitesMethods() {
        Pointcut pointcut = new Pointcut(new PointcutConfig("test", 1, List.of(),
                List.of(FIXTURES + "Statement", FIXTURES + "PreparedStatement"), List.of(), "*", null, List.of(), null,
                false));

        assertThat(selectedSignatures(pointcut, DriverStatement.class))
                .containsExactlyInAnyOrder("execute(java.lang.String)", "execute()");
    }

    // annotated-with

    @Test
    void annotatedMethodIsSelected() {
        Pointcut pointcut = new Pointcut(annotatedWith(Timed.class.getName()));

        assertThat(pointcut.matchesType(type(AnnotatedMethods.class))).isTrue();
        assertThat(selected(pointcut, AnnotatedMethods.class)).containsExactly("timed");
    }

    @Test
    void annotatedClassSelectsAllMethods() {
        Pointcut pointcut = new Pointcut(annotatedWith(Timed.class.getName()));

        assertThat(pointcut.matchesType(type(AnnotatedClass.class))).isTrue();
        assertThat(selected(pointcut, AnnotatedClass.class)).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void superclassAnnotationIsIgnored() {
        Pointcut pointcut = new Pointcut(annotatedWith(Timed.class.getName()));

        assertThat(pointcut.matchesType(type(SubOfAnnotated.class))).isFalse();
    }

    @Test
    void unannotatedClassIsSkipped() {
        Pointcut pointcut = new Pointcut(annotatedWith(Timed.class.getName()));

        assertThat(pointcut.matchesType(type(Bean.class))).isFalse();
    }

    // params

    @Test
    void paramsPickOneOverload() {
        Pointcut pointcut = new Pointcut(params("java.lang.String", "int"));

        assertThat(selectedSignatures(pointcut, Overloads.class)).containsExactly("find(java.lang.String,int)");
    }

    @Test
    void paramsAcceptSimpleNames() {
        Pointcut pointcut = new Pointcut(params("String"));

        assertThat(selectedSignatures(pointcut, Overloads.class)).containsExactly("find(java.lang.String)");
    }

    @Test
    void paramsAcceptPrimitives() {
        Pointcut pointcut = new Pointcut(params("int"));

        assertThat(selectedSignatures(pointcut, Overloads.class)).containsExactly("find(int)");
    }

    @Test
    void emptyParamsSelectNoArgMethod() {
        Pointcut pointcut = new Pointcut(params());

        assertThat(selectedSignatures(pointcut, Overloads.class)).containsExactly("find()");
    }

    @Test
    void paramsAcceptArraysAndNestedTypes() {
        Pointcut pointcut = new Pointcut(params("long[]", "java.util.Map$Entry"));

        assertThat(selectedSignatures(pointcut, Overloads.class))
                .containsExactly("find(long[],java.util.Map$Entry)");
    }

    @Test
    void paramsRejectWrongPackage() {
        Pointcut pointcut = new Pointcut(params("com.example.String"));

        assertThat(selectedSignatures(pointcut, Overloads.class)).isEmpty();
    }

    // exclude-class and exclude-method

    @Test
    void excludeClassWins() {
        Pointcut pointcut = new Pointcut(new PointcutConfig("test", 1, List.of(FIXTURES + "*"), List.of(), List.of(),
                "*", null, List.of(FIXTURES + "Excluded"), null, false));

        assertThat(pointcut.matchesType(type(Excluded.class))).isFalse();
        assertThat(pointcut.matchesType(type(Bean.class))).isTrue();
    }

    @Test
    void excludeMethodWins() {
        Pointcut pointcut = new Pointcut(new PointcutConfig("test", 1, List.of(FIXTURES + "JdbcRepository"),
                List.of(), List.of(), "*", null, List.of(), "find|util*", false));

        assertThat(selected(pointcut, JdbcRepository.class)).containsExactlyInAnyOrder("flush", "helper");
    }

    @Test
    void excludeMethodWildcardExcludesAccessors() {
        Pointcut pointcut = new Pointcut(new PointcutConfig("test", 1, List.of(FIXTURES + "Bean"), List.of(),
                List.of(), "get*|process", null, List.of(), "*", false));

        assertThat(selected(pointcut, Bean.class)).isEmpty();
    }

    // Wildcard and accessors

    @Test
    void wildcardSkipsAccessorsAndObjectMethods() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "Bean"));

        assertThat(selected(pointcut, Bean.class)).containsExactlyInAnyOrder("process", "get", "getaway", "isReady");
    }

    @Test
    void namedAccessorsAreSelected() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "Bean", "get*|is*|*|toString"));

        assertThat(selected(pointcut, Bean.class)).containsExactlyInAnyOrder(
                "getSize", "isEmpty", "process", "get", "getaway", "isReady", "toString");
    }

    // PointcutSet

    @Test
    void firstPointcutWins() {
        PointcutSet set = new PointcutSet(List.of(
                named("narrow", FIXTURES + "Bean", "process"),
                named("broad", FIXTURES + "*", "*")));

        assertThat(set.firstMatch(type(Bean.class), method(Bean.class, "process")).name()).isEqualTo("narrow");
        assertThat(set.firstMatch(type(Bean.class), method(Bean.class, "get")).name()).isEqualTo("broad");
    }

    @Test
    void broadFirstTakesEverything() {
        PointcutSet set = new PointcutSet(List.of(
                named("broad", FIXTURES + "*", "*"),
                named("narrow", FIXTURES + "Bean", "process")));

        assertThat(set.firstMatch(type(Bean.class), method(Bean.class, "process")).name()).isEqualTo("broad");
    }

    @Test
    void firstMatchReturnsNullWhenNoneMatch() {
        PointcutSet set = new PointcutSet(List.of(named("other", "com.example.Other", "*")));

        assertThat(set.firstMatch(type(Bean.class), method(Bean.class, "process"))).isNull();
    }

    @Test
    void setIgnoresAgentPackages() {
        // The fixtures live in dev.pacer.agent, which the agent never weaves however a pointcut names it.
        PointcutSet set = new PointcutSet(List.of(named("fixtures", FIXTURES + "*", "*")));

        assertThat(set.matchesType(type(Bean.class))).isFalse();
    }

    @Test
    void setSelectsNamedJdkClass() {
        PointcutSet set = new PointcutSet(List.of(named("lists", "java.util.ArrayList", "*")));

        assertThat(set.matchesType(type(ArrayList.class))).isTrue();
    }

    @Test
    void setSkipsAnnotationTypes() throws ClassNotFoundException {
        // java.beans is neither ignored by name nor JDK-internal, so only the annotation check applies.
        PointcutSet set = new PointcutSet(List.of(named("beans", "java.beans.*", "*")));

        assertThat(set.matchesType(type(Class.forName("java.beans.Transient")))).isFalse();
        assertThat(set.matchesType(type(Class.forName("java.beans.PropertyChangeSupport")))).isTrue();
    }

    // TypeIgnores

    @Test
    void agentPackagesAreIgnored() {
        assertThat(TypeIgnores.isAlwaysIgnored("dev.pacer.agent.Weaver")).isTrue();
        assertThat(TypeIgnores.isAlwaysIgnored("dev.pacer.bootstrap.MethodTimer")).isTrue();
        assertThat(TypeIgnores.isAlwaysIgnored("dev.pacer.shaded.bytebuddy.ByteBuddy")).isTrue();
        assertThat(TypeIgnores.isAlwaysIgnored("net.bytebuddy.ByteBuddy")).isTrue();
    }

    @Test
    void javaLangIsIgnored() {
        assertThat(TypeIgnores.isAlwaysIgnored("java.lang.String")).isTrue();
        assertThat(TypeIgnores.isAlwaysIgnored("java.lang.invoke.MethodHandle")).isTrue();
        assertThat(TypeIgnores.isAlwaysIgnored("java.util.concurrent.atomic.AtomicLong")).isTrue();
    }

    @Test
    void javaLangPrefixNeedsDot() {
        assertThat(TypeIgnores.isAlwaysIgnored("java.language.Parser")).isFalse();
        assertThat(TypeIgnores.isAlwaysIgnored("java.util.ArrayList")).isFalse();
    }

    @Test
    void lambdaClassIsIgnored() {
        Runnable lambda = () -> { };

        assertThat(lambda.getClass().getName()).contains("$$Lambda");
        assertThat(TypeIgnores.isAlwaysIgnored(lambda.getClass().getName())).isTrue();
    }

    @Test
    void hiddenClassIsIgnored() {
        // Lambda classes are hidden classes on JDK 17, and a hidden class's name has a slash before its suffix.
        Runnable lambda = () -> { };

        assertThat(lambda.getClass().isHidden()).isTrue();
        assertThat(lambda.getClass().getName()).contains("/");
        assertThat(TypeIgnores.isAlwaysIgnored("com.example.Generated/0x0000000800c01000")).isTrue();
    }

    @Test
    void jdkProxyIsIgnored() {
        Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Runnable.class},
                (target, method, arguments) -> null);

        assertThat(TypeIgnores.isAlwaysIgnored(proxy.getClass().getName())).isTrue();
    }

    @Test
    void libraryProxiesAreIgnored() {
        assertThat(TypeIgnores.isAlwaysIgnored("com.example.Service$$EnhancerByCGLIB$$1a2b")).isTrue();
        assertThat(TypeIgnores.isAlwaysIgnored("com.example.Service$$SpringCGLIB$$0")).isTrue();
        assertThat(TypeIgnores.isAlwaysIgnored("com.example.Order$HibernateProxy$x1")).isTrue();
        assertThat(TypeIgnores.isAlwaysIgnored("com.example.Service$MockitoMock$123")).isTrue();
    }

    @Test
    void applicationClassIsNotIgnored() {
        assertThat(TypeIgnores.isAlwaysIgnored("com.example.OrderService")).isFalse();
        assertThat(TypeIgnores.isAlwaysIgnored("com.example.OrderService$Inner")).isFalse();
    }

    @Test
    void jdkInternalPackagesAreRecognized() {
        assertThat(TypeIgnores.isJdkInternal("jdk.internal.net.http.HttpClientImpl")).isTrue();
        assertThat(TypeIgnores.isJdkInternal("sun.nio.ch.FileChannelImpl")).isTrue();
        assertThat(TypeIgnores.isJdkInternal("com.sun.net.httpserver.HttpServer")).isTrue();
        assertThat(TypeIgnores.isJdkInternal("java.nio.channels.FileChannel")).isFalse();
        assertThat(TypeIgnores.isJdkInternal("com.sunny.App")).isFalse();
    }

    @Test
    void jdkInternalSkippedByGlob() throws ClassNotFoundException {
        Pointcut pointcut = new Pointcut(classes("sun.nio.ch.*"));

        assertThat(pointcut.matchesType(type(Class.forName("sun.nio.ch.FileChannelImpl")))).isFalse();
    }

    @Test
    void jdkInternalSelectedByExactName() throws ClassNotFoundException {
        Pointcut pointcut = new Pointcut(classes("sun.nio.ch.FileChannelImpl"));

        assertThat(pointcut.matchesType(type(Class.forName("sun.nio.ch.FileChannelImpl")))).isTrue();
    }

    @Test
    void jdkInternalSelectedBySubtypeOfJava() throws ClassNotFoundException {
        Pointcut pointcut = new Pointcut(subtypeOf(FileChannel.class.getName(), "read"));
        TypeDescription implementation = type(Class.forName("sun.nio.ch.FileChannelImpl"));

        assertThat(pointcut.matchesType(implementation)).isTrue();
        assertThat(selected(pointcut, implementation)).contains("read");
    }

    // Helpers

    private static TypeDescription type(Class<?> type) {
        return TypeDescription.ForLoadedType.of(type);
    }

    private static List<MethodDescription> declaredMethods(Class<?> type) {
        return new ArrayList<>(type(type).getDeclaredMethods());
    }

    private static MethodDescription method(Class<?> type, String name) {
        return declaredMethods(type).stream()
                .filter(method -> method.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(type.getName() + " declares no method " + name));
    }

    /** Returns the names of the declared methods that the pointcut selects, {@code <init>} for constructors. */
    private static List<String> selected(Pointcut pointcut, Class<?> type) {
        return selected(pointcut, type(type));
    }

    private static List<String> selected(Pointcut pointcut, TypeDescription type) {
        List<String> names = new ArrayList<>();
        for (MethodDescription method : type.getDeclaredMethods()) {
            if (pointcut.matchesMethod(type, method)) {
                names.add(method.isConstructor() ? "<init>" : method.getName());
            }
        }
        return names;
    }

    /** Returns the selected methods as {@code name(ParamType,...)} with erased parameter types. */
    private static List<String> selectedSignatures(Pointcut pointcut, Class<?> type) {
        TypeDescription description = type(type);
        List<String> signatures = new ArrayList<>();
        for (MethodDescription method : description.getDeclaredMethods()) {
            if (pointcut.matchesMethod(description, method)) {
                List<String> parameterTypes = new ArrayList<>();
                for (TypeDescription parameterType : method.getParameters().asTypeList().asErasures()) {
                    parameterTypes.add(parameterType.getActualName());
                }
                signatures.add(method.getName() + "(" + String.join(",", parameterTypes) + ")");
            }
        }
        return signatures;
    }

    private static PointcutConfig classes(String glob) {
        return classes(glob, "*");
    }

    private static PointcutConfig classes(String glob, String method) {
        return named("test", glob, method);
    }

    private static PointcutConfig named(String name, String glob, String method) {
        return new PointcutConfig(name, 1, List.of(glob), List.of(), List.of(), method, null, List.of(), null, false);
    }

    private static PointcutConfig subtypeOf(String supertype, String method) {
        return new PointcutConfig("test", 1, List.of(), List.of(supertype), List.of(), method, null, List.of(), null,
                false);
    }

    private static PointcutConfig annotatedWith(String annotation) {
        return new PointcutConfig("test", 1, List.of(), List.of(), List.of(annotation), "*", null, List.of(), null,
                false);
    }

    private static PointcutConfig params(String... types) {
        return new PointcutConfig("test", 1, List.of(FIXTURES + "Overloads"), List.of(), List.of(), "find",
                List.of(types), List.of(), null, false);
    }
}
