using System.Collections.Concurrent;

namespace Generic.Iommu.Testing;

/// <summary>
/// Concurrent iommu_map / iommu_unmap of disjoint ranges on one domain, from several threads and then one thread
/// after another: a driver whose lock serialises the table work correctly ends both ways with the same tables.
/// Bounded: a fixed number of rounds plus a cancellation guard; no durations are measured.
/// </summary>
public static class ConcurrentMapWorkload
{
    /// <summary>Worker threads.</summary>
    public const int Threads = 4;

    /// <summary>Map-all / unmap-all rounds per thread.</summary>
    public const int Rounds = 200;

    /// <summary>Runs every thread's rounds on <paramref name="domain"/> at once; the errors (failed calls, a cancelled or crashed worker).</summary>
    public static async Task<IReadOnlyCollection<string>> RunConcurrently(IommuDomain domain)
    {
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
                    Run(domain, thread, guard.Token, errors);
                }
                catch (Exception ex)
                {
                    errors.Enqueue($"thread {thread}: {ex}");
                }
            });
        }
        start.Set();
        // A worker that hangs fails the run through the timeout instead of blocking it.
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return errors;
    }

    /// <summary>Runs the same rounds thread after thread on <paramref name="domain"/>; the errors.</summary>
    public static IReadOnlyCollection<string> RunSequentially(IommuDomain domain)
    {
        var errors = new ConcurrentQueue<string>();
        for (int t = 0; t < Threads; t++)
            Run(domain, t, CancellationToken.None, errors);
        return errors;
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
}
