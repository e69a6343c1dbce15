namespace Migration.Hardware.Msm;

/// <summary>
/// Bits of the ARMv7 short-descriptor entries the MSM walker decodes (msm.md §2.6, §3.2). Named after
/// the driver's constants where the driver has one.
/// </summary>
public static class MsmDescriptor
{
    /// <summary>Type field of either level (bits 1:0).</summary>
    public const uint TypeMask = 0x3;

    /// <summary>FL type 01: pointer to a second-level table.</summary>
    public const uint FL_TYPE_TABLE = 0x1;
    /// <summary>FL type 10: section or supersection.</summary>
    public const uint FL_TYPE_SECT = 0x2;
    /// <summary>FL B (bufferable): bit 0 of the memory-type index.</summary>
    public const uint FL_BUFFERABLE = 1u << 2;
    /// <summary>FL C (cacheable): bit 1 of the memory-type index.</summary>
    public const uint FL_CACHEABLE = 1u << 3;
    /// <summary>FL AP0 (FL_AP_WRITE).</summary>
    public const uint FL_AP0 = 1u << 10;
    /// <summary>FL AP1 (FL_AP_READ).</summary>
    public const uint FL_AP1 = 1u << 11;
    /// <summary>FL TEX0: bit 2 of the memory-type index.</summary>
    public const uint FL_TEX0 = 1u << 12;
    /// <summary>FL AP2: read-only.</summary>
    public const uint FL_AP2 = 1u << 15;
    /// <summary>FL S: shareable.</summary>
    public const uint FL_SHARED = 1u << 16;
    /// <summary>FL nG: not global (TLB entry tagged with the ASID).</summary>
    public const uint FL_NG = 1u << 17;
    /// <summary>FL supersection bit (with type 10).</summary>
    public const uint FL_SUPERSECTION = 1u << 18;
    /// <summary>Second-level table address bits of a table-type FL entry.</summary>
    public const uint FL_BASE_MASK = 0xFFFFFC00;
    /// <summary>Section base bits.</summary>
    public const uint FL_SECTION_BASE_MASK = 0xFFF00000;
    /// <summary>Supersection base bits.</summary>
    public const uint FL_SUPERSECTION_BASE_MASK = 0xFF000000;

    /// <summary>SL type 01: 64 KiB large page.</summary>
    public const uint SL_TYPE_LARGE = 0x1;
    /// <summary>SL type bit 1 set (1x): 4 KiB small page.</summary>
    public const uint SL_TYPE_SMALL = 0x2;
    /// <summary>SL B (bufferable).</summary>
    public const uint SL_BUFFERABLE = 1u << 2;
    /// <summary>SL C (cacheable).</summary>
    public const uint SL_CACHEABLE = 1u << 3;
    /// <summary>SL AP0.</summary>
    public const uint SL_AP0 = 1u << 4;
    /// <summary>SL AP1.</summary>
    public const uint SL_AP1 = 1u << 5;
    /// <summary>SL TEX0 of a small page (bit 6).</summary>
    public const uint SL_TEX0 = 1u << 6;
    /// <summary>SL AP2: read-only.</summary>
    public const uint SL_AP2 = 1u << 9;
    /// <summary>SL S: shareable.</summary>
    public const uint SL_SHARED = 1u << 10;
    /// <summary>SL nG: not global.</summary>
    public const uint SL_NG = 1u << 11;
    /// <summary>TEX0 of a large page: the ARMv7 large-page format keeps TEX at bits 14:12 (msm.md §3.3 note).</summary>
    public const uint SL_LARGE_TEX0 = 1u << 12;
    /// <summary>Large page base bits.</summary>
    public const uint SL_BASE_MASK_LARGE = 0xFFFF0000;
    /// <summary>Small page base bits.</summary>
    public const uint SL_BASE_MASK_SMALL = 0xFFFFF000;

    /// <summary>Bits of the memory-type index {TEX0, C, B}: B.</summary>
    public const uint MemoryTypeB = 1u << 0;
    /// <summary>Bits of the memory-type index {TEX0, C, B}: C.</summary>
    public const uint MemoryTypeC = 1u << 1;
    /// <summary>Bits of the memory-type index {TEX0, C, B}: TEX0.</summary>
    public const uint MemoryTypeTex0 = 1u << 2;

    /// <summary>Entries in the first-level table (NUM_FL_PTE).</summary>
    public const int NumFlPte = 4096;
    /// <summary>Entries in a second-level table (NUM_SL_PTE).</summary>
    public const int NumSlPte = 256;

    /// <summary>4 KiB.</summary>
    public const uint SmallPageSize = 0x1000;
    /// <summary>64 KiB.</summary>
    public const uint LargePageSize = 0x10000;
    /// <summary>1 MiB.</summary>
    public const uint SectionSize = 0x100000;
    /// <summary>16 MiB.</summary>
    public const uint SupersectionSize = 0x1000000;

    /// <summary>FL_OFFSET(va) = va &gt;&gt; 20.</summary>
    public static uint FlOffset(uint va) => va >> 20;

    /// <summary>SL_OFFSET(va) = (va &gt;&gt; 12) &amp; 0xFF.</summary>
    public static uint SlOffset(uint va) => (va >> 12) & 0xFF;
}
