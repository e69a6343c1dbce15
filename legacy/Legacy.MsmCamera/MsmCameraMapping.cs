using Legacy.Msm;
using Migration.Kernel;

namespace Legacy.MsmCamera;

/// <summary>
/// The client's record of one live buffer: what msm_isp.c keeps for IMEM (the iova), what the gemini, pmem
/// table and vidc address tables keep for a subsystem buffer (the msm_mapped_buffer and the subsys_ids array
/// it points at, which subsystem_map.c stores without copying, msm.md §7.6 step 5).
/// </summary>
internal sealed class MsmCameraMapping
{
    /// <summary>An IMEM buffer mapped with msm_iommu_map_contig_buffer.</summary>
    public MsmCameraMapping(uint phys, uint length, uint iova)
    {
        Kind = MsmCameraMappingKind.Imem;
        Phys = phys;
        Length = length;
        ContigIova = iova;
        SubsysIds = [];
    }

    /// <summary>A buffer mapped with msm_subsystem_map_buffer for <paramref name="subsysIds"/>.</summary>
    public MsmCameraMapping(MsmCameraMappingKind kind, uint phys, uint length, int[] subsysIds, ErrPtr<MsmMappedBuffer> buffer)
    {
        Kind = kind;
        Phys = phys;
        Length = length;
        SubsysIds = subsysIds;
        Buffer = buffer;
    }

    /// <summary>Which call site mapped the buffer (and so which unmap call may release it).</summary>
    public MsmCameraMappingKind Kind { get; }

    /// <summary>The buffer's physical address.</summary>
    public uint Phys { get; }

    /// <summary>Bytes mapped onto the buffer (rounded up to 4 KiB, without 2X padding).</summary>
    public uint Length { get; }

    /// <summary>The iova msm_iommu_map_contig_buffer returned (IMEM only).</summary>
    public uint ContigIova { get; }

    /// <summary>The subsys_ids array handed to msm_subsystem_map_buffer (kept alive: the node points at it).</summary>
    public int[] SubsysIds { get; }

    /// <summary>The msm_mapped_buffer msm_subsystem_map_buffer returned (not IMEM).</summary>
    public ErrPtr<MsmMappedBuffer> Buffer { get; }
}

/// <summary>The client call site that created a <see cref="MsmCameraMapping"/>.</summary>
internal enum MsmCameraMappingKind
{
    /// <summary>msm_isp_open: an IMEM ping/pong buffer.</summary>
    Imem,

    /// <summary>msm_pmem_table_add's role: a registered frame buffer.</summary>
    Frame,

    /// <summary>msm_gemini_platform_v2p: a JPEG encoder buffer.</summary>
    Jpeg,

    /// <summary>vidc_insert_addr_table / ddl_pmem_alloc: a codec or firmware buffer.</summary>
    Codec,
}
