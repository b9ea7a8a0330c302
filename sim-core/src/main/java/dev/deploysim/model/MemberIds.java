package dev.deploysim.model;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids of each group's members in list order, kept while the member list is unchanged: a pass
 * over a large fleet's members then reads arrays ({@link InstanceLoads}) instead of visiting every
 * instance.
 */
final class MemberIds {
  private final Map<AutoScalingGroup, Members> byGroup = new IdentityHashMap<>();

  /** A group's member ids: the first {@code size} entries of {@code ids}. */
  static final class Members {
    int[] ids = new int[0];
    int size = -1;
    long version;
  }

  Members of(AutoScalingGroup g) {
    Members m = byGroup.computeIfAbsent(g, x -> new Members());
    if (m.size < 0 || m.version != g.membersVersion()) {
      List<Instance> list = g.memberList();
      m.size = list.size();
      if (m.ids.length < m.size) {
        m.ids = new int[Math.max(m.size, 2 * m.ids.length)];
      }
      for (int k = 0; k < m.size; k++) {
        m.ids[k] = list.get(k).id();
      }
      m.version = g.membersVersion();
    }
    return m;
  }
}
