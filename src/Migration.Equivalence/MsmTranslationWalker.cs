using Migration.Hardware.Memory;
using Migration.Hardware.Msm;

namespace Migration.Equivalence;

/// <summary>
/// The MSM IOMMU's hardware walker (msm.md §2.6); attributes pack read-only (bit 0), shareable (bit 1),
/// not-global (bit 2) and the {TEX0,C,B} memory type index (bits 6:4), i.e. what the hardware would use.
/// </summary>
public sealed class MsmTranslationWalker : ITranslationWalker
{
    /// <summary>Walks tables in <paramref name="memory"/>.</summary>
    public MsmTranslationWalker(PhysicalMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        Memory = memory;
    }

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

    /// <inheritdoc />
    public uint SecondLevelTable(uint root, uint va)
    {
        uint fl = Memory.ReadWord(MsmTableWalker.FlEntryAddress(root, va));
        return (fl & MsmDescriptor.TypeMask) == MsmDescriptor.FL_TYPE_TABLE ? fl & MsmDescriptor.FL_BASE_MASK : 0;
    }
}
