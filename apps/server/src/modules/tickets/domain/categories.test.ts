import { describe, expect, it } from 'vitest';
import { depthUnder, planCategoryMove, type CategoryNode } from './categories.ts';

// 1 > 2 > 3 (three levels), 4 > 5, 6
const tree: CategoryNode[] = [
  { id: '1', parent_id: null, depth: 1 },
  { id: '2', parent_id: '1', depth: 2 },
  { id: '3', parent_id: '2', depth: 3 },
  { id: '4', parent_id: null, depth: 1 },
  { id: '5', parent_id: '4', depth: 2 },
  { id: '6', parent_id: null, depth: 1 },
];

describe('depthUnder', () => {
  it.each([
    [null, { ok: true, depth: 1 }],
    [tree[0]!, { ok: true, depth: 2 }],
    [tree[1]!, { ok: true, depth: 3 }],
    [tree[2]!, { ok: false }],
  ] as Array<[CategoryNode | null, object]>)('under %j', (parent, expected) => {
    expect(depthUnder(parent)).toMatchObject(expected);
  });
});

describe('planCategoryMove', () => {
  it.each([
    ['a leaf to the root', '3', null, { '3': 1 }],
    ['a subtree to the root', '2', null, { '2': 1, '3': 2 }],
    ['a root with a child under another root', '4', '6', { '4': 2, '5': 3 }],
    ['a leaf under a level-2 node', '6', '5', { '6': 3 }],
  ] as Array<[string, string, string | null, Record<string, number>]>)('moves %s', (_name, id, parent, depths) => {
    const plan = planCategoryMove(tree, id, parent);
    expect(plan.ok && Object.fromEntries(plan.depths)).toEqual(depths);
  });

  it.each([
    ['under itself', '1', '1'],
    ['under its own descendant', '1', '3'],
    ['to a fourth level', '4', '2'],
    ['under a missing parent', '6', '99'],
    ['a missing category', '99', null],
  ] as Array<[string, string, string | null]>)('refuses moving %s', (_name, id, parent) => {
    expect(planCategoryMove(tree, id, parent).ok).toBe(false);
  });
});
