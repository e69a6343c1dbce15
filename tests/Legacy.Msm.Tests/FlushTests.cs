using Migration.Kernel;
using Migration.Hardware.Msm;

namespace Legacy.Msm.Tests;

/// <summary>__flush_iotlb after map/unmap (msm.md §3.4, §5.3 step 5, §5.4, §9.6): one TLBIALL per attached context.</summary>
public class FlushTests
{
    [Fact]
    public void Nothing_IsFlushedWhenNoContextIsAttached()
    {
        var rig = new LegacyMsmRig(attach: false);
        Assert.Equal(0, rig.Ops.TlbInvalidations);
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x20100000, 0x8A300000, 8, 0));
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40023000, 0));
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x20100000, 8));
        Assert.Equal(0, rig.Ops.TlbInvalidations);
    }

    [Fact]
    public void Attach_FlushesEveryContextAlreadyAttachedPlusTheNewOne()
    {
        var rig = new LegacyMsmRig(attach: false);
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, rig.Ctx));
        Assert.Equal(1, rig.Ops.TlbInvalidations);
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, rig.GetCtx("gfx3d_user")));
        Assert.Equal(3, rig.Ops.TlbInvalidations);
        // Detach flushes while the context is still on the list (msm.md §5.4).
        rig.Core.IommuDetachDevice(rig.D, rig.Ctx);
        Assert.Equal(5, rig.Ops.TlbInvalidations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void EveryMapAndUnmap_FlushesEachAttachedContextOnce(int contexts)
    {
        var rig = new LegacyMsmRig();
        string[] more = ["vfe_misc", "gfx3d_priv", "rot_dst"];
        for (int i = 0; i < contexts - 1; i++)
            Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, rig.GetCtx(more[i])));
        int n = rig.Ops.TlbInvalidations;

        (uint va, uint pa, int order)[] pages = [(0x40023000, 0x8A345000, 0), (0x30050000, 0x8A350000, 4), (0x20100000, 0x8A300000, 8), (0x11000000, 0x85000000, 12)];
        foreach ((uint va, uint pa, int order) in pages)
        {
            Assert.Equal(0, rig.Core.IommuMap(rig.D, va, pa, order, 0));
            n += contexts;
            Assert.Equal(n, rig.Ops.TlbInvalidations);
        }
        foreach ((uint va, _, int order) in pages)
        {
            Assert.Equal(0, rig.Core.IommuUnmap(rig.D, va, order));
            n += contexts;
            Assert.Equal(n, rig.Ops.TlbInvalidations);
        }
        // An unmap that finds an empty SL slot under a table still flushes (msm.md §5.7 step 5).
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40024000, 0));
        Assert.Equal(n + 2 * contexts, rig.Ops.TlbInvalidations);
    }

    [Fact]
    public void TheFlush_IsARealTlbiallOfEachAttachedContext()
    {
        var rig = new LegacyMsmRig();
        Device misc = rig.GetCtx("vfe_misc");
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, misc));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(MsmTranslationOutcome.Walked, rig.Hw.Translate(0, 0x40023000, false).Outcome);
        Assert.Equal(MsmTranslationOutcome.Walked, rig.Hw.Translate(1, 0x40023000, false).Outcome);
        Assert.Equal(MsmTranslationOutcome.TlbHit, rig.Hw.Translate(0, 0x40023000, false).Outcome);
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x50000000, 0x8B000000, 8, 0));
        Assert.Equal(MsmTranslationOutcome.Walked, rig.Hw.Translate(0, 0x40023000, false).Outcome);
        Assert.Equal(MsmTranslationOutcome.Walked, rig.Hw.Translate(1, 0x40023000, false).Outcome);
        for (int i = 0; i < MsmIommu.TlbEntriesPerContext; i++)
            Assert.True(!rig.Hw.PeekTlb(0, i).Valid || rig.Hw.PeekTlb(0, i).Covers(0x40023000));
    }

    [Fact]
    public void AContextOfAnotherDomain_IsNotFlushed()
    {
        var rig = new LegacyMsmRig();
        var other = rig.Core.IommuDomainAlloc(0)!;
        Device misc = rig.GetCtx("vfe_misc");
        Assert.Equal(0, rig.Core.IommuAttachDevice(other, misc));
        Assert.Equal(0, rig.Core.IommuMap(other, 0x40023000, 0x8B345000, 0, 0));
        Assert.Equal(MsmTranslationOutcome.Walked, rig.Hw.Translate(1, 0x40023000, false).Outcome);
        int n = rig.Ops.TlbInvalidations;
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(n + 1, rig.Ops.TlbInvalidations);
        Assert.Equal(MsmTranslationOutcome.TlbHit, rig.Hw.Translate(1, 0x40023000, false).Outcome);
    }
}
