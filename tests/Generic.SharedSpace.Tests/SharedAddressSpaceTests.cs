using CsCheck;
using Generic.Iommu;
using Migration.Equivalence;
using Migration.Kernel;

namespace Generic.SharedSpace.Tests;

/// <summary>One address space over an OMAP and an MSM IOMMU: the same translations in both formats, all or nothing.</summary>
public class SharedAddressSpaceTests
{
    [Fact]
    public void OneMap_ProgramsBothIommus_EachInItsOwnFormat_WithTheSameTranslations()
    {
        var rig = new SharedSpaceRig();
        Assert.Equal(0, rig.Space.Attach(rig.Omap, SharedSpaceRig.OmapProt));
        Assert.Equal(0, rig.Space.Attach(rig.MsmDomain, SharedSpaceRig.MsmProt));
        uint pa = rig.Buffer(9); // 2 MiB, 2 MiB-aligned

        Assert.Equal(0, rig.Space.Map(0x10100000, pa, 0x110000, 3)); // 1M + 64K

        List<TranslationRun> omap = rig.OmapRuns();
        Assert.Equal([new TranslationRun(0x10100000, 0x110000, pa, 0)], omap);
        Assert.Equal(omap, rig.MsmRuns());
        Assert.Null(TranslationMap.FirstDifference(omap, rig.MsmRuns()));
        // Each driver chose its own pages from its bitmap: a 1M section then a 64K page, in both formats here.
        Assert.Equal((0x100000u, 0x10000u), rig.OmapPageSizes(0x10100000, 0x10200000));
        Assert.Equal((0x100000u, 0x10000u), rig.MsmPageSizes(0x10100000, 0x10200000));
    }

    [Fact]
    public void AFailureInTheSecondIommu_RollsTheMapBackOnBoth()
    {
        var rig = new SharedSpaceRig();
        rig.Space.Attach(rig.Omap, SharedSpaceRig.OmapProt);
        rig.Space.Attach(rig.MsmDomain, SharedSpaceRig.MsmProt);
        uint pa = rig.Buffer(2);
        rig.MsmTable.SecondLevelFaults.FailAt(1); // the MSM second-level table allocation fails

        Assert.Equal(-Errno.ENOMEM, rig.Space.Map(0x00200000, pa, 0x4000, 3));

        Assert.Empty(rig.OmapRuns()); // the OMAP pages written first were unmapped again
        Assert.Empty(rig.MsmRuns());
        Assert.Empty(rig.Space.Mappings);
    }

    [Fact]
    public void AttachingToAPopulatedSpace_ReplaysEveryMapping()
    {
        var rig = new SharedSpaceRig();
        rig.Space.Attach(rig.Omap, SharedSpaceRig.OmapProt);
        uint a = rig.Buffer(4), b = rig.Buffer(0);
        Assert.Equal(0, rig.Space.Map(0x00010000, a, 0x10000, 3));
        Assert.Equal(0, rig.Space.Map(0x00030000, b, 0x1000, 3));
        Assert.Empty(rig.MsmRuns());

        Assert.Equal(0, rig.Space.Attach(rig.MsmDomain, SharedSpaceRig.MsmProt));

        Assert.Equal(rig.OmapRuns(), rig.MsmRuns());
        Assert.Equal(2, rig.MsmRuns().Count);
        Assert.Equal(-Errno.EBUSY, rig.Space.Attach(rig.MsmDomain));
    }

    [Fact]
    public void ADeviceThatVanishes_LosesNothing_ForTheOthers()
    {
        var rig = new SharedSpaceRig();
        rig.Space.Attach(rig.Omap, SharedSpaceRig.OmapProt);
        rig.Space.Attach(rig.MsmDomain, SharedSpaceRig.MsmProt);
        uint pa = rig.Buffer(4);
        Assert.Equal(0, rig.Space.Map(0x00400000, pa, 0x10000, 3));
        List<TranslationRun> before = rig.OmapRuns();

        rig.Space.Forget(rig.MsmDomain); // the camera crashed mid-stream

        Assert.Equal(before, rig.OmapRuns());
        Assert.Single(rig.Space.Mappings);
        Assert.True(rig.Soc.Pages.IsAllocated(pa)); // the buffer is its owner's until the owner frees it
        Assert.Equal(0, rig.Space.Unmap(0x00400000));
        Assert.Empty(rig.OmapRuns());
        Assert.True(rig.Soc.Pages.IsAllocated(pa));
    }

