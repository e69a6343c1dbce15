using Generic.Iommu;
using Migration.Kernel;
using Migration.Vectors;
using static Migration.Vectors.ResultComparer;

namespace Generic.Vectors;

/// <summary>
/// The recording fake driver of the pgsize-split suite (vectors README; NOT kernel code): map fails on
/// the configured call number, unmap is "tracked", "echo" or "zero", either op may be NULL.
/// </summary>
public sealed class PgsizeSplitFakeDriver : IIommuOps
{
    private readonly int _failMapCall;
    private readonly int _failErrno;
    private readonly string _unmapMode;
    private int _mapCalls;

    /// <summary>Builds the driver from a case config.</summary>
    public PgsizeSplitFakeDriver(uint pgsizeBitmap, int failMapCall, int failErrno, string unmapMode, bool mapNull, bool unmapNull)
    {
        PgsizeBitmap = pgsizeBitmap;
        _failMapCall = failMapCall;
        _failErrno = failErrno;
        _unmapMode = unmapMode;
        HasMap = !mapNull;
        HasUnmap = !unmapNull;
    }

    /// <inheritdoc />
    public uint PgsizeBitmap { get; }

    /// <inheritdoc />
    public bool HasMap { get; }

    /// <inheritdoc />
    public bool HasUnmap { get; }

    /// <summary>Recorded mappings (iova, size).</summary>
    public List<(uint Iova, uint Size)> Mapped { get; } = new();

    /// <summary>Calls of the current op, in the vectors' notation.</summary>
    public List<string> Calls { get; } = new();

    /// <inheritdoc />
    public int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot)
    {
        int ret = ++_mapCalls == _failMapCall ? _failErrno : 0;
        if (ret == 0)
            Mapped.Add((iova, size));
        Calls.Add(string.Join("=", "map", Hex(iova), Hex(paddr), Hex(size), Int(prot), Int(ret)));
        return ret;
    }

    /// <inheritdoc />
    public uint Unmap(IommuDomain domain, uint iova, uint size)
    {
        uint ret = 0;
        switch (_unmapMode)
        {
            case "tracked":
                int i = Mapped.FindIndex(m => m.Iova <= iova && iova < (ulong)m.Iova + m.Size); // the harness does not wrap
                if (i >= 0)
                {
                    ret = Mapped[i].Size;
                    Mapped.RemoveAt(i);
                }
                break;
            case "echo":
                ret = size;
                break;
        }
        Calls.Add(string.Join("=", "unmap", Hex(iova), Hex(size), Hex(ret)));
        return ret;
    }

    /// <inheritdoc />
    public int DomainInit(IommuDomain domain) => 0;

    /// <inheritdoc />
    public void DomainDestroy(IommuDomain domain)
    {
    }

    /// <inheritdoc />
    public int AttachDev(IommuDomain domain, Device dev) => 0;

    /// <inheritdoc />
    public void DetachDev(IommuDomain domain, Device dev)
    {
    }

    /// <inheritdoc />
    public uint IovaToPhys(IommuDomain domain, uint iova) => 0;

    /// <inheritdoc />
    public int DomainHasCap(IommuDomain domain, uint cap) => 0;
}
