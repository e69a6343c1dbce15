using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Migration.Drivers.Msm;

/// <summary>struct msm_iommu_drvdata (3.0 mainline): one IOMMU instance's driver data (msm.md §4).</summary>
public sealed class MsmIommuDrvdata
{
    /// <summary>Driver data of the instance <paramref name="hardware"/> bound as <paramref name="device"/>.</summary>
    public MsmIommuDrvdata(MsmIommu hardware, Device device)
    {
        Hardware = hardware;
        Device = device;
        Ncb = hardware.ContextBanks;
    }

    /// <summary>drvdata->base: the instance's register window.</summary>
    public MsmIommu Hardware { get; }

    /// <summary>The "msm_iommu" platform device.</summary>
    public Device Device { get; }

    /// <summary>drvdata->ncb: context banks (IDR.NCB + 1).</summary>
    public int Ncb { get; }

    /// <summary>drvdata->pclk (smmu_pclk).</summary>
    public HardwareClock Pclk => Hardware.Pclk;

    /// <summary>drvdata->clk (iommu_clk), optional.</summary>
    public HardwareClock? Clk => Hardware.Clk;

    /// <summary>The instance name ("vfe").</summary>
    public string Name => Hardware.Config.Name;

    /// <summary>__enable_clocks: pclk, then clk when present; 0 (the simulated clocks cannot fail).</summary>
    public int EnableClocks()
    {
        Pclk.Enable();
        Clk?.Enable();
        return 0;
    }

    /// <summary>__disable_clocks.</summary>
    public void DisableClocks()
    {
        Clk?.Disable();
        Pclk.Disable();
    }
}

/// <summary>struct msm_iommu_ctx_drvdata: one context bank's driver data.</summary>
public sealed class MsmIommuCtxDrvdata
{
    /// <summary>Driver data of context bank <paramref name="num"/>.</summary>
    public MsmIommuCtxDrvdata(int num, Device pdev)
    {
        Num = num;
        Pdev = pdev;
    }

    /// <summary>ctx_drvdata->num: the context bank number.</summary>
    public int Num { get; }

    /// <summary>ctx_drvdata->pdev: the "msm_iommu_ctx" device (its parent is the instance).</summary>
    public Device Pdev { get; }

    /// <summary>The domain whose list_attached holds attached_elm; null when the node is empty.</summary>
    public MsmPriv? AttachedTo { get; set; }
}
