package io.swarmplace.ledger.hub.internal.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.swarmplace.ledger.Id128;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The JSON mapping of the wire format: ids as 32 hex digits, amounts as decimal strings (JSON numbers lose
 * precision past 2^53 in most readers), enums by name. Unknown fields are refused, not ignored.
 */
public final class WireJson {

    private WireJson() {}

    public static ObjectMapper mapper() {
        SimpleModule ids = new SimpleModule("swarmplace-hub-wire");
        ids.addSerializer(Id128.class, new JsonSerializer<>() {
            @Override
            public void serialize(Id128 id, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeString(id.toString());
            }
        });
        ids.addDeserializer(Id128.class, new JsonDeserializer<>() {
            @Override
            public Id128 deserialize(JsonParser json, DeserializationContext context) throws IOException {
                return Id128.parse(json.getValueAsString(""));
            }
        });
        ids.addSerializer(BigInteger.class, ToStringSerializer.instance);
        return new ObjectMapper()
                .registerModule(ids)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
