using Generic.MsmCamera;
using Migration.Hardware.Msm;
using Migration.Scenarios.KnownBad;

namespace Migration.Scenarios.Msm;

/// <summary>The ported world: the same client on the generic IOMMU API (domains, the IovaAllocator library, one byte-sized iommu_map per buffer).</summary>
internal sealed class PortedMsmCameraWorld : MsmCameraWorld
{
    private readonly MsmCameraPlatform _platform;
    private MsmCamera? _cam;

    /// <summary>
    /// A world whose IMEM ping/pong buffers are <paramref name="imemMapSize"/> bytes each (0: the board default,
    /// Y 0x1800 + CbCr 0xC00 rounded to 12K); a 64K IMEM map is what makes the port choose a 64K page. With
    /// <paramref name="knownBad"/> the core's choices on both domains are that port's (test-only).
    /// </summary>
    public PortedMsmCameraWorld(uint imemMapSize = 0, KnownBadPort? knownBad = null)
        : base("Linux 3.3: the camera client on the generic IOMMU API (iommu_map by bytes, IOVAs from the generic allocator)"
            + (knownBad is null ? "" : $", with the known-bad port {knownBad.Name} (test-only)"))
    {
        _platform = imemMapSize == 0
            ? new MsmCameraPlatform(Soc, Kmem)
            : new MsmCameraPlatform(Soc, Kmem)
            {
                ImemYSize = imemMapSize - MsmCameraPlatform.DefaultImemCbcrSize,
                ImemPongPhys = MsmCameraPlatform.DefaultImemPingPhys + imemMapSize,
            };
        knownBad?.Domain(_platform.VideoDomain);
        knownBad?.Domain(_platform.CameraDomain);
    }

    protected override bool IsOpen => _cam is not null;

    protected override int Open() => _cam is not null ? -Migration.Kernel.Errno.EBUSY : MsmCamera.Open(_platform, out _cam);

    protected override int Release()
    {
        if (_cam is null)
            return -Migration.Kernel.Errno.EINVAL;
        return _cam.Release();
    }

    protected override int RegisterFrame(uint phys, uint length, uint flags, out int handle) => Cam.RegisterFrame(phys, length, flags, out handle);

    protected override int UnregisterFrame(int handle) => Cam.UnregisterFrame(handle);

    protected override int JpegMap(uint phys, uint length, out int handle) => Cam.JpegMap(phys, length, out handle);

    protected override int JpegUnmap(int handle) => Cam.JpegUnmap(handle);

    protected override int CodecMap(uint phys, uint length, bool firmware, out int handle) => Cam.CodecMap(phys, length, firmware, out handle);

    protected override int CodecUnmap(int handle) => Cam.CodecUnmap(handle);

    protected override IEnumerable<(string Domain, uint Iova, uint Length)> BufferMappings(int handle) =>
        Cam.Buffers.Where(b => b.Handle == handle).Select(b => (b.Domain, b.Iova, b.Length));

    protected override uint FirstLevelTable(string domain) => Cam.FirstLevelTable(domain);

    protected override IEnumerable<(MsmIommu Instance, int Context)> AttachedContexts(string domain) =>
        Cam.AttachedContexts(domain).Select(c => (c.Instance, c.Number));

    private MsmCamera Cam => _cam ?? throw new InvalidOperationException("the camera is not open (the scenario opens it first)");
}
