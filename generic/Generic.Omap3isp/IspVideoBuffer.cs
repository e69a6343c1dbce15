using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// One video buffer after the port: the queue's buffer (<see cref="IspVideoBufferCore"/>) whose
/// <see cref="IspVideoBufferCore.Sgt"/> is buf->sglist/sglen as an sg_table (null until prepared, and after
/// cleanup), and whether dma_map_sg of it is still to be undone.
/// </summary>
public sealed class IspVideoBuffer : IspVideoBufferCore
{
    internal IspVideoBuffer(int index, uint length, IspMemoryType memory)
        : base(index, length, memory)
    {
    }

    /// <summary>buf->sglist: the entries of <see cref="IspVideoBufferCore.Sgt"/> (null when there is none).</summary>
    public Scatterlist[]? Sglist => Sgt?.Sgl;

    /// <summary>True while dma_map_sg of <see cref="IspVideoBufferCore.Sgt"/> has not been undone.</summary>
    internal bool DmaMapped { get; set; }
}
