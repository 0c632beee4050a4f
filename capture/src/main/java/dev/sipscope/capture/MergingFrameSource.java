package dev.sipscope.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several sources merged into one stream in timestamp order, for instance the files of a capture
 * split by rotation, or captures taken on both sides of a proxy.
 *
 * <p>Order: the frame with the smallest timestamp among the inputs' next frames comes first; on
 * equal timestamps the input listed first wins, and each input's own order is always kept (an
 * input whose clock goes backwards is not re-sorted). Merging holds one pending frame per input
 * and copies nothing: the frame returned is valid until the next call, like any source's.
 *
 * <p>Interfaces: ids are remapped to be unique across inputs, in the order the merge first sees
 * each input's interfaces (at the start, input 0's, then input 1's...; later declarations get the
 * next free id). {@link #truncated()} is true when any input is truncated; warnings are all the
 * inputs' warnings (each names its input); {@link #position()} and {@link #size()} are sums
 * ({@code size()} is -1 when any input's size is unknown). Closing closes every input.
 *
 * <p>Memory: each input keeps its own read buffer (1 MiB for files) for as long as the merge runs.
 */
public final class MergingFrameSource implements FrameSource {
    /** Interface ids of an input up to this are mapped through an array; rarer larger ids through a map. */
    private static final int DENSE_IDS = 4096;

    private final FrameSource[] inputs;
    private final String name;
    private final Frame out = new Frame();
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final List<InterfaceInfo> interfaceView = Collections.unmodifiableList(interfaces);
    /** Per input: local interface id to merged id, -1 when not yet mapped. */
    private final int[][] idMaps;
    /** Per input: how many entries of its interfaces() list have been mapped. */
    private final int[] seenInterfaces;
    private final Map<Long, Integer> sparseIds = new HashMap<>();

    /** Pending frame of each input, null once the input has ended. */
    private final Frame[] heads;
    /** Binary min-heap of input indices ordered by (head timestamp, index). */
    private final int[] heap;
    private int heapSize;
    private boolean started;
    /** The input whose head was handed out last and must be advanced before the next pick; -1 for none. */
    private int handedOut = -1;
    private boolean closed;

    public MergingFrameSource(List<? extends FrameSource> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        inputs = sources.toArray(new FrameSource[0]);
        heads = new Frame[inputs.length];
        heap = new int[inputs.length];
        idMaps = new int[inputs.length][];
        seenInterfaces = new int[inputs.length];
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < inputs.length; i++) {
            idMaps[i] = new int[0];
            if (i > 0) {
                joined.append(", ");
            }
            joined.append(inputs[i].name());
        }
        name = joined.toString();
    }

    @Override
    public Frame next() throws IOException {
        if (closed) {
            return null;
        }
        if (!started) {
            started = true;
            for (int i = 0; i < inputs.length; i++) {
                Frame f = inputs[i].next();
                noteInterfaces(i);
                if (f != null) {
                    heads[i] = f;
                    heap[heapSize] = i;
                    siftUp(heapSize++);
                }
            }
        } else if (handedOut >= 0) {
            int i = handedOut;
            Frame f = inputs[i].next();
            noteInterfaces(i);
            heads[i] = f;
            if (f == null) {
                heap[0] = heap[--heapSize];
            }
            siftDown(0);
        }
        handedOut = -1;
        if (heapSize == 0) {
            return null;
        }
        int i = heap[0];
        Frame h = heads[i];
        out.set(h.timestampNanos(), h.linkType(), mergedId(i, h.interfaceId(), h.linkType()), h.data(), h.offset(),
                h.capturedLength(), h.originalLength());
        handedOut = i;
        return out;
    }

    /** Maps interfaces input {@code i} declared since last time. */
    private void noteInterfaces(int i) {
        List<InterfaceInfo> declared = inputs[i].interfaces();
        int size = declared.size();
        for (int k = seenInterfaces[i]; k < size; k++) {
            InterfaceInfo info = declared.get(k);
            if (lookup(i, info.id()) < 0) {
                register(i, info.id(), info.linkType(), info.snapLength(), info.name(), info.description());
            }
        }
        seenInterfaces[i] = size;
    }

    private int mergedId(int input, int localId, int linkType) {
        int id = lookup(input, localId);
        return id >= 0 ? id : register(input, localId, linkType, 0, null, null);
    }

    private int lookup(int input, int localId) {
        if (localId >= 0 && localId < DENSE_IDS) {
            int[] map = idMaps[input];
            return localId < map.length ? map[localId] : -1;
        }
        Integer id = sparseIds.get(sparseKey(input, localId));
        return id == null ? -1 : id;
    }

    private int register(int input, int localId, int linkType, int snapLength, String ifName, String description) {
        int id = interfaces.size();
        interfaces.add(new InterfaceInfo(id, linkType, snapLength, ifName, description));
        if (localId >= 0 && localId < DENSE_IDS) {
            int[] map = idMaps[input];
            if (localId >= map.length) {
                int old = map.length;
                map = Arrays.copyOf(map, Math.max(localId + 1, old * 2));
                Arrays.fill(map, old, map.length, -1);
                idMaps[input] = map;
            }
            map[localId] = id;
        } else {
            sparseIds.put(sparseKey(input, localId), id);
        }
        return id;
    }

    private static long sparseKey(int input, int localId) {
        return ((long) input << 32) | (localId & 0xffffffffL);
    }

    private boolean before(int a, int b) {
        long ta = heads[a].timestampNanos();
        long tb = heads[b].timestampNanos();
        return ta < tb || (ta == tb && a < b);
    }

    private void siftUp(int at) {
        int x = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(x, heap[parent])) {
                break;
            }
            heap[at] = heap[parent];
            at = parent;
        }
        heap[at] = x;
    }

    private void siftDown(int at) {
        if (heapSize == 0) {
            return;
        }
        int x = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], x)) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = x;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaceView;
    }

    @Override
    public boolean truncated() {
        for (FrameSource input : inputs) {
            if (input.truncated()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> warnings() {
        List<String> all = new ArrayList<>();
        for (FrameSource input : inputs) {
            all.addAll(input.warnings());
        }
        return Collections.unmodifiableList(all);
    }

    @Override
    public long position() {
        long sum = 0;
        for (FrameSource input : inputs) {
            sum += input.position();
        }
        return sum;
    }

    @Override
    public long size() {
        long sum = 0;
        for (FrameSource input : inputs) {
            long s = input.size();
            if (s < 0) {
                return -1;
            }
            sum += s;
        }
        return sum;
    }

    /** True when any of the merged sources is decompressed on the fly. */
    @Override
    public boolean compressed() {
        for (FrameSource input : inputs) {
            if (input.compressed()) {
                return true;
            }
        }
        return false;
    }

    /** The merged sources, in the order given. */
    public List<FrameSource> inputs() {
        return List.of(inputs);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (FrameSource input : inputs) {
            try {
                input.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
