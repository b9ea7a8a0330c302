package dev.deploysim.cli.importer;

import dev.deploysim.load.DidYouMean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A CloudFormation template (YAML or JSON) read as data: its parameters, mappings, conditions and
 * resources, with the intrinsic functions worked out where the template allows (see {@link
 * CfnValue}). Loading checks the whole template the way CloudFormation validates one: only its
 * short-form tags, every {@code Ref}, {@code GetAtt}, {@code Sub} variable, condition and mapping
 * name refers to something that exists. Intrinsic functions:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
final class CfnTemplate {
  /** The short-form tags CloudFormation's YAML accepts, each standing for Fn::NAME (Ref, Condition as they are). */
  static final List<String> SHORT_FORMS = List.of("Ref", "Sub", "GetAtt", "If", "Join", "FindInMap", "Select",
      "Split", "Equals", "Not", "And", "Or", "Base64", "Cidr", "ImportValue", "GetAZs", "Condition");

  /** Pseudo parameters: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html */
  static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
      "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

  private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final int MAX_DEPTH = 64;

  private final SourceFile file;
  private final Map<String, String> overrides;
  private final Problems problems;
  final PlainValue root;
  private final Map<String, MappingNode> parameters = new LinkedHashMap<>();
  private final Map<String, Node> resources = new LinkedHashMap<>();
  private final Map<String, Node> mappings = new LinkedHashMap<>();
  private final Map<String, Node> conditions = new LinkedHashMap<>();
  private final Map<String, Boolean> conditionValues = new LinkedHashMap<>();
  private int depth;

  private CfnTemplate(SourceFile file, Map<String, String> overrides, Problems problems) {
    this.file = file;
    this.overrides = overrides;
    this.problems = problems;
    this.root = PlainValue.of(file, file.single(), "");
  }

  /** Reads the template's sections and checks every tag and reference (problems are collected). */
  static CfnTemplate load(SourceFile file, Map<String, String> overrides, Problems problems) {
    CfnTemplate t = new CfnTemplate(file, overrides, problems);
    t.sections();
    t.check(file.single(), "");
    return t;
  }

  SourceFile file() {
    return file;
  }

  private void sections() {
    if (!root.isMap()) {
      problems.add(root, "a CloudFormation template is a mapping with Resources, got " + root.describe(), null);
      return;
    }
    Value res = root.get("Resources");
    if (res.absent() || !res.isMap() || res.keys().isEmpty()) {
      problems.add(res, "a template needs a Resources section with at least one resource", null);
    }
    collect(res, resources, true);
    Value params = root.get("Parameters");
    for (String name : params.keys()) {
      Value p = params.get(name);
      if (!p.isMap()) {
        problems.add(p, "a parameter is a mapping with Type (and Default), got " + p.describe(), null);
      } else {
        parameters.put(name, (MappingNode) ((PlainValue) p).node());
      }
    }
    collect(root.get("Mappings"), mappings, false);
    collect(root.get("Conditions"), conditions, false);
  }

  private void collect(Value section, Map<String, Node> into, boolean resourcesSection) {
    if (section.absent()) {
      return;
    }
    if (!section.isMap()) {
      problems.add(section, "expected a mapping, got " + section.describe(), null);
      return;
    }
    for (String name : section.keys()) {
      PlainValue v = (PlainValue) section.get(name);
      if (resourcesSection) {
        Value type = v.get("Type");
        if (!v.isMap() || !type.isScalar()) {
          problems.add(v.isMap() ? type : v, "a resource needs a Type such as AWS::AutoScaling::AutoScalingGroup", null);
          continue;
        }
      }
      into.put(name, v.node());
    }
  }

  // ---- what the template holds -------------------------------------------------------------------

