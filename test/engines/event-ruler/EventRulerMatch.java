import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.Machine;

/**
 * Matches events against EventBridge event patterns with AWS's own matcher, event-ruler
 * (https://github.com/aws/event-ruler), so that tests judge a pattern the way EventBridge does.
 *
 * <p>Run (Java 17 single-file launch, class path from pom.xml beside this file):
 * <pre>java -cp 'test/engines/event-ruler/target/deps/*' test/engines/event-ruler/EventRulerMatch.java</pre>
 *
 * <p>stdin: {@code {"cases":[{"pattern": <pattern>, "event": <event>}, ...]}}, or the same cases with each distinct
 * pattern and event written once: {@code {"patterns":[<pattern>, ...], "events":[<event>, ...], "cases":[[<pattern
 * index>, <event index>], ...]}} (a test batch matches every event against a handful of patterns)<br>
 * stdout: {@code {"results":[true,false,...]}}, one boolean per case, in order.
 *
 * <p>Matching uses a {@link Machine} with {@code addRule} and {@code rulesForJSONEvent}: the README names
 * {@code rulesForJSONEvent} as the API to use (it enforces array consistency, unlike the deprecated
 * {@code rulesForEvent}), and {@code Ruler.matchesRule} is the same two calls on a fresh Machine. A pattern
 * event-ruler refuses is an error (exit status 2, the case index and event-ruler's message on stderr), never
 * a silent {@code false}; so is malformed input.
 */
public final class EventRulerMatch {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RULE = "pattern";

  private EventRulerMatch() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    JsonNode input;
    try (InputStream in = System.in) {
      input = JSON.readTree(in);
    } catch (Exception e) {
      fail("stdin is not JSON: " + e.getMessage());
      return;
    }
    JsonNode cases = input == null ? null : input.get("cases");
    if (cases == null || !cases.isArray()) {
      fail("stdin must be {\"cases\":[{\"pattern\":...,\"event\":...}, ...]}"
          + " or {\"patterns\":[...],\"events\":[...],\"cases\":[[pattern index, event index], ...]}");
      return;
    }
    JsonNode patterns = input.get("patterns");
    JsonNode events = input.get("events");
    boolean indexed = patterns != null || events != null;
    if (indexed && (patterns == null || !patterns.isArray() || events == null || !events.isArray())) {
      fail("\"patterns\" and \"events\" must both be arrays");
      return;
    }

    // one compiled Machine per distinct pattern: a test batch repeats a handful of patterns many times
    Map<String, Machine> machines = new HashMap<>();
    // each indexed event written as text once
    Map<Integer, String> eventTexts = new HashMap<>();
    ArrayNode results = JSON.createArrayNode();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      JsonNode pattern;
      JsonNode event;
      int eventIndex = -1;
      if (indexed) {
        if (!c.isArray() || c.size() != 2 || !c.get(0).isInt() || !c.get(1).isInt()
            || c.get(0).asInt() < 0 || c.get(0).asInt() >= patterns.size() || c.get(1).asInt() < 0 || c.get(1).asInt() >= events.size()) {
          fail("case " + i + ": needs [pattern index, event index] within \"patterns\" and \"events\"");
          return;
        }
        pattern = patterns.get(c.get(0).asInt());
        eventIndex = c.get(1).asInt();
        event = events.get(eventIndex);
      } else {
        pattern = c.get("pattern");
        event = c.get("event");
      }
      if (pattern == null || !pattern.isObject() || event == null || !event.isObject()) {
        fail("case " + i + ": needs an object \"pattern\" and an object \"event\"");
        return;
      }
      String patternText = JSON.writeValueAsString(pattern);
      Machine machine = machines.get(patternText);
      if (machine == null) {
        machine = Machine.builder().build();
        try {
          machine.addRule(RULE, patternText);
        } catch (Exception e) {
          fail("case " + i + ": event-ruler refuses the pattern: " + e.getMessage() + "\npattern: " + patternText);
          return;
        }
        machines.put(patternText, machine);
      }
      List<String> matched;
      try {
        String eventText = eventIndex < 0 ? null : eventTexts.get(eventIndex);
        if (eventText == null) {
          eventText = JSON.writeValueAsString(event);
          if (eventIndex >= 0) eventTexts.put(eventIndex, eventText);
        }
        matched = machine.rulesForJSONEvent(eventText);
      } catch (Exception e) {
        fail("case " + i + ": event-ruler refuses the event: " + e.getMessage());
        return;
      }
      results.add(matched.contains(RULE));
    }

    ObjectNode output = JSON.createObjectNode();
    output.set("results", results);
    out.println(JSON.writeValueAsString(output));
    out.flush();
  }

  private static void fail(String message) {
    System.err.println("EventRulerMatch: " + message);
    System.exit(2);
  }
}
