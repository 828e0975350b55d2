// Tree traversal in go/ast.Walk's order: a node first, then its children in the order go/ast
// visits them (which is not always source order: a FuncDecl visits Recv and Name before its
// FuncType). The parser oracle compares preorder node lists, so this order is part of the contract.

import type { CommentGroup, Node } from "./ast.js";

type Visit = (node: Node) => void;

function list(nodes: readonly Node[], visit: Visit): void {
  for (const n of nodes) visit(n);
}

function opt(node: Node | null, visit: Visit): void {
  if (node !== null) visit(node);
}

function comments(group: CommentGroup | null, visit: Visit): void {
  if (group !== null) visit(group);
}

/** Calls `visit` on each direct child of `node`, in go/ast.Walk order. */
export function forEachChild(node: Node, visit: Visit): void {
  switch (node.kind) {
    case "Comment":
    case "BadExpr":
    case "Ident":
    case "BasicLit":
    case "BadStmt":
    case "EmptyStmt":
    case "BadDecl":
      return;
    case "CommentGroup":
      list(node.list, visit);
      return;
    case "Field":
      comments(node.doc, visit);
      list(node.names, visit);
      visit(node.type);
      opt(node.tag, visit);
      comments(node.comment, visit);
      return;
    case "FieldList":
      list(node.list, visit);
      return;
    case "Ellipsis":
      opt(node.elt, visit);
      return;
    case "FuncLit":
      visit(node.type);
      visit(node.body);
      return;
    case "CompositeLit":
      opt(node.type, visit);
      list(node.elts, visit);
      return;
    case "ParenExpr":
    case "StarExpr":
    case "UnaryExpr":
      visit(node.x);
      return;
    case "SelectorExpr":
      visit(node.x);
      visit(node.sel);
      return;
    case "IndexExpr":
      visit(node.x);
      visit(node.index);
      return;
    case "IndexListExpr":
      visit(node.x);
      list(node.indices, visit);
      return;
    case "SliceExpr":
      visit(node.x);
      opt(node.low, visit);
      opt(node.high, visit);
      opt(node.max, visit);
      return;
    case "TypeAssertExpr":
      visit(node.x);
      opt(node.type, visit);
      return;
    case "CallExpr":
      visit(node.fun);
      list(node.args, visit);
      return;
    case "BinaryExpr":
      visit(node.x);
      visit(node.y);
      return;
    case "KeyValueExpr":
      visit(node.key);
      visit(node.value);
      return;
    case "ArrayType":
      opt(node.len, visit);
      visit(node.elt);
      return;
    case "StructType":
      visit(node.fields);
      return;
    case "FuncType":
      opt(node.typeParams, visit);
      visit(node.params);
      opt(node.results, visit);
      return;
    case "InterfaceType":
      visit(node.methods);
      return;
    case "MapType":
      visit(node.key);
      visit(node.value);
      return;
    case "ChanType":
      visit(node.value);
      return;
    case "DeclStmt":
      visit(node.decl);
      return;
    case "LabeledStmt":
      visit(node.label);
      visit(node.stmt);
      return;
    case "ExprStmt":
      visit(node.x);
      return;
    case "SendStmt":
      visit(node.chan);
      visit(node.value);
      return;
    case "IncDecStmt":
      visit(node.x);
      return;
    case "AssignStmt":
      list(node.lhs, visit);
      list(node.rhs, visit);
      return;
    case "GoStmt":
    case "DeferStmt":
      visit(node.call);
      return;
    case "ReturnStmt":
      list(node.results, visit);
      return;
    case "BranchStmt":
      opt(node.label, visit);
      return;
    case "BlockStmt":
      list(node.list, visit);
      return;
    case "IfStmt":
      opt(node.init, visit);
      visit(node.cond);
      visit(node.body);
      opt(node.else, visit);
      return;
    case "CaseClause":
      if (node.list !== null) list(node.list, visit);
      list(node.body, visit);
      return;
    case "SwitchStmt":
      opt(node.init, visit);
      opt(node.tag, visit);
      visit(node.body);
      return;
    case "TypeSwitchStmt":
      opt(node.init, visit);
      visit(node.assign);
      visit(node.body);
      return;
    case "CommClause":
      opt(node.comm, visit);
      list(node.body, visit);
      return;
    case "SelectStmt":
      visit(node.body);
      return;
    case "ForStmt":
      opt(node.init, visit);
      opt(node.cond, visit);
      opt(node.post, visit);
      visit(node.body);
      return;
    case "RangeStmt":
      opt(node.key, visit);
      opt(node.value, visit);
      visit(node.x);
      visit(node.body);
      return;
    case "ImportSpec":
      comments(node.doc, visit);
      opt(node.name, visit);
      visit(node.path);
      comments(node.comment, visit);
      return;
    case "ValueSpec":
      comments(node.doc, visit);
      list(node.names, visit);
      opt(node.type, visit);
      list(node.values, visit);
      comments(node.comment, visit);
      return;
    case "TypeSpec":
      comments(node.doc, visit);
      visit(node.name);
      opt(node.typeParams, visit);
      visit(node.type);
      comments(node.comment, visit);
      return;
    case "GenDecl":
      comments(node.doc, visit);
      list(node.specs, visit);
      return;
    case "FuncDecl":
      comments(node.doc, visit);
      opt(node.recv, visit);
      visit(node.name);
      visit(node.type);
      opt(node.body, visit);
      return;
    case "File":
      // Like go/ast, File.comments is not walked: the groups attached as docs are reached
      // through their declarations.
      comments(node.doc, visit);
      visit(node.name);
      list(node.decls, visit);
      return;
  }
}

/**
 * Visits `root` and its descendants in preorder (go/ast.Inspect's order). When `enter` returns
 * false the node's children are skipped. Iterative, so deep trees cannot overflow the stack.
 */
export function inspect(root: Node, enter: (node: Node) => boolean | undefined): void {
  const stack: Node[] = [root];
  const push = (n: Node): void => {
    stack.push(n);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    // Children go straight onto the stack, then that run is reversed so that the first child
    // is popped first: no array per node (an emptied array frees its storage, and refilling it
    // allocated anew for every node visited).
    const base = stack.length;
    forEachChild(node, push);
    reverseFrom(stack, base);
  }
}

/** Reverses `items[from..]` in place. */
export function reverseFrom<T>(items: T[], from: number): void {
  for (let i = from, j = items.length - 1; i < j; i++, j--) {
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}