  /** Logical IDs of the resources of a type, in file order. */
  List<String> resourcesOfType(String type) {
    List<String> out = new ArrayList<>();
    for (var e : resources.entrySet()) {
      if (type.equals(resourceType(e.getKey()))) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  String resourceType(String logicalId) {
    Node n = resources.get(logicalId);
    return n == null ? null : PlainValue.of(file, n, logicalId).get("Type").text();
  }

  Set<String> resourceIds() {
    return resources.keySet();
  }

  /** Where a resource's logical ID is written. */
  Where resourceWhere(String logicalId) {
    return ((PlainValue) root.get("Resources")).keyWhere(logicalId).at(logicalId);
  }

  /** A resource as a value: its keys (Type, Properties, UpdatePolicy ...) under the logical ID. */
  CfnValue resource(String logicalId) {
    return resolve(resources.get(logicalId), logicalId, logicalId);
  }

  /** True when the resource's Condition (if any) holds with the parameters' defaults, null if unknown. */
  Boolean created(String logicalId) {
    Value c = PlainValue.of(file, resources.get(logicalId), logicalId).get("Condition");
    return c.isScalar() ? condition(c.text(), new HashSet<>()) : Boolean.TRUE;
  }

  // ---- checks ------------------------------------------------------------------------------------

  /** An intrinsic function call: its name (Ref, Fn::Sub ...) and its argument node. */
  record Call(String fn, Node arg) {
    String shortName() {
      return fn.startsWith("Fn::") ? fn.substring(4) : fn;
    }
  }

  /**
   * The argument of Fn::Sub: a template string alone, or [template, {variables}] (variables with a
   * non-scalar name are passed over); null for any other shape.
   */
  record SubArgs(String template, Map<String, Node> vars) {
    static SubArgs of(Node arg) {
      if (arg instanceof ScalarNode s) {
        return new SubArgs(s.getValue(), Map.of());
      }
      if (arg instanceof SequenceNode s && s.getValue().size() == 2 && s.getValue().get(0) instanceof ScalarNode t
          && s.getValue().get(1) instanceof MappingNode m) {
        Map<String, Node> vars = new LinkedHashMap<>();
        for (NodeTuple v : m.getValue()) {
          if (v.getKeyNode() instanceof ScalarNode k) {
            vars.put(k.getValue(), v.getValueNode());
          }
        }
        return new SubArgs(t.getValue(), vars);
      }
      return null;
    }
  }

  /** The call a node is, or null for a literal. {@code {Condition: X}} counts only inside conditions. */
  static Call call(Node n, boolean inCondition) {
    String tag = n.getTag().getValue();
    if (tag.startsWith("!") && !tag.startsWith("!!")) {
      String name = tag.substring(1);
      return new Call(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, n);
    }
    if (n instanceof MappingNode m && m.getValue().size() == 1 && m.getValue().get(0).getKeyNode() instanceof ScalarNode k) {
      String key = k.getValue();
      if (key.equals("Ref") || key.startsWith("Fn::") || inCondition && key.equals("Condition")) {
        return new Call(key, m.getValue().get(0).getValueNode());
      }
    }
    return null;
  }

  private void check(Node n, String path) {
    if (++depth > MAX_DEPTH) {
      depth--;
      problems.add(file.error(n, path, "nested too deeply (more than " + MAX_DEPTH + " levels)", null));
      return;
    }
    try {
      checkNode(n, path);
    } finally {
      depth--;
    }
  }

  private void checkNode(Node n, String path) {
    Tag tag = n.getTag();
    String tv = tag.getValue();
    boolean shortForm = tv.startsWith("!") && !tv.startsWith("!!") && SHORT_FORMS.contains(tv.substring(1));
    if (!STANDARD_TAGS.contains(tag) && !shortForm) {
      String shown = tv.startsWith(Tag.PREFIX) ? "!!" + tv.substring(Tag.PREFIX.length()) : tv;
      List<String> forms = SHORT_FORMS.stream().map(s -> "!" + s).toList();
      String hint = DidYouMean.hint(shown, forms);
      problems.add(file.error(n, path, "unknown tag " + shown, hint != null ? hint
          : "a CloudFormation template may use the short forms " + String.join(", ", forms)));
      return;
    }
    Call c = call(n, true);
    if (c != null) {
      checkCall(c, n, path);
      if (c.fn().equals("Ref") || c.fn().equals("Condition")) {
        return;
      }
      if (c.arg() != n) {
        check(c.arg(), path + "." + c.fn());
        return;
      }
    }
    if (n instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
        String childPath = path.isEmpty() ? key : path + "." + key;
        if (key.equals("Condition") && path.startsWith("Resources.") && path.indexOf('.', 10) < 0
            && t.getValueNode() instanceof ScalarNode cond) {
          conditionExists(cond.getValue(), cond, childPath);
          continue;
        }
        check(t.getValueNode(), childPath);
      }
    } else if (n instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        check(s.getValue().get(i), path + "[" + i + "]");
      }
    }
  }

