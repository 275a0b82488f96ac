package dev.cicd.github.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounded, strict JSON reading for everything that comes from GitHub. Limits are set explicitly on
 * the factory (never through the global override): nesting depth, string, number and name length,
 * document length and token count. Duplicate keys are an error, never "last wins"; trailing content
 * after the document is an error; unknown fields are simply not read (the mapping reads a tree).
 */
public final class JsonSupport {
  /** Deepest accepted nesting. GitHub payloads nest about 6 levels; deployment payloads are user data. */
  public static final int MAX_NESTING_DEPTH = 128;
  /** Longest accepted string value (commit messages are the longest real values). */
  public static final int MAX_STRING_LENGTH = 1024 * 1024;
  /** Longest accepted number literal; a 64-bit id has at most 20 characters. */
  public static final int MAX_NUMBER_LENGTH = 64;
  /** Longest accepted property name. */
  public static final int MAX_NAME_LENGTH = 1024;

  private final ObjectMapper mapper;

  public JsonSupport(long maxDocumentBytes) {
    StreamReadConstraints constraints = StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING_DEPTH)
        .maxStringLength(MAX_STRING_LENGTH)
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .maxNameLength(MAX_NAME_LENGTH)
        .maxDocumentLength(maxDocumentBytes)
        .maxTokenCount(Math.max(1_000L, maxDocumentBytes / 2))
        .build();
    // Duplicate keys of a whole tree are caught while it is built (FAIL_ON_READING_DUP_TREE_KEY: the map insert
    // reports the key it replaced), not by the parser's own detector, which keeps a hash set per object for the
    // same answer. A filtered parse builds only part of the tree, so there the parser's detector is on.
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(constraints)
        .build();
    this.mapper = JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  /** Parses a whole document. @throws PayloadException naming what is wrong */
  public JsonNode parse(byte[] body) {
    try {
      return check(mapper.readTree(body));
    } catch (IOException e) {
      throw translate(e);
    }
  }

  /**
   * Parses a whole document into a tree of only the parts {@code reads} keeps ({@link WebhookReads}). Every byte
   * is still parsed under the same limits, trailing content is an error, and duplicate keys are detected by the
   * parser in every part, kept or not (the tree's own check sees only the kept parts).
   */
  public JsonNode parse(byte[] body, TokenFilter reads) {
    try (JsonParser parser = mapper.createParser(body)) {
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      // FAIL_ON_TRAILING_TOKENS holds here too: content after the document is an error.
      return check(mapper.readTree(new FilteringParserDelegate(parser, reads,
          TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)));
    } catch (IOException e) {
      throw translate(e);
    }
  }

  /** Parses a whole document from a stream (the stream is not closed). */
  public JsonNode parse(InputStream body) {
    try {
      return check(mapper.readTree(body));
    } catch (IOException e) {
      throw translate(e);
    }
  }

  private static JsonNode check(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      throw new PayloadException("invalid payload: the body is empty");
    }
    return node;
  }

  private static PayloadException translate(IOException e) {
    if (e instanceof StreamConstraintsException) {
      return new PayloadException("invalid payload: a parser limit was exceeded (" + shortMessage(e) + ")", e);
    }
    String message = e.getMessage();
    if (message != null && message.startsWith("Duplicate field ")) {
      int end = message.indexOf(" for `");
      return new PayloadException("invalid payload: malformed JSON (" + Texts.safe(
          end > 0 ? message.substring(0, end) : shortMessage(e), 200) + ")", e);
    }
    if (e instanceof JsonParseException) {
      return new PayloadException("invalid payload: malformed JSON (" + shortMessage(e) + ")", e);
    }
    return new PayloadException("invalid payload: " + shortMessage(e), e);
  }

  /** The first line of Jackson's message, without the source excerpt it appends, cut to 200 chars. */
  private static String shortMessage(IOException e) {
    String message = e instanceof JsonParseException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    String line = newline >= 0 ? message.substring(0, newline) : message;
    return Texts.safe(line, 200);
  }
}
