using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Legacy.Omap.Tests;

/// <summary>load_iotlb_entry, iotlb_cr_to_e and the LOCK register (omap.md §2.3, §4.4, §8.6, §8.7).</summary>
public class OmapTlbApiTests
{
    [Fact]
    public void IotlbCrToE_DecodesCamAndRam_WithValidAsTheCamVBit()
    {
        var rig = new LegacyOmapRig();

        IotlbEntry e = OmapIommu.IotlbCrToE(rig.Isp, new CrRegs(0x12345000 | MMU_CAM_V | MMU_CAM_PGSZ_64K, 0x88000000 | 0x200 | 0x100 | 0x40));

        Assert.Equal(0x12345000u, e.Da);
        Assert.Equal(0x88000000u, e.Pa);
        Assert.Equal(0x4u, e.Valid);
        Assert.Equal(MMU_CAM_PGSZ_64K, e.Pgsz);
        Assert.Equal((0x200u, 0x100u, 0x40u), (e.Endian, e.Elsz, e.Mixed));
    }

    [Fact]
    public void IotlbCrToE_NullCr_Bugs()
    {
        var rig = new LegacyOmapRig();

        Assert.Throws<KernelBugException>(() => OmapIommu.IotlbCrToE(rig.Isp, null));
    }

    [Fact]
    public void IotlbCrToVirt_MasksTheTagToThePageSize()
    {
        var rig = new LegacyOmapRig();

        Assert.Equal(0x12300000u, OmapIommu.IotlbCrToVirt(rig.Isp, new CrRegs(0x12345000 | MMU_CAM_V | MMU_CAM_PGSZ_1M, 0)));
        Assert.Equal(0x12000000u, OmapIommu.IotlbCrToVirt(rig.Isp, new CrRegs(0x12345000 | MMU_CAM_V | MMU_CAM_PGSZ_16M, 0)));
    }

    [Fact]
    public void LoadIotlbEntry_FromIotlbInitEntry_Corrupts4KInto16M()
    {
        // §8.7: valid = 1 lands in the CAM page-size field: 4K (2) | 1 = 16M (3).
        var rig = new LegacyOmapRig();
        IotlbEntry.Init(out IotlbEntry e, 0x00001000, 0x88001000, IovmFlags.IOVMF_PGSZ_4K);

        Assert.Equal(0, OmapIommu.LoadIotlbEntry(rig.Isp, e));

        OmapTlbEntry loaded = rig.IspMmu.PeekTlb(0);
        Assert.Equal(0x00001000u | MMU_CAM_V | MMU_CAM_PGSZ_16M, loaded.Cam);
        OmapMmuTranslation t = rig.IspMmu.Translate(0x00ABC000);
        Assert.Equal(OmapMmuOutcome.TlbHit, t.Outcome);
        Assert.Equal(0x88ABC000u, t.Pa);
    }

    [Fact]
    public void LoadIotlbEntry_FromCrToE_IsConsistent_AndAdvancesTheVictim()
    {
        var rig = new LegacyOmapRig();
        IotlbEntry e = OmapIommu.IotlbCrToE(rig.Isp, new CrRegs(0x00002000 | MMU_CAM_V | MMU_CAM_PGSZ_4K, 0x88002000));

        Assert.Equal(0, OmapIommu.LoadIotlbEntry(rig.Isp, e));

        Assert.Equal(0x00002000u | MMU_CAM_V | MMU_CAM_PGSZ_4K, rig.IspMmu.PeekTlb(0).Cam);
        Assert.Equal(0x88002000u, rig.IspMmu.PeekTlb(0).Ram);
        Assert.Equal(1u << MMU_LOCK_VICT_SHIFT, rig.Reg(MMU_LOCK));
        Assert.Equal(OmapMmuOutcome.Fault, rig.IspMmu.Translate(0x00003000).Outcome);
    }

    [Fact]
    public void LoadIotlbEntry_MisalignedDaForThePageSize_ReturnsEinval()
    {
        var rig = new LegacyOmapRig();
        IotlbEntry e = OmapIommu.IotlbCrToE(rig.Isp, new CrRegs(0x00011000 | MMU_CAM_V | MMU_CAM_PGSZ_64K, 0x88010000));

        Assert.Equal(-22, OmapIommu.LoadIotlbEntry(rig.Isp, e));
        Assert.True(rig.TlbEmpty());
    }

    [Fact]
    public void LoadIotlbEntry_NullIommu_ReturnsEinval()
    {
        IotlbEntry.Init(out IotlbEntry e, 0x1000, 0x88000000, IovmFlags.IOVMF_PGSZ_4K);

        Assert.Equal(-22, OmapIommu.LoadIotlbEntry(null, e));
    }

    [Fact]
    public void LoadIotlbEntry_FullTlb_ReturnsEbusy()
    {
        var rig = new LegacyOmapRig();
        for (uint i = 0; i < 8; i++)
        {
            IotlbEntry e = OmapIommu.IotlbCrToE(rig.Isp, new CrRegs(((i + 1) << 12) | MMU_CAM_V | MMU_CAM_PGSZ_4K, 0x88000000 + (i << 12)));
            Assert.Equal(0, OmapIommu.LoadIotlbEntry(rig.Isp, e));
        }
        IotlbEntry ninth = OmapIommu.IotlbCrToE(rig.Isp, new CrRegs(0x00009000 | MMU_CAM_V | MMU_CAM_PGSZ_4K, 0x88009000));

        Assert.Equal(-16, OmapIommu.LoadIotlbEntry(rig.Isp, ninth));
        Assert.Equal(0, rig.IspMmu.Clock.EnableCount);
    }

    [Fact]
    public void LoadIotlbEntry_Preserved_RaisesLockBase_AndSurvivesFlushPageButNotFlushAll()
    {
        var rig = new LegacyOmapRig();
        IotlbEntry e = OmapIommu.IotlbCrToE(rig.Isp, new CrRegs(0x00005000 | MMU_CAM_V | MMU_CAM_PGSZ_4K, 0x88005000));
        e.Prsvd = MMU_CAM_P;

        Assert.Equal(0, OmapIommu.LoadIotlbEntry(rig.Isp, e));

        Assert.Equal((1u << MMU_LOCK_BASE_SHIFT) | (1u << MMU_LOCK_VICT_SHIFT), rig.Reg(MMU_LOCK));
        Assert.Equal(0x00005000u | MMU_CAM_P | MMU_CAM_V | MMU_CAM_PGSZ_4K, rig.IspMmu.PeekTlb(0).Cam);
        OmapIommu.FlushIotlbPage(rig.Isp, 0x00006000); // a different page
        Assert.True(rig.IspMmu.PeekTlb(0).Valid);
        Assert.Equal((1u << MMU_LOCK_BASE_SHIFT) | (7u << MMU_LOCK_VICT_SHIFT), rig.Reg(MMU_LOCK));

        OmapIommu.FlushIotlbAll(rig.Isp); // LOCK = 0 also drops the locked entries

        Assert.True(rig.TlbEmpty());
        Assert.Equal(0u, rig.Reg(MMU_LOCK));
    }
}
