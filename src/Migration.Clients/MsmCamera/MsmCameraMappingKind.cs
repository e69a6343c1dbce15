namespace Migration.Clients.MsmCamera;

/// <summary>The client call site that mapped a buffer (and so which unmap call may release it).</summary>
public enum MsmCameraMappingKind
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
