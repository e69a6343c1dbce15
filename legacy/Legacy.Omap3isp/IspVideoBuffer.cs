using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Legacy.Omap3isp;

/// <summary>
/// One video buffer of Linux 3.0: the queue's buffer (<see cref="IspVideoBufferCore"/>) with what 3.0's prepare keeps:
/// the scatterlist ispqueue built and the pinned user pages. <see cref="IspVideoBufferCore.Sgt"/> is the sg_table
/// ispmmu_vmap handed to iommu_vmap (null while unmapped).
/// </summary>
public sealed class IspVideoBuffer : IspVideoBufferCore
{
    internal IspVideoBuffer(int index, uint length, IspMemoryType memory)
        : base(index, length, memory)
    {
    }

    /// <summary>buf->sglist / buf->sglen: the scatterlist ispqueue built (null before prepare and after cleanup).</summary>
    public Scatterlist[]? Sglist { get; internal set; }

    /// <summary>buf->pages: the pinned user pages (get_user_pages), or null.</summary>
    internal uint[]? Pages { get; set; }

    /// <summary>buf->npages.</summary>
    internal int Npages { get; set; }
}
