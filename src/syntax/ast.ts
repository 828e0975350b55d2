// The Go syntax tree. Node kinds and fields follow go/ast (lower-camel-cased), so that code
// written against go/ast reads the same here and the tree compares one-to-one with go/parser's.
//
// Every node has `pos` and `end`: byte offsets into the file's source, with the meaning of
// go/ast's Pos() and End() (end is exclusive). A position that go/ast leaves invalid
// (token.NoPos) is -1.

export type Node = Expr | Stmt | Decl | Spec | Field | FieldList | Comment | CommentGroup | File;

interface Base {
  pos: number;
  end: number;
}

// ---- comments ----

export interface Comment extends Base {
  kind: "Comment";
  /** Comment text including the `//` or `/*` markers. */
  text: string;
}

export interface CommentGroup extends Base {
  kind: "CommentGroup";
  list: Comment[];
}

// ---- fields ----

export interface Field extends Base {
  kind: "Field";
  doc: CommentGroup | null;
  names: Ident[];
  /** Null only in a broken tree. */
  type: Expr;
  tag: BasicLit | null;
  comment: CommentGroup | null;
}

export interface FieldList extends Base {
  kind: "FieldList";
  /** Position of `(`, `[` or `{`, or -1. */
  opening: number;
  list: Field[];
  /** Position of `)`, `]` or `}`, or -1. */
  closing: number;
}

// ---- expressions ----

/**
 * Every expression has a slot for what the type checker records about it (its type and value;
 * for an identifier, also the object it declares or uses), opaque to the syntax: see
 * semantic/check/info.ts. The parser creates every expression with its slots present and
 * undefined, so that recording never changes a node's shape, and a package's records cost a
 * field each instead of a map entry.
 */
interface ExprBase extends Base {
  tv: unknown;
}

export type Expr =
  | BadExpr
  | Ident
  | Ellipsis
  | BasicLit
  | FuncLit
  | CompositeLit
  | ParenExpr
  | SelectorExpr
  | IndexExpr
  | IndexListExpr
  | SliceExpr
  | TypeAssertExpr
  | CallExpr
  | StarExpr
  | UnaryExpr
  | BinaryExpr
  | KeyValueExpr
  | ArrayType
  | StructType
  | FuncType
  | InterfaceType
  | MapType
  | ChanType;

export interface BadExpr extends ExprBase {
  kind: "BadExpr";
}

export interface Ident extends ExprBase {
  kind: "Ident";
  /** The checker's slots for the object the identifier declares, and the one it uses. */
  def: unknown;
  use: unknown;
  name: string;
}

export interface Ellipsis extends ExprBase {
  kind: "Ellipsis";
  /** Element type of a variadic parameter, or null in `[...]T`. */
  elt: Expr | null;
}

export type LitKind = "INT" | "FLOAT" | "IMAG" | "CHAR" | "STRING";

export interface BasicLit extends ExprBase {
  kind: "BasicLit";
  litKind: LitKind;
  /** Source text of the literal, quotes included. */
  value: string;
}

export interface FuncLit extends ExprBase {
  kind: "FuncLit";
  type: FuncType;
  body: BlockStmt;
}

export interface CompositeLit extends ExprBase {
  kind: "CompositeLit";
  type: Expr | null;
  lbrace: number;
  elts: Expr[];
  rbrace: number;
  incomplete: boolean;
}

export interface ParenExpr extends ExprBase {
  kind: "ParenExpr";
  x: Expr;
}

export interface SelectorExpr extends ExprBase {
  kind: "SelectorExpr";
  x: Expr;
  sel: Ident;
}

export interface IndexExpr extends ExprBase {
  kind: "IndexExpr";
  x: Expr;
  lbrack: number;
  index: Expr;
  rbrack: number;
}

export interface IndexListExpr extends ExprBase {
  kind: "IndexListExpr";
  x: Expr;
  lbrack: number;
  indices: Expr[];
  rbrack: number;
}

export interface SliceExpr extends ExprBase {
  kind: "SliceExpr";
  x: Expr;
  low: Expr | null;
  high: Expr | null;
  max: Expr | null;
  slice3: boolean;
}

