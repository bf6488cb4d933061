/**
 * The category tree has at most three levels (depth 1 to 3). A category is created under a
 * parent one level deeper; it may be moved elsewhere when neither a cycle nor a fourth level
 * results (its whole subtree moves with it).
 */
export const CATEGORY_MAX_DEPTH = 3;

export interface CategoryNode {
  id: string;
  parent_id: string | null;
  depth: number;
}

export type DepthResult = { ok: true; depth: number } | { ok: false; message: string };

export function depthUnder(parent: CategoryNode | null): DepthResult {
  const depth = parent ? parent.depth + 1 : 1;
  if (depth > CATEGORY_MAX_DEPTH) return { ok: false, message: `categories nest at most ${CATEGORY_MAX_DEPTH} levels deep` };
  return { ok: true, depth };
}

/** The new depth of every node of the moved subtree, or why the move is refused. */
export function planCategoryMove(
  nodes: readonly CategoryNode[],
  id: string,
  newParentId: string | null,
): { ok: true; depths: Map<string, number> } | { ok: false; message: string } {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const node = byId.get(id);
  if (!node) return { ok: false, message: 'no such category' };
  const parent = newParentId === null ? null : byId.get(newParentId);
  if (newParentId !== null && !parent) return { ok: false, message: 'the parent category does not exist' };
  // Refuse moving a category under itself or one of its descendants.
  for (let cursor = parent; cursor; cursor = cursor.parent_id ? byId.get(cursor.parent_id) : undefined) {
    if (cursor.id === id) return { ok: false, message: 'a category cannot be moved under itself' };
  }
  const children = new Map<string, CategoryNode[]>();
  for (const candidate of nodes) {
    if (candidate.parent_id === null) continue;
    children.set(candidate.parent_id, [...(children.get(candidate.parent_id) ?? []), candidate]);
  }
  const depths = new Map<string, number>();
  const base = parent ? parent.depth + 1 : 1;
  const walk = (current: CategoryNode, depth: number) => {
    depths.set(current.id, depth);
    for (const child of children.get(current.id) ?? []) walk(child, depth + 1);
  };
  walk(node, base);
  if (Math.max(...depths.values()) > CATEGORY_MAX_DEPTH) {
    return { ok: false, message: `categories nest at most ${CATEGORY_MAX_DEPTH} levels deep` };
  }
  return { ok: true, depths };
}
