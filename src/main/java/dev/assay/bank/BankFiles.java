package dev.assay.bank;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.assay.platform.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads bank documents from YAML: the built-in bank on the class path, or a folder of files. */
final class BankFiles {
  static final String BUILT_IN_INDEX = "bank/index.txt";

  private static final ObjectMapper YAML =
      StrictJson.storable(
          YAMLMapper.builder()
              .findAndAddModules()
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .build());

  private BankFiles() {}

  static BankDocument parse(String yaml) throws IOException {
    return YAML.readValue(yaml, BankDocument.class);
  }

  /** The built-in bank: the files listed, one per line, in {@value #BUILT_IN_INDEX}. */
  static BankDocument builtIn() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    List<BankDocument> docs = new ArrayList<>();
    for (String name : read(loader, BUILT_IN_INDEX).lines().map(String::strip).toList()) {
      if (!name.isEmpty() && !name.startsWith("#")) {
        docs.add(parseNamed("bank/" + name, read(loader, "bank/" + name)));
      }
    }
    return BankDocument.merge(docs);
  }

  /** Every {@code *.yaml}/{@code *.yml} file below {@code dir}, in path order. */
  static BankDocument folder(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<BankDocument> docs = new ArrayList<>();
      for (Path file : files.filter(BankFiles::isYaml).sorted().toList()) {
        docs.add(parseNamed(file.toString(), Files.readString(file)));
      }
      return BankDocument.merge(docs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bank folder " + dir, e);
    }
  }

  private static boolean isYaml(Path p) {
    String name = p.getFileName().toString();
    return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  private static BankDocument parseNamed(String name, String yaml) {
    try {
      return parse(yaml);
    } catch (IOException e) {
      throw new IllegalStateException("bank file " + name + " is not valid: " + e.getMessage(), e);
    }
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + resource);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