  private void checkCall(Call c, Node at, String path) {
    Node arg = c.arg();
    switch (c.fn()) {
      case "Ref" -> {
        String name = scalarArg(c, at, path);
        if (name != null && !parameters.containsKey(name) && !resources.containsKey(name)
            && !PSEUDO_PARAMETERS.contains(name)) {
          List<String> known = new ArrayList<>(parameters.keySet());
          known.addAll(resources.keySet());
          String hint = DidYouMean.hint(name, known);
          problems.add(file.error(at, path, "Ref " + name + " refers to nothing: no parameter or resource is named "
              + name, hint != null ? hint : "declare it under Parameters or Resources"));
        }
      }
      case "Condition" -> {
        String name = scalarArg(c, at, path);
        if (name != null) {
          conditionExists(name, at, path);
        }
      }
      case "Fn::GetAtt" -> {
        String target = null;
        if (arg instanceof ScalarNode s) {
          int dot = s.getValue().indexOf('.');
          target = dot < 0 ? null : s.getValue().substring(0, dot);
        } else if (arg instanceof SequenceNode s && s.getValue().size() == 2 && s.getValue().get(0) instanceof ScalarNode r) {
          target = r.getValue();
        }
        if (target == null) {
          problems.add(file.error(at, path, "GetAtt takes Resource.Attribute or [Resource, Attribute]", null));
        } else if (!resources.containsKey(target)) {
          String hint = DidYouMean.hint(target, new ArrayList<>(resources.keySet()));
          problems.add(file.error(at, path, "GetAtt " + target + " refers to nothing: no resource is named " + target,
              hint));
        }
      }
      case "Fn::Sub" -> checkSub(c, at, path);
      case "Fn::If" -> {
        if (!(arg instanceof SequenceNode s) || s.getValue().size() != 3 || !(s.getValue().get(0) instanceof ScalarNode)) {
          problems.add(file.error(at, path, "If takes [condition name, value if true, value if false]", null));
        } else {
          conditionExists(((ScalarNode) s.getValue().get(0)).getValue(), at, path);
        }
      }
      case "Fn::FindInMap" -> {
        if (!(arg instanceof SequenceNode s) || s.getValue().size() < 3) {
          problems.add(file.error(at, path, "FindInMap takes [MapName, TopLevelKey, SecondLevelKey]", null));
        } else if (s.getValue().get(0) instanceof ScalarNode m && call(m, false) == null
            && !mappings.containsKey(m.getValue())) {
          String hint = DidYouMean.hint(m.getValue(), new ArrayList<>(mappings.keySet()));
          problems.add(file.error(m, path, "FindInMap " + m.getValue() + " refers to nothing: no mapping is named "
              + m.getValue(), hint));
        }
      }
      case "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Equals" -> listArg(c, at, path, 2, 2);
      case "Fn::Not" -> listArg(c, at, path, 1, 1);
      case "Fn::And", "Fn::Or" -> listArg(c, at, path, 2, 10);
      case "Fn::Cidr" -> listArg(c, at, path, 3, 3);
      default -> {
        // Base64, ImportValue, GetAZs, and the functions of transforms take any argument
      }
    }
  }

  private String scalarArg(Call c, Node at, String path) {
    if (c.arg() instanceof ScalarNode s && !s.getValue().isEmpty()) {
      return s.getValue();
    }
    problems.add(file.error(at, path, c.shortName() + " takes a name", null));
    return null;
  }

