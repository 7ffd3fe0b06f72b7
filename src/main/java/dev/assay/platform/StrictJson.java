package dev.assay.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

/**
 * Request bodies are read strictly: a value of the wrong JSON type is rejected, never coerced
 * ({@code "answer": 12345} is not the text "12345", {@code "k": "3"} is not 3, {@code 3.7} is not
 * 3), and no string may carry what the database cannot store ({@link StorableText}). Every such
 * failure names its field, so the client gets a 400 problem, not a 500 after an LLM call.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    apply(mapper);
  }

  /** Applies the rules to any mapper (the YAML reader of bank files uses them too). */
  public static ObjectMapper apply(ObjectMapper mapper) {
    mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    // Each type is read from its own JSON shape only (a float also from an integer).
    only(mapper, LogicalType.Textual, CoercionInputShape.String, CoercionInputShape.EmptyString);
    only(mapper, LogicalType.Integer, CoercionInputShape.Integer);
    only(mapper, LogicalType.Float, CoercionInputShape.Float, CoercionInputShape.Integer);
    only(mapper, LogicalType.Boolean, CoercionInputShape.Boolean);
    return storable(mapper);
  }

  private static void only(ObjectMapper mapper, LogicalType type, CoercionInputShape... allowed) {
    var config = mapper.coercionConfigFor(type);
    for (CoercionInputShape shape :
        List.of(
            CoercionInputShape.Integer,
            CoercionInputShape.Float,
            CoercionInputShape.Boolean,
            CoercionInputShape.String,
            CoercionInputShape.EmptyString)) {
      boolean own = List.of(allowed).contains(shape);
      config.setCoercion(shape, own ? CoercionAction.TryConvert : CoercionAction.Fail);
    }
  }

  /**
   * Only the storable-text rule (YAML, whose plain scalars are typed by their look, keeps its usual
   * reading of numbers).
   */
  public static ObjectMapper storable(ObjectMapper mapper) {
    SimpleModule module = new SimpleModule("storable-text");
    module.addDeserializer(String.class, new Storable());
    module.addKeyDeserializer(String.class, new StorableKey());
    mapper.registerModule(module);
    return mapper;
  }

  /**
   * Strings as usual, refused when they could not be stored. It delegates rather than extends:
   * Jackson bypasses subclasses of its own string deserializer on its fast paths.
   */
  static final class Storable extends StdScalarDeserializer<String> {
    Storable() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String value = StringDeserializer.instance.deserialize(p, ctxt);
      String problem = value == null ? null : StorableText.problem(value);
      if (problem != null) {
        throw InvalidFormatException.from(p, problem, value, String.class);
      }
      return value;
    }
  }

  /** Map keys (criterion scores, tags) under the same rule. */
  static final class StorableKey extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      String problem = StorableText.problem(key);
      if (problem != null) {
        throw InvalidFormatException.from(ctxt.getParser(), "key " + problem, key, String.class);
      }
      return key;
    }
  }
}
