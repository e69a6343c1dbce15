using Legacy.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;
using static Legacy.Msm.MsmRegisterAccess;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Legacy.Msm;

/// <summary>
/// The MSM IOMMU driver of Linux 3.0 (arch/arm/mach-msm/iommu.c, iommu_dev.c): the root device, the
/// "msm_iommu" instance and "msm_iommu_ctx" context platform devices and their probes (msm.md §2.3,
/// §2.4), msm_iommu_get_ctx (§6), the fault interrupt (§5.12), and registration of
/// <see cref="MsmIommuOps"/> with the order-based core (register_iommu from a subsys_initcall).
/// </summary>
public sealed class MsmIommuDriver
{
    private readonly List<MsmIommuDrvdata> _instances = new();
    private readonly List<(string Name, Device Device)> _contexts = new();

    private MsmIommuDriver(IommuCore core, KernelMemory kernelMemory, uint cpuPrrr, uint cpuNmrr)
    {
        Core = core;
        KernelMemory = kernelMemory;
        CpuPrrr = cpuPrrr;
        CpuNmrr = cpuNmrr;
        TexClasses = MsmTexClasses.FromRegisters(cpuPrrr, cpuNmrr); // setup_iommu_tex_classes at init
        Root = new Device("msm_iommu.-1");
        Ops = new MsmIommuOps(this);
    }

    /// <summary>The order-based core the ops are registered with.</summary>
    public IommuCore Core { get; }

    /// <summary>Kernel memory services (page allocator for the tables).</summary>
    public KernelMemory KernelMemory { get; }

    /// <summary>The CPU's CP15 PRRR, copied into each context on attach.</summary>
    public uint CpuPrrr { get; }

    /// <summary>The CPU's CP15 NMRR.</summary>
    public uint CpuNmrr { get; }

    /// <summary>msm_iommu_tex_class[] computed from the CPU registers at init.</summary>
    public MsmTexClasses TexClasses { get; }

    /// <summary>The root IOMMU device (id -1).</summary>
    public Device Root { get; }

    /// <summary>msm_iommu_ops.</summary>
    public MsmIommuOps Ops { get; }

    /// <summary>Probed instances in probe order.</summary>
    public IReadOnlyList<MsmIommuDrvdata> Instances => _instances;

    /// <summary>What the fault handler printed: (instance, context, FSR, FAR) per faulting context.</summary>
    public List<(string Instance, int Context, uint Fsr, uint Far)> FaultLog { get; } = new();

    /// <summary>
    /// Boots the 3.0 MSM IOMMU stack on <paramref name="soc"/>: probes every MSM instance and its contexts,
    /// then registers msm_iommu_ops with <paramref name="core"/> (msm_iommu_init, a subsys_initcall).
    /// </summary>
    public static MsmIommuDriver Register(Soc soc, KernelMemory kernelMemory, IommuCore core,
        uint cpuPrrr = MsmTexClasses.DefaultPrrr, uint cpuNmrr = MsmTexClasses.DefaultNmrr)
    {
        ArgumentNullException.ThrowIfNull(soc);
        ArgumentNullException.ThrowIfNull(kernelMemory);
        ArgumentNullException.ThrowIfNull(core);
        var driver = new MsmIommuDriver(core, kernelMemory, cpuPrrr, cpuNmrr);
        foreach (MsmIommu hw in soc.MsmIommus)
        {
            int err = driver.ProbeInstance(hw);
            if (err != 0)
                throw new InvalidOperationException($"msm_iommu probe of \"{hw.Config.Name}\" failed: {Errno.Describe(err)}");
        }
        core.RegisterIommu(driver.Ops);
        return driver;
    }

    /// <summary>
    /// msm_iommu_probe + msm_iommu_ctx_probe for each declared context: clocks on, IDR = 0 → -ENODEV,
    /// reset, request the IRQ, program the M2V table per context, clocks off.
    /// </summary>
    public int ProbeInstance(MsmIommu hw)
    {
        ArgumentNullException.ThrowIfNull(hw);
        var dev = new Device($"msm_iommu.{_instances.Count}", Root);
        var drvdata = new MsmIommuDrvdata(hw, dev);
        drvdata.EnableClocks();
        try
        {
            if (hw.Read(IDR) == 0)
                return -Errno.ENODEV;
            MsmContextProgramming.ResetIommu(hw, drvdata.Ncb);
            hw.Interrupt.Handler = _ => FaultHandler(drvdata);
            foreach (MsmContextConfig ctx in hw.Config.Contexts)
            {
                var ctxDev = new Device($"msm_iommu_ctx.{ctx.Name}", dev) { PlatformData = ctx };
                ctxDev.DriverData = new MsmIommuCtxDrvdata(ctx.Number, ctxDev);
                MsmContextProgramming.ProbeContext(hw, ctx.Number, ctx.Mids);
                _contexts.Add((ctx.Name, ctxDev));
            }
        }
        finally
        {
            drvdata.DisableClocks();
        }
        dev.DriverData = drvdata;
        _instances.Add(drvdata);
        return 0;
    }

    /// <summary>
    /// msm_iommu_get_ctx(ctx_name): the context device whose platform-data name equals
    /// <paramref name="ctxName"/> exactly; NULL (not an error pointer) when none (msm.md §6, §9.20).
    /// </summary>
    public Device? GetCtx(string ctxName)
    {
        foreach ((string name, Device device) in _contexts)
        {
            if (string.Equals(name, ctxName, StringComparison.Ordinal))
                return device;
        }
        return null;
    }

    /// <summary>
    /// msm_iommu_fault_handler (mainline, msm.md §5.12): for every context with a non-zero FSR, log the
    /// registers and write 0x4000000F to FSR. Always IRQ_NONE; RESUME is never written.
    /// </summary>
    internal IrqReturn FaultHandler(MsmIommuDrvdata drvdata)
    {
        drvdata.EnableClocks();
        for (int i = 0; i < drvdata.Ncb; i++)
        {
            uint fsr = ReadCtx(drvdata.Hardware, i, FSR);
            if (fsr == 0)
                continue;
            FaultLog.Add((drvdata.Name, i, fsr, ReadCtx(drvdata.Hardware, i, FAR)));
            WriteCtx(drvdata.Hardware, i, FSR, FSR_MAINLINE_CLEAR);
        }
        drvdata.DisableClocks();
        return IrqReturn.None;
    }
}