  private void listArg(Call c, Node at, String path, int min, int max) {
    if (!(c.arg() instanceof SequenceNode s) || s.getValue().size() < min || s.getValue().size() > max) {
      String count = min == max ? String.valueOf(min) : min + " to " + max;
      problems.add(file.error(at, path, c.shortName() + " takes a list of " + count + " values", null));
    }
  }

  private void conditionExists(String name, Node at, String path) {
    if (!conditions.containsKey(name)) {
      String hint = DidYouMean.hint(name, new ArrayList<>(conditions.keySet()));
      problems.add(file.error(at, path, "condition " + name + " is not declared under Conditions",
          hint != null ? hint : null));
    }
  }

  private void checkSub(Call c, Node at, String path) {
    SubArgs args = SubArgs.of(c.arg());
    if (args == null) {
      problems.add(file.error(at, path, "Sub takes a string, or [string, {variables}]", null));
      return;
    }
    Set<String> local = args.vars().keySet();
    Matcher m = SUB_VARIABLE.matcher(args.template());
    while (m.find()) {
      String var = m.group(1).trim();
      if (var.startsWith("!") || local.contains(var)) {
        continue;
      }
      int dot = var.indexOf('.');
      String name = dot < 0 ? var : var.substring(0, dot);
      boolean known = dot < 0
          ? parameters.containsKey(name) || resources.containsKey(name) || PSEUDO_PARAMETERS.contains(name)
          : resources.containsKey(name);
      if (!known) {
        List<String> candidates = new ArrayList<>(parameters.keySet());
        candidates.addAll(resources.keySet());
        problems.add(file.error(at, path, "Sub variable ${" + var + "} refers to nothing: no "
            + (dot < 0 ? "parameter or resource" : "resource") + " is named " + name,
            DidYouMean.hint(name, candidates)));
      }
    }
  }

  // ---- evaluation --------------------------------------------------------------------------------

  /** The value of a node at a literal path, reached by the same path. */
  CfnValue resolve(Node n, String path) {
    return resolve(n, path, path);
  }

  /**
   * The value of the node whose literal sits at {@code literalPath}, reached by {@code path}.
   * Problems found here (a mapping key that does not exist) are collected.
   */
  CfnValue resolve(Node n, String literalPath, String path) {
    if (n == null) {
      return CfnValue.absent(this, file.where(null, literalPath), path);
    }
    if (++depth > MAX_DEPTH) {
      depth--;
      return CfnValue.unknown(this, "nested too deeply", file.where(n, literalPath), path, null);
    }
    try {
      return evaluate(n, literalPath, path);
    } finally {
      depth--;
    }
  }

