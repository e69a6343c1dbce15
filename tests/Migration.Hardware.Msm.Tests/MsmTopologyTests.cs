using Migration.Hardware.Memory;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Hardware.Msm.Tests;

/// <summary>The 8x60 topology of msm.md §2.1 and its place in the default SoC.</summary>
public class MsmTopologyTests
{
    public static TheoryData<string, uint, int, string> Instances => new()
    {
        { "jpegd", 0x07300000, 2, "0:jpegd_src{0} 1:jpegd_dst{1}" },
        { "vpe", 0x07400000, 2, "0:vpe_src{0} 1:vpe_dst{1}" },
        { "mdp0", 0x07500000, 2, "0:mdp_vg1{0,2} 1:mdp_rgb1{1,3,4,5,6,7,8,9,10}" },
        { "mdp1", 0x07600000, 2, "0:mdp_vg2{0,2} 1:mdp_rgb2{1,3,4,5,6,7,8,9,10}" },
        { "rot", 0x07700000, 2, "0:rot_src{0} 1:rot_dst{1}" },
        { "ijpeg", 0x07800000, 2, "0:ijpeg_src{0} 1:ijpeg_dst{1}" },
        { "vfe", 0x07900000, 2, "0:vfe_imgwr{2,3,4,5,6,7,8} 1:vfe_misc{0,1,9}" },
        { "vcodec_a", 0x07A00000, 2, "0:vcodec_a_stream{2,5} 1:vcodec_a_mm1{0,1,6,7,8,9,10,11,12,13,14,15}" },
        { "vcodec_b", 0x07B00000, 2, "0:vcodec_b_mm2{0,1,6,7,8,9,10,11,12,13,14,15}" },
        { "gfx3d", 0x07C00000, 3, "0:gfx3d_user{0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15} 1:gfx3d_priv{16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31}" },
        { "gfx2d0", 0x07D00000, 2, "0:gfx2d0_2d0{0,1,2,3,4,5,6,7}" },
        { "gfx2d1", 0x07E00000, 2, "0:gfx2d1_2d1{0,1,2,3,4,5,6,7}" },
    };

    private static string Describe(MsmIommuConfig c) =>
        string.Join(" ", c.Contexts.Select(x => $"{x.Number}:{x.Name}{{{string.Join(",", x.Mids)}}}"));

    [Fact]
    public void Defaults8x60_HasTwelveInstancesInTableOrder() =>
        Assert.Equal(
            new[] { "jpegd", "vpe", "mdp0", "mdp1", "rot", "ijpeg", "vfe", "vcodec_a", "vcodec_b", "gfx3d", "gfx2d0", "gfx2d1" },
            MsmIommuConfig.Defaults8x60.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Instances))]
    public void Instance_MatchesTheTable(string name, uint physBase, int banks, string contexts)
    {
        MsmIommuConfig c = MsmIommuConfig.Defaults8x60.Single(x => x.Name == name);
        Assert.Equal(physBase, c.PhysBase);
        Assert.Equal(banks, c.ContextBanks);
        Assert.Equal(contexts, Describe(c));
        Assert.True(c.HasIommuClk);
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Idr_NcbIsContextBanksMinusOne(string name, uint physBase, int banks, string contexts)
    {
        _ = physBase;
        _ = contexts;
        var iommu = new MsmIommu(MsmIommuConfig.Defaults8x60.Single(x => x.Name == name), new PhysicalMemory());
        uint idr = iommu.Read(IDR);
        Assert.Equal((uint)(banks - 1), (idr & IDR_NCB_MASK) >> IDR_NCB_SHIFT);
        Assert.Equal(IDR_HTW, idr & IDR_HTW);
        Assert.Equal(banks, iommu.ContextBanks);
    }

    [Fact]
    public void Gfx3d_HasThreeBanksButTwoContexts()
    {
        MsmIommuConfig c = MsmIommuConfig.Defaults8x60[9];
        Assert.Equal("gfx3d", c.Name);
        Assert.Equal(3, c.ContextBanks);
        Assert.Equal(2, c.Contexts.Count);
        Assert.Equal(0x00020000u, new MsmIommu(c, new PhysicalMemory()).Read(IDR) & IDR_NCB_MASK);
    }

    [Fact]
    public void Irqs_AreDistinct_AndFollowTheDocumentedChoice() =>
        Assert.Equal(
            new[] { 96, 98, 100, 102, 104, 106, 108, 110, 112, 114, 116, 118 },
            MsmIommuConfig.Defaults8x60.Select(c => c.Irq));

    [Fact]
    public void Windows_AreOneMiBApartAndDoNotOverlap()
    {
        var bases = MsmIommuConfig.Defaults8x60.Select(c => c.PhysBase).ToArray();
        for (int i = 1; i < bases.Length; i++)
            Assert.Equal(bases[i - 1] + WindowSize, bases[i]);
    }

    [Fact]
    public void FindContext_MatchesExactNameOnly()
    {
        MsmIommuConfig mdp0 = MsmIommuConfig.Defaults8x60[2];
        Assert.Equal(1, mdp0.FindContext("mdp_rgb1")!.Number);
        Assert.Null(mdp0.FindContext("MDP_RGB1"));
        Assert.Null(mdp0.FindContext("mdp_rgb2"));
    }

    [Fact]
    public void Device_HasTheConfigsIrqAndClocks()
    {
        MsmIommuConfig c = MsmIommuConfig.Defaults8x60[0];
        var memory = new PhysicalMemory();
        var iommu = new MsmIommu(c, memory);
        Assert.Same(c, iommu.Config);
        Assert.Same(memory, iommu.Memory);
        Assert.Equal(96, iommu.Interrupt.Number);
        Assert.Equal("smmu_pclk", iommu.Pclk.Name);
        Assert.Equal("iommu_clk", iommu.Clk!.Name);
        Assert.False(iommu.Pclk.IsEnabled);
    }

    [Fact]
    public void Device_WithoutIommuClk_HasNullClk() =>
        Assert.Null(new MsmIommu(MsmIommuConfig.Defaults8x60[0] with { HasIommuClk = false }, new PhysicalMemory()).Clk);

    [Fact]
    public void DefaultSoc_HasTheTwelveMsmInstancesSharingItsMemory()
    {
        Soc soc = Soc.CreateDefault();
        Assert.Equal(MsmIommuConfig.Defaults8x60.Select(c => c.Name), soc.MsmIommus.Select(m => m.Config.Name));
        Assert.All(soc.MsmIommus, m => Assert.Same(soc.Memory, m.Memory));
        Assert.Same(soc.MsmIommus[9], soc.FindMsmIommu("gfx3d"));
        Assert.Null(soc.FindMsmIommu("gfx3"));
        Assert.Equal(new[] { "isp", "iva2", "ducati", "tesla" }, soc.OmapMmus.Select(m => m.Config.Name));
    }

    [Fact]
    public void OmapOnlyConstructor_StillWorks_WithNoMsmInstances()
    {
        var soc = new Soc(0x90000000, 0x200000, new[] { Omap.OmapMmuConfig.Isp }, 0x5A5A5A5A);
        Assert.Empty(soc.MsmIommus);
        Assert.Single(soc.OmapMmus);
        Assert.Equal(0x5A5A5A5Au, soc.Memory.ReadWord(0x90000000));
    }

    [Fact]
    public void Soc_RejectsDuplicateMsmNames() =>
        Assert.Throws<ArgumentException>(() => new Soc(0x80000000, 0x100000, [], [MsmIommuConfig.Defaults8x60[0], MsmIommuConfig.Defaults8x60[0]]));
}
