using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;
using static Migration.Drivers.Msm.MsmRegisterAccess;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Drivers.Msm;

/// <summary>
/// The platform-device half of the MSM driver, unchanged from 3.0 to 3.3 (iommu_dev.c): the root
/// device, the "msm_iommu" instance and "msm_iommu_ctx" context devices and their probes (msm.md §2.3,
/// §2.4), msm_iommu_get_ctx (§6), the mainline fault interrupt (§5.12) and the TEX classes found at init.
/// Each era's ops and registration (register_iommu / bus_set_iommu) sit on top of it.
/// </summary>
public sealed class MsmIommuPlatform
{
    private readonly List<MsmIommuDrvdata> _instances = new();
    private readonly List<(string Name, Device Device)> _contexts = new();

    /// <summary>Creates the platform with the CPU's PRRR/NMRR (setup_iommu_tex_classes runs here).</summary>
    public MsmIommuPlatform(KernelMemory kernelMemory, uint cpuPrrr = MsmTexClasses.DefaultPrrr, uint cpuNmrr = MsmTexClasses.DefaultNmrr)
    {
        ArgumentNullException.ThrowIfNull(kernelMemory);
        KernelMemory = kernelMemory;
        CpuPrrr = cpuPrrr;
        CpuNmrr = cpuNmrr;
        TexClasses = MsmTexClasses.FromRegisters(cpuPrrr, cpuNmrr);
        Root = new Device("msm_iommu.-1");
    }

    /// <summary>Kernel memory services (page allocator for the tables).</summary>
    public KernelMemory KernelMemory { get; }

    /// <summary>The CPU's CP15 PRRR, copied into each context on attach.</summary>
    public uint CpuPrrr { get; }

    /// <summary>The CPU's CP15 NMRR.</summary>
    public uint CpuNmrr { get; }

    /// <summary>msm_iommu_tex_class[] computed from the CPU registers at init.</summary>
    public MsmTexClasses TexClasses { get; }

    /// <summary>
    /// msm_iommu_lock (msm.md §4): the one global lock that serialises every MSM op (an IRQ-safe spinlock in
    /// mainline and CAF 3.0, a mutex in CAF 3.4); the ops take it, <see cref="MsmDomainOps"/> and
    /// <see cref="MsmPageTable"/> run with it held. Reentrant, as a C# monitor is.
    /// </summary>
    public object Lock { get; } = new();

    /// <summary>The root IOMMU device (id -1).</summary>
    public Device Root { get; }

    /// <summary>Probed instances in probe order.</summary>
    public IReadOnlyList<MsmIommuDrvdata> Instances => _instances;

    /// <summary>What the fault handler printed: (instance, context, FSR, FAR) per faulting context.</summary>
    public List<(string Instance, int Context, uint Fsr, uint Far)> FaultLog { get; } = new();

    /// <summary>TLBIALL/TLBIASID writes issued by flushes (compared by the benchmarks with a gathered flush).</summary>
    public int TlbInvalidations { get; set; }

    /// <summary>Probes every MSM instance of <paramref name="soc"/>; throws when a probe fails (a broken board file).</summary>
    public void ProbeAll(Soc soc)
    {
        ArgumentNullException.ThrowIfNull(soc);
        foreach (MsmIommu hw in soc.MsmIommus)
        {
            int err = ProbeInstance(hw);
            if (err != 0)
                throw new InvalidOperationException($"msm_iommu probe of \"{hw.Config.Name}\" failed: {Errno.Describe(err)}");
        }
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
        lock (Lock) // spin_lock(&msm_iommu_lock), as the kernel handler does
            return FaultHandlerLocked(drvdata);
    }

    private IrqReturn FaultHandlerLocked(MsmIommuDrvdata drvdata)
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
