// Scopes: name → object maps, nested like go/types' scopes (universe → package → file →
// function → blocks). Positions are byte offsets in the file of the scope; a scope's extent
// and its objects' scopePos let lookups at a position ignore local names declared after it.

import type { Obj } from "./objects.js";

/**
 * Supplies an object declared lazily in a scope (an imported package's declarations loaded on
 * first use). One resolver serves many names, so no closure is made per object.
 */
export interface ObjectResolver {
  resolveObject(scope: Scope, name: string): Obj;
}

class LazyObject {
  constructor(readonly resolver: ObjectResolver) {}
}

/** Receives the scope in which lookupParent found the name. */
export interface LookupResult {
  scope: Scope | null;
}

const noScopes: readonly Scope[] = [];

export class Scope {
  children: readonly Scope[] = noScopes;
  /** This scope is parent.children[number - 1]; 0 without a parent (or for a package scope). */
  number = 0;
  /** Set for the scope of a function's signature and body (go/types' isFunc). */
  isFunc = false;
  private elems: Map<string, Obj | LazyObject> | null = null;

  constructor(
    readonly parent: Scope | null,
    /** Extent of the scope: byte offsets [pos, end) in its file; -1 when it has none. */
    public pos: number,
    public end: number,
    /** For debugging only. */
    readonly comment: string,
  ) {
    // Package scopes are not children of the universe: it outlives them all.
    if (parent !== null && parent !== Universe) {
      if (parent.children === noScopes) parent.children = [];
      (parent.children as Scope[]).push(this);
      this.number = parent.children.length;
    }
  }

  /** Number of names declared in the scope. */
  len(): number {
    return this.elems === null ? 0 : this.elems.size;
  }

  /** The declared names, sorted. */
  names(): string[] {
    if (this.elems === null) return [];
    return [...this.elems.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The object named name in this scope (not its parents), or null. */
  lookup(name: string): Obj | null {
    if (this.elems === null) return null;
    const e = this.elems.get(name);
    if (e === undefined) return null;
    if (e instanceof LazyObject) return this.resolveLazy(name, e);
    return e;
  }

  private resolveLazy(name: string, e: LazyObject): Obj {
    const obj = e.resolver.resolveObject(this, name);
    if (obj.parent === null) obj.parent = this;
    this.elems!.set(name, obj);
    return obj;
  }

  /**
   * Looks name up in this scope and its parents. With pos ≥ 0, an object is found only if
   * it is visible at pos (its scopePos ≤ pos), like go/types' LookupParent; pos -1 ignores
   * positions. The scope where the name was found is stored in `out` if given.
   */
  lookupParent(name: string, pos: number, out?: LookupResult): Obj | null {
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      const obj = s.lookup(name);
      if (obj !== null && (pos < 0 || obj.scopePos <= pos)) {
        if (out !== undefined) out.scope = s;
        return obj;
      }
    }
    if (out !== undefined) out.scope = null;
    return null;
  }

  /**
   * Inserts obj unless the scope already has an object of that name, which is then returned
   * (and obj is not inserted). Sets obj's parent to this scope if it has none.
   */
  insert(obj: Obj): Obj | null {
    const alt = this.lookup(obj.name);
    if (alt !== null) return alt;
    if (this.elems === null) this.elems = new Map();
    this.elems.set(obj.name, obj);
    if (obj.parent === null) obj.parent = this;
    return null;
  }

  /** Declares name lazily: the resolver makes its object on first lookup. False if taken. */
  insertLazy(name: string, resolver: ObjectResolver): boolean {
    if (this.elems === null) this.elems = new Map();
    else if (this.elems.has(name)) return false;
    this.elems.set(name, new LazyObject(resolver));
    return true;
  }

  /**
   * Moves this scope's objects and children into its parent and removes it (go/types'
   * squash, used to merge a function's parameter scope into its body scope). For a name
   * the parent already declares, onConflict(obj, alt) is called and obj is dropped.
   */
  squash(onConflict: (obj: Obj, alt: Obj) => void): void {
    const p = this.parent!;
    if (this.elems !== null) {
      for (const name of this.elems.keys()) {
        const obj = this.lookup(name)!;
        obj.parent = null;
        const alt = p.insert(obj);
        if (alt !== null) onConflict(obj, alt);
      }
    }
    const siblings = p.children.filter((c) => c !== this);
    for (const c of this.children) siblings.push(c);
    p.children = siblings.length === 0 ? noScopes : siblings;
    this.children = noScopes;
    this.elems = null;
  }

  /** Whether pos is within the scope's extent. */
  contains(pos: number): boolean {
    return this.pos <= pos && pos < this.end;
  }

  /**
   * The innermost scope containing pos, starting from this scope, or null if pos is outside
   * it. Positions are offsets in one file: start from a file scope or below.
   */
  innermost(pos: number): Scope | null {
    if (!this.contains(pos)) return null;
    let s: Scope = this;
    descend: for (;;) {
      for (const c of s.children) {
        if (c.contains(pos)) {
          s = c;
          continue descend;
        }
      }
      return s;
    }
  }
}

/** The universe scope: predeclared objects (filled by universe.ts). */
export const Universe = new Scope(null, -1, -1, "universe");
