package io.orderledger.query.console;

import io.orderledger.query.model.ApiNames;
import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /console/vocabulary.js}: the API's order types and states as an ES module the console imports, made from the
 * schema's enums, so the console never keeps a list of its own that a new type would leave behind.
 */
@Hidden
@RestController
public class ConsoleVocabulary {

  private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

  private final byte[] module = ("// Made by the query service from the schema's enums.\n"
      + "export const TYPES = " + array(ApiNames.typeNames()) + ";\n"
      + "export const STATES = " + array(ApiNames.stateNames()) + ";\n").getBytes(StandardCharsets.UTF_8);

  @GetMapping("/console/vocabulary.js")
  public ResponseEntity<byte[]> vocabulary() {
    return ResponseEntity.ok().contentType(JAVASCRIPT).cacheControl(CacheControl.noCache()).body(module);
  }

  /** The names as a JavaScript array literal: they are lower-case letters and underscores, nothing to escape. */
  private static String array(List<String> names) {
    return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ", "[", "]"));
  }
}