    [Fact]
    public void Detach_UnmapsOnlyThatIommu_AndOverlapsAreRefused()
    {
        var rig = new SharedSpaceRig();
        rig.Space.Attach(rig.Omap, SharedSpaceRig.OmapProt);
        rig.Space.Attach(rig.MsmDomain, SharedSpaceRig.MsmProt);
        uint pa = rig.Buffer(1);
        Assert.Equal(0, rig.Space.Map(0x00500000, pa, 0x2000, 3));
        Assert.Equal(-Errno.EEXIST, rig.Space.Map(0x00501000, pa, 0x1000, 3)); // inside it
        Assert.Equal(-Errno.EEXIST, rig.Space.Map(0x004FF000, pa, 0x2000, 3)); // running into it from below
        Assert.Equal(0, rig.Space.Map(0x004FF000, pa, 0x1000, 3));             // right below it
        Assert.Equal(0, rig.Space.Unmap(0x004FF000));

        rig.Space.Detach(rig.MsmDomain);

        Assert.Empty(rig.MsmRuns());
        Assert.Equal([new TranslationRun(0x00500000, 0x2000, pa, 0)], rig.OmapRuns());
        Assert.Equal(-Errno.ENOENT, rig.Space.Unmap(0x00600000));
    }

    [Fact]
    public void RandomTraces_TranslateIdenticallyAcrossFormats()
    {
        // Random maps and unmaps of 4K..2M at 4K..1M-aligned addresses: after every step both IOMMUs agree.
        Gen.Select(Gen.Int[0, 3], Gen.Int[1, 512], Gen.Bool).Array[1, 12].Sample(trace =>
        {
            var rig = new SharedSpaceRig();
            rig.Space.Attach(rig.Omap, SharedSpaceRig.OmapProt);
            rig.Space.Attach(rig.MsmDomain, SharedSpaceRig.MsmProt);
            uint next = 0x01000000;
            var live = new List<uint>();
            foreach ((int alignShift, int pages, bool unmapOne) in trace)
            {
                uint align = alignShift switch { 0 => 0x1000u, 1 => 0x10000u, 2 => 0x100000u, _ => 0x1000u };
                uint iova = (next + align - 1) & ~(align - 1);
                uint pa = rig.Buffer(9) + (uint)(alignShift == 3 ? 0x1000 : 0);
                uint size = (uint)Math.Min(pages, 511) << 12;
                Assert.Equal(0, rig.Space.Map(iova, pa, size, 3));
                live.Add(iova);
                next = iova + size + 0x1000;
                if (unmapOne && live.Count > 1)
                {
                    Assert.Equal(0, rig.Space.Unmap(live[0]));
                    live.RemoveAt(0);
                }
                Assert.Null(TranslationMap.FirstDifference(rig.OmapRuns(), rig.MsmRuns()));
            }
        }, iter: 40);
    }

    [Fact]
    public void RandomBufferTraces_WithTheMsmLeavingAndRejoining_TranslateIdenticallyAcrossFormats()
    {
        // Whole buffers of 1..300 pages, contiguous or scattered, mapped and unmapped through a ranged space while the
        // MSM domain leaves (its entries unmapped) and rejoins (everything replayed): whenever both are attached they
        // agree with each other and with the space; a detached MSM translates nothing.
        Gen.Select(Gen.Int[0, 5], Gen.Int[1, 300], Gen.Bool).Array[1, 16].Sample(trace =>
        {
            var rig = new SharedSpaceRig(new SharedAddressSpace(0x80000000, 0x10000000));
            rig.Space.Attach(rig.Omap, SharedSpaceRig.OmapProt);
            rig.Space.Attach(rig.MsmDomain, SharedSpaceRig.MsmProt);
            bool msmAttached = true;
            var live = new List<uint>();
            foreach ((int op, int pages, bool contiguous) in trace)
            {
                if (op <= 2)
                {
                    var sg = new Scatterlist[contiguous ? 1 : pages];
                    if (contiguous)
                        sg[0].SetPage(rig.Buffer(KernelMemory.GetOrder((uint)pages << 12)), (uint)pages << 12, 0);
                    for (int i = 0; !contiguous && i < pages; i++)
                        sg[i].SetPage(rig.Buffer(0), 0x1000, 0);
                    uint da = rig.Space.MapSg(SgTable.FromEntries(sg), 3);
                    Assert.False(ErrValue.IsErrValue(da), $"MapSg failed with {(int)da}");
                    live.Add(da);
                }
                else if (op == 3 && live.Count > 0)
                {
                    Assert.Equal(0, rig.Space.UnmapSg(live[0]));
                    live.RemoveAt(0);
                }
                else if (msmAttached)
                {
                    rig.Space.Detach(rig.MsmDomain);
                    msmAttached = false;
                    Assert.Empty(rig.MsmRuns());
                }
                else
                {
                    Assert.Equal(0, rig.Space.Attach(rig.MsmDomain, SharedSpaceRig.MsmProt));
                    msmAttached = true;
                }
                ulong spaceBytes = (ulong)rig.Space.Mappings.Sum(m => (long)m.Size);
                Assert.Equal(spaceBytes, TranslationMap.MappedBytes(rig.OmapRuns()));
                if (msmAttached)
                    Assert.Null(TranslationMap.FirstDifference(rig.OmapRuns(), rig.MsmRuns()));
            }
        }, iter: 30);
    }
}
