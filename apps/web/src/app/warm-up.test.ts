import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenQuiet } from './warm-up';

describe('warm-up once the screen is shown', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const slowQuery = (client: QueryClient, key: string, ms: number) =>
    void client.prefetchQuery({ queryKey: [key], queryFn: () => new Promise((resolve) => setTimeout(() => resolve(key), ms)) });

  it('waits for the fetches under way, then runs once', async () => {
    const client = new QueryClient();
    const run = vi.fn();
    slowQuery(client, 'list', 300);
    whenQuiet(client, run, 5_000);
    await vi.advanceTimersByTimeAsync(250);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);
    expect(run).toHaveBeenCalledTimes(1);
    slowQuery(client, 'other', 10);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs by the deadline when the agent keeps the network busy', async () => {
    const client = new QueryClient();
    const run = vi.fn();
    slowQuery(client, 'a', 10_000);
    whenQuiet(client, run, 800);
    await vi.advanceTimersByTimeAsync(700);
    slowQuery(client, 'b', 10_000);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled (signed out, unmounted)', async () => {
    const client = new QueryClient();
    const run = vi.fn();
    const cancel = whenQuiet(client, run, 800);
    cancel();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).not.toHaveBeenCalled();
  });
});
