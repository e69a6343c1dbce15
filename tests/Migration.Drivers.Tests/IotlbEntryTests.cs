using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Migration.Drivers.Tests;

/// <summary>iotlb_init_entry, cr_regs helpers and the arch CR conversions (omap.md §4.1, §4.2, §4.4, §8.7).</summary>
public class IotlbEntryTests
{
    [Theory]
    [InlineData(0x2u, 0x1000u)]
    [InlineData(0x1u, 0x10000u)]
    [InlineData(0x0u, 0x100000u)]
    [InlineData(0x3u, 0x1000000u)]
    public void Init_ReturnsBytesOfSizeCode(uint code, uint bytes)
    {
        uint ret = IotlbEntry.Init(out IotlbEntry e, 0x12345000, 0x80001000, code);
        Assert.Equal(bytes, ret);
        Assert.Equal(code, e.Pgsz);
    }

    [Fact]
    public void Init_SetsValidTo1AndSplitsAttributeFlags()
    {
        // flags with software bits, all attributes and 16M size code.
        uint flags = IovmFlags.IOVMF_DA_FIXED | IovmFlags.IOVMF_LINEAR | 0x200 | 0x180 | 0x40 | 0x3;
        uint ret = IotlbEntry.Init(out IotlbEntry e, 0xDEADB000, 0x81000000, flags);

        Assert.Equal(0x1000000u, ret);
        Assert.Equal(0xDEADB000u, e.Da);
        Assert.Equal(0x81000000u, e.Pa);
        Assert.Equal(1u, e.Valid); // not the CAM V bit (0x4): §4.2, §8.7
        Assert.Equal(3u, e.Pgsz);
        Assert.Equal(0x200u, e.Endian);
        Assert.Equal(0x180u, e.Elsz);
        Assert.Equal(0x40u, e.Mixed);
        Assert.Equal(0u, e.Prsvd);
    }

    [Theory]
    [InlineData(0x080u, 0x080u, 0x000u, 0x00u)]
    [InlineData(0x100u, 0x100u, 0x000u, 0x00u)]
    [InlineData(0x040u, 0x000u, 0x000u, 0x40u)]
    [InlineData(0x200u, 0x000u, 0x200u, 0x00u)]
    [InlineData(0x43Cu, 0x000u, 0x000u, 0x00u)] // bits outside every field are dropped
    public void Init_ExtractsEachAttributeField(uint flags, uint elsz, uint endian, uint mixed)
    {
        IotlbEntry.Init(out IotlbEntry e, 0, 0, flags | 0x2);
        Assert.Equal(elsz, e.Elsz);
        Assert.Equal(endian, e.Endian);
        Assert.Equal(mixed, e.Mixed);
        Assert.Equal(2u, e.Pgsz);
    }

    [Fact]
    public void Init_OverwritesPreviousContents()
    {
        var e = new IotlbEntry { Prsvd = 8, Valid = 4, Endian = 0x200, Elsz = 0x180, Mixed = 0x40 };
        IotlbEntry.Init(out e, 0x1000, 0x2000, 0x2);
        Assert.Equal(0u, e.Prsvd);
        Assert.Equal(1u, e.Valid);
        Assert.Equal(0u, e.Endian | e.Elsz | e.Mixed);
    }

    [Theory]
    [InlineData(0x12345004u, true)]
    [InlineData(0x12345006u, true)]
    [InlineData(0x12345003u, false)]
    [InlineData(0x0000000Bu, false)]
    public void CrRegs_IsValid_TestsCamVBit(uint cam, bool valid) =>
        Assert.Equal(valid, new CrRegs(cam, 0).IsValid);

    [Fact]
    public void CrToE_ExtractsFieldsWithValidAsCamBit()
    {
        var arch = new Omap2IommuArch(OmapAttributeEncoding.Linux30);
        IotlbEntry e = arch.CrToE(new CrRegs(0x1234567E, 0x87654FFF));
        Assert.Equal(0x12345000u, e.Da);
        Assert.Equal(0x87654000u, e.Pa);
        Assert.Equal(0x4u, e.Valid);
        Assert.Equal(0x2u, e.Pgsz);
        Assert.Equal(0x200u, e.Endian);
        Assert.Equal(0x180u, e.Elsz);
        Assert.Equal(0x40u, e.Mixed);
        Assert.Equal(0u, e.Prsvd); // cr_to_e does not set prsvd
    }

