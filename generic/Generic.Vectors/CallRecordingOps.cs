using Generic.Iommu;
using Migration.Kernel;
using Migration.Vectors;
using static Migration.Vectors.ResultComparer;

namespace Generic.Vectors;

/// <summary>
/// Wraps a driver's ops and records the map/unmap calls the generic core makes, in the vectors'
/// "calls" notation (fn=iova=paddr=size=prot=ret / fn=iova=size=ret).
/// </summary>
public sealed class CallRecordingOps : IIommuOps
{
    private readonly IIommuOps _inner;

    /// <summary>Records calls made to <paramref name="inner"/>.</summary>
    public CallRecordingOps(IIommuOps inner) => _inner = inner;

    /// <summary>The calls since the last clear.</summary>
    public List<string> Calls { get; } = new();

    /// <inheritdoc />
    public uint PgsizeBitmap => _inner.PgsizeBitmap;

    /// <inheritdoc />
    public bool HasMap => _inner.HasMap;

    /// <inheritdoc />
    public bool HasUnmap => _inner.HasUnmap;

    /// <inheritdoc />
    public int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot)
    {
        int ret = _inner.Map(domain, iova, paddr, size, prot);
        Calls.Add(string.Join("=", "map", Hex(iova), Hex(paddr), Hex(size), Int(prot), Int(ret)));
        return ret;
    }

    /// <inheritdoc />
    public uint Unmap(IommuDomain domain, uint iova, uint size)
    {
        uint ret = _inner.Unmap(domain, iova, size);
        Calls.Add(string.Join("=", "unmap", Hex(iova), Hex(size), Hex(ret)));
        return ret;
    }

    /// <inheritdoc />
    public int DomainInit(IommuDomain domain) => _inner.DomainInit(domain);

    /// <inheritdoc />
    public void DomainDestroy(IommuDomain domain) => _inner.DomainDestroy(domain);

    /// <inheritdoc />
    public int AttachDev(IommuDomain domain, Device dev) => _inner.AttachDev(domain, dev);

    /// <inheritdoc />
    public void DetachDev(IommuDomain domain, Device dev) => _inner.DetachDev(domain, dev);

    /// <inheritdoc />
    public uint IovaToPhys(IommuDomain domain, uint iova) => _inner.IovaToPhys(domain, iova);

    /// <inheritdoc />
    public int DomainHasCap(IommuDomain domain, uint cap) => _inner.DomainHasCap(domain, cap);
}
