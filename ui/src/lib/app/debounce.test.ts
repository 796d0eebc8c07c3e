import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce';

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls once the calls pause, with the last arguments', () => {
    const seen: string[] = [];
    const d = debounce((q: string) => seen.push(q), 250);
    d.call('营');
    vi.advanceTimersByTime(200);
    d.call('营商');
    vi.advanceTimersByTime(200);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(seen).toEqual(['营商']);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(['营商']);
  });

  it('cancel drops the pending call', () => {
    const seen: string[] = [];
    const d = debounce((q: string) => seen.push(q), 250);
    d.call('营商');
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([]);
  });
});
