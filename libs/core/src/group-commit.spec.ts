import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes what arrives during a write together, in the next one, and resolves each caller after its own write', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const group = new GroupCommit<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const settled: number[] = [];
    const first = group.add([1]).then(() => settled.push(1));
    const second = group.add([2, 3]).then(() => settled.push(2));
    const third = group.add([4]).then(() => settled.push(3));
    await Promise.resolve();
    expect(writes).toEqual([[1]]);
    expect(settled).toEqual([]);
    release();
    await Promise.all([first, second, third]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
    expect(settled).toEqual([1, 2, 3]);
  });

  it('fails every caller of a failed write, and only them', async () => {
    const group = new GroupCommit<number>(async (items) => {
      if (items.includes(1)) throw new Error('disk full');
    });
    const failed = group.add([1]);
    const waiting = group.add([2]);
    await expect(failed).rejects.toThrow('disk full');
    await expect(waiting).resolves.toBeUndefined();
  });

  it('does not write for nothing', async () => {
    const write = jest.fn(async () => undefined);
    await new GroupCommit<number>(write).add([]);
    expect(write).not.toHaveBeenCalled();
  });
});