export interface TypeAssertExpr extends ExprBase {
  kind: "TypeAssertExpr";
  x: Expr;
  /** Null for `x.(type)` in a type switch. */
  type: Expr | null;
}

export interface CallExpr extends ExprBase {
  kind: "CallExpr";
  fun: Expr;
  lparen: number;
  args: Expr[];
  /** Position of `...` after the last argument, or -1. */
  ellipsis: number;
  rparen: number;
}

export interface StarExpr extends ExprBase {
  kind: "StarExpr";
  x: Expr;
}

export type UnaryOp = "+" | "-" | "!" | "^" | "*" | "&" | "<-" | "~";

export interface UnaryExpr extends ExprBase {
  kind: "UnaryExpr";
  op: UnaryOp;
  x: Expr;
}

export type BinaryOp =
  | "||"
  | "&&"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "+"
  | "-"
  | "|"
  | "^"
  | "*"
  | "/"
  | "%"
  | "<<"
  | ">>"
  | "&"
  | "&^";

export interface BinaryExpr extends ExprBase {
  kind: "BinaryExpr";
  x: Expr;
  opPos: number;
  op: BinaryOp;
  y: Expr;
}

export interface KeyValueExpr extends ExprBase {
  kind: "KeyValueExpr";
  key: Expr;
  value: Expr;
}

export interface ArrayType extends ExprBase {
  kind: "ArrayType";
  /** Null for a slice type; an Ellipsis for `[...]T`. */
  len: Expr | null;
  elt: Expr;
}

export interface StructType extends ExprBase {
  kind: "StructType";
  fields: FieldList;
}

export interface FuncType extends ExprBase {
  kind: "FuncType";
  /** Position of the `func` keyword, or -1 (interface methods). */
  func: number;
  typeParams: FieldList | null;
  params: FieldList;
  results: FieldList | null;
}

export interface InterfaceType extends ExprBase {
  kind: "InterfaceType";
  methods: FieldList;
}

export interface MapType extends ExprBase {
  kind: "MapType";
  key: Expr;
  value: Expr;
}

export type ChanDir = "both" | "send" | "recv";

export interface ChanType extends ExprBase {
  kind: "ChanType";
  /** Position of `<-` (in `<-chan T` or `chan<- T`), or -1. */
  arrow: number;
  dir: ChanDir;
  value: Expr;
}

// ---- statements ----

export type Stmt =
  | BadStmt
  | DeclStmt
  | EmptyStmt
  | LabeledStmt
  | ExprStmt
  | SendStmt
  | IncDecStmt
  | AssignStmt
  | GoStmt
  | DeferStmt
  | ReturnStmt
  | BranchStmt
  | BlockStmt
  | IfStmt
  | CaseClause
  | SwitchStmt
  | TypeSwitchStmt
  | CommClause
  | SelectStmt
  | ForStmt
  | RangeStmt;

export interface BadStmt extends Base {
  kind: "BadStmt";
}

export interface DeclStmt extends Base {
  kind: "DeclStmt";
  decl: GenDecl;
}

export interface EmptyStmt extends Base {
  kind: "EmptyStmt";
  /** True when the semicolon was implied by a newline or a closing brace. */
  implicit: boolean;
}

export interface LabeledStmt extends Base {
  kind: "LabeledStmt";
  label: Ident;
  stmt: Stmt;
}

export interface ExprStmt extends Base {
  kind: "ExprStmt";
  x: Expr;
}

export interface SendStmt extends Base {
  kind: "SendStmt";
  chan: Expr;
  arrow: number;
  value: Expr;
}

export interface IncDecStmt extends Base {
  kind: "IncDecStmt";
  x: Expr;
  tok: "++" | "--";
}

export type AssignOp =
  | "="
  | ":="
  | "+="
  | "-="
  | "*="
  | "/="
  | "%="
  | "&="
  | "|="
  | "^="
  | "<<="
  | ">>="
  | "&^=";

export interface AssignStmt extends Base {
  kind: "AssignStmt";
  lhs: Expr[];
  tokPos: number;
  tok: AssignOp;
  rhs: Expr[];
}

