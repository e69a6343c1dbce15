using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Migration.Drivers.Omap;

/// <summary>
/// The per-MMU state that struct iommu (3.0) and struct omap_iommu (3.2+) share: register window,
/// TLB size, L1 table, da range, the iovmm area list and the context save area (omap.md §4.1).
/// The page-table, TLB and allocator code of <see cref="OmapPageTable"/>, <see cref="OmapTlb"/> and
/// <see cref="IovmAreaAllocator"/> works on it; each era's object adds only what that era changed.
/// </summary>
public sealed class OmapIommuInstance
{
    private uint _iopgd;

    /// <summary>Registers saved by save_ctx: the whole 256-byte window (MMU_REG_SIZE / 4).</summary>
    public const int ContextWords = (int)(OmapMmuRegisters.MMU_REG_SIZE / 4);

    /// <summary>Binds the driver state to <paramref name="mmu"/>.</summary>
    public OmapIommuInstance(OmapMmu mmu, Omap2IommuArch arch, SlabCache l2Cache, KernelMemory kernelMemory)
    {
        ArgumentNullException.ThrowIfNull(mmu);
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(l2Cache);
        ArgumentNullException.ThrowIfNull(kernelMemory);
        Mmu = mmu;
        Arch = arch;
        L2Cache = l2Cache;
        KernelMemory = kernelMemory;
        NrTlbEntries = mmu.Config.NrTlbEntries;
        DaStart = mmu.Config.DaStart;
        DaEnd = mmu.Config.DaEnd;
    }

    /// <summary>obj->name: the platform name ("isp").</summary>
    public string Name => Mmu.Config.Name;

    /// <summary>The MMU device behind obj->regbase.</summary>
    public OmapMmu Mmu { get; }

    /// <summary>The installed arch function table (iommu2.c).</summary>
    public Omap2IommuArch Arch { get; }

    /// <summary>iopte_cachep: the 1 KiB L2 table cache.</summary>
    public SlabCache L2Cache { get; }

    /// <summary>Kernel memory services (kmalloc/vmalloc/ioremap) the driver uses.</summary>
    public KernelMemory KernelMemory { get; }

    /// <summary>Physical memory holding the tables.</summary>
    public PhysicalMemory Memory => Mmu.Memory;

    /// <summary>obj->clk.</summary>
    public HardwareClock Clock => Mmu.Clock;

    /// <summary>obj->nr_tlb_entries.</summary>
    public int NrTlbEntries { get; set; }

    /// <summary>obj->iopgd: physical address of the 16 KiB L1 table; 0 is NULL. Setting it forgets the L2 walk.</summary>
    public uint Iopgd
    {
        get => _iopgd;
        set
        {
            _iopgd = value;
            L2Walk = default;
        }
    }

    /// <summary>
    /// TLB flush operations the driver issued (flush_iotlb_page, one range scan, flush_iotlb_all each count once):
    /// what the benchmarks and tests compare between the per-page and the batched paths. Not a register.
    /// </summary>
    public int TlbFlushes { get; set; }

    /// <summary>
    /// The last L2 table the batched store used (<see cref="OmapPageTableRun"/>): consecutive runs that land in it are
    /// written without reading the L1 entry again. Every path that rewrites an L1 entry forgets it, under
    /// <see cref="PageTableLock"/>. Not kernel state: a walk cache of the model's batched path.
    /// </summary>
    internal OmapL2Walk L2Walk { get; set; }

    /// <summary>
    /// obj->page_table_lock (omap.md §4.8): guards the L1/L2 tables; taken by iopgtable_store_entry around
    /// the writer only (dropped around the L2 allocation), iopgtable_clear_entry and clear_entry_all.
    /// </summary>
    public object PageTableLock { get; } = new();

    /// <summary>obj->da_start.</summary>
    public uint DaStart { get; set; }

    /// <summary>obj->da_end.</summary>
    public uint DaEnd { get; set; }

    /// <summary>obj->mmap: the iovm areas in kernel list order (normally ascending da).</summary>
    public List<IovmArea> Mmap { get; } = new();

    /// <summary>obj->ctx: the register save area of save_ctx/restore_ctx.</summary>
    public uint[] Ctx { get; } = new uint[ContextWords];

    /// <summary>
    /// Count of writes the kernel makes through a section descriptor used as an L2 pointer
    /// (omap.md §8.4: undefined, writes into unrelated memory).
    /// </summary>
    public int UndefinedWrites { get; private set; }

    /// <summary>Raised for each undefined write with a description (da and the descriptor misused).</summary>
    public event Action<string>? UndefinedBehaviour;

    /// <summary>iommu_read_reg(obj, offs).</summary>
    public uint ReadReg(uint offset) => Mmu.Read(offset);

    /// <summary>iommu_write_reg(obj, val, offs).</summary>
    public void WriteReg(uint value, uint offset) => Mmu.Write(offset, value);

    internal void ReportUndefined(uint da, uint iopgd)
    {
        UndefinedWrites++;
        UndefinedBehaviour?.Invoke(
            $"{Name}: 4K/64K store at da 0x{da:x8} under L1 descriptor 0x{iopgd:x8} that is not a table: writes through it as if it were one");
    }

    /// <inheritdoc />
    public override string ToString() => $"omap-iommu \"{Name}\"";
}
