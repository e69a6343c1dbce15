using Migration.Hardware.Memory;
using Migration.Hardware.Msm;

namespace Migration.Equivalence;

/// <summary>
/// The MSM IOMMU's hardware walker (msm.md §2.6) over a first-level table; attributes pack read-only (bit 0),
/// shareable (bit 1), not-global (bit 2) and the {TEX0,C,B} memory type index (bits 6:4).
/// </summary>
public sealed class MsmTranslationWalker : ITranslationWalker
{
    /// <summary>Walks the table at <paramref name="flTable"/> in <paramref name="memory"/>.</summary>
    public MsmTranslationWalker(PhysicalMemory memory, uint flTable)
    {
        ArgumentNullException.ThrowIfNull(memory);
        Memory = memory;
        FlTable = flTable;
    }

    /// <summary>The memory holding the tables.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>Physical address of the first-level table.</summary>
    public uint FlTable { get; }

    /// <inheritdoc />
    public bool Walk(uint va, out uint pageBasePa, out uint pageSize, out uint attributes, out uint faultGranule)
    {
        if (MsmTableWalker.Walk(Memory, FlTable, va, out MsmWalkResult r))
        {
            pageSize = r.PageSize;
            pageBasePa = r.Pa & ~(r.PageSize - 1);
            attributes = (r.ReadOnly ? 1u : 0) | (r.Shareable ? 2u : 0) | (r.NotGlobal ? 4u : 0) | (r.MemoryTypeIndex << 4);
            faultGranule = 0;
            return true;
        }
        pageBasePa = pageSize = attributes = 0;
        faultGranule = r.FaultLevel == 2 ? 0x1000u : 0x100000u;
        return false;
    }
}
