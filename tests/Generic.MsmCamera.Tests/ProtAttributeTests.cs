using Generic.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware.Msm;

namespace Generic.MsmCamera.Tests;

/// <summary>
/// Which prot the port must pass to the 3.3 MSM driver, whose prot is an MSM attribute (prot &amp; 3 = cache slot,
/// bit 2 = shareable; msm.md §3.3, §9.1), to get the legacy descriptors; and where no prot can (64K pages of a
/// class with TEX0, §3.3 note).
/// </summary>
public class ProtAttributeTests
{
    private const uint Pa = 0x8A340000;
    private const uint Iova = 0x40000000;

    private static (CameraRig Rig, IommuDomain Domain) Fresh()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open(); // attaches the contexts so that the walker has a context to look through
        Assert.NotNull(cam);
        return (rig, rig.Platform.CameraDomain);
    }

    private static uint Sl(CameraRig rig, IommuDomain d, uint va)
    {
        uint fl = rig.Soc.Memory.ReadWord(CameraRig.Table(d).FlTable + ((va >> 20) << 2));
        return rig.Soc.Memory.ReadWord((fl & 0xFFFFFC00) + (((va >> 12) & 0xFF) << 2));
    }

    private static MsmWalkResult Walk(CameraRig rig, IommuDomain d, uint va)
    {
        MsmTableWalker.Walk(rig.Soc.Memory, CameraRig.Table(d).FlTable, va, out MsmWalkResult r);
        return r;
    }

    [Fact]
    public void ThePortsProts_AreTheSlotsOfTheLegacyClasses()
    {
        Assert.Equal(1, MsmCameraProt.Imem);    // WB_WA → class 7 (legacy CAF READ|WRITE|CACHE)
        Assert.Equal(3, MsmCameraProt.Buffer);  // WT → class 2 (legacy order-based map, prot 3 read as WT)
        Assert.Equal(0, MsmCameraProt.Padding); // NONCACHED → class 1 (legacy CAF READ|WRITE)
        // msm_iommu_tex_class[] with the ARMv7 default PRRR/NMRR: NONCACHED 1, WB_WA 7, WB_NWA 3, WT 2.
        Assert.Equal([1, 7, 3, 2], new CameraRig().Platform.Msm.Platform.TexClasses.Slots);
    }

    [Theory]
    [InlineData(MsmCameraProt.Imem, 0xC7Eu, 7u)]
    [InlineData(MsmCameraProt.Buffer, 0xC3Au, 2u)]
    [InlineData(MsmCameraProt.Padding, 0xC36u, 1u)]
    public void FourKDescriptors_AreBitForBitTheLegacyOnes(int prot, uint lowBits, uint memoryType)
    {
        (CameraRig rig, IommuDomain d) = Fresh();
        Assert.Equal(0, IommuApi.Map(d, Iova, Pa, 0x1000, prot));
        Assert.Equal(Pa | lowBits, Sl(rig, d, Iova));
        MsmWalkResult w = Walk(rig, d, Iova);
        Assert.Equal((memoryType, true, true, false), (w.MemoryTypeIndex, w.Shareable, w.NotGlobal, w.ReadOnly));
    }

    [Fact]
    public void TheNaivePortOfTheGenericFlags_ChangesTheImemAndPaddingAttributes()
    {
        // Passing the legacy callers' generic flags unchanged: READ|WRITE|CACHE = 7 is slot 3 (+ "shareable"), the
        // write-through class 2, not class 7; READ|WRITE for the padding is class 2, not class 1. Only the
        // frame buffers' READ|WRITE (3) happens to be the right slot.
        (CameraRig rig, IommuDomain d) = Fresh();
        const int ReadWriteCache = 1 | 2 | 4;
        Assert.Equal(0, IommuApi.Map(d, Iova, Pa, 0x1000, ReadWriteCache));
        Assert.Equal(Pa | 0xC3Au, Sl(rig, d, Iova));
        Assert.Equal(2u, Walk(rig, d, Iova).MemoryTypeIndex);
        Assert.Equal(0, IommuApi.Map(d, Iova + 0x1000, Pa, 0x1000, 1 | 2));
        Assert.Equal(Pa | 0xC3Au, Sl(rig, d, Iova + 0x1000));
        Assert.Equal(MsmCameraProt.Buffer, 1 | 2);
    }

    [Fact]
    public void SharedBit_ChangesNothing()
    {
        (CameraRig rig, IommuDomain d) = Fresh();
        Assert.Equal(0, IommuApi.Map(d, Iova, Pa, 0x1000, MsmCameraProt.Imem | MsmAttributes.MSM_IOMMU_ATTR_SH));
        Assert.Equal(Pa | 0xC7Eu, Sl(rig, d, Iova));
    }

    [Theory]
    [InlineData(MsmAttributes.MSM_IOMMU_ATTR_NONCACHED, 1u, 0xC35u, 1u)]
    [InlineData(MsmAttributes.MSM_IOMMU_ATTR_CACHED_WB_WA, 7u, 0xC7Du, 3u)] // TEX0 at bit 6 is ignored: class 7 seen as 3
    [InlineData(MsmAttributes.MSM_IOMMU_ATTR_CACHED_WB_NWA, 3u, 0xC3Du, 3u)]
    [InlineData(MsmAttributes.MSM_IOMMU_ATTR_CACHED_WT, 2u, 0xC39u, 2u)]
    public void SixtyFourKPages_LoseTex0_OnlyClass7IsAffected(int prot, uint smallPageType, uint largeLowBits, uint largePageType)
    {
        (CameraRig rig, IommuDomain d) = Fresh();
        Assert.Equal(0, IommuApi.Map(d, Iova, Pa, 0x1000, prot));
        Assert.Equal(smallPageType, Walk(rig, d, Iova).MemoryTypeIndex);
        Assert.Equal(0, IommuApi.Map(d, Iova + 0x10000, Pa + 0x10000, 0x10000, prot));
        Assert.Equal((Pa + 0x10000) | largeLowBits, Sl(rig, d, Iova + 0x1F000));
        MsmWalkResult w = Walk(rig, d, Iova + 0x1F000);
        Assert.Equal((0x10000u, largePageType), (w.PageSize, w.MemoryTypeIndex));
        // Sections keep TEX0 at bit 12, where the hardware reads it.
        Assert.Equal(0, IommuApi.Map(d, Iova + 0x100000, 0x8A400000, 0x100000, prot));
        MsmWalkResult section = Walk(rig, d, Iova + 0x100000);
        Assert.Equal((0x100000u, smallPageType), (section.PageSize, section.MemoryTypeIndex));
    }

    [Fact]
    public void SixtyFourKImem_IsALargePageTheHardwareSeesAsClass3()
    {
        // An IMEM buffer of 64K at a 64K-aligned phys gets one 64K page at the 64K-aligned iova 0x20000: the
        // driver writes class 7 with TEX0 at bit 6, the hardware reads TEX0 at bit 12 → class 3 (WB_NWA). The
        // legacy world mapped 16 small pages the hardware saw as class 7. No prot gives a large page with TEX0:
        // the port keeps MsmCameraProt.Imem (exact for 4K pages and sections) and this divergence.
        var rig = new CameraRig((soc, kmem) => new MsmCameraPlatform(soc, kmem)
        {
            ImemYSize = 0xC000,
            ImemCbcrSize = 0x4000,
            ImemPongPhys = MsmCameraPlatform.DefaultImemPingPhys + 0x10000,
        });
        MsmCamera cam = rig.Open();
        Assert.Equal([0x00020000u, 0x00030000u], cam.Buffers.Select(b => b.Iova));
        Assert.Equal(0x2E000000u | CameraRig.Sl64KImem, rig.Sl(cam, MsmCameraDomainNames.Camera, 0x00020000));
        Assert.Equal(0x2E000000u | CameraRig.Sl64KImem, rig.Sl(cam, MsmCameraDomainNames.Camera, 0x0002F000));
        MsmTranslation t = CameraRig.Translate(cam, MsmCameraDomainNames.Camera, 0x0003F004, write: true);
        Assert.Equal((0x2E01F004u, 0x10000u, 3u), (t.Pa, t.PageSize, t.MemoryTypeIndex));
        Assert.Equal(0, cam.Release());
        Assert.True(rig.TableEmpty(cam, MsmCameraDomainNames.Camera));
    }
}
