package dev.pacer.agent.ratelimit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Computes the key of a keyed pointcut from the woven method's arguments: an argument, such as {@code arg0}, followed
 * by a path of properties, such as {@code arg0.user.id}. Each property is read by the first of these that exists on
 * the value's class: a getter {@code getUser()}, a boolean getter {@code isUser()}, an accessor {@code user()} (as
 * records have), or a field {@code user}. The key is the final value's {@code String.valueOf}.
 *
 * <p>A null value along the path gives the key {@code "null"}, so such calls share one bucket. A property that cannot
 * be read throws, and the gate counts that as an agent error and admits the call. The readers are cached per class,
 * so a path is resolved by reflection once per class and segment. Thread-safe.
 */
final class KeyExtractor {

    private final String path;
    private final int argumentIndex;
    private final List<PropertyReader> properties;

    KeyExtractor(String path) {
        this.path = path;
        String[] parts = path.split("\\.");
        this.argumentIndex = Integer.parseInt(parts[0].substring("arg".length()));
        this.properties = Arrays.stream(parts).skip(1).map(PropertyReader::new).toList();
    }

    /** Returns the key of a call, never null. */
    String extract(Object[] arguments) {
        if (arguments == null || argumentIndex >= arguments.length) {
            throw new IllegalArgumentException("the key " + path + " names argument " + argumentIndex
                    + ", but the method has " + (arguments == null ? 0 : arguments.length) + " arguments");
        }
        Object value = arguments[argumentIndex];
        for (PropertyReader property : properties) {
            if (value == null) {
                break;
            }
            value = property.read(value);
        }
        return String.valueOf(value);
    }

    /** Reads one named property of any object, with the reader for each class resolved once. */
    private static final class PropertyReader {
        private final String name;
        private final ClassValue<MethodHandle> readers = new ClassValue<>() {
            @Override
            protected MethodHandle computeValue(Class<?> type) {
                return resolve(type);
            }
        };

        PropertyReader(String name) {
            this.name = name;
        }

        Object read(Object target) {
            MethodHandle reader = readers.get(target.getClass());
            try {
                return reader.invoke(target);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("reading " + name + " of " + target.getClass().getName()
                        + " failed", e);
            }
        }

        private MethodHandle resolve(Class<?> type) {
            String capitalized = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
            for (String candidate : List.of("get" + capitalized, "is" + capitalized, name)) {
                Method method = findMethod(type, candidate);
                if (method != null) {
                    return unreflect(method);
                }
            }
            for (Class<?> current = type; current != null; current = current.getSuperclass()) {
                try {
                    Field field = current.getDeclaredField(name);
                    field.setAccessible(true);
                    return MethodHandles.lookup().unreflectGetter(field).asType(MethodType.methodType(Object.class,
                            Object.class));
                } catch (NoSuchFieldException e) {
                    // Look in the superclass next.
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("the field " + name + " of " + type.getName()
                            + " cannot be read: " + e, e);
                }
            }
            throw new IllegalStateException(type.getName() + " has no getter, accessor or field named " + name);
        }

        private static Method findMethod(Class<?> type, String methodName) {
            try {
                Method method = type.getMethod(methodName);
                return method.getReturnType() == void.class ? null : method;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }

        private MethodHandle unreflect(Method method) {
            try {
                method.setAccessible(true);
                return MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(Object.class,
                        Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("the method " + method + " cannot be called: " + e, e);
            }
        }
    }
}