    [Theory]
    [InlineData(0x12345006u, 0x12345000u)] // 4K
    [InlineData(0x12345005u, 0x12340000u)] // 64K
    [InlineData(0x12345004u, 0x12300000u)] // 1M
    [InlineData(0x12345007u, 0x12000000u)] // 16M
    public void CrToVirt_MasksTagToPageSize(uint cam, uint expected)
    {
        var arch = new Omap2IommuArch(OmapAttributeEncoding.Linux30);
        Assert.Equal(expected, arch.CrToVirt(new CrRegs(cam, 0)));
        var rig = new OmapTestRig();
        Assert.Equal(expected, OmapTlb.CrToVirt(rig.Instance, new CrRegs(cam, 0)));
    }

    [Fact]
    public void AllocCr_FromInitEntry_OrsValidIntoSizeCode()
    {
        var rig = new OmapTestRig();
        IotlbEntry.Init(out IotlbEntry e, 0x12345000, 0x80001000, 0x2 | 0x200 | 0x100 | 0x40);
        Assert.Equal(0, rig.Instance.Arch.AllocCr(rig.Instance, e, out CrRegs cr));
        Assert.Equal(0x12345003u, cr.Cam); // 4K code 2 | valid 1 = 3 = 16M
        Assert.Equal(0x80001340u, cr.Ram);
    }

    [Fact]
    public void AllocCr_From1MInitEntry_Becomes64KCode()
    {
        var rig = new OmapTestRig();
        IotlbEntry.Init(out IotlbEntry e, 0x00300000, 0x90000000, 0x0);
        Assert.Equal(0, rig.Instance.Arch.AllocCr(rig.Instance, e, out CrRegs cr));
        Assert.Equal(0x00300001u, cr.Cam);
    }

    [Fact]
    public void AllocCr_KeepsPrsvdAndDoesNotMaskPa()
    {
        var rig = new OmapTestRig();
        IotlbEntry e = OmapTestRig.CrStyleEntry(0x00010000, 0x80000123, 0x1, preserved: true);
        Assert.Equal(0, rig.Instance.Arch.AllocCr(rig.Instance, e, out CrRegs cr));
        Assert.Equal(0x0001000Du, cr.Cam); // P 0x8 | V 0x4 | 64K 0x1
        Assert.Equal(0x80000123u, cr.Ram);
    }

    [Theory]
    [InlineData(0x00101000u, 0x0u)] // 1M with bits below 20
    [InlineData(0x00018000u, 0x1u)] // 64K with bits below 16
    [InlineData(0x00100000u, 0x3u)] // 16M with bits below 24
    public void AllocCr_RejectsDaWithBitsBelowTagMask(uint da, uint code)
    {
        var rig = new OmapTestRig();
        IotlbEntry e = OmapTestRig.CrStyleEntry(da, 0, code);
        Assert.Equal(-Errno.EINVAL, rig.Instance.Arch.AllocCr(rig.Instance, e, out CrRegs cr));
        Assert.Equal(default, cr);
    }

    [Fact]
    public void AllocCr_Rejects4KDaWithBitsBelowBit12()
    {
        // The 4K tag mask is 0xFFFFF000: any bit below 12 is "outside the tag mask" -> -EINVAL.
        var rig = new OmapTestRig();
        IotlbEntry e = OmapTestRig.CrStyleEntry(0x00001800, 0, 0x2);
        Assert.Equal(-22, rig.Instance.Arch.AllocCr(rig.Instance, e, out _));
    }

    [Fact]
    public void AllocCr_ReturnsENOMEMWhenKmallocFails()
    {
        var rig = new OmapTestRig();
        rig.Instance.KernelMemory.KzallocFaults.FailAt(1);
        IotlbEntry e = OmapTestRig.CrStyleEntry(0x1000, 0x2000, 0x2);
        Assert.Equal(-Errno.ENOMEM, rig.Instance.Arch.AllocCr(rig.Instance, e, out _));
    }
}
