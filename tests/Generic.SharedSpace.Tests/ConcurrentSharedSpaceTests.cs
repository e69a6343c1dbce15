using System.Collections.Concurrent;
using Generic.Iommu;
using Migration.Equivalence;
using Migration.Kernel;

namespace Generic.SharedSpace.Tests;

/// <summary>Several threads mapping and unmapping buffers through one space while the MSM domain leaves and rejoins: the space's mutex keeps every IOMMU whole.</summary>
public class ConcurrentSharedSpaceTests
{
    private const int Threads = 4;
    private const int Rounds = 400;

    [Fact]
    public async Task BuffersFromSeveralThreads_AndAnMsmThatLeavesAndRejoins_EndWithBothFormatsAgreeing()
    {
        var rig = new SharedSpaceRig(new SharedAddressSpace(0x80000000, 0x10000000));
        Assert.Equal(0, rig.Space.Attach(rig.Omap, SharedSpaceRig.OmapProt));
        Assert.Equal(0, rig.Space.Attach(rig.MsmDomain, SharedSpaceRig.MsmProt));
        // Pages allocated up front: the page allocator is not what this test exercises.
        uint[][] pages = Enumerable.Range(0, Threads).Select(_ => Enumerable.Range(0, 16).Select(_ => rig.Buffer(0)).ToArray()).ToArray();
        var errors = new ConcurrentQueue<string>();
        using var start = new ManualResetEventSlim(false);

        var workers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            start.Wait();
            for (int round = 0; round < Rounds; round++)
            {
                int n = 1 + ((round * 7 + t) % 16);
                var sg = new Scatterlist[n];
                for (int i = 0; i < n; i++)
                    sg[i].SetPage(pages[t][i], 0x1000, 0);
                uint da = rig.Space.MapSg(SgTable.FromEntries(sg), 3);
                if (ErrValue.IsErrValue(da))
                    errors.Enqueue($"thread {t} round {round}: MapSg = {(int)da}");
                else if (round < Rounds - 1 && rig.Space.UnmapSg(da) != 0)
                    errors.Enqueue($"thread {t} round {round}: UnmapSg(0x{da:x8}) failed");
            }
        })).ToList();
        Task mappers = Task.WhenAll(workers);
        // The MSM domain leaves and rejoins for as long as the mappers run: every replay races their maps and unmaps.
        Task toggler = Task.Run(() =>
        {
            start.Wait();
            for (int k = 0; !mappers.IsCompleted; k++)
            {
                rig.Space.Detach(rig.MsmDomain);
                int ret = rig.Space.Attach(rig.MsmDomain, SharedSpaceRig.MsmProt);
                if (ret != 0)
                    errors.Enqueue($"re-attach {k} = {ret}");
            }
        });
        start.Set();
        await Task.WhenAll(mappers, toggler).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(errors);
        Assert.Equal(Threads, rig.Space.Buffers.Count); // each thread's last buffer
        List<TranslationRun> omap = rig.OmapRuns();
        Assert.Equal((ulong)rig.Space.Mappings.Sum(m => (long)m.Size), TranslationMap.MappedBytes(omap));
        Assert.Null(TranslationMap.FirstDifference(omap, rig.MsmRuns()));
    }
}
