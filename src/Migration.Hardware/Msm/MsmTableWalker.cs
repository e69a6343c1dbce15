using Migration.Hardware.Memory;
using static Migration.Hardware.Msm.MsmDescriptor;

namespace Migration.Hardware.Msm;

/// <summary>
/// The MSM IOMMU's hardware table walker (msm.md §2.6): ARMv7 short descriptors with TTBCR = 0, read
/// from <see cref="PhysicalMemory"/> exactly as the hardware decodes them. One function per level.
/// </summary>
public static class MsmTableWalker
{
    /// <summary>
    /// Walks the table whose first-level array starts at <paramref name="ttbr0TableBase"/> (TTBR0.PA &lt;&lt; 14,
    /// used as given) for <paramref name="va"/>. True with the translation; false on a translation fault,
    /// with <see cref="MsmWalkResult.FaultLevel"/> = 1 or 2 and the faulting descriptor.
    /// </summary>
    public static bool Walk(PhysicalMemory memory, uint ttbr0TableBase, uint va, out MsmWalkResult result)
    {
        ArgumentNullException.ThrowIfNull(memory);
        uint fl = memory.ReadWord(FlEntryAddress(ttbr0TableBase, va));
        if ((fl & TypeMask) == FL_TYPE_TABLE)
            return WalkSecondLevel(memory, fl, va, out result);
        return DecodeFirstLevel(fl, va, out result);
    }

    /// <summary>
    /// The physical address <paramref name="va"/> translates to under the table at <paramref name="tableBase"/>,
    /// or 0 on a fault (what msm_iommu_iova_to_phys returns; the "walk" op of the msm-pgtable vectors).
    /// </summary>
    public static uint WalkToPhys(PhysicalMemory memory, uint tableBase, uint va) =>
        Walk(memory, tableBase, va, out MsmWalkResult r) ? r.Pa : 0;

    /// <summary>Physical address of the FL entry for <paramref name="va"/>: base + 4·(va &gt;&gt; 20) (msm.md §2.6 step 1).</summary>
    public static uint FlEntryAddress(uint tableBase, uint va) => tableBase + (FlOffset(va) << 2);

    /// <summary>Physical address of the SL entry under table-type FL entry <paramref name="fl"/>: (fl &amp; 0xFFFFFC00) + 4·((va &gt;&gt; 12) &amp; 0xFF) (step 2).</summary>
    public static uint SlEntryAddress(uint fl, uint va) => (fl & FL_BASE_MASK) + (SlOffset(va) << 2);

    private static bool DecodeFirstLevel(uint fl, uint va, out MsmWalkResult result)
    {
        if ((fl & TypeMask) != FL_TYPE_SECT)
        {
            // 00 invalid, 11 reserved: translation fault at the first level (msm.md §2.6 step 1).
            result = Fault(fl, 1);
            return false;
        }
        bool super = (fl & FL_SUPERSECTION) != 0;
        uint baseMask = super ? FL_SUPERSECTION_BASE_MASK : FL_SECTION_BASE_MASK;
        result = new MsmWalkResult(
            Pa: (fl & baseMask) | (va & ~baseMask),
            PageSize: super ? SupersectionSize : SectionSize,
            Descriptor: fl,
            Level: 1,
            ReadOnly: (fl & FL_AP2) != 0,
            NotGlobal: (fl & FL_NG) != 0,
            MemoryTypeIndex: MemoryType(fl, FL_TEX0, FL_CACHEABLE, FL_BUFFERABLE),
            Shareable: (fl & FL_SHARED) != 0,
            FaultLevel: 0);
        return true;
    }

    private static bool WalkSecondLevel(PhysicalMemory memory, uint fl, uint va, out MsmWalkResult result)
    {
        uint sl = memory.ReadWord(SlEntryAddress(fl, va));
        uint type = sl & TypeMask;
        if (type == 0)
        {
            result = Fault(sl, 2); // FSR.TF with FSR.SL (msm.md §2.6 step 2)
            return false;
        }
        bool large = type == SL_TYPE_LARGE;
        uint baseMask = large ? SL_BASE_MASK_LARGE : SL_BASE_MASK_SMALL;
        // A large page keeps TEX at bits 14:12 in the ARMv7 format; the driver's SL_TEX0 (bit 6) is
        // ignored there by the hardware (msm.md §3.3 note).
        uint tex0 = large ? SL_LARGE_TEX0 : SL_TEX0;
        result = new MsmWalkResult(
            Pa: (sl & baseMask) | (va & ~baseMask),
            PageSize: large ? LargePageSize : SmallPageSize,
            Descriptor: sl,
            Level: 2,
            ReadOnly: (sl & SL_AP2) != 0,
            NotGlobal: (sl & SL_NG) != 0,
            MemoryTypeIndex: MemoryType(sl, tex0, SL_CACHEABLE, SL_BUFFERABLE),
            Shareable: (sl & SL_SHARED) != 0,
            FaultLevel: 0);
        return true;
    }

    // {TEX0, C, B} as index bits 2, 1, 0 (msm.md §2.6 step 4, §3.3 "class bits").
    private static uint MemoryType(uint d, uint tex0, uint c, uint b) =>
        ((d & tex0) != 0 ? MemoryTypeTex0 : 0) | ((d & c) != 0 ? MemoryTypeC : 0) | ((d & b) != 0 ? MemoryTypeB : 0);

    private static MsmWalkResult Fault(uint descriptor, int level) => new(0, 0, descriptor, 0, false, false, 0, false, level);
}
