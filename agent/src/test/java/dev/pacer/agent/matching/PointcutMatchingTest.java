package dev.pacer.agent.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.agent.config.PointcutConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;

/**
 * Matches pointcuts against class files of the fixture classes declared below, read from the test class path, with
 * a locator over the test class loader.
 */
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

    static class GenericBase<X> implements Handler<X> {
        @Override
        public void handle(X value) {
        }
    }

    static class IntegerLevel extends GenericBase<Integer> {
        @Override
        public void handle(Integer value) {
        }

        void handle(Long value) {
        }
    }

    static class PassThrough<Y> extends GenericBase<Y> {
    }

    /** Reaches Handler through two generic superclasses: PassThrough<String> and GenericBase<String>. */
    static class StringLevel extends PassThrough<String> {
        @Override
        public void handle(String value) {
        }
    }

    static class BoundedHandler<N extends Number> implements Handler<N> {
        @Override
        public void handle(N value) {
        }
    }

    @SuppressWarnings("rawtypes")
    static class RawHandler implements Handler {
        @Override
        public void handle(Object value) {
        }
    }

    /** Reaches ReadableByteChannel only through JDK types: FileChannel, SeekableByteChannel and ByteChannel. */
    abstract static class ChannelFixture extends FileChannel {
        @Override
        public int read(ByteBuffer target) {
            return 0;
        }

        void helper() {
        }
    }

    // Class globs

    @Test
    void classGlobSelectsFixtures() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "*"));

        assertThat(pointcut.matchesType(type(Excluded.class), LOCATOR)).isTrue();
        assertThat(selected(pointcut, Excluded.class)).containsExactly("run");
    }

    @Test
    void classGlobRejectsOtherPackages() {
        Pointcut pointcut = new Pointcut(classes("com.example.**"));

        assertThat(pointcut.matchesType(type(Excluded.class), LOCATOR)).isFalse();
    }

    @Test
    void exactClassSelectsOnlyIt() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "Excluded"));

        assertThat(pointcut.matchesType(type(Excluded.class), LOCATOR)).isTrue();
        assertThat(pointcut.matchesType(type(Bean.class), LOCATOR)).isFalse();
    }

    // subtype-of

    @Test
    void subtypeOfSelectsImplementations() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "Repository", "*"));

        assertThat(pointcut.matchesType(type(JdbcRepository.class), LOCATOR)).isTrue();
        assertThat(pointcut.matchesType(type(Bean.class), LOCATOR)).isFalse();
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
        ClassFileMethod bridge = declaredMethods(StringHandler.class).stream()
                .filter(ClassFileMethod::isBridge)
                .findFirst()
                .orElseThrow();

        assertThat(bridge.key()).isEqualTo("handle(java.lang.Object)");
        assertThat(pointcut.matchesMethod(type(StringHandler.class), bridge, LOCATOR)).isFalse();
    }

    @Test
    void syntheticMethodIsNeverSelected() {
        Pointcut pointcut = new Pointcut(classes(FIXTURES + "StringHandler", "lambda*"));
        List<ClassFileMethod> lambdaBodies = declaredMethods(StringHandler.class).stream()
                .filter(method -> method.name().startsWith("lambda$"))
                .toList();

        assertThat(lambdaBodies).isNotEmpty();
        for (ClassFileMethod lambdaBody : lambdaBodies) {
            assertThat(lambdaBody.isSynthetic()).as(lambdaBody.name()).isTrue();
            assertThat(pointcut.matchesMethod(type(StringHandler.class), lambdaBody, LOCATOR)).as(lambdaBody.name())
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

        assertThat(pointcut.matchesType(type(AnnotatedMethods.class), LOCATOR)).isTrue();
        assertThat(selected(pointcut, AnnotatedMethods.class)).containsExactly("timed");
    }

    @Test
    void annotatedClassSelectsAllMethods() {
        Pointcut pointcut = new Pointcut(annotatedWith(Timed.class.getName()));

        assertThat(pointcut.matchesType(type(AnnotatedClass.class), LOCATOR)).isTrue();
        assertThat(selected(pointcut, AnnotatedClass.class)).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void superclassAnnotationIsIgnored() {
        Pointcut pointcut = new Pointcut(annotatedWith(Timed.class.getName()));

        assertThat(pointcut.matchesType(type(SubOfAnnotated.class), LOCATOR)).isFalse();
    }

    @Test
    void unannotatedClassIsSkipped() {
        Pointcut pointcut = new Pointcut(annotatedWith(Timed.class.getName()));

        assertThat(pointcut.matchesType(type(Bean.class), LOCATOR)).isFalse();
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

        assertThat(pointcut.matchesType(type(Excluded.class), LOCATOR)).isFalse();
        assertThat(pointcut.matchesType(type(Bean.class), LOCATOR)).isTrue();
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

        assertThat(set.firstMatch(type(Bean.class), method(Bean.class, "process"), LOCATOR).name())
                .isEqualTo("narrow");
        assertThat(set.firstMatch(type(Bean.class), method(Bean.class, "get"), LOCATOR).name())
                .isEqualTo("broad");
    }

    @Test
    void javaBaseNamesFromClassKeysOnly() {
        assertThat(new PointcutSet(List.of(named("a", "com.example.Repo", "*"))).mayNameJavaBaseClasses())
                .isFalse();
        assertThat(new PointcutSet(List.of(subtypeOf("java.util.zip.Checksum", "update")))
                .mayNameJavaBaseClasses()).as("subtype-of alone").isFalse();
        assertThat(new PointcutSet(List.of(named("a", "com.example.Repo", "*"), named("b", "java.util.ArrayList",
                "add"))).mayNameJavaBaseClasses()).isTrue();
        assertThat(new PointcutSet(List.of(named("a", "sun.net.**", "*"))).mayNameJavaBaseClasses()).isTrue();
    }

    @Test
    void broadFirstTakesEverything() {
        PointcutSet set = new PointcutSet(List.of(
                named("broad", FIXTURES + "*", "*"),
                named("narrow", FIXTURES + "Bean", "process")));

        assertThat(set.firstMatch(type(Bean.class), method(Bean.class, "process"), LOCATOR).name())
                .isEqualTo("broad");
    }

    @Test
    void firstMatchReturnsNullWhenNoneMatch() {
        PointcutSet set = new PointcutSet(List.of(named("other", "com.example.Other", "*")));

        assertThat(set.firstMatch(type(Bean.class), method(Bean.class, "process"), LOCATOR)).isNull();
    }

    @Test
    void setIgnoresAgentPackages() {
        // The fixtures live in dev.pacer.agent, which the agent never weaves however a pointcut names it.
        PointcutSet set = new PointcutSet(List.of(named("fixtures", FIXTURES + "*", "*")));

        assertThat(set.matchesType(type(Bean.class), LOCATOR)).isFalse();
    }

    @Test
    void setSelectsNamedJdkClass() {
        PointcutSet set = new PointcutSet(List.of(named("lists", "java.util.ArrayList", "*")));

        assertThat(set.matchesType(type(ArrayList.class), LOCATOR)).isTrue();
    }

    @Test
    void setSkipsAnnotationTypes() throws ClassNotFoundException {
        // java.beans is neither ignored by name nor JDK-internal, so only the annotation check applies.
        PointcutSet set = new PointcutSet(List.of(named("beans", "java.beans.*", "*")));

        assertThat(set.matchesType(type(Class.forName("java.beans.Transient")), LOCATOR)).isFalse();
        assertThat(set.matchesType(type(Class.forName("java.beans.PropertyChangeSupport")), LOCATOR)).isTrue();
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

        assertThat(pointcut.matchesType(type(Class.forName("sun.nio.ch.FileChannelImpl")), LOCATOR)).isFalse();
    }

    @Test
    void jdkInternalSelectedByExactName() throws ClassNotFoundException {
        Pointcut pointcut = new Pointcut(classes("sun.nio.ch.FileChannelImpl"));

        assertThat(pointcut.matchesType(type(Class.forName("sun.nio.ch.FileChannelImpl")), LOCATOR)).isTrue();
    }

    @Test
    void jdkInternalSelectedBySubtypeOfJava() throws ClassNotFoundException {
        Pointcut pointcut = new Pointcut(subtypeOf(FileChannel.class.getName(), "read"));
        ClassFileType implementation = type(Class.forName("sun.nio.ch.FileChannelImpl"));

        assertThat(pointcut.matchesType(implementation, LOCATOR)).isTrue();
        assertThat(selected(pointcut, implementation)).contains("read");
    }

    // Generic bindings over several levels

    @Test
    void subtypeOfBindsThroughGenericSuperclass() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "Handler", "*"));

        assertThat(selectedSignatures(pointcut, IntegerLevel.class)).containsExactly("handle(java.lang.Integer)");
    }

    @Test
    void subtypeOfBindsThroughTwoLevels() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "Handler", "*"));

        assertThat(selectedSignatures(pointcut, StringLevel.class)).containsExactly("handle(java.lang.String)");
    }

    @Test
    void subtypeOfUnboundVariableUsesBound() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "Handler", "*"));

        assertThat(selectedSignatures(pointcut, GenericBase.class)).containsExactly("handle(java.lang.Object)");
        assertThat(selectedSignatures(pointcut, BoundedHandler.class)).containsExactly("handle(java.lang.Number)");
    }

    @Test
    void subtypeOfRawSupertypeUsesErasure() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "Handler", "*"));

        assertThat(selectedSignatures(pointcut, RawHandler.class)).containsExactly("handle(java.lang.Object)");
    }

    @Test
    void subtypeOfReadsJdkSupertypes() {
        // ReadableByteChannel declares read(ByteBuffer); the fixture reaches it only through JDK class files.
        Pointcut pointcut = new Pointcut(subtypeOf("java.nio.channels.ReadableByteChannel", "*"));

        assertThat(pointcut.matchesType(type(ChannelFixture.class), LOCATOR)).isTrue();
        assertThat(selectedSignatures(pointcut, ChannelFixture.class)).containsExactly("read(java.nio.ByteBuffer)");
    }

    @Test
    void subtypeOfUnlocatableSupertypeEndsWalk() {
        // A locator that finds only the fixture itself still reports the directly named supertype, but no methods.
        Pointcut direct = new Pointcut(subtypeOf(FIXTURES + "Handler", "*"));
        Pointcut indirect = new Pointcut(subtypeOf(FIXTURES + "Handler", "*"));
        ClassFileType stringLevel = type(StringLevel.class);
        TypeLocator nothing = name -> null;

        assertThat(direct.matchesType(type(StringHandler.class), nothing)).isTrue();
        assertThat(selectedSignatures(direct, type(StringHandler.class), nothing)).isEmpty();
        assertThat(indirect.matchesType(stringLevel, nothing)).isFalse();
    }

    // ClassFileType and ClassFileMethod

    @Test
    void classFileTypeReadsDeclarations() {
        ClassFileType driver = type(DriverStatement.class);

        assertThat(driver.name()).isEqualTo(FIXTURES + "DriverStatement");
        assertThat(driver.superName()).isEqualTo("java.lang.Object");
        assertThat(driver.interfaceNames()).containsExactly(FIXTURES + "PreparedStatement", FIXTURES + "Statement");
        assertThat(driver.isInterface()).isFalse();
        assertThat(driver.genericSignature()).isNull();
        assertThat(driver.classFileVersion() & 0xFFFF).isEqualTo(Opcodes.V17);
        assertThat(type(Repository.class).isInterface()).isTrue();
        assertThat(type(Timed.class).isAnnotation()).isTrue();
        assertThat(type(AnnotatedClass.class).annotationNames()).containsExactly(Timed.class.getName());
        assertThat(type(StringHandler.class).genericSignature())
                .isEqualTo("Ljava/lang/Object;L" + FIXTURES.replace('.', '/') + "Handler<Ljava/lang/String;>;");
    }

    @Test
    void objectHasNoSuperclass() {
        assertThat(LOCATOR.locate("java.lang.Object").superName()).isNull();
    }

    @Test
    void classFileMethodReadsDeclarations() {
        ClassFileMethod find = declaredMethods(Overloads.class).stream()
                .filter(method -> method.descriptor().startsWith("([J"))
                .findFirst()
                .orElseThrow();
        ClassFileMethod constructor = method(JdbcRepository.class, "<init>");

        assertThat(find.parameterTypeNames()).containsExactly("long[]", "java.util.Map$Entry");
        assertThat(find.returnTypeName()).isEqualTo("void");
        assertThat(find.key()).isEqualTo("find(long[],java.util.Map$Entry)");
        assertThat(find.genericSignature()).isEqualTo("([JLjava/util/Map$Entry<Ljava/lang/String;Ljava/lang/String;>;)V");
        assertThat(constructor.isConstructor()).isTrue();
        assertThat(constructor.key()).isEqualTo("<init>()");
        assertThat(method(JdbcRepository.class, "utility").isStatic()).isTrue();
        assertThat(method(AnnotatedMethods.class, "timed").annotationNames()).containsExactly(Timed.class.getName());
        assertThat(method(StringHandler.class, "nativeCall").isNative()).isTrue();
        assertThat(method(BaseRepository.class, "flush").isAbstract()).isTrue();
    }

    @Test
    void methodKeyMatchesTypeKey() {
        ClassFileType overloads = type(Overloads.class);
        ClassFileMethod find = method(Overloads.class, "find");

        assertThat(overloads.name() + '#' + find.key()).isEqualTo(FIXTURES + "Overloads#find(java.lang.String)");
    }

    @Test
    void simpleNamesFollowReflection() {
        assertThat(Pointcut.simpleName("java.util.Map$Entry")).isEqualTo(Map.Entry.class.getSimpleName());
        assertThat(Pointcut.simpleName("java.util.Map$Entry[]")).isEqualTo("Entry[]");
        assertThat(Pointcut.simpleName("long[]")).isEqualTo("long[]");
        assertThat(Pointcut.simpleName("java.lang.String")).isEqualTo("String");

        class LocalType {
        }
        assertThat(Pointcut.simpleName(LocalType.class.getName())).isEqualTo(LocalType.class.getSimpleName());
    }

    @Test
    void invalidClassFileIsRejected() throws IOException {
        byte[] valid = classFile(Bean.class);
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);

        assertThatThrownBy(() -> ClassFileType.parse(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassFileType.parse(truncated)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassFileType.parse(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void locatorSkipsInvalidClassFile() {
        String garbled = FIXTURES + "Bean";
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                if (name.equals(garbled.replace('.', '/') + ".class")) {
                    return new ByteArrayInputStream(new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1});
                }
                return super.getResourceAsStream(name);
            }
        };
        TypeLocator locator = new ClassLoaderTypeLocator(loader, 8);

        assertThat(locator.locate(garbled)).isNull();
        assertThat(locator.locate(FIXTURES + "Excluded")).isNotNull();
    }

    // TypeLocator

    @Test
    void locatorFindsFixtures() {
        ClassFileType bean = LOCATOR.locate(FIXTURES + "Bean");

        assertThat(bean).isNotNull();
        assertThat(bean.name()).isEqualTo(FIXTURES + "Bean");
        assertThat(LOCATOR.locate("com.example.Missing")).isNull();
    }

    @Test
    void locatorIsSharedPerLoader() {
        ClassLoader loader = getClass().getClassLoader();

        assertThat(TypeLocator.forClassLoader(loader)).isSameAs(TypeLocator.forClassLoader(loader));
        assertThat(TypeLocator.forClassLoader(null)).isSameAs(TypeLocator.forClassLoader(null));
        assertThat(TypeLocator.forClassLoader(null)).isNotSameAs(TypeLocator.forClassLoader(loader));
    }

    @Test
    void bootstrapLocatorFindsJdkTypes() {
        TypeLocator bootstrap = TypeLocator.forClassLoader(null);

        assertThat(bootstrap.locate("java.util.List")).isNotNull();
        assertThat(bootstrap.locate("java.util.List").isInterface()).isTrue();
        assertThat(bootstrap.locate("java.nio.channels.FileChannel").superName())
                .isEqualTo("java.nio.channels.spi.AbstractInterruptibleChannel");
        assertThat(bootstrap.locate("sun.nio.ch.FileChannelImpl").superName())
                .isEqualTo("java.nio.channels.FileChannel");
        assertThat(bootstrap.locate(FIXTURES + "Bean")).isNull();
    }

    @Test
    void locatorCacheIsBounded() {
        ClassLoaderTypeLocator locator = new ClassLoaderTypeLocator(getClass().getClassLoader(), 2);

        ClassFileType bean = locator.locate(FIXTURES + "Bean");
        assertThat(locator.locate(FIXTURES + "Bean")).isSameAs(bean);
        locator.locate(FIXTURES + "Excluded");
        locator.locate(FIXTURES + "Overloads");

        assertThat(locator.cachedTypes()).isEqualTo(2);
        assertThat(locator.locate(FIXTURES + "Overloads")).isSameAs(locator.locate(FIXTURES + "Overloads"));
        assertThat(locator.locate(FIXTURES + "Bean")).isNotSameAs(bean).isNotNull();
        assertThat(locator.cachedTypes()).isEqualTo(2);
    }

    @Test
    void locatorCachesMissingTypes() {
        ClassLoaderTypeLocator locator = new ClassLoaderTypeLocator(getClass().getClassLoader(), 4);

        assertThat(locator.locate("com.example.Missing")).isNull();
        assertThat(locator.cachedTypes()).isEqualTo(1);
    }

    @Test
    void locatorNeverLoadsLocatedType() {
        Set<String> requested = ConcurrentHashMap.newKeySet();
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                requested.add(name);
                return super.loadClass(name, resolve);
            }
        };
        TypeLocator locator = new ClassLoaderTypeLocator(loader, 8);

        assertThat(locator.locate(FIXTURES + "Overloads")).isNotNull();
        assertThat(requested).doesNotContain(FIXTURES + "Overloads");
    }

    @Test
    void locatorServesConcurrentThreads() throws InterruptedException {
        ClassLoaderTypeLocator locator = new ClassLoaderTypeLocator(getClass().getClassLoader(), 3);
        List<String> names = fixtureClasses().stream().map(Class::getName).toList();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int round = 0; round < 20; round++) {
                    for (String name : names) {
                        ClassFileType located = locator.locate(name);
                        if (located == null || !located.name().equals(name)) {
                            failures.add(new AssertionError("located " + located + " for " + name));
                        }
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }

        assertThat(failures).isEmpty();
        assertThat(locator.cachedTypes()).isLessThanOrEqualTo(3);
    }

    // Pre-filters

    @Test
    void mayMatchNameChecksClassGlobs() {
        PointcutSet set = new PointcutSet(List.of(named("shop", "com.example.**.*Service", "*")));

        assertThat(set.mayMatchName("com.example.shop.OrderService")).isTrue();
        assertThat(set.mayMatchName("com.example.shop.OrderRepository")).isFalse();
        assertThat(set.mayMatchName("org.example.OrderService")).isFalse();
    }

    @Test
    void mayMatchNameSkipsIgnoredNames() {
        PointcutSet set = new PointcutSet(List.of(subtypeOf("com.example.Repository", "*")));

        assertThat(set.mayMatchName("com.example.Driver")).isTrue();
        assertThat(set.mayMatchName("java.lang.String")).isFalse();
        assertThat(set.mayMatchName("com.example.Service$$Lambda$12")).isFalse();
        assertThat(set.mayMatchName("dev.pacer.agent.Weaver")).isFalse();
        assertThat(set.mayMatchName("sun.nio.ch.FileChannelImpl")).isFalse();
    }

    @Test
    void mayMatchNameHonorsExcludeClass() {
        PointcutSet set = new PointcutSet(List.of(new PointcutConfig("test", 1, List.of("com.example.*"), List.of(),
                List.of(), "*", null, List.of("com.example.Internal"), null, false)));

        assertThat(set.mayMatchName("com.example.Public")).isTrue();
        assertThat(set.mayMatchName("com.example.Internal")).isFalse();
    }

    @Test
    void mayMatchNameKeepsJdkRules() {
        assertThat(new PointcutSet(List.of(classes("sun.nio.ch.*"))).mayMatchName("sun.nio.ch.FileChannelImpl"))
                .isFalse();
        assertThat(new PointcutSet(List.of(classes("sun.nio.ch.FileChannelImpl")))
                .mayMatchName("sun.nio.ch.FileChannelImpl")).isTrue();
        assertThat(new PointcutSet(List.of(subtypeOf("java.nio.channels.FileChannel", "read")))
                .mayMatchName("sun.nio.ch.FileChannelImpl")).isTrue();
    }

    @Test
    void mayMatchLoadedChecksSupertypeNames() {
        Pointcut pointcut = new Pointcut(subtypeOf(FIXTURES + "Repository", "*"));

        assertThat(pointcut.mayMatchLoaded(JdbcRepository.class)).isTrue();
        assertThat(pointcut.mayMatchLoaded(Repository.class)).isTrue();
        assertThat(pointcut.mayMatchLoaded(Bean.class)).isFalse();
    }

    @Test
    void mayMatchLoadedChecksAnnotations() {
        Pointcut pointcut = new Pointcut(annotatedWith(Timed.class.getName()));

        assertThat(pointcut.mayMatchLoaded(AnnotatedClass.class)).isTrue();
        assertThat(pointcut.mayMatchLoaded(AnnotatedMethods.class)).isTrue();
        assertThat(pointcut.mayMatchLoaded(SubOfAnnotated.class)).isFalse();
        assertThat(pointcut.mayMatchLoaded(Bean.class)).isFalse();
    }

    @Test
    void mayMatchLoadedSkipsArraysAndIgnoredTypes() throws ClassNotFoundException {
        PointcutSet set = new PointcutSet(List.of(subtypeOf("java.nio.channels.FileChannel", "read")));

        assertThat(set.mayMatchLoaded(Class.forName("sun.nio.ch.FileChannelImpl"))).isTrue();
        assertThat(set.mayMatchLoaded(FileChannel[].class)).isFalse();
        assertThat(set.mayMatchLoaded(int.class)).isFalse();
        assertThat(set.mayMatchLoaded(ArrayList.class)).isFalse();
        assertThat(set.mayMatchLoaded(String.class)).isFalse();
    }

    @Test
    void preFiltersNeverRejectMatches() {
        int accepted = 0;
        int rejectedByName = 0;
        int rejectedLoaded = 0;
        for (PointcutConfig config : pointcutShapes()) {
            for (Class<?> fixture : fixtureClasses()) {
                Pointcut pointcut = new Pointcut(config);
                boolean matches = pointcut.matchesType(type(fixture), LOCATOR);
                boolean nameMayMatch = pointcut.mayMatchName(fixture.getName());
                boolean loadedMayMatch = pointcut.mayMatchLoaded(fixture);
                String description = config + " on " + fixture.getName();
                if (matches) {
                    accepted++;
                    assertThat(nameMayMatch).as(description).isTrue();
                    assertThat(loadedMayMatch).as(description).isTrue();
                }
                rejectedByName += nameMayMatch ? 0 : 1;
                rejectedLoaded += loadedMayMatch ? 0 : 1;
            }
        }

        // The loop must see both outcomes, or it checks nothing.
        assertThat(accepted).isGreaterThan(20);
        assertThat(rejectedByName).isGreaterThan(20);
        assertThat(rejectedLoaded).isGreaterThan(rejectedByName);
    }

    @Test
    void setPreFiltersNeverRejectJdkMatches() throws ClassNotFoundException {
        List<PointcutConfig> configs = List.of(named("lists", "java.util.ArrayList", "*"),
                named("beans", "java.beans.*", "*"), subtypeOf(FileChannel.class.getName(), "read"),
                classes("sun.nio.ch.FileChannelImpl"), subtypeOf("java.util.List", "*"));
        List<Class<?>> types = List.of(ArrayList.class, Class.forName("java.beans.PropertyChangeSupport"),
                Class.forName("sun.nio.ch.FileChannelImpl"), Class.forName("java.beans.Transient"));
        int accepted = 0;
        for (PointcutConfig config : configs) {
            PointcutSet set = new PointcutSet(List.of(config));
            for (Class<?> type : types) {
                if (set.matchesType(type(type), LOCATOR)) {
                    accepted++;
                    assertThat(set.mayMatchName(type.getName())).as(config + " on " + type).isTrue();
                    assertThat(set.mayMatchLoaded(type)).as(config + " on " + type).isTrue();
                }
            }
        }

        assertThat(accepted).isGreaterThanOrEqualTo(4);
    }

    // Helpers

    static final TypeLocator LOCATOR = TypeLocator.forClassLoader(PointcutMatchingTest.class.getClassLoader());

    /** Returns the fixture classes declared in this test. */
    static List<Class<?>> fixtureClasses() {
        return List.of(PointcutMatchingTest.class.getDeclaredClasses());
    }

    /** Returns one pointcut of each shape that the tests use. */
    static List<PointcutConfig> pointcutShapes() {
        return List.of(
                classes(FIXTURES + "*"),
                classes("com.example.**"),
                classes(FIXTURES + "Excluded"),
                classes(FIXTURES + "JdbcRepository"),
                classes(FIXTURES + "StringHandler", "lambda*"),
                classes(FIXTURES + "Bean", "get*|is*|*|toString"),
                subtypeOf(FIXTURES + "Repository", "*"),
                subtypeOf(FIXTURES + "BaseRepository", "*"),
                subtypeOf(FIXTURES + "Repository", "<init>"),
                subtypeOf(FIXTURES + "Handler", "*"),
                subtypeOf("java.nio.channels.ReadableByteChannel", "*"),
                new PointcutConfig("test", 1, List.of(), List.of(FIXTURES + "Statement", FIXTURES + "PreparedStatement"),
                        List.of(), "*", null, List.of(), null, false),
                annotatedWith(Timed.class.getName()),
                params("java.lang.String", "int"),
                params("String"),
                params("long[]", "java.util.Map$Entry"),
                params(),
                new PointcutConfig("test", 1, List.of(FIXTURES + "*"), List.of(), List.of(), "*", null,
                        List.of(FIXTURES + "Excluded"), null, false),
                new PointcutConfig("test", 1, List.of(FIXTURES + "JdbcRepository"), List.of(), List.of(), "*", null,
                        List.of(), "find|util*", false),
                new PointcutConfig("test", 1, List.of(FIXTURES + "*"), List.of(FIXTURES + "Handler"),
                        List.of(Timed.class.getName()), "*", null, List.of(), null, false));
    }

    static byte[] classFile(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no class file " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the class file of a loaded class, read as a resource of the class. */
    static ClassFileType type(Class<?> type) {
        return ClassFileType.parse(classFile(type));
    }

    private static List<ClassFileMethod> declaredMethods(Class<?> type) {
        return type(type).methods();
    }

    private static ClassFileMethod method(Class<?> type, String name) {
        return declaredMethods(type).stream()
                .filter(method -> method.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(type.getName() + " declares no method " + name));
    }

    /** Returns the names of the declared methods that the pointcut selects, {@code <init>} for constructors. */
    private static List<String> selected(Pointcut pointcut, Class<?> type) {
        return selected(pointcut, type(type));
    }

    static List<String> selected(Pointcut pointcut, ClassFileType type) {
        List<String> names = new ArrayList<>();
        for (ClassFileMethod method : type.methods()) {
            if (pointcut.matchesMethod(type, method, LOCATOR)) {
                names.add(method.name());
            }
        }
        return names;
    }

    /** Returns the selected methods as {@code name(ParamType,...)} with erased parameter types. */
    private static List<String> selectedSignatures(Pointcut pointcut, Class<?> type) {
        return selectedSignatures(pointcut, type(type), LOCATOR);
    }

    static List<String> selectedSignatures(Pointcut pointcut, ClassFileType type, TypeLocator locator) {
        List<String> signatures = new ArrayList<>();
        for (ClassFileMethod method : type.methods()) {
            if (pointcut.matchesMethod(type, method, locator)) {
                signatures.add(method.key());
            }
        }
        return signatures;
    }

    static PointcutConfig classes(String glob) {
        return classes(glob, "*");
    }

    static PointcutConfig classes(String glob, String method) {
        return named("test", glob, method);
    }

    static PointcutConfig named(String name, String glob, String method) {
        return new PointcutConfig(name, 1, List.of(glob), List.of(), List.of(), method, null, List.of(), null, false);
    }

    static PointcutConfig subtypeOf(String supertype, String method) {
        return new PointcutConfig("test", 1, List.of(), List.of(supertype), List.of(), method, null, List.of(), null,
                false);
    }

    static PointcutConfig annotatedWith(String annotation) {
        return new PointcutConfig("test", 1, List.of(), List.of(), List.of(annotation), "*", null, List.of(), null,
                false);
    }

    static PointcutConfig params(String... types) {
        return new PointcutConfig("test", 1, List.of(FIXTURES + "Overloads"), List.of(), List.of(), "find",
                List.of(types), List.of(), null, false);
    }
}
