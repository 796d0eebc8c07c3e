import { describe, expect, it } from 'vitest';
import { CompareViewModel } from './compareView.svelte';
import { everyKind } from './testing';

describe('CompareViewModel', () => {
  it('steps through changes with next/prev and reports the position', () => {
    const vm = new CompareViewModel();
    vm.load(everyKind());
    expect(vm.changes).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
    expect(vm.next()).toBe(true);
    expect(vm.current).toBe(1);
    expect(vm.changePosition).toBe(1);
    vm.next();
    vm.next();
    expect(vm.current).toBe(3);
    expect(vm.prev()).toBe(true);
    expect(vm.current).toBe(2);
    vm.focus(9);
    expect(vm.next()).toBe(false);
    expect(vm.current).toBe(9);
  });
  it('steps only through the rows the filter shows', () => {
    const vm = new CompareViewModel();
    vm.load(everyKind());
    vm.setFilter('one_sided');
    vm.next();
    vm.next();
    expect(vm.current).toBe(9);
  });
  it('switches to all rows when focusing a row the filter hides (key-diff click)', () => {
    const vm = new CompareViewModel();
    vm.load(everyKind());
    vm.setFilter('key');
    const seq = vm.jumpSeq;
    vm.focus(8);
    expect(vm.filter).toBe('all');
    expect(vm.current).toBe(8);
    expect(vm.jumpSeq).toBe(seq + 1);
  });
  it('moves row by row with the arrow keys, staying in bounds', () => {
    const vm = new CompareViewModel();
    vm.load(everyKind());
    vm.moveRow(-1);
    expect(vm.current).toBe(9);
    vm.moveRow(1);
    expect(vm.current).toBe(9);
    vm.setFilter('changed');
    vm.focus(3);
    vm.moveRow(-1);
    expect(vm.current).toBe(2);
  });
  it('says when n/p ran into the last or first change, until the focus moves again', () => {
    const vm = new CompareViewModel();
    vm.load(everyKind());
    vm.focus(9);
    expect(vm.edge).toBeNull();
    expect(vm.next()).toBe(false);
    expect(vm.edge).toBe('last');
    expect(vm.prev()).toBe(true);
    expect(vm.edge).toBeNull();
    vm.focus(1);
    expect(vm.prev()).toBe(false);
    expect(vm.edge).toBe('first');
    vm.moveRow(1);
    expect(vm.edge).toBeNull();
  });
  it('counts the changes of the whole comparison apart from those the filter shows', () => {
    const vm = new CompareViewModel();
    vm.load(everyKind());
    vm.setFilter('one_sided');
    expect(vm.allChanges).toBe(8);
    expect(vm.changes.length).toBeLessThan(vm.allChanges);
  });
  it('resets focus on a new comparison', () => {
    const vm = new CompareViewModel();
    vm.load(everyKind());
    vm.next();
    vm.load(everyKind());
    expect(vm.current).toBeNull();
  });
});
