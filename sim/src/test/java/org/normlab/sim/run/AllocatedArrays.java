package org.normlab.sim.run;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arrays an object graph holds, counted, not timed or read off the process's memory: every ND4J buffer reachable
 * from the roots (a view counts as its whole underlying buffer, once) and every primitive Java array. It follows the
 * fields of NormLab's own classes (lambdas included), Java collections, maps, optionals and arrays; it does not look
 * inside other libraries' objects.
 */
final class AllocatedArrays {
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<DataBuffer> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
    private long offHeapBytes;
    private long heapBytes;

    private AllocatedArrays() {
    }

    /** Counts what {@code roots} hold. */
    static AllocatedArrays of(Object... roots) {
        AllocatedArrays counted = new AllocatedArrays();
        Deque<Object> pending = new ArrayDeque<>();
        for (Object root : roots) {
            push(pending, root);
        }
        while (!pending.isEmpty()) {
            counted.visit(pending.pop(), pending);
        }
        return counted;
    }

    long offHeapBytes() {
        return offHeapBytes;
    }

    long heapBytes() {
        return heapBytes;
    }

    private void visit(Object object, Deque<Object> pending) {
        if (!seen.add(object)) {
            return;
        }
        Class<?> type = object.getClass();
        if (object instanceof INDArray array) {
            DataBuffer buffer = array.data();
            while (buffer.originalDataBuffer() != null && buffer.originalDataBuffer() != buffer) {
                buffer = buffer.originalDataBuffer();
            }
            if (buffers.add(buffer)) {
                offHeapBytes += buffer.length() * buffer.getElementSize();
            }
        } else if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                heapBytes += (long) Array.getLength(object) * primitiveBytes(type.getComponentType());
            } else {
                for (Object element : (Object[]) object) {
                    push(pending, element);
                }
            }
        } else if (object instanceof Collection<?> collection) {
            collection.forEach(element -> push(pending, element));
        } else if (object instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                push(pending, key);
                push(pending, value);
            });
        } else if (object instanceof Optional<?> optional) {
            optional.ifPresent(value -> push(pending, value));
        } else if (type.getName().startsWith("org.normlab.")) {
            for (Class<?> c = type; c != null && c.getName().startsWith("org.normlab."); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()
                            && !Thread.class.isAssignableFrom(field.getType())) {
                        push(pending, read(field, object));
                    }
                }
            }
        }
    }

    private Object read(Field field, Object object) {
        try {
            field.setAccessible(true);
            return field.get(object);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static void push(Deque<Object> pending, Object object) {
        if (object != null) {
            pending.push(object);
        }
    }

    private static int primitiveBytes(Class<?> type) {
        if (type == double.class || type == long.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        return type == short.class || type == char.class ? 2 : 1;
    }
}
