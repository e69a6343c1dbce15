using System.Collections.Concurrent;
using Generic.Iommu;
using Migration.Drivers.Omap;
using Migration.Hardware.Memory;

namespace Generic.Omap.Tests;

/// <summary>
/// Concurrent iommu_map / iommu_unmap of disjoint ranges on one domain, serialised by the IOMMU's
/// page_table_lock (omap.md §4.8, dropped around the L2 allocation with the §3.5 race handling), ends with
/// the same tables as the same operations run one thread after another. Bounded: a fixed number of rounds
/// plus a cancellation guard; no durations are asserted.
/// </summary>
public class ConcurrentMapTests
{
    private const int Threads = 4;
    private const int Rounds = 200;

    [Fact]
    public async Task DisjointRangesFromSeveralThreads_GiveTheSequentialTables()
    {
        var concurrent = new GenericOmapRig();
        var sequential = new GenericOmapRig();
        var errors = new ConcurrentQueue<string>();

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var start = new ManualResetEventSlim(false);
        var tasks = new Task[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int thread = t;
            tasks[t] = Task.Run(() =>
            {
                try
                {
                    start.Wait(guard.Token);
                    Run(concurrent.Domain, thread, guard.Token, errors);
                }
                catch (Exception ex)
                {
                    errors.Enqueue($"thread {thread}: {ex}");
                }
            });
        }
        start.Set();
        // Task.WaitAll with a timeout, awaited (xUnit1031): a TimeoutException fails the test if a worker hangs.
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(errors);

        for (int t = 0; t < Threads; t++)
            Run(sequential.Domain, t, CancellationToken.None, errors);
        Assert.Empty(errors);

        List<(uint L1, int L2, uint Value)> expected = Dump(sequential.Soc.Memory, sequential.OmapDomain.Pgtable);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Dump(concurrent.Soc.Memory, concurrent.OmapDomain.Pgtable));
        // A table allocated by the loser of an L2 race is freed again: no table leaked.
        Assert.Equal(sequential.Isp.Instance.L2Cache.LiveObjects, concurrent.Isp.Instance.L2Cache.LiveObjects);
        Assert.Equal(0, concurrent.Isp.Instance.UndefinedWrites);
    }

    // Each thread's disjoint slots: a 64K page and 4K pages in its quarter of a shared 1M region, 4K pages in a
    // second shared region interleaved with the other threads' (neighbouring PTEs of one table), a 64K page in
    // a third, and its own 1M section.
    private static (uint Iova, uint Size)[] Slots(int thread)
    {
        uint t = (uint)thread;
        uint quarter = 0x40000000 + (t << 18);
        var slots = new List<(uint, uint)>
        {
            (quarter, 0x10000),
            (quarter + 0x10000, 0x1000),
            (quarter + 0x11000, 0x1000),
            (0x41000000 + (t << 20), 0x100000),
            (quarter + 0x20000, 0x1000),
            (0x43000000 + (t << 16), 0x10000),
        };
        for (uint k = 0; k < 8; k++)
            slots.Add((0x42000000 + ((k * Threads + t) << 12), 0x1000)); // interleaved with the other threads' pages
        return slots.ToArray();
    }

    // Every round maps all slots and unmaps them again; the last round keeps the odd-numbered slots mapped.
    private static void Run(IommuDomain domain, int thread, CancellationToken token, ConcurrentQueue<string> errors)
    {
        (uint Iova, uint Size)[] slots = Slots(thread);
        for (int round = 0; round < Rounds; round++)
        {
            if (token.IsCancellationRequested)
            {
                errors.Enqueue($"thread {thread}: cancelled by the guard in round {round}");
                return;
            }
            bool last = round == Rounds - 1;
            foreach ((uint iova, uint size) in slots)
            {
                int ret = IommuApi.Map(domain, iova, iova + 0x10000000, size, 0);
                if (ret != 0)
                    errors.Enqueue($"thread {thread} round {round}: map 0x{iova:x8}+0x{size:x} = {ret}");
            }
            for (int i = 0; i < slots.Length; i++)
            {
                if (last && (i & 1) != 0)
                    continue;
                uint got = IommuApi.Unmap(domain, slots[i].Iova, slots[i].Size);
                if (got != slots[i].Size)
                    errors.Enqueue($"thread {thread} round {round}: unmap 0x{slots[i].Iova:x8}+0x{slots[i].Size:x} = 0x{got:x}");
            }
        }
    }

    // Non-zero L1 entries (L2 = -1; table pointers reduced to their non-address bits) and, under each
    // table, its non-zero L2 words.
    private static List<(uint L1, int L2, uint Value)> Dump(PhysicalMemory memory, uint iopgd)
    {
        var result = new List<(uint, int, uint)>();
        for (uint i = 0; i < IopgtableFormat.PTRS_PER_IOPGD; i++)
        {
            uint pgd = memory.ReadWord(iopgd + (i << 2));
            if (pgd == 0)
                continue;
            if (!IopgtableFormat.IopgdIsTable(pgd))
            {
                result.Add((i, -1, pgd));
                continue;
            }
            result.Add((i, -1, pgd & 0x3FF));
            uint table = IopgtableFormat.IopgdPagePaddr(pgd);
            for (uint j = 0; j < IopgtableFormat.PTRS_PER_IOPTE; j++)
            {
                uint pte = memory.ReadWord(table + (j << 2));
                if (pte != 0)
                    result.Add((i, (int)j, pte));
            }
        }
        return result;
    }
}
