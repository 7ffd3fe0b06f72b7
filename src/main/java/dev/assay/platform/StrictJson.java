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
    for (LogicalType type :
        new LogicalType[] {
          LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean
        }) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    // Each type may still be read from its own shape.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
    mapper
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
    mapper
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
    return storable(mapper);
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
