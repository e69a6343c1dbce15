namespace Migration.Clients.MsmCamera;

/// <summary>
/// What an era's map call returned for one buffer (the legacy msm_mapped_buffer, or the ported client's own record
/// of its iommu_map calls): the era keeps what its unmap needs, the core reads only the device addresses.
/// </summary>
public abstract class MsmCameraMappedBuffer
{
    /// <summary>A buffer mapped at <paramref name="iovas"/>, one per domain/partition in the call's subsystem order.</summary>
    protected MsmCameraMappedBuffer(IReadOnlyList<MsmCameraIova> iovas)
    {
        ArgumentNullException.ThrowIfNull(iovas);
        Iovas = iovas;
    }

    /// <summary>iova[i] for each subsystem the buffer was mapped for (a codec buffer: VIDEO, then VIDEO_FWARE).</summary>
    public IReadOnlyList<MsmCameraIova> Iovas { get; }
}
