package io.swarmplace.bencode.internal;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes values in canonical form. Works from an explicit stack so that a value built in code, which no
 * decoder limit has bounded, cannot overflow the call stack.
 */
public final class CanonicalWriter {

    /** Pushed after a container's members: writes its closing 'e'. */
    private static final Object END = new Object();

    private final OutputStream out;

    public CanonicalWriter(OutputStream out) {
        this.out = out;
    }

    public void write(BValue root) throws IOException {
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Object next = pending.pop();
            if (next == END) {
                out.write('e');
            } else if (next instanceof BInteger integer) {
                out.write('i');
                writeAscii(Long.toString(integer.value()));
                out.write('e');
            } else if (next instanceof BString string) {
                writeString(string);
            } else if (next instanceof BList list) {
                out.write('l');
                pending.push(END);
                List<BValue> values = list.values();
                for (int i = values.size() - 1; i >= 0; i--) {
                    pending.push(values.get(i));
                }
            } else if (next instanceof BDictionary dictionary) {
                out.write('d');
                pending.push(END);
                List<Map.Entry<BString, BValue>> entries = new ArrayList<>(dictionary.entries().entrySet());
                for (int i = entries.size() - 1; i >= 0; i--) {
                    pending.push(entries.get(i).getValue());
                    pending.push(entries.get(i).getKey());
                }
            }
        }
    }

    private void writeString(BString string) throws IOException {
        writeAscii(Integer.toString(string.length()));
        out.write(':');
        out.write(string.bytes());
    }

    private void writeAscii(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}
