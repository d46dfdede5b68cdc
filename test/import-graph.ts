/**
 * The import graph of the project's sources, read in-process with the
 * TypeScript compiler's pre-processor (no type checking, no dependencies):
 * files, the folders they sit in, and the cycles of each graph.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** From each file (relative to the root, '/'-separated) to the files it imports, sorted. */
export type Graph = ReadonlyMap<string, readonly string[]>;

/** The `.ts` files below each of `roots` (folders or single files), relative to `root`, sorted; `.d.ts` and `skip` folders left out. */
export function sourceFiles(root: string, roots: readonly string[], skip: readonly string[] = []): string[] {
  const files: string[] = [];
  const walk = (rel: string): void => {
    if (skip.includes(rel)) {
      return;
    }
    const stat = fs.statSync(path.join(root, rel));
    if (stat.isDirectory()) {
      fs.readdirSync(path.join(root, rel)).forEach(name => walk(`${rel}/${name}`));
    } else if (rel.endsWith('.ts') && !rel.endsWith('.d.ts')) {
      files.push(rel);
    }
  };
  roots.forEach(walk);
  return files.sort();
}

/**
 * Every relative import, re-export, `import type`, `require()` and `import()` of
 * each file, resolved to a file of `files` (`./x` is `x.ts` or `x/index.ts`);
 * package imports and files outside `files` are left out.
 */
export function fileGraph(root: string, files: readonly string[]): Graph {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(path.join(root, file), 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) {
        continue;
      }
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName));
      const target = [`${base}.ts`, `${base}/index.ts`, base].find(f => known.has(f));
      if (target !== undefined && target !== file) {
        targets.add(target);
      }
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Folder A imports folder B when a file directly in A imports a file directly in B (A and B differ). */
export function folderGraph(files: Graph): Graph {
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = path.posix.dirname(file);
    const edges = folders.get(from) ?? new Set<string>();
    folders.set(from, edges);
    for (const target of targets) {
      const to = path.posix.dirname(target);
      if (to !== from) {
        edges.add(to);
      }
    }
  }
  return new Map([...folders].map(([f, e]) => [f, [...e].sort()]));
}

/** The file imports that make one folder import another, `a/x.ts -> b/y.ts`. */
export function folderEdgeWitnesses(files: Graph, from: string, to: string): string[] {
  return [...files].flatMap(([file, targets]) => (path.posix.dirname(file) !== from ? []
    : targets.filter(t => path.posix.dirname(t) === to).map(t => `${file} -> ${t}`)));
}

/**
 * The cycles of the graph, each as a path `a -> b -> ... -> a`: for every node
 * of a strongly connected component of more than one node, the shortest cycle
 * through it, written from its least node (a cycle found from several of its
 * nodes is listed once). An empty list means the graph has no cycle
 * (self-imports are not edges).
 */
export function cycles(graph: Graph): string[][] {
  const found = new Map<string, string[]>();
  for (const component of components(graph).filter(c => c.length > 1)) {
    for (const node of component) {
      const ring = canonical(shortestCycle(graph, component, node));
      found.set(ring.join(' -> '), [...ring, ring[0]]);
    }
  }
  return [...found.values()];
}

/** The nodes of a cycle `a -> ... -> a` from its least node, the same whichever node it was found from. */
function canonical(cycle: readonly string[]): string[] {
  const ring = cycle.slice(1);
  const first = ring.indexOf([...ring].sort()[0]);
  return [...ring.slice(first), ...ring.slice(0, first)];
}

/** Tarjan's strongly connected components, each sorted, in the order of their first node. */
function components(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      found.push(component.sort());
    }
  };
  [...graph.keys()].sort().forEach(node => index.has(node) || connect(node));
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/** A shortest path from `start` back to it, staying inside its component. */
function shortestCycle(graph: Graph, component: readonly string[], start: string): string[] {
  const inside = new Set(component);
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const to of graph.get(node) ?? []) {
      if (to === start) {
        const path = [node];
        while (path[0] !== start) {
          path.unshift(parent.get(path[0])!);
        }
        return [...path, start];
      }
      if (inside.has(to) && !parent.has(to)) {
        parent.set(to, node);
        queue.push(to);
      }
    }
  }
  throw new Error(`no cycle through ${start} in its component ${component.join(', ')}`);
}
