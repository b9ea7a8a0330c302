package dev.deploysim.cli.importer;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Type tags in files that hold plain data (manifests, option settings, AppSpec files, API output). */
final class Tags {
  private Tags() {}

  private static final Set<Tag> STANDARD = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

  /**
   * Reports every node with a tag that is neither standard nor one of {@code allowed} (short names
   * such as "Ref" for {@code !Ref}); each distinct node once, without recursion.
   */
  static void refuse(SourceFile file, Set<String> allowed, String what, Problems p) {
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Node> todo = new ArrayDeque<>(file.documents());
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (!seen.add(n)) {
        continue;
      }
      String tv = n.getTag().getValue();
      boolean local = tv.startsWith("!") && !tv.startsWith("!!");
      if (!STANDARD.contains(n.getTag()) && !(local && allowed.contains(tv.substring(1)))) {
        String shown = tv.startsWith(Tag.PREFIX) ? "!!" + tv.substring(Tag.PREFIX.length()) : tv;
        p.add(file.error(n, "", "unknown tag " + shown, what + " holds plain values, lists and mappings; remove the tag"));
        continue;
      }
      if (n instanceof MappingNode m) {
        for (NodeTuple t : m.getValue()) {
          todo.push(t.getValueNode());
          todo.push(t.getKeyNode());
        }
      } else if (n instanceof SequenceNode s) {
        s.getValue().forEach(todo::push);
      }
    }
  }
}
