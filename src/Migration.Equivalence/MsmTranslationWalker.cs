using Migration.Hardware.Memory;
using Migration.Hardware.Msm;

namespace Migration.Equivalence;

/// <summary>
/// The MSM IOMMU's hardware walker (msm.md §2.6); attributes pack read-only (bit 0), shareable (bit 1),
/// not-global (bit 2) and the {TEX0,C,B} memory type index (bits 6:4), i.e. what the hardware would use.
/// </summary>
public sealed class MsmTranslationWalker : ITranslationWalker
{
    /// <summary>The ARMv7 Linux PRRR the MSM driver copies into every context (msm.md §3.3).</summary>
    public const uint LinuxPrrr = 0xFF0A81A8;

    /// <summary>The ARMv7 Linux NMRR (msm.md §3.3).</summary>
    public const uint LinuxNmrr = 0x40E040E0;

    /// <summary>Walks tables in <paramref name="memory"/>, decoding memory types with the context's <paramref name="prrr"/>/<paramref name="nmrr"/>.</summary>
    public MsmTranslationWalker(PhysicalMemory memory, uint prrr = LinuxPrrr, uint nmrr = LinuxNmrr)
    {
        ArgumentNullException.ThrowIfNull(memory);
        Memory = memory;
        Prrr = prrr;
        Nmrr = nmrr;
    }

    /// <summary>The PRRR the memory type index is decoded with.</summary>
    public uint Prrr { get; }

    /// <summary>The NMRR the memory type index is decoded with.</summary>
    public uint Nmrr { get; }

    /// <summary>The memory holding the tables.</summary>
    public PhysicalMemory Memory { get; }

    /// <inheritdoc />
    public string Format => "msm";

    /// <inheritdoc />
    public bool Walk(uint root, uint va, out PageEntry entry, out uint faultGranule)
    {
        if (MsmTableWalker.Walk(Memory, root, va, out MsmWalkResult r))
        {
            uint mask = ~(r.PageSize - 1);
            uint address = r.Level == 1
                ? MsmTableWalker.FlEntryAddress(root, va)
                : MsmTableWalker.SlEntryAddress(Memory.ReadWord(MsmTableWalker.FlEntryAddress(root, va)), va);
            uint attributes = (r.ReadOnly ? 1u : 0) | (r.Shareable ? 2u : 0) | (r.NotGlobal ? 4u : 0) | (r.MemoryTypeIndex << 4);
            entry = new PageEntry(va & mask, r.PageSize, r.Pa & mask, attributes, r.Descriptor, address, r.Level);
            faultGranule = 0;
            return true;
        }
        entry = default;
        faultGranule = r.FaultLevel == 2 ? 0x1000u : 0x100000u;
        return false;
    }

    /// <summary>
    /// AP2 makes a page read-only; the {TEX0,C,B} index n picks PRRR TRn (0b10 = Normal) and NMRR IRn (0 = non-cacheable),
    /// the TEX remap the context runs with (msm.md §3.3). ARM descriptors have no byte order.
    /// </summary>
    public DeviceAccess Access(in PageEntry entry)
    {
        int n = (int)(entry.Attributes >> 4) & 7;
        bool normal = ((Prrr >> (2 * n)) & 3) == 2;
        bool innerCached = ((Nmrr >> (2 * n)) & 3) != 0;
        return new DeviceAccess(Writable: (entry.Attributes & 1) == 0, BigEndian: false, Cached: normal && innerCached);
    }

    /// <inheritdoc />
    public uint SecondLevelTable(uint root, uint va)
    {
        uint fl = Memory.ReadWord(MsmTableWalker.FlEntryAddress(root, va));
        return (fl & MsmDescriptor.TypeMask) == MsmDescriptor.FL_TYPE_TABLE ? fl & MsmDescriptor.FL_BASE_MASK : 0;
    }
}
