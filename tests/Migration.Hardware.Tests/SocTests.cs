using Migration.Hardware.Omap;

namespace Migration.Hardware.Tests;

/// <summary>The default SoC and its OMAP MMU instances (omap.md §2.1).</summary>
public class SocTests
{
    [Fact]
    public void CreateDefault_Has256MiBRamAt0x80000000()
    {
        Soc soc = Soc.CreateDefault();
        Assert.Equal(0x80000000u, soc.Pages.BankBase);
        Assert.Equal(0x10000000u, soc.Pages.BankSize);
        Assert.Same(soc.Memory, soc.Pages.Memory);
        Assert.Equal(0u, soc.Memory.BackgroundValue);
    }

    [Fact]
    public void CreateDefault_PassesMemoryBackground() =>
        Assert.Equal(0xA5A5A5A5u, Soc.CreateDefault(0xA5A5A5A5).Memory.ReadWord(0x80000000));

    [Fact]
    public void CreateDefault_HasFourMmusInTableOrder()
    {
        Soc soc = Soc.CreateDefault();
        Assert.Equal(new[] { "isp", "iva2", "ducati", "tesla" }, soc.OmapMmus.Select(m => m.Config.Name));
    }

    [Fact]
    public void IspMmu_MatchesOmap3Table()
    {
        OmapMmu isp = Soc.CreateDefault().FindOmapMmu("isp")!;
        Assert.Equal(new OmapMmuConfig("isp", 0x480BD400, 24, 8, "cam_ick", 0x0, 0xFFFFF000), isp.Config);
        Assert.Equal(8, isp.TlbEntries);
        Assert.Equal(24, isp.Interrupt.Number);
        Assert.Equal("cam_ick", isp.Clock.Name);
    }

    [Fact]
    public void Iva2Mmu_MatchesOmap3Table()
    {
        OmapMmu iva2 = Soc.CreateDefault().FindOmapMmu("iva2")!;
        Assert.Equal(new OmapMmuConfig("iva2", 0x5D000000, 28, 32, "iva2_ck", 0x11000000, 0xFFFFF000), iva2.Config);
        Assert.Equal(32, iva2.TlbEntries);
    }

    [Theory]
    [InlineData("ducati", "ducati_ick")]
    [InlineData("tesla", "tesla_ick")]
    public void Omap4Mmus_Have32EntriesAndFullDaRange(string name, string clock)
    {
        OmapMmu mmu = Soc.CreateDefault().FindOmapMmu(name)!;
        Assert.Equal(32, mmu.TlbEntries);
        Assert.Equal(clock, mmu.Clock.Name);
        Assert.Equal(0x0u, mmu.Config.DaStart);
        Assert.Equal(0xFFFFF000u, mmu.Config.DaEnd);
    }

    [Fact]
    public void Mmus_ShareSocMemory()
    {
        Soc soc = Soc.CreateDefault();
        Assert.All(soc.OmapMmus, m => Assert.Same(soc.Memory, m.Memory));
    }

    [Fact]
    public void FindOmapMmu_UnknownOrWrongCase_IsNull()
    {
        Soc soc = Soc.CreateDefault();
        Assert.Null(soc.FindOmapMmu("dsp"));
        Assert.Null(soc.FindOmapMmu("ISP"));
    }

    [Fact]
    public void Constructor_DuplicateMmuName_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => new Soc(0x80000000, 0x100000, new[] { OmapMmuConfig.Isp, OmapMmuConfig.Isp }));

    [Fact]
    public void Constructor_CustomBank()
    {
        var soc = new Soc(0x90000000, 0x200000, new[] { OmapMmuConfig.Isp });
        Assert.Equal(0x90000000u, soc.Pages.BankBase);
        Assert.Equal(0x200000u, soc.Pages.BankSize);
        Assert.Single(soc.OmapMmus);
    }

    [Fact]
    public void Mmus_AreIndependentDevices()
    {
        Soc soc = Soc.CreateDefault();
        OmapMmu isp = soc.FindOmapMmu("isp")!;
        OmapMmu iva2 = soc.FindOmapMmu("iva2")!;
        isp.Write(OmapMmuRegisters.MMU_TTB, 0x80004000);
        Assert.Equal(0u, iva2.Read(OmapMmuRegisters.MMU_TTB));
    }
}
