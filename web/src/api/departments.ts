import { useQuery } from '@tanstack/react-query';
import type { Department } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';

export function useDepartments() {
  return useQuery({ queryKey: keys.departments, queryFn: () => client.departments.list().then((r) => r.items) });
}

export interface DepartmentNode {
  dept: Department;
  depth: number;
  path: string;
  children: DepartmentNode[];
}

const byName = (a: Department, b: Department) => a.name.localeCompare(b.name);

/** The flat list as a tree, sorted by name; a department whose parent is missing goes to the top level. */
export function buildTree(items: Department[]): DepartmentNode[] {
  const ids = new Set(items.map((d) => d.id));
  const kids = new Map<string | null, Department[]>();
  for (const d of items) {
    const parent = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    kids.set(parent, [...(kids.get(parent) ?? []), d]);
  }
  const seen = new Set<string>();
  const grow = (parent: string | null, depth: number, prefix: string): DepartmentNode[] =>
    (kids.get(parent) ?? [])
      .filter((d) => !seen.has(d.id) && seen.add(d.id))
      .sort(byName)
      .map((d) => {
        const path = prefix ? `${prefix} / ${d.name}` : d.name;
        return { dept: d, depth, path, children: grow(d.id, depth + 1, path) };
      });
  return grow(null, 0, '');
}

/** Depth-first order, as the tree is shown. */
export function flatten(nodes: DepartmentNode[]): DepartmentNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** The department and everything under it (it cannot be moved into any of these). */
export function subtreeIds(node: DepartmentNode): Set<string> {
  return new Set(flatten([node]).map((n) => n.dept.id));
}
