using Migration.Drivers.Omap;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Drivers.Tests;

/// <summary>
/// A fresh simulated OMAP MMU plus the driver state on top of it, built the way
/// OmapPgtableSuite does: table arena at 0x80000000 (8 MiB), a 1 KiB L2 slab cache and a zeroed
/// 16 KiB L1 table as the first allocation of the arena.
/// </summary>
internal sealed class OmapTestRig
{
    public const uint ArenaBase = 0x80000000;
    public const uint ArenaSize = 0x800000;

    public OmapTestRig(OmapAttributeEncoding encoding = OmapAttributeEncoding.Linux30, OmapMmuConfig? config = null, uint background = 0)
    {
        Memory = new PhysicalMemory(background);
        Pages = new PhysicalPageAllocator(Memory, ArenaBase, ArenaSize);
        L2Cache = new SlabCache("iovmm_pte", Pages, IopgtableFormat.IOPTE_TABLE_SIZE);
        Mmu = new OmapMmu(config ?? OmapMmuConfig.Isp, Memory);
        Instance = new OmapIommuInstance(Mmu, new Omap2IommuArch(encoding), L2Cache, new KernelMemory(Pages));
        Instance.Iopgd = Pages.AllocPages(2, zero: true);
    }

    public PhysicalMemory Memory { get; }

    public PhysicalPageAllocator Pages { get; }

    public SlabCache L2Cache { get; }

    public OmapMmu Mmu { get; }

    public OmapIommuInstance Instance { get; }

    /// <summary>Builds a rig with the MMU enabled (table walker on); asserts enable returned 0.</summary>
    public static OmapTestRig Enabled(OmapAttributeEncoding encoding = OmapAttributeEncoding.Linux30)
    {
        var rig = new OmapTestRig(encoding);
        Assert.Equal(0, rig.Instance.Arch.Enable(rig.Instance));
        return rig;
    }

    /// <summary>iotlb_init_entry + iopgtable_store_entry for a mapping of <paramref name="bytes"/>.</summary>
    public int Store(uint da, uint pa, uint bytes, uint attrFlags = 0)
    {
        int code = IopgSize.BytesToIopgsz(bytes);
        Assert.True(code >= 0, $"0x{bytes:x} is not a page size");
        IotlbEntry.Init(out IotlbEntry e, da, pa, (uint)code | attrFlags);
        return OmapPageTable.StoreEntry(Instance, e);
    }

    public uint Clear(uint da) => OmapPageTable.ClearEntry(Instance, da);

    /// <summary>Physical address of the L1 word for <paramref name="da"/> (computed independently of the driver).</summary>
    public uint L1Address(uint da) => Instance.Iopgd + ((da >> 20) << 2);

    /// <summary>The L1 word for <paramref name="da"/>.</summary>
    public uint L1(uint da) => Memory.ReadWord(L1Address(da));

    /// <summary>The L1 word at index <paramref name="index"/>.</summary>
    public uint L1At(uint index) => Memory.ReadWord(Instance.Iopgd + (index << 2));

    /// <summary>The L2 word for <paramref name="da"/>; the L1 entry must be a table pointer.</summary>
    public uint L2(uint da)
    {
        uint l1 = L1(da);
        Assert.Equal(1u, l1 & 3);
        return Memory.ReadWord((l1 & 0xFFFFFC00) + (((da >> 12) & 0xFF) << 2));
    }

    /// <summary>Base of the L2 table the L1 entry for <paramref name="da"/> points to.</summary>
    public uint L2Base(uint da)
    {
        uint l1 = L1(da);
        Assert.Equal(1u, l1 & 3);
        return l1 & 0xFFFFFC00;
    }

    /// <summary>LOCK = 0 (base 0, victim 0) so the walker fills entries from index 0.</summary>
    public void ResetLock() => OmapTlb.LockSet(Instance, new IotlbLock(0, 0));

    public uint Reg(uint offset) => Mmu.Read(offset);

    public int LockBase => (int)((Reg(MMU_LOCK) >> 10) & 0x1F);

    public int LockVict => (int)((Reg(MMU_LOCK) >> 4) & 0x1F);

    /// <summary>Indices of valid TLB entries.</summary>
    public int[] ValidTlbEntries() =>
        Enumerable.Range(0, Mmu.TlbEntries).Where(i => Mmu.PeekTlb(i).Valid).ToArray();

    /// <summary>True when some valid TLB entry maps <paramref name="da"/>.</summary>
    public bool TlbCovers(uint da) =>
        Enumerable.Range(0, Mmu.TlbEntries).Any(i => Mmu.PeekTlb(i).Matches(da));

    /// <summary>An entry as iotlb_cr_to_e would produce it (valid = CAM V bit 0x4), for direct TLB loads.</summary>
    public static IotlbEntry CrStyleEntry(uint da, uint pa, uint pgszCode, bool preserved = false) => new()
    {
        Da = da,
        Pa = pa,
        Pgsz = pgszCode,
        Valid = MMU_CAM_V,
        Prsvd = preserved ? MMU_CAM_P : 0,
    };
}

/// <summary>Records, for every word written to physical memory, the address, value and a snapshot predicate.</summary>
internal sealed class SnapshotWriteObserver : IPhysicalWriteObserver
{
    private readonly Func<bool> _probe;

    public SnapshotWriteObserver(Func<bool> probe) => _probe = probe;

    public List<(uint Pa, uint Value, bool Probe)> Writes { get; } = new();

    public void OnWordWritten(uint pa, uint value) => Writes.Add((pa, value, _probe()));
}
