using Migration.Drivers.Msm;
using Migration.Hardware.Msm;

namespace Legacy.Msm.Tests;

/// <summary>Instance and context probe (msm.md §2.1, §2.3, §2.4), msm_iommu_get_ctx (§6, §9.20), ASIDs (§9.10).</summary>
public class ProbeTopologyTests
{
    private const uint M2VCBR_N = 0xFF000;
    private const uint CBACR_N = 0xFF800;
    private const uint CONTEXTIDR = 0x008;

    // msm.md §2.1: (instance, context name, context number, MIDs).
    public static TheoryData<string, string, int, int[]> Contexts => new()
    {
        { "jpegd", "jpegd_src", 0, [0] },
        { "jpegd", "jpegd_dst", 1, [1] },
        { "vpe", "vpe_src", 0, [0] },
        { "vpe", "vpe_dst", 1, [1] },
        { "mdp0", "mdp_vg1", 0, [0, 2] },
        { "mdp0", "mdp_rgb1", 1, [1, 3, 4, 5, 6, 7, 8, 9, 10] },
        { "mdp1", "mdp_vg2", 0, [0, 2] },
        { "mdp1", "mdp_rgb2", 1, [1, 3, 4, 5, 6, 7, 8, 9, 10] },
        { "rot", "rot_src", 0, [0] },
        { "rot", "rot_dst", 1, [1] },
        { "ijpeg", "ijpeg_src", 0, [0] },
        { "ijpeg", "ijpeg_dst", 1, [1] },
        { "vfe", "vfe_imgwr", 0, [2, 3, 4, 5, 6, 7, 8] },
        { "vfe", "vfe_misc", 1, [0, 1, 9] },
        { "vcodec_a", "vcodec_a_stream", 0, [2, 5] },
        { "vcodec_a", "vcodec_a_mm1", 1, [0, 1, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] },
        { "vcodec_b", "vcodec_b_mm2", 0, [0, 1, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] },
        { "gfx3d", "gfx3d_user", 0, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] },
        { "gfx3d", "gfx3d_priv", 1, [16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31] },
        { "gfx2d0", "gfx2d0_2d0", 0, [0, 1, 2, 3, 4, 5, 6, 7] },
        { "gfx2d1", "gfx2d1_2d1", 0, [0, 1, 2, 3, 4, 5, 6, 7] },
    };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void GetCtx_FindsEveryContextUnderItsInstance(string instance, string name, int number, int[] mids)
    {
        var rig = new LegacyMsmRig(attach: false, allocDomain: false);
        var ctx = rig.Msm.GetCtx(name);
        Assert.NotNull(ctx);
        var drvdata = Assert.IsType<MsmIommuDrvdata>(ctx.Parent!.DriverData);
        Assert.Equal(instance, drvdata.Name);
        Assert.Same(rig.Soc.FindMsmIommu(instance), drvdata.Hardware);
        var ctxData = Assert.IsType<MsmIommuCtxDrvdata>(ctx.DriverData);
        Assert.Equal(number, ctxData.Num);
        Assert.Same(ctx, ctxData.Pdev);
        Assert.Null(ctxData.AttachedTo);
        Assert.Equal(name, Assert.IsType<MsmContextConfig>(ctx.PlatformData).Name);
        Assert.Equal(mids.Length, ((MsmContextConfig)ctx.PlatformData!).Mids.Count);
        // The instance device hangs under the root (id -1).
        Assert.Same(rig.Msm.Root, ctx.Parent!.Parent);
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Probe_RoutesEveryMidToItsContextNonSecure(string instance, string name, int number, int[] mids)
    {
        var rig = new LegacyMsmRig(attach: false, allocDomain: false);
        MsmIommu hw = rig.Soc.FindMsmIommu(instance)!;
        Assert.NotNull(rig.Msm.GetCtx(name));
        foreach (int mid in mids)
        {
            // M2VCBR_N[mid] = 0, then CBNDX = ctx, VMID 0, NSCFG = 3 (msm.md §2.4): nothing else set.
            uint m2v = hw.Read(M2VCBR_N + 4u * (uint)mid);
            Assert.Equal(((uint)number << 8) | (3u << 22), m2v);
            Assert.Equal(number, hw.MidToContext(mid));
        }
        Assert.Equal(0u, hw.Read(CBACR_N + 4u * (uint)number));
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Probe_SetsAsidToTheContextNumber(string instance, string name, int number, int[] mids)
    {
        var rig = new LegacyMsmRig(attach: false, allocDomain: false);
        Assert.NotEmpty(mids);
        Assert.NotNull(rig.Msm.GetCtx(name));
        // msm.md §2.4, §9.10: mainline ASID(ctx) = ctx number; PROCID stays 0.
        Assert.Equal((uint)number, rig.Soc.FindMsmIommu(instance)!.PeekContextRegister(number, CONTEXTIDR));
    }

    [Fact]
    public void Probe_LeavesAnUndeclaredContextBankReset()
    {
        // gfx3d has 3 banks but declares two contexts (msm.md §2.1): bank 2 keeps the reset CONTEXTIDR 0.
        var rig = new LegacyMsmRig(attach: false, allocDomain: false);
        MsmIommu gfx3d = rig.Soc.FindMsmIommu("gfx3d")!;
        Assert.Equal(3, gfx3d.ContextBanks);
        Assert.Equal(0u, gfx3d.PeekContextRegister(2, CONTEXTIDR));
        Assert.Equal(1u, gfx3d.PeekContextRegister(1, CONTEXTIDR));
        Assert.Equal(0u, gfx3d.PeekContextRegister(2, 0x000));
    }

    [Fact]
    public void Probe_RegistersEveryInstanceAndTheOps()
    {
        var rig = new LegacyMsmRig(attach: false, allocDomain: false);
        Assert.Equal(
            ["jpegd", "vpe", "mdp0", "mdp1", "rot", "ijpeg", "vfe", "vcodec_a", "vcodec_b", "gfx3d", "gfx2d0", "gfx2d1"],
            rig.Msm.Instances.Select(i => i.Name).ToArray());
        Assert.True(rig.Core.IommuFound());
        Assert.Same(rig.Msm.Ops, rig.Core.Ops);
        foreach (MsmIommuDrvdata inst in rig.Msm.Instances)
        {
            Assert.Equal(inst.Hardware.ContextBanks, inst.Ncb);
            // Clocks are balanced: enabled for the probe, disabled afterwards (msm.md §2.3).
            Assert.False(inst.Pclk.IsEnabled);
            Assert.False(inst.Clk?.IsEnabled ?? false);
            Assert.NotNull(inst.Hardware.Interrupt.Handler);
        }
    }

    [Fact]
    public void InstanceReset_LeavesCrWithOnlyTlblkcrwe()
    {
        var rig = new LegacyMsmRig(attach: false, allocDomain: false);
        foreach (MsmIommu hw in rig.Soc.MsmIommus)
        {
            Assert.Equal(0x40u, hw.Read(0xFFF80)); // CR: zeroed, then TLBLKCRWE = 1 (msm.md §2.3)
            Assert.Equal(0u, hw.Read(0xFFE8C));    // TESTBUSCR
            Assert.Equal(0u, hw.Read(0xFFE00));    // TLBRSW
            Assert.Equal(0u, hw.Read(0xFFFFC));    // RPU_ACR
        }
    }

    [Fact]
    public void ContextReset_ClearsTheM2vBypassFieldsIndexedByTheContextNumber()
    {
        // __reset_context indexes M2VCBR_N by the context number (msm.md §2.3): programming
        // vfe_imgwr (bank 0) clears the bypass fields of MID 0, which belongs to vfe_misc.
        var rig = new LegacyMsmRig(attach: false);
        const uint bypassFields = (1u << 17) | (1u << 18) | (1u << 19) | (3u << 20) | (1u << 24);
        const uint misc0 = (1u << 8) | (3u << 22); // MID 0 → vfe_misc (bank 1), NSCFG 3
        Assert.Equal(misc0, rig.Hw.Read(M2VCBR_N));
        rig.Hw.Write(M2VCBR_N, misc0 | bypassFields | (1u << 16) | (5u << 25));
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, rig.Ctx));
        // BYPASSD and BPMEMTYPE are not in the reset list; CBNDX and NSCFG stay.
        Assert.Equal(misc0 | (1u << 16) | (5u << 25), rig.Hw.Read(M2VCBR_N));
        // MID 2 of vfe_imgwr is not index 0: untouched by the reset.
        Assert.Equal(3u << 22, rig.Hw.Read(M2VCBR_N + 8));
    }

    [Theory]
    [InlineData("vfe")]
    [InlineData("VFE_IMGWR")]
    [InlineData("Vfe_imgwr")]
    [InlineData("vfe_imgwr ")]
    [InlineData("vfe_imgw")]
    [InlineData("")]
    [InlineData("mdp_port0_cb0")]
    [InlineData("msm_iommu_ctx.vfe_imgwr")]
    public void GetCtx_MatchesNamesExactlyAndReturnsNullOtherwise(string name)
    {
        var rig = new LegacyMsmRig(attach: false, allocDomain: false);
        Assert.Null(rig.Msm.GetCtx(name));
    }

    [Fact]
    public void GetCtx_ReturnsTheSameDeviceEachTime()
    {
        var rig = new LegacyMsmRig(attach: false, allocDomain: false);
        Assert.Same(rig.Msm.GetCtx("gfx3d_priv"), rig.Msm.GetCtx("gfx3d_priv"));
        Assert.NotSame(rig.Msm.GetCtx("gfx3d_priv"), rig.Msm.GetCtx("gfx3d_user"));
    }
}