export interface GoStmt extends Base {
  kind: "GoStmt";
  call: CallExpr;
}

export interface DeferStmt extends Base {
  kind: "DeferStmt";
  call: CallExpr;
}

export interface ReturnStmt extends Base {
  kind: "ReturnStmt";
  results: Expr[];
}

export interface BranchStmt extends Base {
  kind: "BranchStmt";
  tok: "break" | "continue" | "goto" | "fallthrough";
  label: Ident | null;
}

export interface BlockStmt extends Base {
  kind: "BlockStmt";
  lbrace: number;
  list: Stmt[];
  rbrace: number;
}

export interface IfStmt extends Base {
  kind: "IfStmt";
  init: Stmt | null;
  cond: Expr;
  body: BlockStmt;
  else: Stmt | null;
}

export interface CaseClause extends Base {
  kind: "CaseClause";
  /** Null for `default`. */
  list: Expr[] | null;
  colon: number;
  body: Stmt[];
}

export interface SwitchStmt extends Base {
  kind: "SwitchStmt";
  init: Stmt | null;
  tag: Expr | null;
  body: BlockStmt;
}

export interface TypeSwitchStmt extends Base {
  kind: "TypeSwitchStmt";
  init: Stmt | null;
  /** `x := y.(type)` (an AssignStmt) or `y.(type)` (an ExprStmt). */
  assign: Stmt;
  body: BlockStmt;
}

export interface CommClause extends Base {
  kind: "CommClause";
  /** Send or receive statement; null for `default`. */
  comm: Stmt | null;
  colon: number;
  body: Stmt[];
}

export interface SelectStmt extends Base {
  kind: "SelectStmt";
  body: BlockStmt;
}

export interface ForStmt extends Base {
  kind: "ForStmt";
  init: Stmt | null;
  cond: Expr | null;
  post: Stmt | null;
  body: BlockStmt;
}

export interface RangeStmt extends Base {
  kind: "RangeStmt";
  key: Expr | null;
  value: Expr | null;
  /** "" when there is no key (`for range x`). */
  tok: "" | "=" | ":=";
  tokPos: number;
  x: Expr;
  body: BlockStmt;
}

// ---- declarations ----

export type Spec = ImportSpec | ValueSpec | TypeSpec;

export interface ImportSpec extends Base {
  kind: "ImportSpec";
  doc: CommentGroup | null;
  /** Local name (`.`, `_` or an identifier), or null. */
  name: Ident | null;
  path: BasicLit;
  comment: CommentGroup | null;
}

export interface ValueSpec extends Base {
  kind: "ValueSpec";
  doc: CommentGroup | null;
  names: Ident[];
  type: Expr | null;
  values: Expr[];
  comment: CommentGroup | null;
}

export interface TypeSpec extends Base {
  kind: "TypeSpec";
  doc: CommentGroup | null;
  name: Ident;
  typeParams: FieldList | null;
  /** Position of `=` of an alias declaration, or -1. */
  assign: number;
  type: Expr;
  comment: CommentGroup | null;
}

export type Decl = BadDecl | GenDecl | FuncDecl;

export interface BadDecl extends Base {
  kind: "BadDecl";
}

export interface GenDecl extends Base {
  kind: "GenDecl";
  doc: CommentGroup | null;
  tok: "import" | "const" | "type" | "var";
  lparen: number;
  specs: Spec[];
  rparen: number;
}

export interface FuncDecl extends Base {
  kind: "FuncDecl";
  doc: CommentGroup | null;
  recv: FieldList | null;
  name: Ident;
  type: FuncType;
  /** Null for a function declared without a body (implemented elsewhere). */
  body: BlockStmt | null;
}

export interface File extends Base {
  kind: "File";
  doc: CommentGroup | null;
  /** Position of the `package` keyword. */
  package: number;
  name: Ident;
  decls: Decl[];
  imports: ImportSpec[];
  /** Every comment group of the file, in source order. */
  comments: CommentGroup[];
}

export type NodeKind = Node["kind"];
export type NodeOfKind<K extends NodeKind> = Extract<Node, { kind: K }>;
