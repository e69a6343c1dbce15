using Legacy.Msm;
using Migration.Clients.MsmCamera;
using Migration.Kernel;

namespace Legacy.MsmCamera;

/// <summary>
/// What the gemini, pmem table and vidc address tables keep for a subsystem buffer in 3.0: the msm_mapped_buffer
/// and the subsys_ids array it points at, which subsystem_map.c stores without copying (msm.md §7.6 step 5).
/// </summary>
public sealed class MsmCameraMapping : MsmCameraMappedBuffer
{
    internal MsmCameraMapping(int[] subsysIds, ErrPtr<MsmMappedBuffer> buffer)
        : base(IovasOf(subsysIds, buffer.Value!))
    {
        SubsysIds = subsysIds;
        Buffer = buffer;
    }

    /// <summary>The subsys_ids array handed to msm_subsystem_map_buffer (kept alive: the node points at it).</summary>
    public int[] SubsysIds { get; }

    /// <summary>The msm_mapped_buffer msm_subsystem_map_buffer returned.</summary>
    public ErrPtr<MsmMappedBuffer> Buffer { get; }

    // iova[i] of each subsystem, named by the domain msm_subsystem_get_domain_no puts it in (msm.md §7.6).
    private static MsmCameraIova[] IovasOf(int[] subsysIds, MsmMappedBuffer buf)
    {
        var list = new MsmCameraIova[subsysIds.Length];
        for (int i = 0; i < subsysIds.Length; i++)
        {
            string domain = MsmSubsystem.MsmSubsystemGetDomainNo(subsysIds[i]) == MsmDomainNumbers.VIDEO_DOMAIN
                ? MsmCameraDomainNames.Video
                : MsmCameraDomainNames.Camera;
            list[i] = new MsmCameraIova(domain, buf.Iova![i]);
        }
        return list;
    }
}