  private CfnValue evaluate(Node n, String literalPath, String path) {
    Where at = file.where(n, literalPath);
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
      return CfnValue.absent(this, at, path);
    }
    Call c = call(n, false);
    if (c == null) {
      if (n instanceof ScalarNode s) {
        return CfnValue.scalar(this, s.getValue(), at, path, null);
      }
      if (n instanceof SequenceNode s) {
        List<Value> items = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
          CfnValue item = resolve(s.getValue().get(i), literalPath + "[" + i + "]", path + "[" + items.size() + "]");
          if (!item.absent()) {
            items.add(item);
          }
        }
        return CfnValue.list(this, items, at, path, null);
      }
      return CfnValue.map(this, (MappingNode) n, at, path);
    }
    Node arg = c.arg() == n ? stripTag(n) : c.arg();
    return switch (c.fn()) {
      case "Ref" -> ref(arg instanceof ScalarNode s ? s.getValue() : "", at, path);
      case "Fn::GetAtt" -> {
        String target = arg instanceof ScalarNode s ? s.getValue()
            : arg instanceof SequenceNode s && !s.getValue().isEmpty() && s.getValue().get(0) instanceof ScalarNode r
                ? r.getValue() + "." + (s.getValue().size() > 1 && s.getValue().get(1) instanceof ScalarNode a ? a.getValue() : "?")
                : "?";
        int dot = target.indexOf('.');
        yield CfnValue.unknown(this, "GetAtt " + target + " is known only once the stack exists", at, path,
            dot < 0 ? target : target.substring(0, dot));
      }
      case "Fn::Sub" -> sub(arg, at, path);
      case "Fn::Join" -> join(arg, literalPath, at, path);
      case "Fn::Select" -> select(arg, literalPath, at, path);
      case "Fn::Split" -> split(arg, literalPath, at, path);
      case "Fn::FindInMap" -> findInMap(arg, literalPath, at, path);
      case "Fn::If" -> ifValue(arg, literalPath, at, path);
      case "Fn::Base64" -> resolve(arg, literalPath, path);
      case "Fn::ImportValue" -> CfnValue.unknown(this, "ImportValue reads another stack's export", at, path, null);
      case "Fn::GetAZs" -> CfnValue.unknown(this, "GetAZs lists the region's Availability Zones, known only when "
          + "the stack is deployed", at, path, null);
      case "Fn::Cidr" -> CfnValue.unknown(this, "Cidr is not worked out by sim import", at, path, null);
      default -> CfnValue.unknown(this, c.shortName() + " is not worked out by sim import", at, path, null);
    };
  }

  /** A tagged node's content without its tag ({@code !Sub "x"} -> the scalar "x"). */
  private static Node stripTag(Node n) {
    if (n instanceof ScalarNode s) {
      return new ScalarNode(Tag.STR, true, s.getValue(), s.getScalarStyle(), s.getStartMark(), s.getEndMark());
    }
    if (n instanceof SequenceNode s) {
      return new SequenceNode(Tag.SEQ, true, s.getValue(), s.getFlowStyle(), s.getStartMark(), s.getEndMark());
    }
    MappingNode m = (MappingNode) n;
    return new MappingNode(Tag.MAP, true, m.getValue(), m.getFlowStyle(), m.getStartMark(), m.getEndMark());
  }

  private CfnValue ref(String name, Where at, String path) {
    if (name.equals("AWS::NoValue")) {
      return CfnValue.absent(this, at, path);
    }
    if (overrides.containsKey(name)) {
      return CfnValue.scalar(this, overrides.get(name), new Where("--parameter", 0, 0, name), path,
          null).via(path, null);
    }
    MappingNode p = parameters.get(name);
    if (p != null) {
      PlainValue pv = PlainValue.of(file, p, "Parameters." + name);
      Value def = pv.get("Default");
      if (def.absent()) {
        return CfnValue.unknown(this, "parameter " + name + " has no Default; give it with --parameter "
            + name + "=VALUE", at, path, null);
      }
      CfnValue v = resolve(((PlainValue) def).node(), "Parameters." + name + ".Default", path);
      String type = pv.get("Type").text();
      if (v.isScalar() && type != null && (type.equals("CommaDelimitedList") || type.startsWith("List<"))) {
        List<Value> items = new ArrayList<>();
        String[] parts = v.text().split(",", -1);
        for (int i = 0; i < parts.length; i++) {
          items.add(CfnValue.scalar(this, parts[i].trim(), v.where(), path + "[" + i + "]", null));
        }
        return CfnValue.list(this, items, v.where(), path, null);
      }
      return v;
    }
    if (resources.containsKey(name)) {
      return CfnValue.unknown(this, "Ref " + name + " is the physical ID of a resource, known only once the stack "
          + "exists", at, path, name);
    }
    return CfnValue.unknown(this, name + " is known only when the stack is deployed; give it with --parameter "
        + name + "=VALUE", at, path, null);
  }

  private CfnValue sub(Node arg, Where at, String path) {
    SubArgs args = SubArgs.of(arg);
    if (args == null) {
      return CfnValue.unknown(this, "Sub takes a string or [string, {variables}]", at, path, null);
    }
    Map<String, Node> vars = args.vars();
    Matcher m = SUB_VARIABLE.matcher(args.template());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String var = m.group(1).trim();
      String replacement;
      if (var.startsWith("!")) {
        replacement = "${" + var.substring(1) + "}";
      } else {
        CfnValue v = vars.containsKey(var) ? resolve(vars.get(var), path, path)
            : var.contains(".") ? CfnValue.unknown(this, "${" + var + "} is known only once the stack exists", at, path,
                var.substring(0, var.indexOf('.')))
            : ref(var, at, path);
        if (v.unknown() != null) {
          return CfnValue.unknown(this, "Sub uses ${" + var + "}: " + v.unknown(), at, path, null);
        }
        if (!v.isScalar()) {
          return CfnValue.unknown(this, "Sub uses ${" + var + "}, which is not a single value", at, path, null);
        }
        replacement = v.text();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return CfnValue.scalar(this, out.toString(), at, path, null);
  }

  private CfnValue join(Node arg, String literalPath, Where at, String path) {
    if (!(arg instanceof SequenceNode s) || s.getValue().size() != 2 || !(s.getValue().get(0) instanceof ScalarNode d)) {
      return CfnValue.unknown(this, "Join takes [delimiter, [values]]", at, path, null);
    }
    CfnValue list = resolve(s.getValue().get(1), literalPath, path);
    if (list.unknown() != null) {
      return CfnValue.unknown(this, "Join: " + list.unknown(), at, path, null);
    }
    List<String> parts = new ArrayList<>();
    for (Value item : list.items()) {
      if (!item.isScalar()) {
        return CfnValue.unknown(this, "Join: " + (item.unknown() != null ? item.unknown() : "an item is not a value"),
            at, path, null);
      }
      parts.add(item.text());
    }
    return CfnValue.scalar(this, String.join(d.getValue(), parts), at, path, null);
  }

  private CfnValue select(Node arg, String literalPath, Where at, String path) {
    SequenceNode s = (SequenceNode) arg;
    CfnValue index = resolve(s.getValue().get(0), literalPath, path);
    CfnValue list = resolve(s.getValue().get(1), literalPath, path);
    if (index.unknown() != null || list.unknown() != null) {
      return CfnValue.unknown(this, "Select: " + (index.unknown() != null ? index.unknown() : list.unknown()), at,
          path, list.resourceRef());
    }
    int i;
    try {
      i = Integer.parseInt(index.text() == null ? "" : index.text().trim());
    } catch (NumberFormatException e) {
      problems.add(index, "Select needs a whole number index, got " + index.describe(), null);
      return CfnValue.unknown(this, "Select has no valid index", at, path, null);
    }
    if (i < 0 || i >= list.items().size()) {
      problems.add(index, "Select index " + i + " is outside the list of " + list.items().size() + " values", null);
      return CfnValue.unknown(this, "Select index out of range", at, path, null);
    }
    return (CfnValue) list.items().get(i);
  }

  private CfnValue split(Node arg, String literalPath, Where at, String path) {
    SequenceNode s = (SequenceNode) arg;
    CfnValue delim = resolve(s.getValue().get(0), literalPath, path);
    CfnValue text = resolve(s.getValue().get(1), literalPath, path);
    if (!delim.isScalar() || !text.isScalar()) {
      return CfnValue.unknown(this, "Split: " + (text.unknown() != null ? text.unknown() : "needs two values"), at,
          path, null);
    }
    List<Value> items = new ArrayList<>();
    String[] parts = text.text().split(Pattern.quote(delim.text()), -1);
    for (int i = 0; i < parts.length; i++) {
      items.add(CfnValue.scalar(this, parts[i], text.where(), path + "[" + i + "]", null));
    }
    return CfnValue.list(this, items, at, path, null);
  }

  private CfnValue findInMap(Node arg, String literalPath, Where at, String path) {
    SequenceNode s = (SequenceNode) arg;
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CfnValue k = resolve(s.getValue().get(i), literalPath, path);
      if (k.unknown() != null) {
        return CfnValue.unknown(this, "FindInMap: " + k.unknown(), at, path, null);
      }
      if (!k.isScalar()) {
        return CfnValue.unknown(this, "FindInMap keys must be single values", at, path, null);
      }
      keys.add(k.text());
    }
    Node node = mappings.get(keys.get(0));
    String where = "Mappings." + keys.get(0);
    for (int i = 1; i < 3 && node != null; i++) {
      Node next = node instanceof MappingNode m ? child(m, keys.get(i)) : null;
      if (next == null) {
        List<String> present = node instanceof MappingNode m ? keysOf(m) : List.of();
        String hint = DidYouMean.hint(keys.get(i), present);
        problems.add(file.error(s, path, "FindInMap: " + where + " has no key " + keys.get(i),
            hint != null ? hint : "keys there: " + String.join(", ", present)));
        return CfnValue.unknown(this, "FindInMap key not found", at, path, null);
      }
      node = next;
      where += "." + keys.get(i);
    }
    if (node == null) {
      return CfnValue.unknown(this, "no mapping " + keys.get(0), at, path, null);
    }
    return resolve(node, where, path);
  }

  private CfnValue ifValue(Node arg, String literalPath, Where at, String path) {
    SequenceNode s = (SequenceNode) arg;
    String name = ((ScalarNode) s.getValue().get(0)).getValue();
    Boolean holds = condition(name, new HashSet<>());
    if (holds == null) {
      return CfnValue.unknown(this, "If depends on condition " + name + ", which cannot be worked out", at, path,
          null);
    }
    CfnValue v = resolve(s.getValue().get(holds ? 1 : 2), literalPath + "[" + (holds ? 1 : 2) + "]", path);
    return v.via(path, "condition " + name + " is " + holds);
  }

  /** A condition's value with the parameters' defaults (and --parameter), or null when unknown. */
  Boolean condition(String name, Set<String> visiting) {
    if (conditionValues.containsKey(name)) {
      return conditionValues.get(name);
    }
    Node n = conditions.get(name);
    if (n == null || !visiting.add(name)) {
      return null;
    }
    Boolean v = conditionExpression(n, "Conditions." + name, visiting);
    conditionValues.put(name, v);
    return v;
  }

  private Boolean conditionExpression(Node n, String path, Set<String> visiting) {
    Call c = call(n, true);
    if (c == null) {
      CfnValue lit = resolve(n, path);
      return lit.isScalar() && (lit.text().equalsIgnoreCase("true") || lit.text().equalsIgnoreCase("false"))
          ? Boolean.valueOf(lit.text().toLowerCase(java.util.Locale.ROOT)) : null;
    }
    Node arg = c.arg() == n ? stripTag(n) : c.arg();
    List<Node> items = arg instanceof SequenceNode s ? s.getValue() : List.of();
    switch (c.fn()) {
      case "Condition":
        return arg instanceof ScalarNode s ? condition(s.getValue(), visiting) : null;
      case "Fn::Equals": {
        if (items.size() != 2) {
          return null;
        }
        CfnValue a = resolve(items.get(0), path);
        CfnValue b = resolve(items.get(1), path);
        return a.isScalar() && b.isScalar() ? a.text().equals(b.text()) : null;
      }
      case "Fn::Not": {
        Boolean v = items.size() == 1 ? conditionExpression(items.get(0), path, visiting) : null;
        return v == null ? null : !v;
      }
      case "Fn::And":
      case "Fn::Or": {
        boolean and = c.fn().equals("Fn::And");
        boolean unknown = false;
        for (Node i : items) {
          Boolean v = conditionExpression(i, path, visiting);
          if (v == null) {
            unknown = true;
          } else if (v != and) {
            return !and;
          }
        }
        return unknown ? null : and;
      }
      default:
        return null;
    }
  }

  private static Node child(MappingNode m, String key) {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return t.getValueNode();
      }
    }
    return null;
  }

  private static List<String> keysOf(MappingNode m) {
    List<String> out = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k) {
        out.add(k.getValue());
      }
    }
    return out;
  }
}
